"""Rule-based materialisation: the facts the ontology entails, as plain SPARQL CONSTRUCT rules.

The rules are the files ``src/mougraph/rules/*.rq`` (run in file-name order), each a SPARQL 1.1 CONSTRUCT of one
triple pattern that derives triples set-at-a-time from the ontology's own axioms: sub-classes, sub-properties,
domains, ranges, inverse, symmetric and transitive properties, property chains of two, and one mougraph rule
(``20-cooperates-with.rq``: two different parties of one agreement cooperate with each other). They are applied
to the asserted graph (ontology + data) and to what they derived, until a pass adds nothing (a fixpoint). This
is the OWL 2 RL subset the ontology uses; tests/reasoning checks that it gives the same class memberships and
object property values as the DL reasoner (:mod:`mougraph.reasoning.hermit`) on the shipped graph.

Two engines run the same rule files:

- ``oxigraph`` (the default): each rule becomes one SPARQL 1.1 Update, ``INSERT { T } WHERE { B FILTER NOT EXISTS
  { T } }``, run by Oxigraph inside the graph's own store: no triple is copied out or made into a Python object
  until the fixpoint is reached. The derived triples are written to a scratch named graph as well as to the
  queried graph, and taken out of the queried graph before :func:`materialise` returns (a persistent store's
  graph is not touched at all: the update reads it and the scratch graph together with ``USING``). So the
  graph must not be read by anyone else while it runs. From the second pass on, the linear rules' results are
  read into Python (they are few) and checked against the store. Graphs of rdflib's in-memory store are copied
  into Oxigraph first.
- ``rdflib``: rdflib's SPARQL engine over an in-memory copy, one CONSTRUCT at a time; slow, kept as the
  reference the fast engine is tested against.

The derived triples are kept apart from the asserted ones: :func:`materialise` returns them as their own graph,
which exports put in the named graph :data:`INFERRED_GRAPH`. Only named (IRI) resources get inferred facts;
blank nodes (the ontology's class expressions) are never subjects or objects of an inferred triple, and
``owl:Thing`` is never an inferred type.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from mougraph import sparql_guard
from mougraph.errors import MougraphError
from mougraph.store import is_oxigraph, load_all, merge, new_graph
from mougraph.store.oxigraph import temporary_graphs
from mougraph.store.terms import DEFAULT_GRAPH, from_ox, graph_name
from mougraph.vocab import (
    INFERRED_GRAPH,  # noqa: F401  (the named graph of inferred triples in quad exports)
    bind_prefixes,
)

RULES_DIR = Path(__file__).resolve().parent  # the rule files sit beside this module
ENGINES = ("oxigraph", "rdflib")

#: A safety net: a correct rule set reaches its fixpoint long before this many passes.
MAX_PASSES = 100

_COMMENT_LINE = re.compile(r"^\s*#.*$", re.MULTILINE)
_CONSTRUCT = re.compile(r"^(?P<prologue>.*?)\bCONSTRUCT\s*\{(?P<template>.*?)\}\s*WHERE\s*\{(?P<body>.*)\}\s*$",
                        re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    name: str  # file name without .rq, e.g. "05-inverse"
    path: Path
    text: str

    @property
    def prepared(self):
        """The rule parsed by rdflib (also checks that it is a CONSTRUCT of one triple pattern)."""
        return _prepare(self.path, self.text)

    def update(self, target: str, into: list) -> str:
        """The rule as a SPARQL Update adding what it derives that is not there yet.

        ``target``: the graph the rule reads, as a SPARQL IRI, or "" for the default graph; the derived triples
        go to the graphs ``into`` (and to the default graph, when ``target`` is the default graph), whose first
        is the one the rule also reads.
        """
        self.prepared  # noqa: B018 (fails with a clear message on a rule that is not one we can rewrite)
        match = _CONSTRUCT.match(_COMMENT_LINE.sub("", self.text))
        if match is None:
            raise MougraphError(f"{self.path}: a rule is written 'CONSTRUCT {{ ... }} WHERE {{ ... }}'")
        prologue, template, body = match.group("prologue", "template", "body")
        where = f"WHERE {{ {body}\n  FILTER NOT EXISTS {{ {template} }}\n}}"
        graphs = " ".join(f"GRAPH {g} {{ {template} }}" for g in into)
        if target:
            return f"{prologue}INSERT {{ {graphs} }}\nUSING {target} USING {into[0]}\n{where}"
        return f"{prologue}INSERT {{ {template} {graphs} }}\n{where}"

    @property
    def linear(self) -> bool:
        """True when the rule has one data atom (its other atoms read the schema) and no negation.

        A linear rule finds every consequence of new triples by looking at the new triples and the schema only.
        """
        return _data_atoms(self.prepared.algebra.p) == 1


_RDF, _RDFS, _OWL = (str(ns) for ns in (RDF, RDFS, OWL))
#: Algebra nodes of a rule body whose atoms can be counted (anything else counts as non-linear).
_PLAIN = {"Project", "Filter", "Join", "Union", "BGP", "ToMultiSet", "Distinct"}


def _vocabulary(term) -> bool:
    """True for an RDF/RDFS/OWL IRI, or a path of such IRIs (a negated path also matches data: False)."""
    from rdflib.paths import NegatedPath, Path as PropertyPath

    if isinstance(term, NegatedPath):
        return False
    if isinstance(term, PropertyPath):
        return all(_vocabulary(t) for t in _path_terms(term))
    return isinstance(term, URIRef) and str(term).startswith((_RDF, _RDFS, _OWL))


def _path_terms(path):
    from rdflib.paths import Path as PropertyPath

    for attr in ("path", "arg", "args"):
        value = getattr(path, attr, None)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, PropertyPath):
                yield from _path_terms(item)
            elif item is not None:
                yield item


def _data_atoms(node) -> int:
    """How many atoms of a rule body read data (not schema); 99 when the body is not a plain BGP/filter/union."""
    from rdflib.paths import Path as PropertyPath
    from rdflib.plugins.sparql.parserutils import CompValue

    if not isinstance(node, CompValue):
        return 0
    if node.name not in _PLAIN and not node.name.startswith(("Builtin_", "Conditional", "Relational", "Unary")):
        return 99
    if node.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
        return 99
    total = 0
    for _s, p, o in node.get("triples") or () if node.name == "BGP" else ():
        schema = (p == RDF.type and _vocabulary(o)) if p == RDF.type else _vocabulary(p)
        # a path over data (p+, p/q, !p) may join old and new triples: never linear
        total += 0 if schema else (99 if isinstance(p, PropertyPath) else 1)
    for key, value in node.items():
        if key != "triples":
            for item in value if isinstance(value, list) else [value]:
                total += _data_atoms(item)
    return total


def _schema_atoms(node):
    """The schema atoms of a rule body: ("p", IRI) for a vocabulary predicate, ("type", IRI) for a typed node."""
    from rdflib.paths import Path as PropertyPath
    from rdflib.plugins.sparql.parserutils import CompValue

    if not isinstance(node, CompValue):
        return
    for _s, p, o in node.get("triples") or () if node.name == "BGP" else ():
        if p == RDF.type and _vocabulary(o):
            yield "type", o
        elif p != RDF.type and _vocabulary(p):
            yield from (("p", t) for t in (_path_terms(p) if isinstance(p, PropertyPath) else [p]))
    for key, value in node.items():
        if key != "triples":
            for item in value if isinstance(value, list) else [value]:
                yield from _schema_atoms(item)


_PREPARED: dict[tuple[Path, str], object] = {}


def _prepare(path: Path, text: str):
    key = (path, text)
    if key not in _PREPARED:
        from rdflib.plugins.sparql import prepareQuery

        sparql_guard.check(text, str(path))  # a rule runs on both engines, which would send its SERVICE requests
        try:
            query = prepareQuery(text)
        except Exception as exc:
            raise MougraphError(f"{path}: invalid SPARQL rule: {exc}") from exc
        if query.algebra.name != "ConstructQuery" or len(query.algebra.template or ()) != 1:
            raise MougraphError(f"{path}: a rule is a SPARQL CONSTRUCT of exactly one triple pattern")
        _PREPARED[key] = query
    return _PREPARED[key]


def load_rules(folder: Path = RULES_DIR) -> list[Rule]:
    """The materialisation rules: every ``*.rq`` of ``folder``, sorted by file name."""
    rules = [Rule(p.stem, p, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))]
    if not rules:
        raise MougraphError(f"no rules found in {folder}")
    return rules


@dataclass
class Materialisation:
    """What :func:`materialise` derived."""

    inferred: Graph  # the new triples only (never a triple of the input graph)
    passes: int  # passes over all rules, the last of which added nothing
    seconds: float
    by_rule: Counter = field(default_factory=Counter)  # rule name -> new triples it derived

    def __len__(self) -> int:
        return len(self.inferred)


def check_supported(graph: Graph) -> None:
    """Refuse axioms the rules would silently ignore: property chains longer or shorter than two."""
    for prop, head in graph.subject_objects(OWL.propertyChainAxiom):
        length = len(list(Collection(graph, head)))
        if length != 2:
            raise MougraphError(
                f"{prop}: owl:propertyChainAxiom of {length} properties; the rule engine "
                f"(src/mougraph/rules/08-property-chain.rq) handles chains of two only")


def materialise(graph: Graph, rules: list[Rule] | None = None, *, engine: str = "oxigraph") -> Materialisation:
    """Apply the rules to ``graph`` (ontology + data) until nothing new follows; the new triples.

    ``graph`` is the same afterwards (while it runs, an in-memory Oxigraph graph also holds the derived triples:
    do not read it from another thread meanwhile). Each rule runs on the asserted triples plus everything derived so far
    (its results count as soon as it has run, so one pass often goes several steps deep).
    ``engine``: "oxigraph" (default) or "rdflib" (the slow reference).
    """
    if engine not in ENGINES:
        raise MougraphError(f"unknown rule engine '{engine}'; use one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    rules = load_rules() if rules is None else rules
    check_supported(graph)
    inferred, passes, by_rule = (_oxigraph if engine == "oxigraph" else _rdflib)(graph, rules)
    for prefix, ns in graph.namespaces():
        inferred.bind(prefix, ns, override=False)
    return Materialisation(bind_prefixes(inferred), passes, time.perf_counter() - started, by_rule)


def _fixpoint(rules: list[Rule], apply) -> tuple[int, Counter]:
    """Run ``apply(rule)`` (-> number of new triples) over all rules until a pass adds nothing."""
    by_rule: Counter = Counter()
    for passes in range(1, MAX_PASSES + 1):
        added = 0
        for rule in rules:
            new = apply(rule)
            by_rule[rule.name] += new
            added += new
        if not added:
            return passes, by_rule
    raise MougraphError(f"the rules did not reach a fixpoint in {MAX_PASSES} passes")


def _oxigraph(graph: Graph, rules: list[Rule]) -> tuple[Graph, int, Counter]:
    """Semi-naive evaluation in the graph's Oxigraph store (see the module documentation)."""
    import pyoxigraph as ox


    if not is_oxigraph(graph) or isinstance(graph_name(graph.identifier), ox.BlankNode):  # (USING needs an IRI)
        graph = merge(graph, backend_name="oxigraph")
    with temporary_graphs(graph.store.inner) as temporary:
        return _semi_naive(graph, rules, temporary)


def _semi_naive(graph: Graph, rules: list[Rule], temporary) -> tuple[Graph, int, Counter]:
    """:func:`_oxigraph` on an Oxigraph graph; ``temporary(kind, *parts)`` names the graphs it adds to the store."""
    import pyoxigraph as ox


    store, name = graph.store.inner, graph_name(graph.identifier)
    scratch, schema = temporary("inferring"), temporary("schema")
    target = "" if name == DEFAULT_GRAPH else str(name)
    linear = {rule.name for rule in rules if rule.linear}

    atoms = sorted({atom for rule in rules if rule.name in linear for atom in _schema_atoms(rule.prepared.algebra.p)})
    schema_pattern = " UNION ".join(
        f"{{ ?s <{iri}> ?o BIND (<{iri}> AS ?p) }}" if kind == "p"
        else f"{{ ?s a <{iri}> BIND (<{RDF.type}> AS ?p) BIND (<{iri}> AS ?o) }}"
        for kind, iri in atoms) or "{ FILTER (false) }"
    # What the passes derive goes to the scratch graph; from the second pass on, also to that pass's delta graph.
    # A linear rule then reads the schema, the last pass's delta (the whole scratch graph after the first pass)
    # and this pass's: everything new since it last ran (and some it has seen, which it derives again in vain).
    previous, current = None, scratch
    counted = [0]  # triples in the current delta graph

    def count_new() -> int:
        before = counted[0]
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {current} {{ ?s ?p ?o }} }}"
        counted[0] = int(next(iter(store.query(count)))[0].value)
        return counted[0] - before

    def full(rule: Rule) -> int:  # the rule on everything, as one update
        try:
            store.update(rule.update(target, list(dict.fromkeys([scratch, current]))))
        except (SyntaxError, OSError, ValueError) as exc:
            raise MougraphError(f"rule {rule.path.name} failed: {exc}") from exc
        return count_new()

    def incremental(rule: Rule) -> int:  # a linear rule on the schema and what is new since it last ran
        new = {t for t in store.query(rule.text, default_graph=[schema, previous, current])
               if ox.Quad(t.subject, t.predicate, t.object, name) not in store
               and ox.Quad(t.subject, t.predicate, t.object, scratch) not in store}
        graphs = [scratch, current] if target else [name, scratch, current]
        store.extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in new for g in graphs)
        counted[0] += len(new)
        return len(new)

    def copy_schema(source: str) -> None:
        where = f"GRAPH {source} {{ {schema_pattern} }}" if source else schema_pattern
        store.update(f"INSERT {{ GRAPH {schema} {{ ?s ?p ?o }} }} WHERE {{ {where} }}")

    by_rule: Counter = Counter()
    try:
        copy_schema(target)
        for passes in range(1, MAX_PASSES + 1):
            # after the first pass, linear rules look at the new triples only, unless the schema itself grew
            schema_grew = previous is not None and store.query(f"ASK {{ GRAPH {previous} {{ {schema_pattern} }} }}")
            if schema_grew:
                copy_schema(str(previous))
            added = 0
            for rule in rules:
                new = (incremental if previous is not None and not schema_grew and rule.name in linear else full)(rule)
                by_rule[rule.name] += new
                added += new
            if not added:
                break
            if previous not in (None, scratch):
                store.remove_graph(previous)
            previous, current, counted[0] = current, temporary("delta", passes), 0
        else:
            raise MougraphError(f"the rules did not reach a fixpoint in {MAX_PASSES} passes")
        inferred = new_graph()
        _take_out(graph.store, name, scratch, inferred)
    finally:
        if not target:  # take the derived triples out of the default graph again
            store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {scratch} {{ ?s ?p ?o }} }}")
        for temporary in {scratch, schema, previous, current} - {None}:
            if store.contains_named_graph(temporary):
                store.remove_graph(temporary)
    return inferred, passes, by_rule


def _take_out(source, name, scratch, inferred: Graph) -> None:
    """Copy the scratch graph into ``inferred``, typed literals as they were written in the source graph.

    A derived literal comes from an asserted triple of the same subject and object whose property is a
    sub-property of the derived one (the only rule that derives literals): it takes that triple's written form.
    """
    import pyoxigraph as ox


    quads = [ox.Quad(q.subject, q.predicate, q.object, DEFAULT_GRAPH)
             for q in source.inner.quads_for_pattern(None, None, None, scratch)]
    written: dict = {}  # (subject, stored literal) -> {asserted property: [literals as written]}
    for (s, p, o, g), values in source.restore.items():
        if g == name:
            written.setdefault((s, o), {})[p] = values
    supers: dict = {}
    if written:
        paths = ("(<http://www.w3.org/2000/01/rdf-schema#subPropertyOf>"
                 "|<http://www.w3.org/2002/07/owl#equivalentProperty>"
                 "|^<http://www.w3.org/2002/07/owl#equivalentProperty>)+")
        for row in source.inner.query(f"SELECT ?p ?super WHERE {{ ?p {paths} ?super }}",
                                      default_graph=[name, scratch]):
            supers.setdefault(row[0], set()).add(row[1])

    def forms(q):
        found = written.get((q.subject, q.object))
        if not found:
            return []
        return sorted({v for p, values in found.items() if q.predicate in supers.get(p, ()) for v in values}, key=str)

    if is_oxigraph(inferred):
        inferred.store.inner.bulk_extend(quads)
        for q in quads:
            for value in forms(q):
                inferred.store.restore.remember(q, value)
        return
    for q in quads:
        s, p = from_ox(q.subject), from_ox(q.predicate)
        for value in forms(q) or [from_ox(q.object)]:
            inferred.add((s, p, value))


def _rdflib(graph: Graph, rules: list[Rule]) -> tuple[Graph, int, Counter]:
    working = merge(graph, backend_name="memory")
    inferred = new_graph("memory")

    def apply(rule: Rule) -> int:
        try:
            derived = working.query(rule.prepared).graph
        except Exception as exc:
            raise MougraphError(f"rule {rule.path.name} failed: {exc}") from exc
        new = [t for t in derived if t not in working]
        for triple in new:
            working.add(triple)
            inferred.add(triple)
        return len(new)

    passes, by_rule = _fixpoint(rules, apply)
    return inferred, passes, by_rule


def infer(graph: Graph | None = None) -> Graph:
    """The inferred triples of ``graph`` (default: ontology + shipped data)."""
    if graph is None:
        graph = load_all()
    return materialise(graph).inferred
