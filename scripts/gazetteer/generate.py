"""Regenerate data/reference/local-governments.ttl from the pinned packages.

    python scripts/gazetteer/fetch_sources.py      # once: downloads and checks the three wheels
    python scripts/gazetteer/generate.py [--sources FOLDER] [--out FILE]

The output is sorted Turtle: the same packages give the same bytes (tests/gazetteer checks the committed file
against a regeneration when the wheels are present).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mougraph.gazetteer.graph import generate
from mougraph.io import atomic_write, resource_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=None, help="folder of the pinned wheels")
    parser.add_argument("--out", type=Path, default=None, help="output file")
    args = parser.parse_args(argv)
    out = args.out or resource_dir("data") / "reference" / "local-governments.ttl"
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, generate(args.sources).encode("utf-8"))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
