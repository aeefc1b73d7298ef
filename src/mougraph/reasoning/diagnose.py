"""Name the individuals and axioms behind an inconsistency, with SPARQL over the rule-materialised closure.

HermiT says only "inconsistent". :func:`diagnose` materialises the graph with :mod:`mougraph.reasoning.rules` (so that
types inherited through sub-classes, domains and ranges, and values inherited through sub-properties and
inverses, are visible) and looks for the contradictions the ontology's axioms can produce:

- an individual in two classes that ``owl:disjointWith`` or ``owl:AllDisjointClasses`` declares disjoint;
- two values of an ``owl:FunctionalProperty`` (two subjects of an ``owl:InverseFunctionalProperty``): every
  named individual is a different thing (the unique name assumption of :mod:`mougraph.reasoning.hermit`);
- more values than an ``owl:maxCardinality`` / ``owl:cardinality`` (qualified or not) allows;
- a value of an ``owl:IrreflexiveProperty`` that is its own subject, both directions of an
  ``owl:AsymmetricProperty``, one pair in two ``owl:propertyDisjointWith`` properties, a member of ``owl:Nothing``;
- a literal that is not of its datatype property's OWL 2 ``rdfs:range``, or not a valid literal of its datatype.

Each finding is a :class:`Culprit` whose message names the individuals, the axiom, and why the individual is
in each class (asserted, through which sub-class, or which property's domain or range). :func:`unsatisfiable`
finds classes below two disjoint classes. The same checks are the rule-based consistency check
(``mougraph reason --reasoner rules``), which needs no Java.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from mougraph.reasoning.entailment import OWL2_DATATYPES
from mougraph.reasoning.rules import materialise
from mougraph.store import new_graph
from mougraph.vocab import short

PREFIXES = """
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl:  <http://www.w3.org/2002/07/owl#>
PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
"""

DISJOINT_CLASSES = PREFIXES + """
SELECT DISTINCT ?x ?a ?b ?axiom WHERE {
  { ?a owl:disjointWith ?b . BIND (?a AS ?axiom) }
  UNION
  { ?axiom a owl:AllDisjointClasses ; owl:members ?list .
    ?list rdf:rest*/rdf:first ?a . ?list rdf:rest*/rdf:first ?b . FILTER (STR(?a) < STR(?b)) }
  ?x a ?a . ?x a ?b .
  FILTER (isIRI(?x))
}"""

FUNCTIONAL = PREFIXES + """
SELECT DISTINCT ?x ?p ?v1 ?v2 WHERE {
  ?p a owl:FunctionalProperty . ?x ?p ?v1 , ?v2 .
  FILTER (STR(?v1) < STR(?v2) || (STR(?v1) = STR(?v2) && DATATYPE(?v1) != DATATYPE(?v2)))
}"""

INVERSE_FUNCTIONAL = PREFIXES + """
SELECT DISTINCT ?x ?p ?y ?v WHERE {
  ?p a owl:InverseFunctionalProperty . ?x ?p ?v . ?y ?p ?v . FILTER (STR(?x) < STR(?y))
}"""

CARDINALITY = PREFIXES + """
SELECT ?x ?class ?p ?restriction ?max ?onClass (COUNT(DISTINCT ?v) AS ?n) WHERE {
  ?class rdfs:subClassOf ?r .
  ?r owl:onProperty ?p ; ?restriction ?max .
  FILTER (?restriction IN (owl:maxCardinality, owl:cardinality, owl:maxQualifiedCardinality, owl:qualifiedCardinality))
  OPTIONAL { ?r owl:onClass ?onClass }
  ?x a ?class ; ?p ?v .
  FILTER (isIRI(?x) && (!BOUND(?onClass) || EXISTS { ?v a ?onClass }))
}
GROUP BY ?x ?class ?p ?restriction ?max ?onClass
HAVING (COUNT(DISTINCT ?v) > xsd:integer(?max))"""

IRREFLEXIVE = PREFIXES + """
SELECT DISTINCT ?x ?p WHERE { ?p a owl:IrreflexiveProperty . ?x ?p ?x }"""

ASYMMETRIC = PREFIXES + """
SELECT DISTINCT ?x ?p ?y WHERE { ?p a owl:AsymmetricProperty . ?x ?p ?y . ?y ?p ?x . FILTER (STR(?x) <= STR(?y)) }"""

DISJOINT_PROPERTIES = PREFIXES + """
SELECT DISTINCT ?x ?p ?q ?y WHERE { ?p owl:propertyDisjointWith ?q . ?x ?p ?y . ?x ?q ?y }"""

NOTHING = PREFIXES + """
SELECT DISTINCT ?x WHERE { ?x a owl:Nothing }"""

DATATYPE_RANGE = PREFIXES + """
SELECT DISTINCT ?x ?p ?v ?range WHERE {
  ?p a owl:DatatypeProperty ; rdfs:range ?range . ?x ?p ?v . FILTER (isLiteral(?v))
}"""

UNSATISFIABLE = PREFIXES + """
SELECT DISTINCT ?c ?a ?b ?axiom WHERE {
  { ?a owl:disjointWith ?b . BIND (?a AS ?axiom) }
  UNION
  { ?axiom a owl:AllDisjointClasses ; owl:members ?list .
    ?list rdf:rest*/rdf:first ?a . ?list rdf:rest*/rdf:first ?b . FILTER (STR(?a) < STR(?b)) }
  ?c rdfs:subClassOf* ?a . ?c rdfs:subClassOf* ?b .
  FILTER (isIRI(?c))
}"""

#: Datatypes whose values are also values of another (value space inclusion), for the range check.
_DERIVED = {
    XSD.integer: XSD.decimal, XSD.nonNegativeInteger: XSD.integer, XSD.positiveInteger: XSD.nonNegativeInteger,
    XSD.nonPositiveInteger: XSD.integer, XSD.negativeInteger: XSD.nonPositiveInteger, XSD.long: XSD.integer,
    XSD.int: XSD.long, XSD.short: XSD.int, XSD.byte: XSD.short, XSD.unsignedLong: XSD.nonNegativeInteger,
    XSD.unsignedInt: XSD.unsignedLong, XSD.unsignedShort: XSD.unsignedInt, XSD.unsignedByte: XSD.unsignedShort,
    XSD.normalizedString: XSD.string, XSD.token: XSD.normalizedString, XSD.language: XSD.token,
    XSD.Name: XSD.token, XSD.NCName: XSD.Name, XSD.NMTOKEN: XSD.token, XSD.dateTimeStamp: XSD.dateTime,
    XSD.decimal: OWL.rational, OWL.rational: OWL.real,
}


@dataclass(frozen=True)
class Culprit:
    """One contradiction: the individuals involved, the axiom they break, and a sentence saying so."""

    kind: str  # disjoint-classes, functional-property, cardinality, ...
    individuals: tuple[str, ...]  # full IRIs
    axiom: str  # the axiom, with prefixed names
    message: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "individuals": list(self.individuals), "axiom": self.axiom,
                "message": self.message}


class _Explainer:
    """Says why an individual is in a class, from the asserted graph and the materialised closure."""

    def __init__(self, asserted: Graph, closure: Graph):
        self.asserted, self.closure = asserted, closure
        self.nm = asserted.namespace_manager

    def s(self, term) -> str:
        if isinstance(term, Literal):
            return term.n3(self.nm)
        return short(term, self.nm)

    def supers(self, cls) -> set:
        return set(self.asserted.transitive_objects(cls, RDFS.subClassOf))

    def prop_supers(self, prop) -> set:
        return set(self.asserted.transitive_objects(prop, RDFS.subPropertyOf))

    def why(self, x, cls) -> str:
        if (x, RDF.type, cls) in self.asserted:
            return "asserted"
        for declared in sorted(self.asserted.objects(x, RDF.type)):
            if cls in self.supers(declared):
                return f"asserted {self.s(declared)}, a sub-class of {self.s(cls)}"
        for graph in (self.asserted, self.closure):
            for p, o in sorted(graph.predicate_objects(x)):
                for q in sorted(self.prop_supers(p)):
                    for domain in sorted(self.asserted.objects(q, RDFS.domain)):
                        if cls in self.supers(domain):
                            return f"rdfs:domain of {self.s(q)}, from {self.s(x)} {self.s(p)} {self.s(o)}"
            for s, p in sorted(graph.subject_predicates(x)):
                for q in sorted(self.prop_supers(p)):
                    for range_ in sorted(self.asserted.objects(q, RDFS.range)):
                        if cls in self.supers(range_):
                            return f"rdfs:range of {self.s(q)}, from {self.s(s)} {self.s(p)} {self.s(x)}"
        return "inferred"

    def members(self, axiom) -> list:
        head = self.asserted.value(axiom, OWL.members)
        return list(Collection(self.asserted, head)) if head is not None else []

    def disjointness(self, axiom, a, b) -> str:
        if axiom == a:
            return f"{self.s(a)} owl:disjointWith {self.s(b)}"
        members = [self.s(m) for m in self.members(axiom)]
        shown = ", ".join(members[:4]) + (f" and {len(members) - 4} more" if len(members) > 4 else "")
        return f"owl:AllDisjointClasses ({shown})"


def _datatype_ok(value: Literal, range_) -> bool:
    if range_ in (RDFS.Literal, RDF.PlainLiteral) or range_ not in OWL2_DATATYPES:
        return True  # any literal, or a datatype the reasoner never sees (mougraph.reasoning.hermit drops such ranges)
    datatype = value.datatype or (RDF.langString if value.language else XSD.string)
    while datatype is not None:
        if datatype == range_:
            return True
        datatype = _DERIVED.get(datatype)
    return False


def diagnose(graph: Graph, inferred: Graph | None = None) -> list[Culprit]:
    """The contradictions in ``graph`` (ontology + data); empty when the checks find none.

    ``inferred``: the graph's rule-materialised triples, when already computed.
    """
    if inferred is None:
        inferred = materialise(graph).inferred

    closure = new_graph()
    for prefix, ns in graph.namespaces():
        closure.bind(prefix, ns, override=False)
    closure += graph
    closure += inferred
    ex = _Explainer(graph, closure)
    s = ex.s
    found: dict[tuple, Culprit] = {}

    def add(key, culprit):  # one culprit per key; the same for every run when several axioms give one
        if key not in found or (culprit.axiom, culprit.message) < (found[key].axiom, found[key].message):
            found[key] = culprit

    for row in closure.query(DISJOINT_CLASSES):
        axiom = ex.disjointness(row.axiom, row.a, row.b)
        add(("disjoint", row.x, frozenset((row.a, row.b))), Culprit(
            "disjoint-classes", (str(row.x),), axiom,
            f"{s(row.x)} is both {s(row.a)} ({ex.why(row.x, row.a)}) and {s(row.b)} ({ex.why(row.x, row.b)}), "
            f"which {axiom} declares disjoint"))
    for row in closure.query(FUNCTIONAL):
        add(("functional", row.x, row.p), Culprit(
            "functional-property", tuple(str(t) for t in (row.x, row.v1, row.v2) if isinstance(t, URIRef)),
            f"{s(row.p)} a owl:FunctionalProperty",
            f"{s(row.x)} has two values of {s(row.p)}, {s(row.v1)} and {s(row.v2)}, but {s(row.p)} is an "
            f"owl:FunctionalProperty (one value each; every named individual is a different thing)"))
    for row in closure.query(INVERSE_FUNCTIONAL):
        add(("inverse-functional", row.p, row.v), Culprit(
            "inverse-functional-property", (str(row.x), str(row.y)), f"{s(row.p)} a owl:InverseFunctionalProperty",
            f"{s(row.x)} and {s(row.y)} both have {s(row.v)} as {s(row.p)}, but {s(row.p)} is an "
            f"owl:InverseFunctionalProperty"))
    for row in closure.query(CARDINALITY):
        qualified = f" of class {s(row.onClass)}" if row.onClass is not None else ""
        on_class = f" ; owl:onClass {s(row.onClass)}" if row.onClass is not None else ""
        axiom = (f"{s(row['class'])} rdfs:subClassOf [ owl:onProperty {s(row.p)} ; "
                 f"{s(row.restriction)} {row.max}{on_class} ]")
        add(("cardinality", row.x, row.p), Culprit(
            "cardinality", (str(row.x),), axiom,
            f"{s(row.x)}, a {s(row['class'])} ({ex.why(row.x, row['class'])}), has {row.n} values of {s(row.p)}"
            f"{qualified} ({', '.join(sorted(s(v) for v in closure.objects(row.x, row.p)))}), but {axiom} "
            f"allows at most {row.max}"))
    for row in closure.query(IRREFLEXIVE):
        add(("irreflexive", row.x, row.p), Culprit(
            "irreflexive-property", (str(row.x),), f"{s(row.p)} a owl:IrreflexiveProperty",
            f"{s(row.x)} {s(row.p)} {s(row.x)}, but {s(row.p)} is an owl:IrreflexiveProperty"))
    for row in closure.query(ASYMMETRIC):
        add(("asymmetric", row.x, row.y, row.p), Culprit(
            "asymmetric-property", (str(row.x), str(row.y)), f"{s(row.p)} a owl:AsymmetricProperty",
            f"{s(row.x)} {s(row.p)} {s(row.y)} and {s(row.y)} {s(row.p)} {s(row.x)}, but {s(row.p)} is an "
            f"owl:AsymmetricProperty"))
    for row in closure.query(DISJOINT_PROPERTIES):
        add(("disjoint-properties", row.x, row.y, frozenset((row.p, row.q))), Culprit(
            "disjoint-properties", (str(row.x), str(row.y)), f"{s(row.p)} owl:propertyDisjointWith {s(row.q)}",
            f"{s(row.x)} is linked to {s(row.y)} by both {s(row.p)} and {s(row.q)}, which "
            f"owl:propertyDisjointWith declares disjoint"))
    for row in closure.query(NOTHING):
        add(("nothing", row.x), Culprit(
            "nothing", (str(row.x),), "owl:Nothing", f"{s(row.x)} is an instance of owl:Nothing"))
    for row in closure.query(DATATYPE_RANGE):
        if getattr(row.v, "ill_typed", False):
            add(("ill-typed", row.x, row.p, row.v), Culprit(
                "ill-typed-literal", (str(row.x),), f"{s(row.v.datatype)} lexical space",
                f"{s(row.x)} {s(row.p)} {s(row.v)}: '{row.v}' is not a valid {s(row.v.datatype)}"))
        elif not _datatype_ok(row.v, row.range):
            add(("range", row.x, row.p, row.v), Culprit(
                "datatype-range", (str(row.x),), f"{s(row.p)} rdfs:range {s(row.range)}",
                f"{s(row.x)} {s(row.p)} {s(row.v)}: the value is not a {s(row.range)}, the rdfs:range of "
                f"{s(row.p)}"))
    return sorted(found.values(), key=lambda c: (c.kind, c.individuals, c.message))


def unsatisfiable(graph: Graph) -> list[tuple[str, str]]:
    """Classes below two disjoint classes, as (class IRI, reason); the rule-based part of classification."""
    ex = _Explainer(graph, graph)
    found: dict[URIRef, str] = {}
    for row in graph.query(UNSATISFIABLE):
        found.setdefault(row.c, f"{ex.s(row.c)} is below {ex.s(row.a)} and {ex.s(row.b)}, which "
                                f"{ex.disjointness(row.axiom, row.a, row.b)} declares disjoint")
    return sorted((str(c), why) for c, why in found.items())
