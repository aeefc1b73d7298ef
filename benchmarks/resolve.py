#!/usr/bin/env python3
"""Time ``mougraph.resolve`` after start-up (the index is built once, then each answer is looked up).

    .venv/bin/python benchmarks/resolve.py [--repeat 200]

Prints the start-up time (reading data/reference and building the index) and the mean and worst time per answer
over the written forms of tests/gazetteer/test_resolve.py. The target of issue 13 is under 50 ms per answer.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mougraph.gazetteer.resolution import default_index, resolve  # noqa: E402
from tests.gazetteer.test_resolve import TABLE  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    start = time.perf_counter()
    default_index()
    startup = time.perf_counter() - start
    times = []
    for _ in range(args.repeat):
        for name, on, near, _expected in TABLE:
            t = time.perf_counter()
            resolve(name, on=on, near=near)
            times.append(time.perf_counter() - t)
    print(f"start-up (index built once): {startup * 1000:.0f} ms")
    print(f"answers: {len(times)}, mean {sum(times) / len(times) * 1000:.3f} ms, worst {max(times) * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
