"""A fast SHACL validator: the shapes compiled to set-wise SPARQL and run on Oxigraph.

pySHACL validates one focus node at a time in Python (about 1,400 s for a million triples). This module
instead compiles a SHACL shapes graph into a few SPARQL SELECT queries per shape, each of which finds the
results of one shape (or one constraint) for *all* its focus nodes at once, and runs them with Oxigraph's
engine on the data graph where it already lives (:class:`mougraph.store.oxigraph.OxigraphStore`).

How a shape becomes SPARQL
--------------------------
- **Targets** become a graph pattern that binds ``?this`` (the *focus pattern*): ``sh:targetClass`` (with the
  sub-classes of the class, found with ``rdfs:subClassOf*`` over the data and the ontology), implicit class
  targets, ``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf`` and SHACL-AF
  ``sh:SPARQLTarget``. A property shape reached through ``sh:property`` is validated on the focus nodes of
  the shape that has it (or on the value nodes, for a property shape that has it).
- **Paths** become SPARQL property paths (predicate, ``sh:inversePath``, sequence lists,
  ``sh:alternativePath``, ``sh:zeroOrMorePath``, ``sh:oneOrMorePath``, ``sh:zeroOrOnePath``).
- **Constraints on each value node** (``sh:class``, ``sh:datatype``, ``sh:nodeKind``, value ranges and
  lengths, ``sh:pattern``, ``sh:languageIn``, ``sh:in``, ``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone``,
  ``sh:node``) of one shape share one query: each is a boolean expression of ``?value``, true when the value
  node violates it. **Counting constraints** (``sh:minCount``, ``sh:maxCount``, qualified counts,
  ``sh:uniqueLang``, ``sh:hasValue``) use ``GROUP BY``/``HAVING`` or ``NOT EXISTS``; the property-pair
  constraints (``sh:equals``, ``sh:disjoint``, ``sh:lessThan``, ``sh:lessThanOrEquals``) and ``sh:closed``
  have their own queries. Each row of a query is one validation result.
- A node that is a focus node of a shape in several ways (through two parent shapes, or as the value of two
  focus nodes of a parent property shape) is validated once for each way, as SHACL has it.
- **Nested shapes** (``sh:node``, ``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone``, ``sh:qualifiedValueShape``)
  become *violation expressions*: a SPARQL expression of a variable that is true exactly when the node
  bound to it does not conform to the nested shape (``EXISTS`` patterns with fresh variables, evaluated for
  the bound node).
- **SPARQL-based constraints** (``sh:sparql`` with ``sh:select``, ``sh:prefixes``, ``$this``, ``$PATH``,
  ``$currentShape``) are rewritten so that ``$this`` is bound by the focus pattern wherever the pre-binding
  of the SHACL specification would bind it: the focus pattern is joined into the query's ``WHERE`` group and
  into every inner group that uses ``$this`` (not into ``EXISTS`` groups, which see the binding of the row),
  ``$this`` is projected and added to ``GROUP BY``. The syntax rules of the specification are enforced
  (no ``MINUS``, ``VALUES``, ``SERVICE``, no rebinding of ``$this``, sub-queries must project it).

What is not covered (a shape that uses it is left to pySHACL, the reference engine, and listed in
:attr:`FastOutcome.fallback` with the reason): SPARQL-based constraint *components* (``sh:validator``), other
custom constraint components, SHACL-AF rules, functions, expressions and target types, ``$shapesGraph``,
``GRAPH`` and ``LIMIT``/``OFFSET`` in SPARQL constraints, aggregates without ``GROUP BY``, SPARQL
constraints inside nested shapes, counts above :data:`MAX_NESTED_COUNT` inside nested shapes, blank nodes
as ``sh:in``/``sh:hasValue``/target values, recursive shapes.

Literals as written
-------------------
Oxigraph stores typed literals by value in a canonical form (see :mod:`mougraph.store.oxigraph`: an
``xsd:dateTimeStamp`` becomes an ``xsd:dateTime``, ``"01"^^xsd:integer`` becomes ``"1"``). The
store's *restore map* remembers the literals as written; this module uses it so that results match a
validator that reads the literals as written: ``sh:datatype`` candidates are checked in Python against the
written literal (with rdflib's notion of ill-typed literals, as pySHACL), ``DATATYPE()`` and ``STR()``
inside SPARQL constraints are answered from the written form (custom functions), and result values and
messages show the written form. What remains different is listed in ``docs/validation-engines.md``.
"""

from __future__ import annotations

import re
import time as _time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from mougraph.errors import ForbiddenSparql, MougraphError, ShapesError
from mougraph.store.terms import from_ox as to_rdflib, to_ox

#: Deepest count (sh:minCount, sh:maxCount, qualified counts) compiled inside a nested shape.
MAX_NESTED_COUNT = 4
FN = "urn:x-mougraph:fn:"
NEVER = "urn:x-mougraph:fastshacl:no-such-predicate"
FN_DATATYPE, FN_STR, FN_RESTORED, FN_DATATYPE_OK = (
    ox.NamedNode(FN + n) for n in ("datatype", "str", "restored", "dtok"))


def _cc(name: str) -> URIRef:
    return URIRef(f"{SH}{name}ConstraintComponent")


CLASS, DATATYPE, NODE_KIND = _cc("Class"), _cc("Datatype"), _cc("NodeKind")
MIN_COUNT, MAX_COUNT = _cc("MinCount"), _cc("MaxCount")
MIN_EXCLUSIVE, MIN_INCLUSIVE, MAX_EXCLUSIVE, MAX_INCLUSIVE = (
    _cc("MinExclusive"), _cc("MinInclusive"), _cc("MaxExclusive"), _cc("MaxInclusive"))
MIN_LENGTH, MAX_LENGTH, PATTERN, LANGUAGE_IN, UNIQUE_LANG = (
    _cc("MinLength"), _cc("MaxLength"), _cc("Pattern"), _cc("LanguageIn"), _cc("UniqueLang"))
EQUALS, DISJOINT, LESS_THAN, LESS_THAN_OR_EQUALS = (
    _cc("Equals"), _cc("Disjoint"), _cc("LessThan"), _cc("LessThanOrEquals"))
NOT, AND, OR, XONE, NODE, PROPERTY = _cc("Not"), _cc("And"), _cc("Or"), _cc("Xone"), _cc("Node"), _cc("Property")
QUALIFIED_MIN, QUALIFIED_MAX = _cc("QualifiedMinCount"), _cc("QualifiedMaxCount")
CLOSED, HAS_VALUE, IN, SPARQL = _cc("Closed"), _cc("HasValue"), _cc("In"), _cc("SPARQL")

#: The constraint components the fast engine evaluates itself (everything else falls back to pySHACL).
COVERED_COMPONENTS = frozenset({
    CLASS, DATATYPE, NODE_KIND, MIN_COUNT, MAX_COUNT, MIN_EXCLUSIVE, MIN_INCLUSIVE, MAX_EXCLUSIVE,
    MAX_INCLUSIVE, MIN_LENGTH, MAX_LENGTH, PATTERN, LANGUAGE_IN, UNIQUE_LANG, EQUALS, DISJOINT, LESS_THAN,
    LESS_THAN_OR_EQUALS, NOT, AND, OR, XONE, NODE, PROPERTY, QUALIFIED_MIN, QUALIFIED_MAX, CLOSED, HAS_VALUE,
    IN, SPARQL,
})

#: The parameters of those components, and the other predicates a shape may have.
_PARAMETERS = {SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minExclusive, SH.minInclusive,
               SH.maxExclusive, SH.maxInclusive, SH.minLength, SH.maxLength, SH.pattern, SH.flags, SH.languageIn,
               SH.uniqueLang, SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals, SH["not"], SH["and"],
               SH["or"], SH.xone, SH.node, SH.property, SH.qualifiedValueShape, SH.qualifiedMinCount,
               SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.closed, SH.ignoredProperties,
               SH.hasValue, SH["in"], SH.sparql}
_TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}
_NON_VALIDATING = {SH.path, SH.severity, SH.message, SH.deactivated, SH.name, SH.description, SH.order,
                   SH.group, SH.defaultValue, SH.select, SH.prefixes, SH.declare, SH.labelTemplate,
                   SH.shapesGraph, SH.suggestedShapesGraph, SH.entailment, SH.jsFunctionName, SH.jsLibrary}
_KNOWN = _PARAMETERS | _TARGETS | _NON_VALIDATING
_NODE_KINDS = {SH.IRI, SH.BlankNode, SH.Literal, SH.BlankNodeOrIRI, SH.BlankNodeOrLiteral, SH.IRIOrLiteral}


class Uncovered(Exception):
    """A shape uses something the fast engine does not evaluate: pySHACL validates it instead."""


# ====================================================================================================
# Terms
# ====================================================================================================

def sparql_term(term) -> str:
    """An rdflib (or pyoxigraph) IRI or literal as SPARQL text; blank nodes cannot be written."""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term)
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    raise Uncovered(f"a blank node ({term}) where the query would need a constant")


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def datatype_ok(value, datatype) -> bool:
    """Does ``value`` (an rdflib term, as written) match ``sh:datatype datatype``?

    As pySHACL decides it (rdflib's notion of an ill-typed literal, and the Python value for the datatypes
    pySHACL checks), except for ``rdfs:Literal``, which no literal has as its datatype (SHACL, sh:datatype).
    """
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        if value.ill_typed is True:
            return False
        return _python_value_ok(value, datatype)
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return _python_value_ok(value, datatype)
    if datatype == RDF.langString and value.language:
        return _python_value_ok(value, datatype)
    return False


def _python_value_ok(value: Literal, datatype) -> bool:
    python = value.value
    checks = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
              XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime}
    wanted = checks.get(datatype)
    return True if wanted is None else isinstance(python, wanted)


# ====================================================================================================
# Paths
# ====================================================================================================

@dataclass(frozen=True)
class Path:
    """A SHACL property path: ``kind`` is pred, inv, seq, alt, zom (zero or more), oom, zoo."""

    kind: str
    args: tuple

    @property
    def predicate(self):
        return self.args[0] if self.kind == "pred" else None

    def sparql(self) -> str:
        if self.kind == "pred":
            return f"<{self.args[0]}>"
        if self.kind == "inv":
            return f"^{self.args[0]._atom()}"
        if self.kind == "seq":
            # Oxigraph turns a sequence path into a join of triple patterns, which it may order from the far
            # end inside EXISTS (quadratic); an alternative with an IRI no data uses keeps it one path,
            # evaluated from its bound end, with the same results.
            return "((" + "/".join(p._atom() for p in self.args) + f")|<{NEVER}>)"
        if self.kind == "alt":
            return "(" + "|".join(p._atom() for p in self.args) + ")"
        return self.args[0]._atom() + {"zom": "*", "oom": "+", "zoo": "?"}[self.kind]

    def text(self) -> str:
        """The path in SPARQL syntax, without the plan hints of :meth:`sparql`."""
        if self.kind == "pred":
            return f"<{self.args[0]}>"
        if self.kind == "inv":
            return "^" + self.args[0]._text_atom()
        if self.kind in ("seq", "alt"):
            return "(" + ("/" if self.kind == "seq" else "|").join(p._text_atom() for p in self.args) + ")"
        return self.args[0]._text_atom() + {"zom": "*", "oom": "+", "zoo": "?"}[self.kind]

    def _text_atom(self) -> str:
        text = self.text()
        return text if self.kind in ("pred", "seq", "alt") else f"({text})"

    def _atom(self) -> str:
        text = self.sparql()
        return text if self.kind in ("pred", "seq", "alt") else f"({text})"


_PATH_KINDS = {SH.inversePath: "inv", SH.alternativePath: "alt", SH.zeroOrMorePath: "zom",
               SH.oneOrMorePath: "oom", SH.zeroOrOnePath: "zoo"}


def _list(graph: Graph, head) -> list:
    items, seen = [], set()
    while head != RDF.nil:
        if head in seen or head is None:
            raise ShapesError(f"malformed RDF list at {head}")
        seen.add(head)
        first = graph.value(head, RDF.first)
        if first is None:
            raise ShapesError(f"malformed RDF list at {head}: no rdf:first")
        items.append(first)
        head = graph.value(head, RDF.rest)
    return items


def parse_path(graph: Graph, node, _depth: int = 0) -> Path:
    if _depth > 50:
        raise ShapesError(f"path nested too deeply at {node}")
    if isinstance(node, URIRef):
        return Path("pred", (node,))
    if not isinstance(node, BNode):
        raise ShapesError(f"sh:path must be an IRI or a blank node, not {node!r}")
    if (node, RDF.first, None) in graph:
        items = _list(graph, node)
        if len(items) < 2:
            raise ShapesError(f"a sequence path needs two or more members ({node})")
        return Path("seq", tuple(parse_path(graph, i, _depth + 1) for i in items))
    for predicate, kind in _PATH_KINDS.items():
        target = graph.value(node, predicate)
        if target is None:
            continue
        if kind == "alt":
            items = _list(graph, target)
            if len(items) < 2:
                raise ShapesError(f"an alternative path needs two or more members ({node})")
            return Path("alt", tuple(parse_path(graph, i, _depth + 1) for i in items))
        return Path(kind, (parse_path(graph, target, _depth + 1),))
    raise ShapesError(f"{node} is not a SHACL property path")


def path_text(graph: Graph, node) -> str:
    """A canonical text of the path at ``node`` of ``graph`` (for comparing results of two reports)."""
    if node is None:
        return ""
    try:
        return parse_path(graph, node).text()
    except ShapesError:
        return str(node)


# ====================================================================================================
# The shapes graph
# ====================================================================================================

@dataclass(frozen=True)
class Constraint:
    component: URIRef
    params: tuple  # (name, value) pairs; values are rdflib terms, lists of terms, ints or strings

    def get(self, name, default=None):
        return dict(self.params).get(name, default)


@dataclass(eq=False)
class Shape:
    node: object
    path: Path | None
    path_node: object
    severity: URIRef
    messages: list
    deactivated: bool
    targets: list
    constraints: list
    properties: list
    uncovered: str | None = None

    @property
    def is_property(self) -> bool:
        return self.path is not None


@dataclass(frozen=True)
class SparqlConstraint:
    node: object
    select: str
    prefixes: tuple  # (prefix, namespace) pairs
    messages: tuple


def _true(term) -> bool:
    """Is ``term`` the literal true (SHACL names true; "1"^^xsd:boolean does not count)?"""
    return isinstance(term, Literal) and term.datatype == XSD.boolean and str(term) == "true"


def _int(term, what) -> int:
    if not isinstance(term, Literal) or not isinstance(term.value, int) or isinstance(term.value, bool):
        raise ShapesError(f"{what} must be an integer, not {term!r}")
    return term.value


class ShapesGraph:
    """The shapes of a SHACL shapes graph, parsed once (compiled to SPARQL by :class:`Validator`)."""

    def __init__(self, graph: Graph):
        self.graph = Graph()
        for triple in graph:
            self.graph.add(triple)
        for prefix, namespace in graph.namespaces():
            self.graph.bind(prefix, namespace, override=False)
        g = self.graph
        self._shapes: dict = {}
        self.global_reason = None
        if any(g.triples((None, SH.rule, None))) or any(g.subjects(RDF.type, SH.SPARQLFunction)) \
                or any(g.subjects(RDF.type, SH.SPARQLRule)) or any(g.subjects(RDF.type, SH.TripleRule)):
            self.global_reason = "SHACL-AF rules or functions change what every shape sees"
        self.custom_parameters = {p for cls in self._subclasses_in_shapes_graph(SH.ConstraintComponent)
                                  for cc in g.subjects(RDF.type, cls)
                                  for param in g.objects(cc, SH.parameter) for p in g.objects(param, SH.path)}
        self.shape_classes = self._subclasses_in_shapes_graph(RDFS.Class)
        found = set()
        for cls in (SH.NodeShape, SH.PropertyShape):
            for c in self._subclasses_in_shapes_graph(cls):
                found |= set(g.subjects(RDF.type, c))
        for predicate in _TARGETS | {SH.path}:
            found |= set(g.subjects(predicate, None))
        for predicate in (SH.node, SH.property, SH["not"], SH.qualifiedValueShape):
            found |= set(g.objects(None, predicate))
        for predicate in (SH["and"], SH["or"], SH.xone):
            for head in g.objects(None, predicate):
                found |= set(_list(g, head))
        self.nodes = sorted(found, key=lambda n: (isinstance(n, BNode), str(n)))

    def _subclasses_in_shapes_graph(self, cls) -> set:
        result, todo = {cls}, [cls]
        while todo:
            for sub in self.graph.subjects(RDFS.subClassOf, todo.pop()):
                if sub not in result:
                    result.add(sub)
                    todo.append(sub)
        return result

    def shape(self, node) -> Shape:
        if node not in self._shapes:
            self._shapes[node] = self._parse(node)
        return self._shapes[node]

    def top_level(self) -> list[Shape]:
        """The shapes with targets (not deactivated), in a stable order."""
        return [s for s in (self.shape(n) for n in self.nodes) if s.targets and not s.deactivated]

    def _parse(self, node) -> Shape:
        g = self.graph
        uncovered = None
        path_node = g.value(node, SH.path)
        path = None
        if path_node is not None:
            try:
                path = parse_path(g, path_node)
            except ShapesError as exc:  # pySHACL may read it in its own way: leave the shape to it
                uncovered = f"sh:path: {exc}"
                path = Path("pred", (URIRef(NEVER),))
        severity = g.value(node, SH.severity) or SH.Violation
        messages = sorted((m for m in g.objects(node, SH.message) if isinstance(m, Literal)),
                          key=lambda m: (m.language or "", str(m)))
        deactivated = any(_true(d) for d in g.objects(node, SH.deactivated))
        targets = [("class", c) for c in g.objects(node, SH.targetClass)]
        if any((node, RDF.type, c) in g for c in self.shape_classes):
            targets.append(("class", node))
        targets += [("node", n) for n in g.objects(node, SH.targetNode)]
        targets += [("subjectsOf", p) for p in g.objects(node, SH.targetSubjectsOf)]
        targets += [("objectsOf", p) for p in g.objects(node, SH.targetObjectsOf)]
        for target in g.objects(node, SH.target):
            select = g.value(target, SH.select)
            if (target, RDF.type, SH.SPARQLTarget) in g and isinstance(select, Literal):
                targets.append(("sparql", str(select), tuple(self.prefixes(target))))
            else:
                targets.append(("unsupported", target))
                uncovered = uncovered or f"target {target} is not a SPARQL target"
        constraints = []
        try:
            constraints = self._constraints(node, path)
        except Uncovered as exc:
            uncovered = uncovered or str(exc)
        for predicate in sorted(set(g.predicates(node, None)), key=str):
            if predicate in self.custom_parameters:
                uncovered = uncovered or f"custom constraint component (parameter {predicate})"
            elif str(predicate).startswith(str(SH)) and predicate not in _KNOWN:
                uncovered = uncovered or f"{predicate} is not covered"
        properties = sorted(g.objects(node, SH.property), key=lambda n: (isinstance(n, BNode), str(n)))
        return Shape(node, path, path_node, severity, messages, deactivated, targets, constraints, properties,
                     uncovered)

    def prefixes(self, node) -> list[tuple[str, str]]:
        """The prefix declarations of the sh:prefixes of ``node`` (SHACL-SPARQL, prefix declarations)."""
        g, out = self.graph, []
        ontologies, todo = [], list(g.objects(node, SH.prefixes))
        while todo:  # the ontologies named and those they import
            ontology = todo.pop(0)
            if ontology not in ontologies:
                ontologies.append(ontology)
                todo.extend(g.objects(ontology, OWL.imports))
        for ontology in ontologies:
            for declaration in g.objects(ontology, SH.declare):
                prefix, namespace = g.value(declaration, SH.prefix), g.value(declaration, SH.namespace)
                if prefix is None or namespace is None:
                    raise ShapesError(f"sh:declare of {ontology} without sh:prefix or sh:namespace")
                out.append((str(prefix), str(namespace)))
        return out

    def _constraints(self, node, path) -> list[Constraint]:
        g, out = self.graph, []

        def add(component, **params):
            out.append(Constraint(component, tuple(sorted(params.items(), key=lambda kv: kv[0]))))

        for c in g.objects(node, SH["class"]):
            add(CLASS, cls=c)
        for d in g.objects(node, SH.datatype):
            add(DATATYPE, datatype=d)
        for k in g.objects(node, SH.nodeKind):
            if k not in _NODE_KINDS:
                raise ShapesError(f"{node}: unknown sh:nodeKind {k}")
            add(NODE_KIND, kind=k)
        for n in g.objects(node, SH.minCount):
            add(MIN_COUNT, n=_int(n, "sh:minCount"))
        for n in g.objects(node, SH.maxCount):
            add(MAX_COUNT, n=_int(n, "sh:maxCount"))
        for predicate, component in ((SH.minExclusive, MIN_EXCLUSIVE), (SH.minInclusive, MIN_INCLUSIVE),
                                     (SH.maxExclusive, MAX_EXCLUSIVE), (SH.maxInclusive, MAX_INCLUSIVE)):
            for bound in g.objects(node, predicate):
                add(component, bound=bound)
        for n in g.objects(node, SH.minLength):
            add(MIN_LENGTH, n=_int(n, "sh:minLength"))
        for n in g.objects(node, SH.maxLength):
            add(MAX_LENGTH, n=_int(n, "sh:maxLength"))
        flags = g.value(node, SH.flags)
        for pattern in g.objects(node, SH.pattern):  # read by Oxigraph (see Validator._check_regex)
            add(PATTERN, pattern=str(pattern), flags=str(flags) if flags is not None else "")
        for head in g.objects(node, SH.languageIn):
            add(LANGUAGE_IN, languages=tuple(str(x) for x in _list(g, head)))
        if any(_true(u) for u in g.objects(node, SH.uniqueLang)) and path is not None:
            add(UNIQUE_LANG)
        for predicate, component in ((SH.equals, EQUALS), (SH.disjoint, DISJOINT), (SH.lessThan, LESS_THAN),
                                     (SH.lessThanOrEquals, LESS_THAN_OR_EQUALS)):
            for other in g.objects(node, predicate):
                if not isinstance(other, URIRef):
                    raise ShapesError(f"{node}: {predicate} must be an IRI")
                if component in (LESS_THAN, LESS_THAN_OR_EQUALS) and path is None:
                    continue  # only property shapes have these (SHACL, property pair constraints)
                add(component, property=other)
        for s in g.objects(node, SH["not"]):
            add(NOT, shape=s)
        for predicate, component in ((SH["and"], AND), (SH["or"], OR), (SH.xone, XONE)):
            for head in g.objects(node, predicate):
                add(component, shapes=tuple(_list(g, head)))
        for s in g.objects(node, SH.node):
            add(NODE, shape=s)
        for qvs in g.objects(node, SH.qualifiedValueShape):
            disjoint = any(_true(d) for d in g.objects(node, SH.qualifiedValueShapesDisjoint))
            siblings = ()
            if disjoint:
                siblings = tuple(sorted({sib for parent in g.subjects(SH.property, node)
                                         for prop in g.objects(parent, SH.property)
                                         for sib in g.objects(prop, SH.qualifiedValueShape) if sib != qvs},
                                        key=str))
            for n in g.objects(node, SH.qualifiedMinCount):
                add(QUALIFIED_MIN, shape=qvs, n=_int(n, "sh:qualifiedMinCount"), siblings=siblings)
            for n in g.objects(node, SH.qualifiedMaxCount):
                add(QUALIFIED_MAX, shape=qvs, n=_int(n, "sh:qualifiedMaxCount"), siblings=siblings)
        if any(_true(c) for c in g.objects(node, SH.closed)):
            allowed = set()
            for prop in g.objects(node, SH.property):
                p = g.value(prop, SH.path)
                if isinstance(p, URIRef):
                    allowed.add(p)
            for head in g.objects(node, SH.ignoredProperties):
                allowed |= set(_list(g, head))
            add(CLOSED, allowed=tuple(sorted(allowed, key=str)))
        for v in g.objects(node, SH.hasValue):
            add(HAS_VALUE, value=v)
        for head in g.objects(node, SH["in"]):
            add(IN, values=tuple(_list(g, head)))
        for constraint in g.objects(node, SH.sparql):
            if any(_true(d) for d in g.objects(constraint, SH.deactivated)):
                continue
            select = g.value(constraint, SH.select)
            if select is None:
                raise Uncovered(f"SPARQL constraint {constraint} without sh:select")
            messages = tuple(sorted((m for m in g.objects(constraint, SH.message) if isinstance(m, Literal)),
                                    key=lambda m: (m.language or "", str(m))))
            add(SPARQL, constraint=SparqlConstraint(constraint, str(select), tuple(self.prefixes(constraint)),
                                                    messages))
        return out


# ====================================================================================================
# SPARQL text: tokens, prefixes and the rewriting of SPARQL-based constraints
# ====================================================================================================

_TOKEN_RE = re.compile(r'''
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[A-Za-z0-9_\u00C0-\uFFFF](?:[A-Za-z0-9_\-.\u00B7\u00C0-\uFFFF]*[A-Za-z0-9_\-\u00B7\u00C0-\uFFFF])?)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF](?:[A-Za-z0-9_\-.\u00B7\u00C0-\uFFFF]*[A-Za-z0-9_\-\u00B7\u00C0-\uFFFF])?)?:
               (?:(?:[A-Za-z0-9_:\-\u00B7\u00C0-\uFFFF]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])
                  (?:(?:[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])*
                     (?:[A-Za-z0-9_:\-\u00B7\u00C0-\uFFFF]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%]))?)?)
  | (?P<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;*+/|^!=<>?\-])
''', re.X)


@dataclass
class _Tok:
    kind: str
    text: str
    start: int
    end: int

    def is_(self, *words) -> bool:
        return self.kind == "name" and self.text.upper() in words


def tokenize(text: str) -> list[_Tok]:
    tokens, pos = [], 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m:
            raise ShapesError(f"cannot read the SPARQL query at {text[pos:pos + 30]!r}")
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            tokens.append(_Tok(kind, m.group(), m.start(), m.end()))
        pos = m.end()
    return tokens


def _expand_prefixes(tokens: list[_Tok], prefixes: dict[str, str]) -> tuple[list[_Tok], int]:
    """Read the prologue (PREFIX, BASE) into ``prefixes``; expand prefixed names; the index of the query."""
    i = 0
    while i < len(tokens) and tokens[i].is_("PREFIX", "BASE"):
        if tokens[i].is_("BASE"):
            raise Uncovered("BASE in a SPARQL query")
        if i + 2 >= len(tokens) or tokens[i + 1].kind != "pname" or tokens[i + 2].kind != "iri":
            raise ShapesError("malformed PREFIX declaration in a SPARQL query")
        prefixes[tokens[i + 1].text[:-1]] = tokens[i + 2].text[1:-1]
        i += 3
    for tok in tokens[i:]:
        if tok.kind == "pname":
            prefix, local = tok.text.split(":", 1)
            if prefix not in prefixes:
                raise ShapesError(f"undeclared prefix '{prefix}:' in a SPARQL query (declare it with sh:prefixes)")
            tok.kind, tok.text = "iri", "<" + prefixes[prefix] + re.sub(r"\\(.)", r"\1", local) + ">"
    return tokens, i


def _render(text: str, tokens: list[_Tok], start: int, inserts: dict[int, str]) -> str:
    """The query from token ``start`` on, with the (replaced) tokens and ``inserts`` after token indexes."""
    out, prev_end = [], tokens[start].start if start < len(tokens) else len(text)
    for i in range(start, len(tokens)):
        tok = tokens[i]
        out.append(text[prev_end:tok.start])
        out.append(tok.text)
        if i in inserts:
            out.append(" " + inserts[i] + " ")
        prev_end = tok.end
    out.append(text[prev_end:])
    return "".join(out)


_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}


@dataclass
class _Group:
    kind: str  # 'where', 'normal', 'exists', 'wrapper'
    in_exists: bool
    open_index: int
    mentions: bool = False


def rewrite_select(select: str, prefixes: dict[str, str], focus: str, *, path: str | None = None,
                   current_shape: str | None = None, target: bool = False,
                   builtins: dict[str, str] | None = None, derivation: Iterable[str] = ()) -> tuple[str, list[str]]:
    """Rewrite a SHACL-SPARQL SELECT query for set-wise evaluation; the query and its projected variables.

    ``focus`` is a group graph pattern that binds ``?this`` to the focus nodes. It is joined into the query's
    WHERE group and into every group that uses ``$this`` outside EXISTS (SHACL-SPARQL's pre-binding). With
    ``target`` (a SPARQL-based target), the query is only checked and its prefixes expanded. ``builtins``
    replaces calls of built-in functions (upper-case name -> IRI of a custom function). ``derivation``: the
    variables ``focus`` binds besides ?this, projected and grouped by with it.
    Raises :class:`ShapesError` for the queries the specification forbids and :class:`Uncovered` for those
    this rewriting cannot make equivalent.
    """
    prefixes = dict(prefixes)
    tokens, start = _expand_prefixes(tokenize(select), prefixes)
    for index in range(start, len(tokens)):
        tok = tokens[index]
        if tok.kind == "var":
            name = tok.text[1:]
            if name == "PATH" and path is not None:
                tok.kind, tok.text = "path", path
            elif name == "currentShape":
                if current_shape is None:
                    raise Uncovered("$currentShape of a blank-node shape")
                tok.kind, tok.text = "iri", current_shape
            elif name == "shapesGraph":
                raise Uncovered("$shapesGraph in a SPARQL query")
            else:
                tok.text = "?" + name
        elif builtins and tok.kind == "name" and tok.text.upper() in builtins and index + 1 < len(tokens) \
                and tokens[index + 1].text == "(":
            tok.kind, tok.text = "iri", builtins[tok.text.upper()]
        elif tok.is_("MINUS", "SERVICE", "VALUES"):
            raise ForbiddenSparql(f"{tok.text.upper()} is not allowed in a SHACL-SPARQL query")
        elif tok.is_("LIMIT", "OFFSET", "GRAPH"):
            raise Uncovered(f"{tok.text.upper()} in a SPARQL constraint")
    for a, b in zip(tokens[start:], tokens[start + 1:]):
        if a.is_("AS") and b.kind == "var" and b.text == "?this":
            raise ForbiddenSparql("a SHACL-SPARQL query must not assign $this")
    if start >= len(tokens) or not tokens[start].is_("SELECT"):
        raise ShapesError("sh:select must hold a SELECT query")

    stack: list[_Group] = []
    selects: list[dict] = []  # the SELECT clauses, outermost first
    expect_where = None  # the select whose WHERE group is next
    groups: list[_Group] = []
    prev = None
    i = start
    while i < len(tokens):
        tok = tokens[i]
        if tok.is_("SELECT"):
            sel = {"outer": not stack, "star": False, "projected": set(), "aggregates": False, "select_index": i,
                   "group_by_index": None, "modifier_index": i, "wrapper": stack[-1] if stack else None}
            selects.append(sel)
            j = i + 1
            if j < len(tokens) and tokens[j].is_("DISTINCT", "REDUCED"):
                sel["modifier_index"] = j
                j += 1
            depth = 0
            while j < len(tokens) and not (depth == 0 and (tokens[j].is_("WHERE") or tokens[j].text == "{")):
                t = tokens[j]
                if t.text == "(":
                    depth += 1
                elif t.text == ")":
                    depth -= 1
                elif t.text == "*" and depth == 0:
                    sel["star"] = True
                elif t.kind == "var" and depth == 0:
                    sel["projected"].add(t.text)
                elif t.kind == "var" and tokens[j - 1].is_("AS"):
                    sel["projected"].add(t.text)
                elif t.kind == "name" and t.text.upper() in _AGGREGATES:
                    sel["aggregates"] = True
                j += 1
            expect_where = sel
            prev = tokens[j - 1]
            i = j
            continue
        if tok.text == "{":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            in_exists = stack[-1].in_exists if stack else False
            if expect_where is not None:
                group = _Group("where", False, i)
                expect_where["where"] = group
                expect_where = None
            elif prev is not None and prev.is_("EXISTS"):
                group = _Group("exists", True, i)
            elif nxt is not None and nxt.is_("SELECT"):
                group = _Group("wrapper", in_exists, i)
            else:
                group = _Group("normal", in_exists, i)
            stack.append(group)
            groups.append(group)
        elif tok.text == "}":
            if not stack:
                raise ShapesError("unbalanced braces in a SPARQL query")
            closed = stack.pop()
            for sel in selects:
                if sel.get("where") is closed:
                    sel["end_index"] = i
        elif tok.kind == "var" and tok.text == "?this" and stack:
            for group in reversed(stack):
                if group.kind in ("where", "normal") and not group.in_exists:
                    group.mentions = True
                    break
        elif tok.is_("GROUP") and i + 1 < len(tokens) and tokens[i + 1].is_("BY"):
            owner = _select_of(selects, stack)
            if owner is not None:
                owner["group_by_index"] = i + 1
        elif tok.kind == "name" and tok.text.upper() in _AGGREGATES and tokens[i + 1:i + 2] \
                and tokens[i + 1].text == "(":
            owner = _select_of(selects, stack)
            if owner is not None:
                owner["aggregates"] = True
        prev = tok
        i += 1
    if stack:
        raise ShapesError("unbalanced braces in a SPARQL query")
    if target:
        outer = selects[0]
        if not outer["star"] and "?this" not in outer["projected"]:
            raise ShapesError("a SPARQL target must project ?this")
        return _render(select, tokens, start, {}), sorted(outer["projected"])
    inserts: dict[int, str] = {}
    extra = " ".join(derivation)
    for sel in selects:
        if "where" not in sel:
            raise ShapesError("a SELECT without a WHERE group")
        if not sel["outer"]:
            if sel["star"] or "?this" not in sel["projected"]:
                raise ForbiddenSparql("a sub-query of a SHACL-SPARQL query must project $this")
        if sel["aggregates"] and sel["group_by_index"] is None:
            raise Uncovered("aggregates without GROUP BY in a SPARQL constraint")
        if sel["group_by_index"] is not None:
            inserts[sel["group_by_index"]] = f"?this {extra}"
        inserts[sel["where"].open_index] = focus
        if not sel["star"]:
            missing = "" if "?this" in sel["projected"] else "?this"
            if missing or extra:
                inserts[sel["modifier_index"]] = f"{missing} {extra}"
    for group in groups:
        if group.kind == "normal" and group.mentions and not group.in_exists:
            inserts[group.open_index] = focus
    outer = selects[0]
    projected = sorted(outer["projected"] | {"?this"})
    return _render(select, tokens, start, inserts), projected


def _select_of(selects, stack):
    """The select whose solution modifiers (after its WHERE group) are being read."""
    for sel in reversed(selects):
        if "end_index" not in sel:
            continue
        if sel["wrapper"] is None:
            return None if stack else sel
        if stack and stack[-1] is sel["wrapper"]:
            return sel
    return None


# ====================================================================================================
# The data: one pyoxigraph store, the graphs a validation reads, and the literals as written
# ====================================================================================================

class Dataset:
    """The graphs one validation reads (their union is the data graph), in one pyoxigraph store.

    ``restore`` is the restore map of :class:`mougraph.store.oxigraph.OxigraphStore` (or a merge of several):
    (subject, predicate, stored literal, graph) as pyoxigraph terms -> the rdflib literals as written.
    """

    def __init__(self, store: ox.Store, graphs: list, restore: dict | None = None):
        self.store, self.graphs = store, list(graphs)
        self.by_key: dict = {}
        self.by_value: dict = {}
        names = set(self.graphs)
        for (s, p, o, g), written in (restore or {}).items():
            if g not in names:
                continue
            for w in written:
                forms = self.by_key.setdefault((s, p, o), [])
                if w not in forms:
                    forms.append(w)
                forms = self.by_value.setdefault(o, [])
                if w not in forms:
                    forms.append(w)
        self.queries = 0
        self.timings: list | None = None  # set to a list to record (seconds, rows, query text)
        self.functions = {FN_DATATYPE: self._fn_datatype, FN_STR: self._fn_str, FN_RESTORED: self._fn_restored,
                          FN_DATATYPE_OK: self._fn_datatype_ok}
        self.ambiguous = self._ambiguous()
        self.lexical_changed = any(str(w) != o.value for o, ws in self.by_value.items() for w in ws)
        self.datatype_changed = any(str(w.datatype) != o.datatype.value for o, ws in self.by_value.items() for w in ws)
        self.restored_datatypes = sorted({o.datatype.value for o in self.by_value})
        self.restored_by_predicate: dict = {}
        for _s, p, o in self.by_key:
            self.restored_by_predicate.setdefault(p, set()).add(o.datatype.value)
        self.restored_by_predicate = {p: sorted(d) for p, d in self.restored_by_predicate.items()}

    def _ambiguous(self) -> set:
        """The stored literals that are also the object of triples written in their stored form."""
        keys: dict = {}
        for _s, _p, o in self.by_key:
            keys[o] = keys.get(o, 0) + 1
        found, values = set(), list(self.by_value)
        for i in range(0, len(values), 2000):
            chunk = " ".join(str(v) for v in values[i:i + 2000])
            _names, rows = self.select(
                f"SELECT ?o (COUNT(*) AS ?n) WHERE {{ VALUES ?o {{ {chunk} }} ?s ?p ?o }} GROUP BY ?o")
            found |= {o for o, n in rows if int(n.value) > keys.get(o, 0)}
        self.queries = 0
        return found

    # --- literals as written
    def written(self, term) -> list:
        """The rdflib terms ``term`` (as stored) was written as (on some triple or other)."""
        if type(term) is ox.Literal:
            forms = self.by_value.get(term)
            if forms:
                if term in self.ambiguous:
                    stored = to_rdflib(term)
                    return list(forms) + ([stored] if stored not in forms else [])
                return list(forms)
        return [to_rdflib(term)]

    def written_at(self, s, p, o) -> list:
        """The rdflib terms the object of the stored triple (s, p, o) was written as."""
        if type(o) is ox.Literal:
            return list(self.by_key.get((s, p, o)) or [to_rdflib(o)])
        return [to_rdflib(o)]

    def _fn_datatype(self, term):
        if type(term) is not ox.Literal:
            return None
        forms = self.by_value.get(term)
        if forms and term not in self.ambiguous:
            datatypes = {str(w.datatype or XSD.string) for w in forms}
            if len(datatypes) == 1:
                return ox.NamedNode(datatypes.pop())
        return term.datatype

    def _fn_str(self, term):
        if type(term) is ox.NamedNode:
            return ox.Literal(term.value)
        if type(term) is not ox.Literal:
            return None
        forms = self.by_value.get(term)
        if forms and term not in self.ambiguous and len({str(w) for w in forms}) == 1:
            return ox.Literal(str(forms[0]))
        return ox.Literal(term.value)

    def _fn_restored(self, term):
        return ox.Literal("true" if term in self.by_value else "false", datatype=ox.NamedNode(str(XSD.boolean)))

    def _fn_datatype_ok(self, term, datatype):
        ok = all(datatype_ok(w, URIRef(datatype.value)) for w in self.written(term))
        return ox.Literal("true" if ok else "false", datatype=ox.NamedNode(str(XSD.boolean)))

    # --- queries
    def select(self, text: str) -> tuple[list[str], list[tuple]]:
        """Run a SELECT query on the union of the graphs: its variable names and rows of pyoxigraph terms."""
        self.queries += 1
        functions = {k: v for k, v in self.functions.items() if k.value in text} or None
        try:
            result = self.store.query(text, default_graph=self.graphs, custom_functions=functions)
        except SyntaxError as exc:
            raise MougraphError(f"the fast SHACL engine made a query Oxigraph rejects ({exc}):\n{text}") from exc
        names = [v.value for v in result.variables]
        width = range(len(names))
        if self.timings is None:
            return names, [tuple(solution[i] for i in width) for solution in result]
        started = _time.perf_counter()
        rows = [tuple(solution[i] for i in width) for solution in result]
        self.timings.append((_time.perf_counter() - started, len(rows), text))
        return names, rows


# ====================================================================================================
# Results
# ====================================================================================================

@dataclass(frozen=True)
class FastResult:
    """One validation result (rdflib terms; literals as written)."""

    severity: URIRef
    focus: object
    path: object  # the sh:path node of the shapes graph, or the ?path of a SPARQL constraint
    value: object
    shape: object
    component: URIRef
    messages: tuple = ()
    constraint: object = None  # sh:sourceConstraint of SPARQL-based results


@dataclass
class FastOutcome:
    results: list
    covered: list  # top-level shapes validated here
    fallback: dict  # top-level shape -> why pySHACL validates it
    queries: int = 0


def _short(graph: Graph, term) -> str:
    try:
        if isinstance(term, URIRef):
            return graph.namespace_manager.normalizeUri(term)
    except Exception:  # noqa: BLE001 (no prefix fits)
        pass
    return term.n3() if isinstance(term, Literal) else str(term)


def generic_message(shapes: ShapesGraph, constraint: Constraint, focus, path_text_: str, value) -> Literal:
    """A message for a shape without sh:message, phrased as pySHACL phrases its own."""
    g, c, comp = shapes.graph, constraint, constraint.component
    where = f"{focus}->{path_text_}" if path_text_ else f"{focus}"
    texts = {
        CLASS: lambda: f"Value does not have class {_short(g, c.get('cls'))}",
        DATATYPE: lambda: f"Value is not Literal with datatype {_short(g, c.get('datatype'))}",
        NODE_KIND: lambda: f"Value is not of Node Kind {_short(g, c.get('kind'))}",
        MIN_COUNT: lambda: f"Less than {c.get('n')} values on {where}",
        MAX_COUNT: lambda: f"More than {c.get('n')} values on {where}",
        MIN_EXCLUSIVE: lambda: f"Value is not > {_short(g, c.get('bound'))}",
        MIN_INCLUSIVE: lambda: f"Value is not >= {_short(g, c.get('bound'))}",
        MAX_EXCLUSIVE: lambda: f"Value is not < {_short(g, c.get('bound'))}",
        MAX_INCLUSIVE: lambda: f"Value is not <= {_short(g, c.get('bound'))}",
        MIN_LENGTH: lambda: f"String length not >= {c.get('n')}",
        MAX_LENGTH: lambda: f"String length not <= {c.get('n')}",
        PATTERN: lambda: f"Value does not match pattern '{c.get('pattern')}'",
        LANGUAGE_IN: lambda: f"String language is not in {list(c.get('languages'))}",
        UNIQUE_LANG: lambda: "More than one String shares the same Language",
        EQUALS: lambda: f"Value of {where} != {_short(g, c.get('property'))}",
        DISJOINT: lambda: f"Value of {where} == {_short(g, c.get('property'))}",
        LESS_THAN: lambda: f"Value of {where} >= {_short(g, c.get('property'))}",
        LESS_THAN_OR_EQUALS: lambda: f"Value of {where} > {_short(g, c.get('property'))}",
        NOT: lambda: f"Node {value} must not conform to shape {_short(g, c.get('shape'))}",
        AND: lambda: "Value must conform to every Shape in ('{}')".format(
            "', '".join(_short(g, s) for s in c.get("shapes"))),
        OR: lambda: "Node {} must conform to one or more shapes in {}".format(
            value, " , ".join(_short(g, s) for s in c.get("shapes"))),
        XONE: lambda: "Node {} must conform to exactly one shape in {}".format(
            value, " , ".join(_short(g, s) for s in c.get("shapes"))),
        NODE: lambda: f"Value does not conform to Shape {_short(g, c.get('shape'))}. See details for more information.",
        QUALIFIED_MIN: lambda: f"Focus node does not conform to shape {_short(g, c.get('shape'))}: "
                               f"fewer than {c.get('n')} values conform",
        QUALIFIED_MAX: lambda: f"Focus node does not conform to shape {_short(g, c.get('shape'))}: "
                               f"more than {c.get('n')} values conform",
        CLOSED: lambda: f"Node {focus} is closed. It cannot have value: {value}",
        HAS_VALUE: lambda: f"Node {where} does not contain a value in the set: {[str(c.get('value'))]}",
        IN: lambda: f"Value {value} not in list {[str(v) for v in c.get('values')]}",
    }
    return Literal(texts.get(comp, lambda: f"Constraint {comp} is not satisfied")())


# ====================================================================================================
# Compiling and running
# ====================================================================================================

_VALUE_COMPONENTS = {CLASS, DATATYPE, NODE_KIND, MIN_EXCLUSIVE, MIN_INCLUSIVE, MAX_EXCLUSIVE, MAX_INCLUSIVE,
                     MIN_LENGTH, MAX_LENGTH, PATTERN, LANGUAGE_IN, IN, NOT, AND, OR, XONE, NODE}
_COMPARE = {MIN_EXCLUSIVE: ">", MIN_INCLUSIVE: ">=", MAX_EXCLUSIVE: "<", MAX_INCLUSIVE: "<="}
_LENGTH = {MIN_LENGTH: ">=", MAX_LENGTH: "<="}
_RDF_TYPE, _SUBCLASS = f"<{RDF.type}>", f"<{RDFS.subClassOf}>"
_XSD_BOOLEAN = f"<{XSD.boolean}>"
#: Lexical forms that rdflib (and so pySHACL) surely reads as a valid value of the datatype, when Oxigraph
#: also reads them so (the cast gives the value back): such values need no check in Python.
_QUICK = {
    XSD.integer: "^[+-]?[0-9]+$",
    XSD.decimal: "^[+-]?[0-9]+(\\\\.[0-9]+)?$",
    XSD.boolean: "^(true|false)$",
    XSD.date: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    XSD.dateTime: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$",
}


class Job:
    """One query of a compiled shape and what its rows mean."""

    def __init__(self, shape: Shape, kind: str, text: str, constraints: list, extra=None):
        self.shape, self.kind, self.text, self.constraints, self.extra = shape, kind, text, constraints, extra


class Validator:
    """Compiles the shapes of a :class:`ShapesGraph` for one :class:`Dataset` and runs them."""

    def __init__(self, shapes: ShapesGraph, dataset: Dataset, strict: bool = False):
        self.shapes, self.dataset, self.strict = shapes, dataset, strict
        self._fresh = 0
        self._subclasses: dict = {}
        self._regex: dict = {}
        self._covered: dict = {}
        self.STR = f"<{FN_STR.value}>" if dataset.lexical_changed else "STR"
        self.builtins = {}  # built-in functions that would see Oxigraph's form of a literal, not the written one
        if dataset.lexical_changed:
            self.builtins["STR"] = f"<{FN_STR.value}>"
        if dataset.datatype_changed:
            self.builtins["DATATYPE"] = f"<{FN_DATATYPE.value}>"

    def fresh(self, base: str = "v") -> str:
        self._fresh += 1
        return f"?_{base}{self._fresh}"

    # --- coverage -------------------------------------------------------------------------------------
    def covered(self, node, _stack=()) -> str | None:
        """None when the fast engine validates ``node`` with its property shapes; else the reason it cannot."""
        if node in self._covered:
            return self._covered[node]
        if node in _stack:
            return "recursive sh:property"
        shape = self.shapes.shape(node)
        reason = shape.uncovered or self.shapes.global_reason
        if reason is None and shape.targets:
            try:
                self.target_pattern(shape, "?this")
            except ForbiddenSparql as exc:
                if self.strict:
                    raise
                reason = f"{exc}; pySHACL runs such queries"
            except Uncovered as exc:
                reason = str(exc)
        if reason is None:
            try:
                for constraint in shape.constraints:
                    self._check(shape, constraint)
            except Uncovered as exc:
                reason = str(exc)
        if reason is None:
            for prop in shape.properties:
                if self.shapes.shape(prop).deactivated:
                    continue
                sub = self.covered(prop, _stack + (node,))
                if sub is not None:
                    reason = f"its property shape {prop}: {sub}"
                    break
        self._covered[node] = reason
        return reason

    def _check(self, shape: Shape, constraint: Constraint) -> None:
        """Compile ``constraint`` once, to find out whether it can be (raises Uncovered)."""
        if constraint.component == SPARQL:
            sc = constraint.get("constraint")
            try:
                rewrite_select(sc.select, dict(sc.prefixes), "{}", path=shape.path.text() if shape.path else None,
                               current_shape=self._shape_iri(shape))
            except ForbiddenSparql as exc:
                if self.strict:
                    raise
                raise Uncovered(f"{exc}; pySHACL runs such queries") from exc
            return
        value = self.fresh()
        if constraint.component in _VALUE_COMPONENTS or constraint.component == HAS_VALUE and not shape.is_property:
            self.value_expr(shape, constraint, value, ())
            if constraint.component == HAS_VALUE:
                self.count_query(shape, constraint, "", "", False, ())
        else:
            self.count_expr(shape, constraint, value, ())

    @staticmethod
    def _shape_iri(shape: Shape) -> str | None:
        return f"<{shape.node}>" if isinstance(shape.node, URIRef) else None

    # --- classes ---------------------------------------------------------------------------------------
    def subclasses(self, cls) -> list:
        if cls not in self._subclasses:
            if not isinstance(cls, URIRef):
                raise Uncovered(f"a blank-node class ({cls})")
            _names, rows = self.dataset.select(f"SELECT DISTINCT ?c WHERE {{ ?c {_SUBCLASS}* <{cls}> }}")
            found = {row[0] for row in rows} | {ox.NamedNode(str(cls))}
            self._subclasses[cls] = sorted(found, key=lambda t: (type(t) is ox.BlankNode, str(t)))
        return self._subclasses[cls]

    def instance_of(self, var: str, classes: Iterable) -> str:
        """A group pattern binding nothing new, matching when ``var`` is a SHACL instance of one of ``classes``."""
        subs = []
        for cls in classes:
            subs.extend(s for s in self.subclasses(cls) if s not in subs)
        if any(type(s) is ox.BlankNode for s in subs):
            return "{ " + " UNION ".join(f"{{ {var} {_RDF_TYPE}/{_SUBCLASS}* <{c}> }}" for c in classes) + " }"
        t = self.fresh("t")  # one triple pattern, from the bound node (see Path.sparql)
        return f"{{ {var} {_RDF_TYPE} {t} FILTER ({t} IN ({', '.join(str(s) for s in subs)})) }}"

    # --- focus nodes -----------------------------------------------------------------------------------
    def target_pattern(self, shape: Shape, var: str) -> list[str]:
        parts, classes = [], [t[1] for t in shape.targets if t[0] == "class"]
        if classes:
            subs = []
            for cls in classes:
                subs.extend(s for s in self.subclasses(cls) if s not in subs)
            if any(type(s) is ox.BlankNode for s in subs):
                parts.extend(f"{{ {var} {_RDF_TYPE}/{_SUBCLASS}* <{c}> }}" for c in classes)
            else:
                t = self.fresh("t")
                parts.append(f"{{ VALUES {t} {{ {' '.join(str(s) for s in subs)} }} {var} {_RDF_TYPE} {t} }}")
        for target in shape.targets:
            kind = target[0]
            if kind == "node":
                parts.append(f"{{ VALUES {var} {{ {sparql_term(target[1])} }} }}")
            elif kind == "subjectsOf":
                parts.append(f"{{ {var} {sparql_term(target[1])} {self.fresh('o')} }}")
            elif kind == "objectsOf":
                parts.append(f"{{ {self.fresh('s')} {sparql_term(target[1])} {var} }}")
            elif kind == "sparql":
                text, _vars = rewrite_select(target[1], dict(target[2]), "", target=True)
                if var == "?this":
                    parts.append(f"{{ {text} }}")
                else:
                    parts.append(f"{{ SELECT DISTINCT {var} WHERE {{ {{ {text} }} BIND (?this AS {var}) }} }}")
            elif kind != "class":
                raise Uncovered(f"target {target[1]}")
        return parts

    def focus(self, shape: Shape, var: str, sources: dict, _stack=(), distinct: bool = False) -> tuple[str, list]:
        """A group pattern binding ``var`` to the focus nodes of ``shape``, and its *derivation* variables.

        A node reached as a focus node in several ways (through two parent shapes, or as the value of two
        focus nodes of a parent property shape) is validated once for each (SHACL: a result per
        validation): the derivation variables tell the ways apart. A node may come more than once for the
        same derivation (queries use DISTINCT and COUNT(DISTINCT ...)) unless ``distinct``.
        """
        if shape.node in _stack:
            raise Uncovered("recursive sh:property")
        parts, derivation = [], []
        for source in sources[shape.node]:
            if source == "targets":
                targets = self.target_pattern(shape, var)
                parts.append(targets[0] if len(targets) == 1 else "{ " + " UNION ".join(targets) + " }")
                continue
            parent = self.shapes.shape(source)
            if parent.is_property:
                f = self.fresh("f")
                inner, inner_vars = self.focus(parent, f, sources, _stack + (shape.node,))
                parts.append(f"{{ {inner} {f} {parent.path.sparql()} {var} . }}")
                inner_vars = inner_vars + [f]
            else:
                inner, inner_vars = self.focus(parent, var, sources, _stack + (shape.node,))
                parts.append(inner)
            derivation += [v for v in inner_vars if v not in derivation]
        if not parts:
            return f"{{ VALUES {var} {{ }} }}", []
        if len(parts) > 1:
            d = self.fresh("d")
            parts = [f"{{ {part} BIND ({i} AS {d}) }}" for i, part in enumerate(parts)]
            derivation.insert(0, d)
        bag = parts[0] if len(parts) == 1 else "{ " + " UNION ".join(parts) + " }"
        single = len(parts) == 1 and sources[shape.node] == ["targets"] and (
            len(shape.targets) == 1 and shape.targets[0][0] == "node"
            or all(t[0] == "class" for t in shape.targets) and bag.count(" <") == 2)  # one class, no sub-class
        if distinct and not single:
            bag = f"{{ SELECT DISTINCT {var} {' '.join(derivation)} WHERE {bag} }}"
        return bag, derivation

    def implied(self, shape: Shape, sources: dict) -> bool:
        """Is every subject (object, for an inverse path) of the path of ``shape`` one of its focus nodes?"""
        if shape.path is None or sources[shape.node] != ["targets"]:
            return False
        p = shape.path
        if p.kind == "pred":
            return ("subjectsOf", p.args[0]) in shape.targets
        if p.kind == "inv" and p.args[0].kind == "pred":
            return ("objectsOf", p.args[0].args[0]) in shape.targets
        return False

    # --- expressions: true when the node bound to a variable violates ----------------------------------
    def quick_datatype(self, v: str, datatype, predicate=None) -> str:
        """An expression true only for values surely matching ``sh:datatype datatype`` (false: check in Python).

        ``predicate``: the values are objects of this predicate (literals written otherwise than Oxigraph
        stores them are then known exactly).
        """
        if datatype == XSD.string:
            test = f'isLiteral({v}) && LANG({v}) = "" && DATATYPE({v}) = <{XSD.string}>'
        elif datatype == RDF.langString:
            return f'(isLiteral({v}) && LANG({v}) != "")'
        elif datatype in _QUICK:
            test = (f"isLiteral({v}) && DATATYPE({v}) = <{datatype}> && REGEX(STR({v}), \"{_QUICK[datatype]}\")"
                    f" && COALESCE(<{datatype}>(STR({v})) = {v}, false)")
        else:
            return "false"
        if predicate is not None:
            restored = self.dataset.restored_by_predicate.get(to_ox(predicate), ())
        else:
            restored = self.dataset.restored_datatypes
        if restored:
            listed = ", ".join(f"<{d}>" for d in restored)
            test += f" && (DATATYPE({v}) NOT IN ({listed}) || !<{FN_RESTORED.value}>({v}))"
        return f"({test})"

    def value_expr(self, shape: Shape, c: Constraint, v: str, stack: tuple, top: bool = False) -> str:
        comp, STR = c.component, self.STR
        if comp == CLASS:
            return f"NOT EXISTS {self.instance_of(v, [c.get('cls')])}"
        if comp == DATATYPE:
            datatype = c.get("datatype")
            if not isinstance(datatype, URIRef):
                raise ShapesError(f"{shape.node}: sh:datatype must be an IRI")
            if top:
                predicate = shape.path.args[0] if shape.path is not None and shape.path.kind == "pred" else None
                return f"!{self.quick_datatype(v, datatype, predicate)}"
            quick = self.quick_datatype(v, datatype)
            return f"!({quick} || <{FN_DATATYPE_OK.value}>({v}, <{datatype}>))"
        if comp == NODE_KIND:
            kind = c.get("kind")
            return {SH.IRI: f"!isIRI({v})", SH.BlankNode: f"!isBlank({v})", SH.Literal: f"!isLiteral({v})",
                    SH.BlankNodeOrIRI: f"isLiteral({v})", SH.BlankNodeOrLiteral: f"isIRI({v})",
                    SH.IRIOrLiteral: f"isBlank({v})"}[kind]
        if comp in _COMPARE:
            return f"!COALESCE({v} {_COMPARE[comp]} {sparql_term(c.get('bound'))}, false)"
        if comp in _LENGTH:
            return f"(isBlank({v}) || !COALESCE(STRLEN({STR}({v})) {_LENGTH[comp]} {c.get('n')}, false))"
        if comp == PATTERN:
            flags = f", {_string(c.get('flags'))}" if c.get("flags") else ""
            self._check_regex(c.get("pattern"), flags)
            return f"(isBlank({v}) || !COALESCE(REGEX({STR}({v}), {_string(c.get('pattern'))}{flags}), false))"
        if comp == LANGUAGE_IN:
            ranges = " || ".join(f"langMatches(LANG({v}), {_string(lang)})" for lang in c.get("languages")) or "false"
            return f"(!isLiteral({v}) || !({ranges}))"
        if comp == IN:
            members = " || ".join(f"sameTerm({v}, {sparql_term(x)})" for x in c.get("values")) or "false"
            return f"!({members})"
        if comp == HAS_VALUE:
            return f"!sameTerm({v}, {sparql_term(c.get('value'))})"
        if comp == NOT:
            return f"!{self.viol(c.get('shape'), v, stack)}"
        if comp == AND:
            return "(" + (" || ".join(self.viol(s, v, stack) for s in c.get("shapes")) or "false") + ")"
        if comp == OR:
            return "(" + (" && ".join(self.viol(s, v, stack) for s in c.get("shapes")) or "true") + ")"
        if comp == XONE:
            shapes = c.get("shapes")
            if not shapes:
                return "true"
            return "((" + " + ".join(f"IF({self.viol(s, v, stack)}, 0, 1)" for s in shapes) + ") != 1)"
        if comp == NODE:
            return self.viol(c.get("shape"), v, stack)
        raise Uncovered(f"{comp} on a value node")

    def _check_regex(self, pattern: str, flags: str) -> None:
        """Raise Uncovered for a pattern that Oxigraph's regular expressions cannot read (pySHACL uses Python's)."""
        if (pattern, flags) not in self._regex:
            _names, rows = self.dataset.select(
                f"SELECT ?r WHERE {{ BIND (REGEX(\"\", {_string(pattern)}{flags}) AS ?r) }}")
            self._regex[(pattern, flags)] = bool(rows) and rows[0][0] is not None
        if not self._regex[(pattern, flags)]:
            raise Uncovered(f"sh:pattern {pattern!r}, which Oxigraph's regular expressions do not read")

    def conforms(self, shape_node, v: str, stack: tuple, siblings=()) -> str:
        parts = [f"!{self.viol(shape_node, v, stack)}"] + [self.viol(s, v, stack) for s in siblings]
        return "(" + " && ".join(parts) + ")"

    def _distinct(self, variables: list[str]) -> str:
        pairs = [f"!sameTerm({a}, {b})" for i, a in enumerate(variables) for b in variables[i + 1:]]
        return " && ".join(pairs) or "true"

    def _values(self, shape: Shape, x: str, n: int, condition=None) -> str:
        """A pattern: ``n`` distinct value nodes of ``x`` for ``shape`` (each meeting ``condition(var)``)."""
        if n > MAX_NESTED_COUNT + 1:
            raise Uncovered(f"a count above {MAX_NESTED_COUNT} in a nested shape")
        path = shape.path.sparql()
        vs = [self.fresh() for _ in range(n)]
        body = " ".join(f"{x} {path} {w} ." for w in vs)
        filters = [self._distinct(vs)] if n > 1 else []
        if condition is not None:
            filters += [condition(w) for w in vs]
        return body + (f" FILTER ({' && '.join(filters)})" if filters else "")

    def count_expr(self, shape: Shape, c: Constraint, x: str, stack: tuple) -> str:
        """The expression, for a nested shape, of a constraint that is not about one value node."""
        comp = c.component
        if comp == SPARQL:
            raise Uncovered("a SPARQL constraint inside a nested shape")
        if comp == CLOSED:
            allowed = ", ".join(f"<{p}>" for p in c.get("allowed"))
            p, o = self.fresh("p"), self.fresh("o")
            test = f"{p} NOT IN ({allowed})" if allowed else "true"
            if shape.is_property:
                w = self.fresh()
                return f"EXISTS {{ {x} {shape.path.sparql()} {w} . {w} {p} {o} FILTER ({test}) }}"
            return f"EXISTS {{ {x} {p} {o} FILTER ({test}) }}"
        if not shape.is_property:
            if comp == EQUALS:
                w, q = self.fresh(), sparql_term(c.get("property"))
                return f"(NOT EXISTS {{ {x} {q} {x} }} || EXISTS {{ {x} {q} {w} FILTER (!sameTerm({w}, {x})) }})"
            if comp == DISJOINT:
                return f"EXISTS {{ {x} {sparql_term(c.get('property'))} {x} }}"
            if comp in (QUALIFIED_MIN, QUALIFIED_MAX):
                conf = self.conforms(c.get("shape"), x, stack, c.get("siblings"))
                count = f"IF({conf}, 1, 0)"
                return f"({count} < {c.get('n')})" if comp == QUALIFIED_MIN else f"({count} > {c.get('n')})"
            if comp in (MIN_COUNT, MAX_COUNT, UNIQUE_LANG):
                return "false"  # property shapes only; pySHACL ignores them on node shapes too
            raise Uncovered(f"{comp} on a node shape")
        path, n = shape.path.sparql(), c.get("n")
        if comp == MIN_COUNT:
            return "false" if n == 0 else f"NOT EXISTS {{ {self._values(shape, x, n)} }}"
        if comp == MAX_COUNT:
            return f"EXISTS {{ {self._values(shape, x, n + 1)} }}"
        if comp in (QUALIFIED_MIN, QUALIFIED_MAX):
            def condition(w):
                return self.conforms(c.get("shape"), w, stack, c.get("siblings"))
            if comp == QUALIFIED_MIN:
                return "false" if n == 0 else f"NOT EXISTS {{ {self._values(shape, x, n, condition)} }}"
            return f"EXISTS {{ {self._values(shape, x, n + 1, condition)} }}"
        if comp == UNIQUE_LANG:
            a, b = self.fresh(), self.fresh()
            return (f"EXISTS {{ {x} {path} {a} . {x} {path} {b} FILTER (!sameTerm({a}, {b}) && isLiteral({a}) "
                    f"&& isLiteral({b}) && LANG({a}) != \"\" && LCASE(LANG({a})) = LCASE(LANG({b}))) }}")
        if comp == HAS_VALUE:
            return f"NOT EXISTS {{ {x} {path} {sparql_term(c.get('value'))} }}"
        q = sparql_term(c.get("property")) if comp in (EQUALS, DISJOINT, LESS_THAN, LESS_THAN_OR_EQUALS) else None
        w = self.fresh()
        if comp == EQUALS:
            return (f"(EXISTS {{ {x} {path} {w} FILTER NOT EXISTS {{ {x} {q} {w} }} }} || "
                    f"EXISTS {{ {x} {q} {w} FILTER NOT EXISTS {{ {x} {path} {w} }} }})")
        if comp == DISJOINT:
            return f"EXISTS {{ {x} {path} {w} . {x} {q} {w} }}"
        if comp in (LESS_THAN, LESS_THAN_OR_EQUALS):
            o, op = self.fresh("o"), "<" if comp == LESS_THAN else "<="
            return f"EXISTS {{ {x} {path} {w} . {x} {q} {o} FILTER (!COALESCE({w} {op} {o}, false)) }}"
        raise Uncovered(f"{comp}")

    def viol(self, node, x: str, stack: tuple) -> str:
        """An expression true exactly when the node bound to ``x`` does not conform to the shape ``node``."""
        shape = self.shapes.shape(node)
        if shape.uncovered:
            raise Uncovered(f"nested shape {node}: {shape.uncovered}")
        if shape.deactivated:
            return "false"
        if node in stack or len(stack) > 30:
            raise Uncovered(f"recursive shape {node}")
        stack = stack + (node,)
        parts, values = [], []
        for c in shape.constraints:
            if c.component in _VALUE_COMPONENTS or (c.component == HAS_VALUE and not shape.is_property):
                values.append(c)
            else:
                parts.append(self.count_expr(shape, c, x, stack))
        if shape.is_property:
            w = self.fresh()
            exprs = [self.value_expr(shape, c, w, stack) for c in values]
            exprs += [self.viol(p, w, stack) for p in shape.properties]
            if exprs:
                parts.append(f"EXISTS {{ {x} {shape.path.sparql()} {w} FILTER ({' || '.join(exprs)}) }}")
        else:
            parts += [self.value_expr(shape, c, x, stack) for c in values]
            parts += [self.viol(p, x, stack) for p in shape.properties]
        return "(" + (" || ".join(parts) or "false") + ")"

    # --- the queries of one shape ----------------------------------------------------------------------
    def jobs(self, shape: Shape, sources: dict) -> list[Job]:
        F, dvars = self.focus(shape, "?this", sources)
        D = " ".join(dvars)
        distinct_focus = None
        implied = self.implied(shape, sources)
        path = shape.path.sparql() if shape.is_property else None
        user_path = shape.path.text() if shape.is_property else None
        out: list[Job] = []
        values = [c for c in shape.constraints if c.component in _VALUE_COMPONENTS]
        stack = (shape.node,)
        if values:
            v = "?value" if shape.is_property else "?this"
            exprs = [self.value_expr(shape, c, v, stack, top=True) for c in values]
            cols = " ".join(f"({e} AS ?c{i})" for i, e in enumerate(exprs))
            test = " || ".join(exprs)
            if shape.is_property:
                head = "" if implied else F
                text = (f"SELECT DISTINCT ?this ?value {D} {cols} WHERE {{ {head} ?this {path} ?value . "
                        f"FILTER ({test}) }}")
            else:
                text = f"SELECT DISTINCT ?this {D} {cols} WHERE {{ {F} FILTER ({test}) }}"
            out.append(Job(shape, "values", text, values))
        for c in shape.constraints:
            comp = c.component
            if c in values:
                continue
            if comp == SPARQL:
                sc = c.get("constraint")
                if distinct_focus is None:
                    distinct_focus, _ = self.focus(shape, "?this", sources, distinct=True)
                text, names = rewrite_select(sc.select, dict(sc.prefixes), distinct_focus, path=user_path,
                                             current_shape=self._shape_iri(shape), builtins=self.builtins,
                                             derivation=dvars)
                out.append(Job(shape, "sparql", text, [c], set(dvars)))
                continue
            text = self.count_query(shape, c, F, D, implied, stack)
            if text is not None:
                out.append(Job(shape, "rows", text, [c]))
        return out

    def count_query(self, shape: Shape, c: Constraint, F: str, D: str, implied: bool, stack: tuple) -> str | None:
        """A query whose rows (?this, and ?value / ?path / ?lang where given) are the results of ``c``.

        ``F`` binds ?this to the focus nodes, with the derivation variables ``D``; each row is one result.
        """
        comp, n = c.component, c.get("n")
        if comp == CLOSED:
            allowed = ", ".join(f"<{p}>" for p in c.get("allowed"))
            test = f"?path NOT IN ({allowed})" if allowed else "true"
            if shape.is_property:
                return (f"SELECT DISTINCT ?this ?path ?value {D} WHERE {{ {F} ?this {shape.path.sparql()} ?w . "
                        f"?w ?path ?value FILTER ({test}) }}")
            return f"SELECT DISTINCT ?this ?path ?value {D} WHERE {{ {F} ?this ?path ?value FILTER ({test}) }}"
        if not shape.is_property:
            if comp == HAS_VALUE:
                value = sparql_term(c.get("value"))
                return f"SELECT DISTINCT ?this {D} WHERE {{ {F} FILTER (!sameTerm(?this, {value})) }}"
            if comp == EQUALS:  # the focus node when not a value of the property, and the values that are not it
                q = sparql_term(c.get("property"))
                return (f"SELECT DISTINCT ?this ?value {D} WHERE {{ {{ {F} FILTER NOT EXISTS {{ ?this {q} ?this }} "
                        f"BIND (?this AS ?value) }} UNION {{ {F} ?this {q} ?value "
                        f"FILTER (!sameTerm(?value, ?this)) }} }}")
            if comp in (DISJOINT, QUALIFIED_MIN, QUALIFIED_MAX):
                expr = self.count_expr(shape, c, "?this", stack)
                value = "BIND (?this AS ?value)" if comp == DISJOINT else ""
                return f"SELECT DISTINCT ?this ?value {D} WHERE {{ {F} FILTER ({expr}) {value} }}"
            return None
        path = shape.path.sparql()
        head = "" if implied else F
        keys = f"?this {D}".strip()
        if comp == MIN_COUNT:
            if n == 0:
                return None
            if n == 1:
                return f"SELECT DISTINCT {keys} WHERE {{ {F} FILTER NOT EXISTS {{ ?this {path} ?v }} }}"
            return (f"SELECT {keys} WHERE {{ {F} OPTIONAL {{ ?this {path} ?v }} }} "
                    f"GROUP BY {keys} HAVING (COUNT(DISTINCT ?v) < {n})")
        if comp == MAX_COUNT:
            if n == 0:
                return f"SELECT DISTINCT {keys} WHERE {{ {head} ?this {path} ?v }}"
            return (f"SELECT {keys} WHERE {{ {head} ?this {path} ?v }} "
                    f"GROUP BY {keys} HAVING (COUNT(DISTINCT ?v) > {n})")
        if comp in (QUALIFIED_MIN, QUALIFIED_MAX):
            conf = self.conforms(c.get("shape"), "?v", stack, c.get("siblings"))
            if comp == QUALIFIED_MIN:
                if n == 0:
                    return None
                if n == 1:
                    return (f"SELECT DISTINCT {keys} WHERE {{ {F} "
                            f"FILTER NOT EXISTS {{ ?this {path} ?v FILTER ({conf}) }} }}")
                return (f"SELECT {keys} WHERE {{ {F} OPTIONAL {{ ?this {path} ?v FILTER ({conf}) }} }} "
                        f"GROUP BY {keys} HAVING (COUNT(DISTINCT ?v) < {n})")
            return (f"SELECT {keys} WHERE {{ {head} ?this {path} ?v FILTER ({conf}) }} "
                    f"GROUP BY {keys} HAVING (COUNT(DISTINCT ?v) > {n})")
        if comp == UNIQUE_LANG:
            return (f"SELECT {keys} ?lang WHERE {{ {head} ?this {path} ?v FILTER (isLiteral(?v) && LANG(?v) != \"\") "
                    f"BIND (LCASE(LANG(?v)) AS ?lang) }} GROUP BY {keys} ?lang HAVING (COUNT(DISTINCT ?v) > 1)")
        if comp == HAS_VALUE:
            return (f"SELECT DISTINCT {keys} WHERE {{ {F} FILTER NOT EXISTS "
                    f"{{ ?this {path} {sparql_term(c.get('value'))} }} }}")
        q = sparql_term(c.get("property"))
        if comp == EQUALS:
            return (f"SELECT DISTINCT ?this ?value {D} WHERE {{ {{ {F} ?this {path} ?value "
                    f"FILTER NOT EXISTS {{ ?this {q} ?value }} }} UNION {{ {F} ?this {q} ?value "
                    f"FILTER NOT EXISTS {{ ?this {path} ?value }} }} }}")
        if comp == DISJOINT:
            return f"SELECT DISTINCT ?this ?value {D} WHERE {{ {head} ?this {path} ?value . ?this {q} ?value }}"
        if comp in (LESS_THAN, LESS_THAN_OR_EQUALS):  # a result for each pair of values (SHACL, sh:lessThan)
            op = "<" if comp == LESS_THAN else "<="
            return (f"SELECT DISTINCT ?this ?value ?other {D} WHERE {{ {head} ?this {path} ?value . "
                    f"?this {q} ?other FILTER (!COALESCE(?value {op} ?other, false)) }}")
        raise Uncovered(f"{comp}")

    # --- running ---------------------------------------------------------------------------------------
    def run(self) -> FastOutcome:
        covered_top, fallback = [], {}
        for shape in self.shapes.top_level():
            reason = self.covered(shape.node)
            if reason is None:
                covered_top.append(shape)
            else:
                fallback[shape.node] = reason
        sources: dict = {}
        order: list[Shape] = []

        def visit(shape: Shape, source) -> None:
            listed = sources.setdefault(shape.node, [])
            if source in listed:
                return
            if not listed:
                order.append(shape)
            listed.append(source)
            for prop in shape.properties:
                child = self.shapes.shape(prop)
                if not child.deactivated:
                    visit(child, shape.node)

        for shape in covered_top:
            visit(shape, "targets")
        results = []
        for shape in order:
            for job in self.jobs(shape, sources):
                results.extend(self.execute(job))
        return FastOutcome(results, [s.node for s in covered_top], fallback, self.dataset.queries)

    def _messages(self, shape: Shape, c: Constraint, focus, value) -> tuple:
        if shape.messages:
            return tuple(shape.messages)
        return (generic_message(self.shapes, c, focus, shape.path.text() if shape.path else "", value),)

    def execute(self, job: Job) -> Iterable[FastResult]:
        shape, ds = job.shape, self.dataset
        names, rows = ds.select(job.text)
        path_node = shape.path_node if shape.is_property else None
        pred = to_ox(shape.path.args[0]) if shape.is_property and shape.path.kind == "pred" else None
        if job.kind == "values":
            n = len(job.constraints)
            for row in rows:
                this = row[0]
                value = row[1] if shape.is_property else row[0]
                flags = row[-n:]
                if shape.is_property:
                    forms = ds.written_at(this, pred, value) if pred is not None else ds.written(value)
                    pairs = [(focus, form) for focus in ds.written(this) for form in forms]
                else:  # the value node is the focus node
                    pairs = [(form, form) for form in ds.written(this)]
                for c, flag in zip(job.constraints, flags):
                    if flag is None or flag.value != "true":
                        continue
                    for focus, form in pairs:
                        if c.component == DATATYPE and datatype_ok(form, c.get("datatype")):
                            continue
                        yield FastResult(shape.severity, focus, path_node, form, shape.node, c.component,
                                         self._messages(shape, c, focus, form))
            return
        if job.kind == "rows":
            c = job.constraints[0]
            index = {name: i for i, name in enumerate(names)}
            for row in rows:
                this = row[index["this"]]
                path = to_rdflib(row[index["path"]]) if "path" in index else path_node
                values = [None]
                if "value" in index and row[index["value"]] is not None:
                    value = row[index["value"]]
                    if c.component == CLOSED and not shape.is_property:
                        values = ds.written_at(this, row[index["path"]], value)
                    else:
                        values = ds.written(value)
                for focus in ds.written(this):
                    for value in values:
                        yield FastResult(shape.severity, focus, path, value, shape.node, c.component,
                                         self._messages(shape, c, focus, value))
            return
        # a SPARQL-based constraint
        c = job.constraints[0]
        sc: SparqlConstraint = c.get("constraint")
        for row in rows:
            bound = {name: ds.written(term)[0] for name, term in zip(names, row)
                     if term is not None and "?" + name not in job.extra}
            if "failure" in bound and _true(bound["failure"]):
                raise MougraphError(f"SPARQL constraint {sc.node} of {shape.node} reported a failure (?failure)")
            bound.pop("failure", None)
            focus = bound.get("this")
            path = bound.get("path")
            value = bound.get("value")
            if value is None and not shape.is_property:
                value = focus
            fdict = dict(bound)
            fdict["value"] = value
            if value is None:
                fdict.pop("value")
            messages = tuple(_format(m, fdict) for m in sc.messages + tuple(shape.messages))
            yield FastResult(shape.severity, focus, path if path is not None else path_node, value, shape.node,
                             SPARQL, messages, sc.node)


def _format(message: Literal, bound: dict) -> Literal:
    """``message`` with {?var} and {$var} replaced by the text of the bound values (as pySHACL writes them)."""
    text = str(message)
    for name, term in bound.items():
        text = text.replace("{?" + name + "}", str(term)).replace("{$" + name + "}", str(term))
    return Literal(text, lang=message.language) if message.language else Literal(text)


def pruned_shapes_graph(shapes: ShapesGraph, keep: Iterable) -> Graph:
    """A copy of the shapes graph in which only the top-level shapes ``keep`` have targets (for pySHACL)."""
    keep = set(keep)
    graph = Graph()
    for prefix, namespace in shapes.graph.namespaces():
        graph.bind(prefix, namespace)
    drop = {s.node for s in shapes.top_level() if s.node not in keep}
    for s, p, o in shapes.graph:
        if s in drop and (p in _TARGETS or (p == RDF.type and o in shapes.shape_classes)):
            continue
        graph.add((s, p, o))
    return graph


def validate(dataset: Dataset, shapes_graph: Graph | ShapesGraph, strict: bool = False) -> FastOutcome:
    """Validate the data of ``dataset`` against ``shapes_graph``: the results of the shapes this engine covers.

    The top-level shapes it does not cover are listed in :attr:`FastOutcome.fallback` (validate them with
    pySHACL, e.g. on :func:`pruned_shapes_graph`). Raises :class:`ShapesError` for shapes that are not valid
    SHACL. SPARQL queries that break the syntax rules of SHACL-SPARQL (MINUS, VALUES, ...) are failures with
    ``strict`` (as the specification has it) and left to pySHACL, which runs them, without.
    """
    shapes = shapes_graph if isinstance(shapes_graph, ShapesGraph) else ShapesGraph(shapes_graph)
    return Validator(shapes, dataset, strict).run()


__all__ = ["COVERED_COMPONENTS", "Dataset", "FastOutcome", "FastResult", "ForbiddenSparql", "ShapesError",
           "ShapesGraph", "Uncovered", "datatype_ok", "path_text", "pruned_shapes_graph", "rewrite_select", "validate"]
