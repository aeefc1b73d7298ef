#!/usr/bin/env python3
"""Benchmark mougraph against the plain stack on synthetic agreement graphs.

    .venv/bin/python benchmarks/run.py [--sizes 10000,100000,1000000] [--repeat 3] [--out build/bench]

For each size it writes a synthetic graph (``mougraph synth``, seed 1, cached in ``OUT/data/``) and measures,
side by side:

- **mougraph**: the project's entry points with the default store (Oxigraph): ``mougraph.load_all``, reopening
  a persistent store (``--store``), ``mougraph.validation``, the rule materialisation of ``mougraph.reasoning.rules``
  (reasoning), every shipped query (``mougraph.query.available_queries()``: the ``queries/*.report.rq`` reports
  and the ``queries/*.check.rq`` checks, all SELECT, so none is left out) through ``mougraph.query`` (CSV
  rendered), the N-Triples and JSON-LD exports of ``mougraph.export`` (stable bytes), and ``mougraph.build`` end
  to end;
- **baseline**: the plain stack: rdflib's in-memory ``Graph.parse``, ``pyshacl.validate`` on the same shapes,
  owlrl's OWL 2 RL closure, ``Graph.query`` + CSV on the same queries, rdflib's own N-Triples and JSON-LD
  serialisers, and ``mougraph build`` with ``MOUGRAPH_STORE=memory``.

Every measurement runs in its own process (``--worker``), which times the operation alone (not the interpreter
start, the imports or, except for "load", the loading of the graph) and reports its own peak RSS. The queries
of one side run one after the other in one process per repetition (each query timed on its own). The table
gives the median over ``--repeat`` runs, the largest peak RSS, the speed-up (baseline time / mougraph time) and
the scaling exponent from the second-largest to the largest size (log t2/t1 / log n2/n1). A measurement that
would take longer than ``--timeout`` seconds (estimated from the previous size with exponent 1, or seen) is
skipped with a note. The baseline's queries are skipped one by one instead: its process keeps a running
budget, and skips a query whose estimate (from that query's own figures at the sizes before, see
:func:`query_estimates`) exceeds what is left of the process's ``--timeout``, so that the queries after it are
still measured. Results: ``OUT/results.json`` and ``OUT/results.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' own modules
import one_thing  # noqa: E402 (questions about one thing, issue 18)

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {  # seconds at 1M triples (issue 5)
    "load": 3.0, "reopen": 1.0, "validate": 20.0, "reason": 15.0, "query": 0.2, "export-nt": 2.0,
    "export-jsonld": 5.0, "build": 60.0,
}
PEAK_TARGETS = {"validate": 2048.0}  # peak RSS in MB at 1M triples
EXPONENT_TARGETS = {"load": 1.1, "validate": 1.1, "reason": 1.1}  # from the second-largest size to the largest
TASKS = ["load", "reopen", "validate", "reason", "queries", "questions", "export-nt", "export-jsonld", "build"]
SLOW = ("validate", "reason", "export-jsonld", "build")


# --- estimates: skip what would overrun the time limit --------------------------------------------------

def estimate(prior: list[dict], n1: int, n2: int) -> float | None:
    """Seconds the measurements ``prior`` (made at n1 triples) would take together at n2 triples.

    Exponent 1 from their medians; infinite when one of them was stopped or skipped; None without a figure.
    """
    if any("stopped" in (m.get("note") or "") or "estimated" in (m.get("note") or "") for m in prior):
        return math.inf
    seen = [m["median"] for m in prior if m.get("median") is not None]
    return sum(seen) * n2 / n1 if seen else None


def skip_note(seconds: float, limit: float) -> str:
    return (f"skipped: estimated > {limit:.0f} s" if math.isinf(seconds)
            else f"skipped: estimated {seconds:.0f} s > {limit:.0f} s")


def query_estimates(earlier: list[dict], side: str, triples: int) -> dict[str, float]:
    """Each query's estimated seconds at ``triples``, from its own figures at the sizes measured before.

    From the previous size with exponent 1, or with the query's own exponent between the two sizes before when
    that is larger (rdflib's engine is superlinear on some queries: cq10 went 0.15 s -> 10 s from 10k to 100k).
    """
    if not earlier:
        return {}
    previous, before = earlier[-1], (earlier[-2] if len(earlier) > 1 else None)
    out = {}
    for name, m in previous[side].items():
        seconds = estimate([m], previous["triples"], triples) if name.startswith("query ") else None
        if seconds is None:
            continue
        first = (before or {}).get(side, {}).get(name, {}).get("median")
        if first and m.get("median") and not math.isinf(seconds):
            exponent = math.log(m["median"] / first) / math.log(previous["triples"] / before["triples"])
            seconds = max(seconds, m["median"] * (triples / previous["triples"]) ** exponent)
        out[name] = seconds
    return out


# --- the worker: one measurement in its own process ------------------------------------------------------

def _peak_mb() -> float:
    """This process's peak RSS. Linux's VmHWM belongs to the process image, while ``ru_maxrss`` survives
    ``exec`` and starts at the driver's size when it forked (1 GB after it made a 1M graph)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _emit(record: dict) -> None:
    print(json.dumps(record), flush=True)


def _ontology_files() -> list[Path]:
    from mougraph.store import ontology_files

    return ontology_files()


def _baseline_graph(data: Path):
    from rdflib import Graph

    g = Graph()
    for path in _ontology_files() + [data]:
        g.parse(path)
    return g


def _shapes_graph():
    from rdflib import Graph

    from mougraph.store import shapes_files

    g = Graph()
    for path in shapes_files():
        g.parse(path)
    return g


def _over_budget(name: str, estimates: dict[str, float], deadline: float) -> str | None:
    """A skip note when ``name``'s estimated seconds exceed what is left before the driver stops this process."""
    seconds, left = estimates.get(name), deadline - time.time()
    return skip_note(seconds, left) if seconds is not None and seconds > left else None


def worker(task: str, side: str, data: Path, scratch: Path, estimates: dict[str, float], deadline: float) -> None:
    """Run one measurement and print JSON lines: {"name", "seconds"} ... and finally {"peak_mb"}.

    estimates: {query name: estimated seconds} for the baseline's queries, each skipped ({"name", "skipped"})
    when it would not end before ``deadline`` (``time.time()`` when the driver stops the process).
    """
    if side == "mougraph":
        os.environ.pop("MOUGRAPH_STORE", None)  # the default store
    import logging

    logging.getLogger("rdflib").setLevel(logging.ERROR)
    if task == "load":
        if side == "mougraph":
            import mougraph

            t = time.perf_counter()
            g = mougraph.load_all([data])
            seconds = time.perf_counter() - t
        else:
            t = time.perf_counter()
            g = _baseline_graph(data)
            seconds = time.perf_counter() - t
        _emit({"name": "load", "seconds": seconds, "triples": len(g)})
    elif task == "reopen":
        if side != "mougraph":
            _emit({"name": "reopen", "skipped": "n/a: rdflib's in-memory store has no persistent store"})
        else:
            # one process loads the files into the store, a second one (timed) reopens it
            store_dir = str(scratch / "store")
            code = ("import json, resource, sys, time; from pathlib import Path; from mougraph import store;"
                    f"store.configure(directory={store_dir!r}); t = time.perf_counter();"
                    f"n = len(store.load_all([Path({str(data)!r})])); s = time.perf_counter() - t;"
                    "print(json.dumps({'seconds': s, 'triples': n, "
                    "'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
            subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            out = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                            check=True).stdout)
            _emit({"name": "reopen", "seconds": out["seconds"], "triples": out["triples"]})
            _emit({"peak_mb": out["peak_mb"]})
            return
    elif task == "validate":
        if side == "mougraph":
            import mougraph
            from mougraph.store import load_ontology, load_shapes

            g = mougraph.load_all([data])
            shapes, ontology = load_shapes(), load_ontology()  # read before the clock starts, as the baseline's
            t = time.perf_counter()
            result = mougraph.validate(g, shapes_graph=shapes, ont_graph=ontology)
            _emit({"name": "validate", "seconds": time.perf_counter() - t, "results": len(result.results)})
        else:
            import pyshacl
            from rdflib import Graph

            data_graph = Graph()
            for path in _ontology_files() + [data]:
                data_graph.parse(path)
            shapes = _shapes_graph()
            t = time.perf_counter()
            _conforms, report, _text = pyshacl.validate(data_graph, shacl_graph=shapes, inference="none",
                                                        advanced=True, allow_warnings=True)
            _emit({"name": "validate", "seconds": time.perf_counter() - t})
    elif task == "reason":
        if side == "mougraph":
            try:
                from mougraph.reasoning.rules import materialise
            except ImportError:
                _emit({"name": "reason", "skipped": "not yet available (no mougraph.reasoning.rules.materialise)"})
                return
            import mougraph

            g = mougraph.load_all([data])
            t = time.perf_counter()
            inferred = materialise(g)
            _emit({"name": "reason", "seconds": time.perf_counter() - t, "inferred": len(inferred.inferred)})
        else:
            import owlrl

            g = _baseline_graph(data)
            before = len(g)
            t = time.perf_counter()
            owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
            _emit({"name": "reason", "seconds": time.perf_counter() - t, "inferred": len(g) - before})
    elif task == "queries":
        from mougraph.query import available_queries
        from mougraph.query.params import bind

        names = list(available_queries())
        if side == "mougraph":
            import mougraph
            from mougraph.export.results import render
            from mougraph.query import query

            g = mougraph.load_all([data])
            for name in names:
                t = time.perf_counter()
                rows = render(query(name, graph=g), "csv").count(b"\n") - 1
                _emit({"name": f"query {name}", "seconds": time.perf_counter() - t, "rows": rows})
        else:
            g = _baseline_graph(data)
            # the quick ones first: a slow query that overruns its estimate then stops none of the others
            for name in sorted(names, key=lambda n: estimates.get(f"query {n}", 0.0)):
                note = _over_budget(f"query {name}", estimates, deadline)
                if note:
                    _emit({"name": f"query {name}", "skipped": note})
                    continue
                # with its parameters' defaults, as mougraph.query binds them
                text = bind(available_queries()[name].read_text(encoding="utf-8"), branches=True)
                t = time.perf_counter()
                rows = g.query(text).serialize(format="csv").count(b"\n") - 1
                _emit({"name": f"query {name}", "seconds": time.perf_counter() - t, "rows": rows})
    elif task == "questions":  # about one thing: benchmarks/one_thing.py
        if side != "mougraph":
            _emit({"name": "questions", "skipped": "n/a: measured for mougraph only (issue 18)"})
        else:
            import mougraph

            for record in one_thing.measure(mougraph.load_all([data])):
                _emit(record)
    elif task in ("export-nt", "export-jsonld"):
        fmt = task.split("-", 1)[1]
        if side == "mougraph":
            import mougraph
            from mougraph.export import serialize

            g = mougraph.load_all([data])
            t = time.perf_counter()
            size = len(serialize(g, fmt))
        else:
            g = _baseline_graph(data)
            t = time.perf_counter()
            size = len(g.serialize(format={"nt": "nt", "jsonld": "json-ld"}[fmt], encoding="utf-8"))
        _emit({"name": task, "seconds": time.perf_counter() - t, "bytes": size})
    elif task == "build":
        if side == "baseline":
            os.environ["MOUGRAPH_STORE"] = "memory"
        import mougraph

        t = time.perf_counter()
        report = mougraph.build(scratch / "build", data=[data])
        _emit({"name": "build", "seconds": time.perf_counter() - t, "ok": report.ok})
    else:
        raise SystemExit(f"unknown task {task}")
    _emit({"peak_mb": _peak_mb()})


# --- the driver ------------------------------------------------------------------------------------------

def run_worker(task: str, side: str, data: Path, timeout: float,
               estimates: dict[str, float]) -> tuple[dict[str, dict], float | None, str | None]:
    """Run one worker process: {name: record}, its peak RSS (MB) and an error note."""
    with tempfile.TemporaryDirectory(prefix="mougraph-bench-") as scratch:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", task, side, str(data), scratch,
               "--estimates", json.dumps(estimates), "--deadline", str(time.time() + timeout)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
            stdout, note = proc.stdout, None if proc.returncode == 0 else f"failed: {proc.stderr.strip()[-300:]}"
        except subprocess.TimeoutExpired as exc:
            stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            note = f"stopped after {timeout:.0f} s"
    records, peak = {}, None
    for line in stdout.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            if "peak_mb" in record:
                peak = record["peak_mb"]
            else:
                records[record["name"]] = record
    return records, peak, note


def measure(task: str, side: str, data: Path, repeat: int, timeout: float,
            estimates: dict[str, float]) -> dict[str, dict]:
    """Median seconds and max peak RSS over ``repeat`` processes, per measurement name."""
    runs: dict[str, list[float]] = {}
    peaks: list[float] = []
    notes: dict[str, str] = {}
    rows: dict[str, int] = {}  # answer rows, for the time per row (issue 18)
    for _ in range(repeat):
        records, peak, note = run_worker(task, side, data, timeout, estimates)
        if peak is not None:
            peaks.append(peak)
        for name, record in records.items():
            if "skipped" in record:
                notes[name] = record["skipped"]
            else:
                runs.setdefault(name, []).append(record["seconds"])
                if "rows" in record:
                    rows[name] = record["rows"]
        if note:
            notes.setdefault(task, note)
            break
    out = {}
    for name, seconds in runs.items():
        out[name] = {"median": statistics.median(seconds), "runs": seconds,
                     "peak_mb": max(peaks) if peaks else None, **({"rows": rows[name]} if name in rows else {})}
    for name, note in notes.items():
        out.setdefault(name, {"median": None, "runs": [], "peak_mb": max(peaks) if peaks else None})["note"] = note
    return out


def exponent(t1: float | None, t2: float | None, n1: int, n2: int) -> float | None:
    if not t1 or not t2 or t1 <= 0 or t2 <= 0:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def fmt_s(v: float | None) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if v < 10 else f"{v:.1f}"


def fmt_mb(v: float | None) -> str:
    return "–" if v is None else f"{v:.0f}"


def query_target(measured: dict[str, dict], limit: float) -> str:
    """The targets line for the queries: the slowest one, and those without a figure."""
    got = {n.removeprefix("query "): m.get("median") for n, m in measured.items() if n.startswith("query ")}
    timed = {n: v for n, v in got.items() if v is not None}
    slowest = max(timed, key=timed.get, default=None)
    missing = [n for n, v in got.items() if v is None]
    ok = slowest is not None and not missing and timed[slowest] <= limit
    line = f"- every shipped query median ≤ {limit} s: slowest {fmt_s(timed.get(slowest))} s"
    line += f" ({slowest})" if slowest else ""
    line += f"; no figure for {', '.join(missing)}" if missing else ""
    return line + f" — {'met' if ok else 'NOT met'}"


def markdown(results: dict) -> str:
    sizes = results["sizes"]
    lines = [f"Synthetic graphs (seed {results['seed']}): " + ", ".join(
        f"{s['label']} = {s['triples']} triples" + (f" ({s['agreements']} agreements)" if s.get("agreements") else "")
        for s in sizes) + "; times in seconds (median of "
        f"{results['repeat']} runs, {results.get('slow_repeat', results['repeat'])} for {', '.join(SLOW)}), "
        "peak RSS of the process in MB; speed-up = baseline time / mougraph time.", ""]
    head = "| measurement |"
    rule = "| --- |"
    for s in sizes:
        head += f" mougraph {s['label']} | baseline {s['label']} | speed-up {s['label']} |"
        rule += " ---: | ---: | ---: |"
    head += " exponent (mougraph) | exponent (baseline) |"
    rule += " ---: | ---: |"
    lines += [head, rule]
    names = []
    for s in sizes:
        for side in ("mougraph", "baseline"):
            for name in s[side]:
                if name not in names:
                    names.append(name)
    for name in names:
        row = f"| {name} |"
        pts = {"mougraph": [], "baseline": []}
        for s in sizes:
            cells = []
            for side in ("mougraph", "baseline"):
                m = s[side].get(name, {})
                pts[side].append(m.get("median"))
                cell = fmt_s(m.get("median"))
                if m.get("median") is not None:
                    cell += f" ({fmt_mb(m.get('peak_mb'))} MB)"
                if m.get("note"):
                    cell += f" [{m['note']}]"
                cells.append(cell)
            a, b = s["mougraph"].get(name, {}).get("median"), s["baseline"].get(name, {}).get("median")
            cells.append(f"{b / a:.1f}×" if a and b else "–")
            row += " " + " | ".join(cells) + " |"
        if len(sizes) >= 2:
            n1, n2 = sizes[-2]["triples"], sizes[-1]["triples"]
            for side in ("mougraph", "baseline"):
                e = exponent(pts[side][-2], pts[side][-1], n1, n2)
                row += f" {e:.2f} |" if e is not None else " – |"
        else:
            row += " – | – |"
        lines.append(row)
    if any(900_000 <= s["triples"] <= 1_100_000 for s in sizes):  # the targets are set at 1M triples
        big = next(s for s in sizes if 900_000 <= s["triples"] <= 1_100_000)
        lines += ["", f"Targets at {big['label']}:", ""]
        for key, limit in TARGETS.items():
            if key == "query":
                if any(name.startswith("query ") for name in big["mougraph"]):
                    lines.append(query_target(big["mougraph"], limit))
            elif key in big["mougraph"]:  # a task not run this time says nothing about its target
                got = big["mougraph"][key].get("median")
                ok = got is not None and got <= limit
                lines.append(f"- {key} ≤ {limit} s: {fmt_s(got)} s — {'met' if ok else 'NOT met'}")
        lines += one_thing.target_lines(big["mougraph"], fmt_s)
        for key, limit in PEAK_TARGETS.items():
            if key not in big["mougraph"]:
                continue
            got = big["mougraph"][key].get("peak_mb")
            ok = got is not None and got <= limit
            lines.append(f"- {key} peak memory ≤ {limit:.0f} MB: {fmt_mb(got)} MB — {'met' if ok else 'NOT met'}")
        if len(sizes) >= 2:
            for key, limit in EXPONENT_TARGETS.items():
                e = exponent(sizes[-2]["mougraph"].get(key, {}).get("median"),
                             big["mougraph"].get(key, {}).get("median"), sizes[-2]["triples"], big["triples"])
                lines.append(f"- {key} scaling exponent ≤ {limit}: {e:.2f} — {'met' if e <= limit else 'NOT met'}"
                             if e is not None else f"- {key} scaling exponent: –")
    note = composition(sizes)
    if note:
        lines += ["", note]
    return "\n".join(lines) + "\n"


AGREEMENT_LINE = (b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                  b"<https://w3id.org/mougraph/ontology#Agreement> .\n")


def graph_counts(path: Path) -> tuple[int, int]:
    """(triples, agreements) of a synthetic N-Triples file (one triple a line)."""
    triples = agreements = 0
    with path.open("rb") as fh:
        for line in fh:
            triples += 1
            agreements += line.endswith(AGREEMENT_LINE)
    return triples, agreements


def composition(sizes: list[dict]) -> str | None:
    """How much faster than the triples the agreements grow between the two largest sizes, and what that does to
    the exponent of a cost proportional to the agreements (the synthetic graphs hold the local governments with
    their offices, people and buildings, a part that grows far slower than the agreements)."""
    if len(sizes) < 2 or not sizes[-2].get("agreements") or not sizes[-1].get("agreements"):
        return None
    (a, b), (n1, n2) = (sizes[-2]["agreements"], sizes[-1]["agreements"]), (sizes[-2]["triples"], sizes[-1]["triples"])
    return (f"From {sizes[-2]['label']} to {sizes[-1]['label']} the agreements grow {b / a:.1f}× ({a} → {b}) for "
            f"{n2 / n1:.1f}× the triples: a cost proportional to the number of agreements has exponent "
            f"{exponent(a, b, n1, n2):.2f} in triples.")


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else (f"{n // 1000}k" if n % 1000 == 0 else str(n))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated triple counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--slow-repeat", type=int, default=None,
                        help=f"runs for the slow measurements ({', '.join(SLOW)}); default: --repeat")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds one measurement may take")
    parser.add_argument("--tasks", default=",".join(TASKS), help=f"comma-separated subset of {','.join(TASKS)}")
    parser.add_argument("--sides", default="mougraph,baseline")
    parser.add_argument("--out", default=str(ROOT / "build" / "bench"), help="output folder")
    parser.add_argument("--worker", nargs=4, metavar=("TASK", "SIDE", "DATA", "SCRATCH"), help=argparse.SUPPRESS)
    parser.add_argument("--estimates", type=json.loads, default={}, help=argparse.SUPPRESS)  # for --worker
    parser.add_argument("--deadline", type=float, default=math.inf, help=argparse.SUPPRESS)  # for --worker
    args = parser.parse_args(argv)
    if args.worker:
        task, side, data, scratch = args.worker
        worker(task, side, Path(data), Path(scratch), args.estimates, args.deadline)
        return 0
    out = Path(args.out)
    (out / "data").mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    tasks = [t for t in args.tasks.split(",") if t]
    sides = [s for s in args.sides.split(",") if s]
    unknown = set(tasks) - set(TASKS)
    if unknown:
        parser.error(f"unknown tasks: {', '.join(sorted(unknown))}")
    results = {"seed": args.seed, "repeat": args.repeat, "slow_repeat": args.slow_repeat or args.repeat,
               "timeout": args.timeout, "python": sys.version.split()[0], "cpus": os.cpu_count(), "sizes": []}
    previous: dict | None = None
    for n in sizes:
        from mougraph.synth import synth

        data = out / "data" / f"synth-{n}-seed{args.seed}.nt"
        if not data.exists():
            print(f"synth {n} triples -> {data}", file=sys.stderr)
            synth(n, data, seed=args.seed)
        triples, agreements = graph_counts(data)
        entry = {"label": label(n), "size": n, "triples": triples, "agreements": agreements, "file": str(data),
                 "mougraph": {}, "baseline": {}}
        for task in tasks:
            for side in sides:
                one_by_one = task == "queries" and side == "baseline"  # the worker skips each query on its own
                estimates = query_estimates(results["sizes"], side, triples) if one_by_one else {}
                seconds = None
                if previous is not None and not one_by_one:
                    prior = [m for name, m in previous[side].items()
                             if name == task or (task == "queries" and name.startswith("query "))]
                    seconds = estimate(prior, previous["triples"], triples)
                if seconds is not None and seconds > args.timeout:
                    note = skip_note(seconds, args.timeout)
                    entry[side][task] = {"median": None, "runs": [], "peak_mb": None, "note": note}
                    print(f"{label(n)} {side} {task}: {note}", file=sys.stderr)
                    continue
                started = time.perf_counter()
                repeat = args.slow_repeat if task in SLOW and args.slow_repeat else args.repeat
                measured = measure(task, side, data, repeat, args.timeout, estimates)
                for m in measured.values():
                    m["repeat"] = repeat
                entry[side].update(measured)
                print(f"{label(n)} {side} {task}: " + ", ".join(
                    f"{name} {fmt_s(m.get('median'))}" + (f" [{m['note']}]" if m.get("note") else "")
                    for name, m in measured.items()) + f" ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        results["sizes"].append(entry)
        previous = entry
        (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        (out / "results.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    print(f"written: {out / 'results.md'}, {out / 'results.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
