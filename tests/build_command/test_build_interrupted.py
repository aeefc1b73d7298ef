"""A build that fails, is interrupted or is killed leaves the earlier build's files whole."""

import importlib
import os
import signal
import subprocess
import sys
import time

import pytest

from mougraph import build

build_module = importlib.import_module("mougraph.build")  # the module: the package exports the function build


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("stop", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_build_that_stops_half_way_leaves_the_earlier_build(home, tmp_path, monkeypatch, stop):
    out = tmp_path / "out"
    build(out)
    (out / "bench").mkdir()
    (out / "bench" / "results.md").write_text("kept\n")
    before = _snapshot(out)

    def failing(*args, **kwargs):
        raise stop

    monkeypatch.setattr(build_module, "export_many", failing)  # the last step: queries and report are written
    with pytest.raises(type(stop)):
        build(out)
    assert _snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left behind


def test_a_build_replaces_its_own_outputs_and_keeps_the_rest(home, tmp_path):
    out = tmp_path / "out"
    (out / "queries").mkdir(parents=True)
    (out / "queries" / "gone.report.csv").write_text("stale\n")
    (out / "bench").mkdir()
    (out / "bench" / "results.md").write_text("kept\n")
    report = build(out)
    assert not (out / "queries" / "gone.report.csv").exists()
    assert (out / "bench" / "results.md").read_text() == "kept\n"
    assert all(f.is_file() and f.parent.resolve() in (out.resolve(), (out / "queries").resolve())
               for f in report.files + [q.output for q in report.queries])


def test_a_killed_build_leaves_whole_files(home, tmp_path):
    out = tmp_path / "out"
    build(out)
    before = _snapshot(out)
    code = f"from mougraph import build; build({str(out)!r})"
    for delay in (0.5, 1.5, 3.0):
        process = subprocess.Popen([sys.executable, "-c", code], env=os.environ.copy())
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _snapshot(out) == before  # the same input builds the same bytes: any file is the earlier one
