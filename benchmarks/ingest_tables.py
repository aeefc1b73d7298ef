#!/usr/bin/env python3
"""Time table ingest on a synthetic portal table (issue 14's target: 10,000 rows in 30 s or less).

    .venv/bin/python benchmarks/ingest_tables.py [--rows 10000] [--encoding cp949|utf-8-sig] [--keep DIR]

Writes a table of layout institution-partner-date (기관명 / 자매결연 체결 기관명 / 자매결연일) with invented rows:
Korean bodies of the gazetteer as owners, partners that are Korean bodies (about a third) or invented foreign
cities with their country written first, dates by day, month or year; the same seed gives the same table. Prints
the time to ingest it and to write the draft as Turtle, and the size of the graph.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mougraph.export import serialize  # noqa: E402
from mougraph.gazetteer.resolution import default_index  # noqa: E402
from mougraph.ingest.tables import ingest_table  # noqa: E402

COUNTRIES = ("중국", "일본", "미국", "베트남", "몽골", "프랑스", "캐나다", "호주")


def table(rows: int, seed: int = 14) -> str:
    rng = random.Random(seed)
    bodies = sorted(b.label for b in default_index().bodies.values() if not b.end)
    lines = ["기관명,자매결연 체결 기관명,자매결연일"]
    for n in range(rows):
        owner = rng.choice(bodies)
        partner = rng.choice(bodies) if rng.random() < 0.33 else f"{rng.choice(COUNTRIES)} 가상도시{n % 900}시"
        year, month, day = rng.randint(1965, 2025), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice((f"{year}", f"{year}.{month:02d}", f"{year}-{month:02d}-{day:02d}", f"{year}년 {month}월"))
        lines.append(f"{owner},{partner},{date}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--encoding", default="cp949", choices=("cp949", "utf-8-sig", "utf-8"))
    parser.add_argument("--keep", type=Path, help="write the table and the draft here instead of a temporary folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="mougraph-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "synthetic-sister-cities.csv"
    path.write_bytes(table(args.rows).encode(args.encoding))
    start = time.perf_counter()
    graph, notes = ingest_table(path)
    ingested = time.perf_counter() - start
    turtle = serialize(graph, "turtle")
    total = time.perf_counter() - start
    (folder / "draft.ttl").write_bytes(turtle)
    print(f"rows: {args.rows} ({args.encoding}), triples: {len(graph)}, notes: {len(notes)}")
    print(f"ingest: {ingested:.2f} s; with the Turtle written: {total:.2f} s (target: 30 s)")
    print(f"files in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
