#!/usr/bin/env python3
"""Kill ``mougraph export -o FILE``, ``mougraph publish -o DIR`` and ``mougraph build -o DIR`` with SIGKILL at random
moments; check that what they had written before is still there, byte for byte.

    .venv/bin/python benchmarks/kill_outputs.py [--kills 10] [--commands export,publish,build] [--seed 1]
                                                [--out build/kill_outputs.json]

For each command, a first run over the shipped data writes the *earlier* output (a file, or a folder). A run over
other data (the shipped data without its first file) is measured once into another place, which gives the *new*
output. Then each killed run writes over the earlier output, with SIGKILL sent after a random delay (uniform between
0 and the time a whole run takes). A kill that lands while the process runs must leave the earlier output byte-
identical (every file, no file more or less), or, when it came after the new output was swapped in, the new one; a
run that ended before its kill must have written the new output whole, byte for byte (every command writes the
same bytes for the same input). Temporary files a killed run left beside the output (SIGKILL gives no chance to
remove them; no run reads them) are counted and named, and one more run after the last kill must have removed
them. After each trial the earlier output is written again. It prints, per command, the kills that landed while
the process ran and how many left the earlier output byte-identical; exit status 1 if any output was neither the
earlier nor the new one, or a temporary file outlived the next run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], env: dict, *, kill_after: float | None = None) -> tuple[int | None, float]:
    """(exit status or None if killed, seconds) of one ``mougraph`` run."""
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "mougraph.cli", *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            return None, time.monotonic() - started
    _out, err = proc.communicate()
    if proc.returncode != 0:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return proc.returncode, time.monotonic() - started


def snapshot(path: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file at ``path`` (a file, or a folder and its files)."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []
    return {str(item.relative_to(path.parent)): hashlib.sha256(item.read_bytes()).hexdigest() for item in files}


def leftovers(path: Path) -> list[str]:
    """What else sits in the folder of ``path``: a temporary file or folder a killed run could not remove (SIGKILL
    gives no chance to clean up), which the next run does not read."""
    return sorted(other.name for other in path.parent.iterdir() if other.name != path.name)


def trial(command: str, kills: int, rng: random.Random, work: Path) -> dict:
    env = {**os.environ, "MOUGRAPH_HOME": str(ROOT)}
    data = sorted(p for p in (ROOT / "data").glob("*.ttl"))
    other_input = [str(p) for p in data[1:]]
    name = {"export": "graph.ttl", "publish": "site", "build": "release"}[command]

    def args(target: Path, inputs: list[str]) -> list[str]:
        return [command, *inputs, "-o", str(target)]

    earlier_at, new_at = work / command / "out" / name, work / command / "new" / name
    earlier_at.parent.mkdir(parents=True)
    new_at.parent.mkdir(parents=True)
    code, whole = _run(args(earlier_at, []), env)
    if code != 0:
        raise SystemExit(f"{command}: the first run failed with {code}")
    earlier = snapshot(earlier_at)
    code, again = _run(args(new_at, other_input), env)
    whole = min(whole, again)  # (the first run may be slower: files not yet in the page cache)
    new = snapshot(new_at)  # (keys relative to the folder the output sits in: comparable with the earlier's)
    if code != 0 or new == earlier:
        raise SystemExit(f"{command}: the run over other data failed ({code}) or wrote the same output")
    landed = intact = swapped = finished = 0
    left: list[str] = []
    failures = []
    for i in range(kills):
        delay = rng.uniform(0, whole)
        code, _ = _run(args(earlier_at, other_input), env, kill_after=delay)
        after = snapshot(earlier_at)
        left.extend(item for item in leftovers(earlier_at) if item not in left)
        is_new = after == new  # every command writes the same bytes for the same input
        if code is None:
            landed += 1
            intact += after == earlier
            swapped += is_new  # the kill came after the new output was in place whole, before the process ended
            if after != earlier and not is_new:
                failures.append({"kill": i, "delay_s": round(delay, 3), "found": "neither the earlier nor the new"})
        else:
            finished += 1
            if code != 0 or not is_new:
                failures.append({"kill": i, "delay_s": round(delay, 3), "found": f"exit {code}, not the new output"})
        if after != earlier:  # the earlier output again, for the next kill
            code, _ = _run(args(earlier_at, []), env)
            if code != 0 or snapshot(earlier_at) != earlier:
                raise SystemExit(f"{command}: writing the earlier output again failed, or gave other bytes")
    code, _ = _run(args(earlier_at, []), env)  # the next run removes what killed runs left
    remaining = leftovers(earlier_at)
    return {"command": command, "kills": kills, "leftovers_after_next_run": len(remaining),
            "landed_while_running": landed, "earlier_intact": intact,
            "new_whole_when_killed": swapped,
            "ended_before_kill": finished, "leftovers": len(left), "leftover_names": left,
            "whole_run_s": round(whole, 2), "failures": failures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=10, help="kills per command (default 10)")
    parser.add_argument("--commands", default="export,publish,build",
                        help="a comma-separated list of export, publish and build (default: all three)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    results = []
    with tempfile.TemporaryDirectory(prefix="mougraph-kill-") as tmp:
        for command in args.commands.split(","):
            result = trial(command, args.kills, rng, Path(tmp))
            results.append(result)
            print(f"{command:<8} kills: {result['kills']}, landed while running: {result['landed_while_running']}, "
                  f"earlier output byte-identical after: {result['earlier_intact']}/{result['landed_while_running']} "
                  f"(the rest: new output already whole: {result['new_whole_when_killed']}), "
                  f"ended before the kill (new output whole): {result['ended_before_kill']}, "
                  f"temporary files left beside it: {result['leftovers']}, still there after the next run: "
                  f"{result['leftovers_after_next_run']} "
                  f"(a whole run: {result['whole_run_s']} s)", flush=True)
            for failure in result["failures"]:
                print(f"  FAILED kill {failure['kill']} at {failure['delay_s']} s: {failure['found']}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0 if all(not r["failures"] and not r["leftovers_after_next_run"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
