"""Oxigraph's in-memory store keeps removed quads (issue 18, item 4): a minimal reproduction, and what a run of
the rules costs with and without a fresh store per run.

    .venv/bin/python benchmarks/oxigraph_memory.py --quads 300000            # pyoxigraph alone (the upstream report)
    .venv/bin/python benchmarks/oxigraph_memory.py --graph big.nt --runs 4   # materialise, repeated on one graph

The first part uses pyoxigraph only: quads added to a named graph and the graph removed, again and again; the
resident memory grows with every run that adds quads the store has not held before (``Store.optimize()`` does
nothing for the in-memory store), and a little with every run that adds the same ones again. The second part
runs ``mougraph.reasoning.rules.materialise`` several times on one graph, first in the graph's own store (as
``mougraph reason`` does), then each time on a fresh copy of it that is dropped afterwards. Each part in its own
process, so that one does not inherit the other's heap.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return -1


def reproduce(quads: int) -> None:
    import pyoxigraph as ox

    store = ox.Store()
    data, temporary = ox.NamedNode("urn:x-example:data"), ox.NamedNode("urn:x-example:temporary")
    p, q = ox.NamedNode("urn:x-example:p"), ox.NamedNode("urn:x-example:q")
    store.bulk_extend(ox.Quad(ox.NamedNode(f"urn:x-example:s{i}"), p, ox.Literal(str(i)), data)
                      for i in range(quads))
    print(f"pyoxigraph {ox.__version__}: {quads} quads loaded: {rss_mb()} MB")
    for label, value in (("the same quads", lambda run, i: str(i)), ("new quads", lambda run, i: f"{run}-{i}")):
        for run in range(3):
            store.extend(ox.Quad(ox.NamedNode(f"urn:x-example:s{i}"), q, ox.Literal(value(run, i)), temporary)
                         for i in range(quads))
            store.remove_graph(temporary)
            store.optimize()
            print(f"  {label}, run {run}: {quads} added to a graph, the graph removed: {rss_mb()} MB "
                  f"({sum(1 for _ in store.quads_for_pattern(None, None, None, temporary))} left in it)")


def materialise_runs(graph_file: str, runs: int, fresh: bool) -> None:
    import mougraph
    from mougraph.reasoning.rules import materialise
    from mougraph.store import merge

    graph = mougraph.load_all([graph_file])
    print(f"{'fresh store per run' if fresh else 'the graph own store'}: {len(graph)} triples loaded: {rss_mb()} MB")
    for run in range(runs):
        started = time.perf_counter()
        target = merge(graph, backend_name="oxigraph") if fresh else graph
        copied = time.perf_counter() - started
        inferred = len(materialise(target).inferred)
        del target
        gc.collect()
        print(f"  run {run}: {time.perf_counter() - started:.2f} s" + (f" (copy {copied:.2f} s)" if fresh else "")
              + f", {inferred} inferred: {rss_mb()} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=300_000)
    parser.add_argument("--graph", help="an N-Triples file (e.g. from mougraph synth) for the materialise runs")
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--part", choices=["reproduce", "own", "fresh"], help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.part == "reproduce":
        reproduce(opts.quads)
    elif opts.part in ("own", "fresh"):
        materialise_runs(opts.graph, opts.runs, opts.part == "fresh")
    else:
        parts = ["reproduce"] + (["own", "fresh"] if opts.graph else [])
        for part in parts:
            subprocess.run([sys.executable, __file__, "--part", part, "--quads", str(opts.quads), "--runs",
                            str(opts.runs)] + (["--graph", opts.graph] if opts.graph else []), check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
