#!/usr/bin/env python3
"""Kill ``mougraph`` with SIGKILL at random moments while it uses a persistent store; check the store reopens right.

    .venv/bin/python benchmarks/kill_store.py [--kills 10] [--modes load,query] [--query cq01-partners]
                                              [--seed 1] [--out build/kill_store.json]

It copies the project's ontology/, data/ and queries/ into a temporary ``MOUGRAPH_HOME`` and runs
``mougraph query QUERY -f csv`` with ``MOUGRAPH_STORE_DIR`` set (the same as ``mougraph --store DIR``):

- ``load``: before each run the data files are touched, so the run loads them into the store again (a stale
  named graph removed, the files parsed into it, the restore map saved, the manifest written);
- ``query``: the store is up to date, so the run reopens it and queries.

Each run is killed with SIGKILL after a random delay, uniform between 0 and the time a whole run of that mode
takes (measured first). After each kill, a run to the end must give exactly the answer the memory backend gives
(``MOUGRAPH_STORE=memory``, no store). It prints, per mode, the kills that landed while the process ran and the
reopened runs that gave the same answer; exit status 1 if any differed or failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(env: dict, query: str, *, kill_after: float | None = None) -> tuple[int | None, bytes, float]:
    """(exit status or None if killed, stdout, seconds) of one ``mougraph query`` run."""
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "mougraph.cli", "query", query, "-f", "csv"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            return None, b"", time.monotonic() - started
    out, err = proc.communicate()
    if proc.returncode != 0:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return proc.returncode, out, time.monotonic() - started


def _touch(home: Path) -> None:
    now = time.time_ns()
    for path in sorted((home / "data").rglob("*")):
        if path.is_file():
            os.utime(path, ns=(now, now))


def trial(mode: str, kills: int, query: str, rng: random.Random, work: Path) -> dict:
    home = work / f"home-{mode}"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, home / name)
    env = {**os.environ, "MOUGRAPH_HOME": str(home)}
    env.pop("MOUGRAPH_STORE_DIR", None)
    code, expected, _ = _run({**env, "MOUGRAPH_STORE": "memory"}, query)
    if code != 0 or not expected:
        raise SystemExit(f"the reference run (memory backend) failed with {code}")
    env["MOUGRAPH_STORE_DIR"] = str(work / f"store-{mode}")
    _touch(home)
    code, first, whole = _run(env, query)  # creates the store and measures a whole run
    if code != 0 or first != expected:
        raise SystemExit(f"{mode}: a run on a fresh store differs from the memory backend")
    landed = same = 0
    failures = []
    for i in range(kills):
        if mode == "load":
            _touch(home)
        delay = rng.uniform(0, whole)
        code, _, took = _run(env, query, kill_after=delay)
        landed += code is None
        code, answer, _ = _run(env, query)
        if code == 0 and answer == expected:
            same += 1
        else:
            failures.append({"kill": i, "delay_s": round(delay, 3), "exit": code})
    return {"mode": mode, "kills": kills, "landed_while_running": landed, "same_answer_after": same,
            "whole_run_s": round(whole, 2), "failures": failures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=10, help="kills per mode (default 10)")
    parser.add_argument("--modes", default="load,query", help="load, query or both (default)")
    parser.add_argument("--query", default="cq01-partners", help="shipped query to run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    results = []
    with tempfile.TemporaryDirectory(prefix="mougraph-kill-") as tmp:
        for mode in args.modes.split(","):
            result = trial(mode, args.kills, args.query, rng, Path(tmp))
            results.append(result)
            print(f"{mode:<6} kills: {result['kills']}, landed while running: {result['landed_while_running']}, "
                  f"same answer after: {result['same_answer_after']}/{result['kills']} "
                  f"(a whole run: {result['whole_run_s']} s)", flush=True)
            for failure in result["failures"]:
                print(f"  FAILED after kill {failure['kill']} at {failure['delay_s']} s: exit {failure['exit']}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0 if all(not r["failures"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
