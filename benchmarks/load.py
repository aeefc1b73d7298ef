#!/usr/bin/env python3
"""Load test of ``mougraph serve``: ordinary clients, plus a few heavy ones that try to starve them.

    .venv/bin/python benchmarks/load.py [--clients 50] [--heavy 3] [--duration 60] [--processes 2] [--url URL]
                                        [--serve-args "--query-workers 2"] [--out build/load.json]

Without ``--url`` it starts ``mougraph serve`` on a free port of 127.0.0.1 (with ``--serve-args``), waits for it,
and stops it at the end. Then, for ``--duration`` seconds:

- ``--clients`` ordinary clients, each a loop without pause (one request at a time, its own ``User-Agent``, a
  seeded random choice per request): a shipped query (``queries/*.rq``) by GET, by POST as a form or by POST as
  ``application/sparql-query``, in every result format (CSV, TSV, SPARQL JSON, SPARQL XML); or a resource page
  (one of the dataset's resources) in HTML, Turtle or JSON-LD;
- ``--heavy`` heavy clients, each a loop sending a COUNT over a cartesian product of the whole graph (hours of
  work if it ran; ``--heavy-vary`` makes each text distinct, so that the server cannot answer it from memory).

It prints, per class (SPARQL by GET, SPARQL by POST, pages, heavy), the number of requests, p50, p95 and max in
milliseconds, and the answers by status. Errors are the ordinary clients' answers other than 2xx and their failed
requests (timeouts, resets); the heavy clients' refusals (400, 429, 503) are expected and listed apart. The
target (issue 17): ordinary SPARQL p95 at most 2 s, 0 errors. Exit status 1 when it is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
BASE = "https://w3id.org/mougraph/"
RESULT_TYPES = ["text/csv", "text/tab-separated-values", "application/sparql-results+json",
                "application/sparql-results+xml"]
PAGE_TYPES = ["text/html", "text/turtle", "application/ld+json"]
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
RESOURCES = (f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), \"{BASE}id/\")) }} "
             f"ORDER BY ?s LIMIT 200")
P95_TARGET_MS = 2000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args: list[str]) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mougraph.cli", "serve", "--host", "127.0.0.1", "--port",
                             str(port), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(url + "/", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start in 180 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def resource_paths(url: str) -> list[str]:
    r = httpx.get(url + "/sparql", params={"query": RESOURCES}, headers={"Accept": "application/sparql-results+json"},
                  timeout=60)
    r.raise_for_status()
    iris = [b["s"]["value"] for b in r.json()["results"]["bindings"]]
    return ["/" + iri[len(BASE):] for iri in iris if "#" not in iri] or ["/id/org/seoul"]


def sparql_request(rng: random.Random, queries: list[str]) -> tuple[str, dict]:
    text = rng.choice(queries)
    accept = rng.choice(RESULT_TYPES)
    how = rng.choice(["get", "form", "body"])
    if how == "get":
        return "sparql GET", {"method": "GET", "url": "/sparql", "params": {"query": text},
                              "headers": {"Accept": accept}}
    if how == "form":
        return "sparql POST", {"method": "POST", "url": "/sparql", "data": {"query": text},
                               "headers": {"Accept": accept}}
    return "sparql POST", {"method": "POST", "url": "/sparql", "content": text.encode(),
                           "headers": {"Accept": accept, "Content-Type": "application/sparql-query"}}


async def client_loop(name: str, url: str, until: float, pick, results: dict) -> None:
    # redirects followed, as browsers do: a thing's IRI answers 303 See Other to its page
    async with httpx.AsyncClient(base_url=url, timeout=60, headers={"User-Agent": name},
                                 follow_redirects=True) as http:
        while time.monotonic() < until:
            label, request = pick()
            started = time.monotonic()
            try:
                r = await http.request(**request)
                status = str(r.status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            results[label].append((time.monotonic() - started, status))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


async def run(url: str, args, pages: list[str], part: int = 0, parts: int = 1, until: float = 0.0) -> dict:
    """Run the clients ``i`` with ``i % parts == part`` until ``until`` (time.time())."""
    queries = [p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))]
    results: dict[str, list] = defaultdict(list)
    until = time.monotonic() + (until - time.time())
    tasks = []
    for i in range(part, args.clients, parts):
        rng = random.Random(i)

        def pick(rng=rng):
            if rng.random() < 0.5:
                return sparql_request(rng, queries)
            return "page", {"method": "GET", "url": rng.choice(pages), "headers": {"Accept": rng.choice(PAGE_TYPES)}}

        tasks.append(client_loop(f"load-client-{i}", url, until, pick, results))
    counter = iter(range(part, 10**9, parts))
    for i in range(part, args.heavy, parts):
        def heavy():
            text = f"{HEAVY} # {next(counter)}" if args.heavy_vary else HEAVY
            return "heavy", {"method": "POST", "url": "/sparql", "data": {"query": text}}

        tasks.append(client_loop(f"heavy-client-{i}", url, until, heavy, results))
    await asyncio.gather(*tasks)
    return dict(results)


def _part(job: tuple) -> dict:
    url, args, pages, part, parts, until = job
    return asyncio.run(run(url, args, pages, part, parts, until))


def run_all(url: str, args) -> dict:
    """All clients, spread over ``args.processes`` processes (one asyncio loop each: a single loop of httpx
    clients would itself become the bottleneck and count its own delays as the server's)."""
    pages = resource_paths(url)
    until = time.time() + args.duration
    jobs = [(url, args, pages, part, args.processes, until) for part in range(args.processes)]
    if args.processes == 1:
        parts = [_part(jobs[0])]
    else:
        with multiprocessing.get_context("spawn").Pool(args.processes) as pool:
            parts = pool.map(_part, jobs)
    results: dict[str, list] = defaultdict(list)
    for part in parts:
        for label, rows in part.items():
            results[label].extend(rows)
    return results


def report(results: dict, duration: float) -> tuple[dict, bool]:
    summary = {}
    ok = True
    print(f"{'class':<12} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  answers")
    for label in ("sparql GET", "sparql POST", "page", "heavy"):
        rows = results.get(label, [])
        times = [t * 1000 for t, _ in rows]
        statuses = Counter(s for _, s in rows)
        errors = sum(n for s, n in statuses.items() if not s.startswith("2")) if label != "heavy" else 0
        entry = {"requests": len(rows), "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
                 "max_ms": max(times, default=float("nan")), "statuses": dict(sorted(statuses.items())),
                 "errors": errors}
        summary[label] = entry
        print(f"{label:<12} {len(rows):>8} {entry['p50_ms']:>8.0f} {entry['p95_ms']:>8.0f} {entry['max_ms']:>8.0f}  "
              f"{', '.join(f'{s}: {n}' for s, n in sorted(statuses.items()))}")
        if label.startswith("sparql") and entry["p95_ms"] > P95_TARGET_MS:
            ok = False
        if errors:
            ok = False
    total = sum(len(v) for v in results.values())
    print(f"{total} requests in {duration:g} s ({total / duration:.0f}/s); ordinary errors: "
          f"{sum(e['errors'] for e in summary.values())}; target p95 <= {P95_TARGET_MS} ms, 0 errors: "
          f"{'met' if ok else 'MISSED'}")
    return summary, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="ordinary clients (default 50)")
    parser.add_argument("--heavy", type=int, default=3, help="heavy clients (default 3)")
    parser.add_argument("--heavy-vary", action="store_true", help="make each heavy query's text distinct")
    parser.add_argument("--duration", type=float, default=60, help="seconds (default 60)")
    parser.add_argument("--processes", type=int, default=2, help="client processes (default 2)")
    parser.add_argument("--url", help="an endpoint already running (default: start mougraph serve)")
    parser.add_argument("--serve-args", default="", help="options of mougraph serve, e.g. '--query-workers 4'")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    proc = None
    url = args.url
    if url is None:
        proc, url = start_server(shlex.split(args.serve_args))
    try:
        results = run_all(url, args)
    finally:
        if proc is not None:
            stop_server(proc)
    summary, ok = report(results, args.duration)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()}, "classes": summary,
                                        "target_met": ok}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
