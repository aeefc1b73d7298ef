"""What a run killed by SIGKILL leaves beside its output (a staging folder, a temporary file) is removed by the
next run; what a running process is writing is not (issue 17: publish killed 7 times left 5 staging folders)."""

import os
import subprocess
import sys

from mougraph.io import atomic_write, staged_folder


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_next_run_removes_what_a_killed_run_left(tmp_path):
    dead, alive = _dead_pid(), os.getppid()
    stale = tmp_path / f".site.staging-{dead}-abc"
    (stale / "id").mkdir(parents=True)
    busy = tmp_path / f".site.staging-{alive}-abc"
    busy.mkdir()
    stale_file = tmp_path / f".graph.ttl.{dead}-xyz.tmp"
    stale_file.write_text("half")
    (tmp_path / "graph.ttl").write_text("earlier")
    with staged_folder(tmp_path / "site", whole=True) as folder:
        (folder / "index.html").write_text("new")
    atomic_write(tmp_path / "graph.ttl", "whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([busy.name, "graph.ttl", "site"])
