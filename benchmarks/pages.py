#!/usr/bin/env python3
"""How fast the published pages are on a large synthetic graph (issue 15, item 7).

    .venv/bin/python benchmarks/pages.py [--triples 1000000] [--publish-triples 100000] [--pages 50]
                                         [--out build/bench-pages] [--no-app] [--no-publish] [--processes N]

Writes a synthetic graph (``mougraph synth``, seed 1, cached in ``OUT/``), builds the app of ``mougraph serve``
on it (``create_app``; requests go through Starlette's test client, so routing, negotiation and rendering are
measured, the network is not) and times, each page rendered for the first time (documents are cached after):

- the pages of ``--pages`` resources spread over the whole graph (every k-th resource), in Korean;
- the page of the local government with the most agreements and of the one with the number nearest to 500
  (how many is printed), in Korean and English;
- ``mougraph publish`` of a ``--publish-triples`` graph, end to end (``--processes``: how many write its
  documents; default, one per available core).

``--no-app`` skips the pages (and the large graph), ``--no-publish`` skips publish: to time one part alone.

Targets (issue 15): a resource page ≤ 50 ms, a government page with 500 agreements ≤ 200 ms, publish of 100k
triples ≤ 60 s. Prints a table; nothing is asserted (speed is checked here, never by timed tests).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from starlette.testclient import TestClient  # noqa: E402

from mougraph.publishing.publish import processes_available, publish  # noqa: E402
from mougraph.publishing.server.app import ServerConfig, create_app, settle  # noqa: E402
from mougraph.store import load_all  # noqa: E402
from mougraph.synth import synth  # noqa: E402
from mougraph.vocab import MG  # noqa: E402


def graph_file(out: Path, triples: int) -> Path:
    path = out / f"synth-{triples}.nt"
    if not path.is_file():
        synth(triples, path, seed=1)
    return path


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--publish-triples", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-pages")
    parser.add_argument("--no-app", action="store_true", help="skip the pages of the large graph")
    parser.add_argument("--no-publish", action="store_true", help="skip publish")
    parser.add_argument("--processes", type=int, default=None, help="processes of publish (default: the cores)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print("| measurement | median | p95 | max | target |")
    print("| --- | --- | --- | --- | --- |")
    if not args.no_app:
        pages(args)
    if not args.no_publish:
        publish_data = graph_file(args.out, args.publish_triples)
        with tempfile.TemporaryDirectory(dir=args.out) as tmp:
            start, cpu = time.perf_counter(), _cpu()
            report = publish(Path(tmp) / "site", data=[publish_data], processes=args.processes)
            published, cpu = time.perf_counter() - start, _cpu() - cpu
        # the CPU time of all its processes too: on a shared machine the wall time says more about the others
        print(f"| publish {args.publish_triples:,} triples ({len(report.files):,} files, processes: "
              f"{args.processes or processes_available()}; CPU {cpu:.1f} s) | {published:.1f} s | | | ≤ 60 s |")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def _cpu() -> float:
    """CPU seconds of this process and of its ended children (publish's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pages(args) -> None:
    data = graph_file(args.out, args.triples)
    start = time.perf_counter()
    graph = load_all([data])
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    app = create_app(graph, ServerConfig(data=[str(data)]))
    settle()  # as mougraph serve does
    built = time.perf_counter() - start
    client = TestClient(app)
    site = app.state.publication.site
    paths = sorted(site.resources)
    step = max(1, len(paths) // args.pages)
    times = []
    for path in paths[::step][: args.pages]:
        start = time.perf_counter()
        r = client.get(path + "/index.html")
        times.append(time.perf_counter() - start)
        assert r.status_code == 200, path
    agreements = Counter(o for o in site.graph.objects(None, MG.party))
    governments = [(o, n) for o, n in agreements.items() if (o, MG.tier, None) in site.graph]
    most = max(governments, key=lambda item: (item[1], str(item[0])))
    # the target speaks of 500 agreements: the government with the number nearest to it, when another
    near = min(governments, key=lambda item: (abs(item[1] - 500), str(item[0])))
    gov_times = {}
    for government, count in dict.fromkeys([most, near]):
        gov_path = site.resource_path(government)
        for name in ("index.html", "index.en.html"):
            start = time.perf_counter()
            r = client.get(f"{gov_path}/{name}")
            gov_times[gov_path, count, name] = time.perf_counter() - start
            assert r.status_code == 200

    print(f"| graph: {len(graph):,} triples ({data.name}); load {loaded:.1f} s; app {built:.1f} s; "
          f"{len(paths):,} resources | | | | |")
    q = sorted(times)
    print(f"| resource page, first render ({len(times)} pages) | {ms(statistics.median(q))} | "
          f"{ms(q[int(len(q) * 0.95) - 1])} | {ms(q[-1])} | ≤ 50 ms |")
    for (gov_path, count, name), t in gov_times.items():
        print(f"| government page {gov_path} ({count} agreements), {name} | {ms(t)} | | "
              "| ≤ 200 ms (500 agreements) |")


if __name__ == "__main__":
    sys.exit(main())
