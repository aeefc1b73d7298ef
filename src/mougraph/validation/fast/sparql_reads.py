"""The reads of a SPARQL query from ``$this`` (``sh:sparql`` constraints, SPARQL targets): which triples can
change its answer for one focus node (see :mod:`.affected` for what a read is).

The query is parsed by rdflib into its algebra. Each triple pattern is reached from ``$this`` through other
triple patterns that hold in the same solutions (a *route*: a SPARQL path from the focus node): patterns of one
group and of the groups around it, the first part of an OPTIONAL for its second, each branch of a UNION on its
own (a variable is exported from a UNION only when both branches reach it), EXISTS and NOT EXISTS with the
bindings of their row. A triple ``s p o`` matching a pattern whose subject is reached by route ``R`` affects only
the focus nodes ``R`` leads back to from ``s`` (likewise from ``o``). A pattern that no route reaches, GRAPH,
MINUS, VALUES, a sub-select that does not use ``$this``, or anything rdflib cannot parse raises
:class:`~.affected.Unbounded`: the shape is then validated in full.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import BNode, URIRef, Variable
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from mougraph.validation.fast.paths import NEVER, Path
from mougraph.validation.fast.reads import Read, Unbounded, inverted, join, path_reads

THIS = Variable("this")
#: At most this many routes to one variable (more: the query is treated as unbounded).
_MAX_ROUTES = 8
_PASS_THROUGH = {"SelectQuery", "Project", "Distinct", "Reduced", "Slice", "OrderBy", "Group", "AggregateJoin",
                 "ToMultiSet"}
_ANY = ("any",)


def query_reads(text: str, prefixes: dict, path: Path | None = None, shape_iri: str | None = None) -> set[Read]:
    """The reads of the SELECT ``text`` from ``?this``/``$this`` (``$PATH`` is ``path``); raises Unbounded."""
    found = _reads(text, tuple(sorted(prefixes.items())), path, shape_iri)
    if isinstance(found, str):
        raise Unbounded(found)
    return set(found)


@lru_cache(maxsize=512)
def _reads(text: str, prefixes: tuple, path: Path | None, shape_iri: str | None) -> frozenset | str:
    """:func:`query_reads`, kept for the process (rdflib parses a query in tens of milliseconds)."""
    try:
        return frozenset(_analyse(text, dict(prefixes), path, shape_iri))
    except Unbounded as exc:
        return str(exc)


def _analyse(text: str, prefixes: dict, path: Path | None, shape_iri: str | None) -> set[Read]:
    if "$shapesGraph" in text:
        raise Unbounded("the query reads the shapes graph")
    if path is not None:
        text = text.replace("$PATH", path.text())
    if shape_iri is not None:
        text = text.replace("$currentShape", f"<{shape_iri}>")
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))
    try:
        algebra = translateQuery(parseQuery(head + text)).algebra
    except Exception as exc:  # noqa: BLE001 (any parse failure: fall back to the full run, which is sound)
        raise Unbounded(f"rdflib cannot read the query ({type(exc).__name__})") from exc
    out: set[Read] = set()
    _Analysis(out).pattern(algebra, {THIS: {None}}, strict=True)
    return out


def _merge(*reaches: dict) -> dict:
    merged: dict = {}
    for reach in reaches:
        for var, routes in reach.items():
            merged.setdefault(var, set()).update(routes)
            if len(merged[var]) > _MAX_ROUTES:
                raise Unbounded("too many routes to one variable")
    return merged


def _path(term) -> Path | tuple:
    """An rdflib predicate or path as a :class:`Path` (``_ANY`` for a variable)."""
    if isinstance(term, Variable):
        return _ANY
    if isinstance(term, URIRef):
        return Path("pred", (term,))
    if isinstance(term, InvPath):
        return Path("inv", (_path(term.arg),))
    if isinstance(term, SequencePath):
        return Path("seq", tuple(_path(a) for a in term.args))
    if isinstance(term, AlternativePath):
        return Path("alt", tuple(_path(a) for a in term.args))
    if isinstance(term, MulPath):
        return Path({"*": "zom", "+": "oom", "?": "zoo"}[term.mod], (_path(term.path),))
    if isinstance(term, NegatedPath):
        return _ANY
    raise Unbounded(f"a predicate rdflib gives as {type(term).__name__}")


class _Analysis:
    def __init__(self, out: set):
        self.out = out

    def step(self, path, route: str | None, inverse: bool) -> str:
        """Add the reads of one triple pattern walked from a node reached by ``route``; the route beyond it."""
        if path is _ANY or (isinstance(path, Path) and _has_any(path)):
            self.out.add(Read(route, None, inverse))
            return join(route, f"^!<{NEVER}>" if inverse else f"!<{NEVER}>")
        return path_reads(inverted(path) if inverse else path, route, self.out)

    def bgp(self, triples: list, reach: dict, strict: bool) -> dict:
        local = {k: set(v) for k, v in reach.items()}
        pending = list(triples)
        progress = True
        while pending and progress:
            progress = False
            for triple in list(pending):
                s, p, o = triple
                if s not in local and o not in local:
                    continue
                pending.remove(triple)
                progress = True
                path = _path(p)
                # A match is found again from either end: read it from the end of the shorter route (and not
                # through the routes this very pattern gives the other end).
                ends = [(s, o, False), (o, s, True)]
                if s in local and o in local:
                    ends.sort(key=lambda e: min(len(r or "") for r in local[e[0]]))
                ends = [e for e in ends if e[0] in local][:1] + [e for e in ends if e[0] not in local]
                known = {s: set(local.get(s, ())), o: set(local.get(o, ()))}
                for end, other, inverse in ends:
                    for route in sorted(known[end], key=lambda r: r or ""):
                        beyond = self.step(path, route, inverse)
                        if isinstance(other, (Variable, BNode)) and other not in reach:
                            local.setdefault(other, set()).add(beyond)
                            if len(local[other]) > _MAX_ROUTES:
                                raise Unbounded("too many routes to one variable")
        if pending and strict:
            raise Unbounded("a triple pattern not connected to $this")
        return local

    def pattern(self, node, reach: dict, strict: bool) -> dict:
        """The routes to the variables ``node`` binds in every solution (``reach``: those around it)."""
        if not isinstance(node, CompValue):
            raise Unbounded(f"an unexpected part of the query ({type(node).__name__})")
        name = node.name
        if name in _PASS_THROUGH:
            if name == "ToMultiSet" and isinstance(node.p, CompValue) and node.p.name == "values":
                raise Unbounded("VALUES")
            if name == "Project" and reach is not None and THIS not in node.get("_vars", {THIS}):
                raise Unbounded("a sub-select that does not use $this")
            if name == "Project":  # a sub-select sees no binding from around it but $this's
                reach = {THIS: reach[THIS]} if THIS in reach else {}
            inner = self.pattern(node.p, reach, strict)
            if name == "AggregateJoin":
                return reach
            if name == "Project":
                return {v: r for v, r in inner.items() if v in set(node.PV) or v == THIS}
            return inner
        if name == "BGP":
            return self.bgp(node.triples, reach, strict)
        if name == "Join":
            first = self.pattern(node.p1, reach, False)
            second = self.pattern(node.p2, _merge(reach, first), False)
            first = self.pattern(node.p1, _merge(reach, second), strict)
            second = self.pattern(node.p2, _merge(reach, first), strict)
            return _merge(first, second)
        if name == "LeftJoin":
            first = self.pattern(node.p1, reach, strict)
            second = self.pattern(node.p2, first, strict)
            self.expression(node.get("expr"), _merge(first, second))
            return first  # the optional part's variables may be unbound
        if name == "Union":
            left, right = self.pattern(node.p1, reach, strict), self.pattern(node.p2, reach, strict)
            return {v: left[v] | right[v] for v in left if v in right}
        if name == "Filter":
            inner = self.pattern(node.p, reach, strict)
            self.expression(node.expr, inner)
            return inner
        if name == "Extend":
            inner = self.pattern(node.p, reach, strict)
            self.expression(node.expr, inner)
            if isinstance(node.expr, Variable) and node.expr in inner:  # BIND (?x AS ?y): ?y is where ?x is
                inner = _merge(inner, {node.var: inner[node.expr]})
            return inner
        raise Unbounded(f"{name} in the query")

    def expression(self, expr, reach: dict) -> None:
        """The reads of the EXISTS and NOT EXISTS patterns in ``expr``."""
        if isinstance(expr, CompValue):
            if expr.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
                self.pattern(expr.graph, reach, True)
                return
            for value in expr.values():
                self.expression(value, reach)
        elif isinstance(expr, (list, tuple)):
            for value in expr:
                self.expression(value, reach)


def _has_any(path: Path) -> bool:
    return any(a is _ANY or (isinstance(a, Path) and _has_any(a)) for a in path.args)
