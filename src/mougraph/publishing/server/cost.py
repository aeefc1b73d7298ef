"""A static cost estimate of a SPARQL query, to refuse obviously explosive ones before they run.

Modelled on Virtuoso's estimated-cost limit (``MaxQueryCostEstimationTime``): before a query runs, the
endpoint estimates from rdflib's algebra how many intermediate rows the engine would have to go through,
and refuses the query (400, with the estimate) when that passes the budget. The estimate is deliberately
coarse and only aims at the queries that would take a worker for minutes:

- a triple pattern counts the triples it can match: all of them (N) when every position is a variable,
  the triples of its predicate or, with a fixed subject or object, those it matches (counted, up to a cap);
- patterns that share a variable are joined (the larger side counts), patterns that do not form a
  cartesian product (the sides multiply): ``{ ?a ?b ?c . ?d ?e ?f }`` over N triples is N²;
- UNION adds, OPTIONAL and MINUS keep the left side (their right side counts on its own), sub-queries and
  FILTER (NOT) EXISTS count as their own patterns.

The estimate that is compared with the budget is the largest intermediate result. A query that can stop
early (no aggregate, ORDER BY, DISTINCT, FILTER or MINUS anywhere: Oxigraph produces its rows one at a time
and the endpoint stops reading at the result limit) is not refused for its size: it costs at most the rows
the limit lets through. A property path counts as N (its real cost depends on the graph's shape).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import islice

from rdflib import BNode, Graph, URIRef, Variable
from rdflib.paths import Path
from rdflib.plugins.sparql.parserutils import CompValue

#: Operators that read every row of their input before they answer (or may, like FILTER, drop most of them).
BLOCKING = {"OrderBy", "Group", "AggregateJoin", "Distinct", "Reduced", "Filter", "Minus"}
#: Patterns with a fixed subject or object are counted exactly up to this many matches.
COUNT_CAP = 10_000


def _is_var(term) -> bool:
    return isinstance(term, (Variable, BNode))


@dataclass
class Estimate:
    rows: float  # the largest intermediate result, in rows
    blocking: bool  # whether some operator reads its whole input (the result limit does not stop it)

    def cost(self, limit: int) -> float:
        return self.rows if self.blocking else min(self.rows, limit + 1)


class CostModel:
    """Statistics of one graph (its size, the triples of each predicate), read once, and estimates over them."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.size = len(graph)
        self.predicates = Counter(p for _, p, _ in graph.triples((None, None, None)))
        self._counted: dict[tuple, int] = {}
        self._estimates: dict[str, Estimate] = {}

    def _pattern(self, s, p, o) -> float:
        if isinstance(p, Path) or _is_var(p) and _is_var(s) and _is_var(o):
            return self.size
        bound = tuple(None if _is_var(t) else t for t in (s, p, o))
        if bound[0] is None and bound[2] is None:
            return self.predicates.get(p, 0)
        if bound not in self._counted:
            if len(self._counted) > 10_000:
                self._counted.clear()
            self._counted[bound] = sum(1 for _ in islice(self.graph.triples(bound), COUNT_CAP))
        counted = self._counted[bound]
        if counted < COUNT_CAP:
            return counted
        return self.predicates.get(p, 0) if isinstance(p, URIRef) else self.size

    def _bgp(self, triples) -> tuple[float, set]:
        """Rows of a basic graph pattern: the product over its groups of patterns linked by shared variables."""
        groups: list[tuple[float, set]] = []
        for s, p, o in triples:
            rows = self._pattern(s, p, o)
            names = {t for t in (s, p, o) if _is_var(t)}
            linked = [g for g in groups if g[1] & names]
            for g in linked:
                groups.remove(g)
                rows = max(rows, g[0])
                names |= g[1]
            groups.append((rows, names))
        total = 1.0
        for rows, _ in groups:
            total *= rows
        return total, set().union(*(names for _, names in groups)) if groups else set()

    def estimate(self, algebra, key: str | None = None) -> Estimate:
        """The estimate of a query's algebra; remembered under ``key`` (the query's text), if given."""
        if key is not None and key in self._estimates:
            return self._estimates[key]
        self._peak = 0.0
        self._blocking = False
        self._walk(algebra)
        found = Estimate(self._peak, self._blocking)
        if key is not None:
            if len(self._estimates) > 1000:
                self._estimates.clear()
            self._estimates[key] = found
        return found

    def _note(self, rows: float) -> float:
        self._peak = max(self._peak, rows)
        return rows

    def _nested(self, value) -> None:
        """Patterns inside expressions (FILTER EXISTS) and other attributes: counted on their own."""
        if isinstance(value, CompValue):
            self._walk(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                self._nested(item)

    def _walk(self, node) -> tuple[float, set]:
        """(estimated rows, variables in scope) of a pattern node; records the peak and blocking operators."""
        name = getattr(node, "name", None)
        if name in BLOCKING:
            self._blocking = True
        if name == "BGP":
            rows, names = self._bgp(node.triples)
            return self._note(rows), names
        if name in ("Join", "LeftJoin", "Minus"):
            (left, lnames), (right, rnames) = self._walk(node.p1), self._walk(node.p2)
            self._nested(node.get("expr"))
            if name == "Minus":
                return left, lnames
            rows = max(left, right) if lnames & rnames else left * right
            if name == "LeftJoin":
                rows = max(rows, left)
            return self._note(rows), lnames | rnames
        if name == "Union":
            (left, lnames), (right, rnames) = self._walk(node.p1), self._walk(node.p2)
            return self._note(left + right), lnames | rnames
        if name == "values":
            return float(len(node.res)), {v for row in node.res for v in row}
        if name == "Project" and "p" in node:
            rows, _ = self._walk(node.p)
            return rows, set(node.PV)
        if isinstance(node, CompValue):
            rows, names = 1.0, set()
            inner = node.get("p")
            if isinstance(inner, CompValue):
                rows, names = self._walk(inner)
            for key, value in node.items():
                if key != "p" and not key.startswith("_"):
                    self._nested(value)
            if isinstance(node.get("var"), Variable):
                names = names | {node.var}
            return rows, names
        return 1.0, set()
