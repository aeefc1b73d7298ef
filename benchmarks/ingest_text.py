"""Seconds per document of `mougraph ingest` once the gazetteer and the graph are loaded (issue 14: ≤ 2 s).

    .venv/bin/python benchmarks/ingest_text.py [FILE ...]     # default: the two seeds and the invented documents

Loading (the gazetteer index, data/) is timed apart; each document is then ingested and written as Turtle
five times, and the best and the mean are printed.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from mougraph.gazetteer.resolution import default_index
from mougraph.ingest.existing import known
from mougraph.ingest.graph import turtle
from mougraph.ingest.text import ingest_text

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "seeds" / "press-release-2023-04-10.txt",
           ROOT.parent / "shared" / "seeds" / "news-article-2023-04-10.txt",
           *sorted((ROOT / "tests" / "ingest" / "documents").glob("*.txt"))]


def main(paths: list[Path]) -> None:
    start = time.perf_counter()
    default_index()
    known()
    print(f"load: {time.perf_counter() - start:.2f} s")
    for path in paths:
        if not path.is_file():
            print(f"{path.name}: not found, skipped")
            continue
        times = []
        for _ in range(5):
            t = time.perf_counter()
            turtle(ingest_text(path, published="2023-04-10" if "press-release" in path.name else None), path.name)
            times.append(time.perf_counter() - t)
        print(f"{path.name}: best {min(times):.3f} s, mean {statistics.mean(times):.3f} s per document")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or DEFAULT)
