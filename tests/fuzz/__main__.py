"""``python -m tests.fuzz --count 3000 --seed 1``: the fuzz run of docs/fuzzing.md, with its summary table."""

from __future__ import annotations

import argparse
import sys

from tests.fuzz.runner import FAILURES, run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--count", type=int, default=3000, help="inputs through the Python API")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cli", type=int, default=30, help="how many of them also go through the command line")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds one input may take")
    parser.add_argument("--examples", type=int, default=5, help="examples listed per failure kind")
    args = parser.parse_args(argv)
    summary = run(args.seed, args.count, cli=args.cli, timeout=args.timeout,
                  progress=lambda s: print(f"... {s.inputs} inputs, {s.failed} failures", file=sys.stderr))
    print(summary.table())
    for kind in FAILURES:
        for example in summary.examples.get(kind, [])[:args.examples]:
            print(f"- {kind}: {example}")
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
