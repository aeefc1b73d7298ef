"""Start-up time of the command line: ``mougraph --help`` and ``mougraph --version``, each in a fresh process.

Target (issue 16): at most 0.3 s each. Run::

    .venv/bin/python benchmarks/startup.py            # median of 7 runs of each
    .venv/bin/python benchmarks/startup.py --repeat 15
    .venv/bin/python benchmarks/startup.py --cpu      # CPU time: what the start-up costs when other work runs

It also lists what ``python -X importtime`` says the slowest imports of ``mougraph --help`` are, and fails (exit 1)
when ``--help`` imports rdflib, pySHACL or owlready2: those are what made start-up slow.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time

TARGET = 0.3
HEAVY = ("rdflib", "pyshacl", "owlready2", "werkzeug", "starlette")
RUN = "import sys; sys.argv = ['mougraph', *sys.argv[1:]]; from mougraph.cli import main; main()"


def timed(args: list[str], code: str = RUN) -> float:
    """Seconds the process took: wall-clock time, or its CPU time (user + system) when ``CPU`` is set."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu if CPU else wall


CPU = False


def heavy_imports(args: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", RUN, *args], capture_output=True, text=True)
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _self, cumulative, name = line.split(":", 1)[1].split("|")
            rows.append((int(cumulative), name.rstrip()))
    names = {name.strip().split(".")[0] for _, name in rows}
    return sorted(h for h in HEAVY if h in names), sorted(rows, reverse=True)[:8]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--cpu", action="store_true",
                        help="measure CPU time (user + system) instead of wall-clock time: steadier on a busy machine")
    args = parser.parse_args()
    global CPU
    CPU = args.cpu
    print("CPU time" if CPU else "wall-clock time")
    ok = True
    # what no command line can go below: Python starting and importing click (on a busy machine both grow alike)
    floor = statistics.median(timed([], "import click") for _ in range(args.repeat))
    print(f"python -c 'import click' median {floor:.3f} s (the floor, for comparison on a busy machine)")
    for argv in (["--help"], ["--version"]):
        times = [timed(argv) for _ in range(args.repeat)]
        median = statistics.median(times)
        verdict = "ok" if median <= TARGET else f"SLOWER than {TARGET} s"
        print(f"mougraph {argv[0]:<10} median {median:.3f} s, min {min(times):.3f} s "
              f"over {args.repeat} runs ({median - floor:+.3f} s over the floor): {verdict}")
        heavy, slowest = heavy_imports(argv)
        if heavy:
            print(f"  imports {', '.join(heavy)}: start-up must not load them")
            ok = False
        print("  slowest imports (cumulative µs): " + ", ".join(f"{name.strip()} {us}" for us, name in slowest[:5]))
        ok = ok and median <= TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
