"""Questions about one thing (issue 18, item 1): the parameterised competency questions with one agreement, one
local government, one day or one document bound, timed over several different bindings taken from the graph;
and the whole-graph reports per answer row. Used by ``benchmarks/run.py`` (task ``questions``)::

    .venv/bin/python benchmarks/run.py --sizes 1000000 --tasks questions,queries --sides mougraph --repeat 1

The bindings are spread evenly over the sorted candidates the graph holds (the same for one graph every run).
A parameter with no query here to find values for (``partnerClass``, ``property``) keeps its default. No shipped
question takes a person or a theme yet.
"""

from __future__ import annotations

import statistics
import time

#: Bindings per question (the median of their times is reported).
BINDINGS = 7
#: Targets of issue 18 at 1M triples.
ONE_THING_TARGET = 0.020  # seconds, median per question
PER_ROW_TARGET = 10e-6  # seconds per answer row of a whole-graph report

_PREFIXES = """PREFIX mg: <https://w3id.org/mougraph/ontology#>
PREFIX time: <http://www.w3.org/2006/time#>
"""
#: parameter name -> a query for the values it can take in the graph (?x)
CANDIDATES = {
    "party": "SELECT DISTINCT ?x WHERE { ?x a mg:LocalGovernment }",
    "agreement": "SELECT DISTINCT ?x WHERE { ?x a mg:Agreement }",
    "first": "SELECT DISTINCT ?x WHERE { ?x a mg:Agreement }",
    "second": "SELECT DISTINCT ?x WHERE { ?x a mg:Agreement }",
    "document": "SELECT DISTINCT ?x WHERE { ?passage mg:inDocument ?x }",
    "subject": "SELECT DISTINCT ?x WHERE { ?x time:hasEnd ?end }",
    "day": "SELECT DISTINCT ?x WHERE { ?programme a mg:Programme ; "
           "time:hasBeginning/(time:inXSDDate|time:inXSDDateTimeStamp) ?t BIND (SUBSTR(STR(?t), 1, 10) AS ?x) }",
}


def _values(graph, name: str) -> list[str]:
    rows = graph.query(_PREFIXES + CANDIDATES[name])
    return sorted(str(row[0]) for row in rows)


def _spread(values: list[str], n: int, offset: int = 0) -> list[str]:
    if not values:
        return []
    step = max(1, len(values) // n)
    return [values[(i * step + offset) % len(values)] for i in range(min(n, len(values)))]


def bindings(graph, params: list) -> list[dict]:
    """Up to :data:`BINDINGS` different bindings of the parameters ``params`` (those with candidates)."""
    chosen: dict[str, list[str]] = {}
    for offset, param in enumerate(params):
        if param.name in CANDIDATES:
            # first and second: different agreements (an offset of one for the second)
            chosen[param.name] = _spread(_values(graph, param.name), BINDINGS, offset if param.name == "second" else 0)
    count = min((len(v) for v in chosen.values()), default=0)
    return [{name: values[i] for name, values in chosen.items()} for i in range(count)]


def measure(graph) -> list[dict]:
    """Records (as ``benchmarks/run.py`` emits them) for each parameterised question: the median seconds over
    its bindings (``max``, ``rows`` beside it)."""
    from mougraph.export.results import render
    from mougraph.query import available_queries, query, query_params

    records = []
    for name in available_queries():
        params = query_params(name)
        if not params:
            continue
        seconds, rows = [], []
        for binding in bindings(graph, params):
            t = time.perf_counter()
            rows.append(render(query(name, graph=graph, params=binding), "csv").count(b"\n") - 1)
            seconds.append(time.perf_counter() - t)
        if not seconds:
            records.append({"name": f"one thing {name}", "skipped": "no values to bind in this graph"})
            continue
        bound = ", ".join(sorted(p.name for p in params if p.name in CANDIDATES))
        records.append({"name": f"one thing {name}", "seconds": statistics.median(seconds), "max": max(seconds),
                        "rows": statistics.median(rows), "bindings": len(seconds), "bound": bound})
    return records


def target_lines(measured: dict[str, dict], fmt_s) -> list[str]:
    """The targets lines of issue 18 at 1M: each question about one thing, and whole-graph reports per row."""
    from mougraph.query import available_queries, query_params

    lines = []
    one = {n.removeprefix("one thing "): m.get("median") for n, m in measured.items() if n.startswith("one thing ")}
    if one:
        timed = {n: v for n, v in one.items() if v is not None}
        slowest = max(timed, key=timed.get, default=None)
        ok = slowest is not None and len(timed) == len(one) and timed[slowest] <= ONE_THING_TARGET
        lines.append(f"- each question about one thing median ≤ {ONE_THING_TARGET * 1000:.0f} ms: slowest "
                     f"{fmt_s(timed.get(slowest))} s ({slowest}) — {'met' if ok else 'NOT met'}")
    per_row = {}
    for name in available_queries():
        m = measured.get(f"query {name}", {})
        if str(available_queries()[name]).endswith(".report.rq"):
            if not query_params(name) and m.get("median") and m.get("rows"):
                per_row[name] = (m["median"] / m["rows"], m["rows"])
    if per_row:
        big = {n: v for n, v in per_row.items() if v[1] >= 1000}  # a few rows: the fixed cost dominates
        worst = max(big or per_row, key=lambda n: per_row[n][0])
        ok = per_row[worst][0] <= PER_ROW_TARGET
        lines.append(f"- whole-graph reports (≥ 1,000 rows) ≤ {PER_ROW_TARGET * 1e6:.0f} µs per answer row: worst "
                     f"{per_row[worst][0] * 1e6:.1f} µs ({worst}, {per_row[worst][1]} rows) — "
                     f"{'met' if ok else 'NOT met'}")
    return lines
