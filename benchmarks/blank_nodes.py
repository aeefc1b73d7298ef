#!/usr/bin/env python3
"""Time the export of blank-node structures: an RDF list and nested blank nodes (issue 17, canonical labels).

    .venv/bin/python benchmarks/blank_nodes.py [--sizes 500,2000,10000] [--backend oxigraph]

For each size it writes an invented Turtle file with one list of that many items (``ex:s ex:p (ex:i0 ex:i1 …)``),
one list of that many equal items (``( ex:o ex:o … )``: no item tells the nodes apart) and as many
``[ ex:q "v" ]`` descriptions nested 200 deep (the deepest mougraph reads is 256), and times ``mougraph export
-f nt`` of each (loading included, in this process), printing a table in seconds.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from mougraph import store
from mougraph.export import export

PREFIX = "@prefix ex: <http://example.org/invented/> .\n"


def documents(n: int) -> dict[str, str]:
    tree = "[ ex:q " * 200 + '"v"' + " ]" * 200
    nested = "".join(f"ex:s{k} ex:p {tree} .\n" for k in range(max(1, n // 200)))
    return {
        "list of distinct items": PREFIX + "ex:s ex:p (" + " ".join(f"ex:i{i}" for i in range(n)) + ") .\n",
        "list of equal items": PREFIX + "ex:s ex:p (" + " ex:o" * n + " ) .\n",
        "nested blank nodes (200 deep)": PREFIX + nested,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--backend", default="oxigraph", choices=store.BACKENDS)
    args = parser.parse_args()
    store.configure(args.backend)
    print("| structure | items | triples | export -f nt (s) |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            for what, text in documents(n).items():
                path = Path(tmp) / "data.ttl"
                path.write_text(text, encoding="utf-8")
                start = time.perf_counter()
                graph = store.load_files([path])
                data = export(graph, "nt")
                seconds = time.perf_counter() - start
                triples = data.count(b"\n")
                print(f"| {what} | {n} | {triples} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
