"""Which entailed facts the rule engine and the DL reasoner are compared on, and how they are read.

Two kinds of fact, between *named individuals* only:

- **class memberships** ``(x, rdf:type, C)``: ``x`` a named individual, ``C`` a named class of the ontology
  (declared, a super-class, a domain or range, or a class some individual is asserted to be in), other than
  the RDF, RDFS and OWL vocabularies (``owl:Thing``, ``rdf:Statement``, ``rdf:Property``, ...);
- **object property values** ``(x, p, y)``: ``x`` and ``y`` named individuals, ``p`` a declared
  ``owl:ObjectProperty`` of the ontology or a property it is declared a sub-property of (the alignments:
  ``dcterms:source``, ``schema:location``, ``prov:wasDerivedFrom``, ...).

A *named individual* is an IRI asserted to be an instance of a class outside the RDF, RDFS and OWL
vocabularies that is not itself declared a class or a property (agreements, organisations, instants, SKOS
concepts, passages, ...). Data property values are not compared: HermiT does not report them.

Both sides give the full set of entailed facts of these kinds (asserted ones included); the inferred facts
are that set minus the asserted triples.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

#: Datatypes HermiT accepts: the OWL 2 datatype map, plus rdf:langString (RDF 1.1's language-tagged strings).
OWL2_DATATYPES = frozenset(
    [RDF.PlainLiteral, RDF.XMLLiteral, RDFS.Literal, OWL.real, OWL.rational, RDF.langString]
    + [XSD[name] for name in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
        "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
        "double", "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
        "boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")])

Fact = tuple[str, str, str]  # (subject IRI, predicate IRI, object IRI); predicate rdf:type for memberships

_BUILTIN = (str(RDF), str(RDFS), str(OWL))
_TERM_TYPES = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
               RDF.Property, OWL.Ontology, OWL.TransitiveProperty, OWL.SymmetricProperty,
               OWL.FunctionalProperty, OWL.InverseFunctionalProperty)
TYPE = str(RDF.type)


def _builtin(term) -> bool:
    return str(term).startswith(_BUILTIN)


@dataclass(frozen=True)
class Scope:
    individuals: frozenset[str]
    classes: frozenset[str]
    properties: frozenset[str]

    def keeps(self, fact: Fact) -> bool:
        s, p, o = fact
        if p == TYPE:
            return s in self.individuals and o in self.classes
        return p in self.properties and s in self.individuals and o in self.individuals


def scope_of(graph: Graph) -> Scope:
    """The named individuals, classes and object properties of ``graph`` (ontology + data)."""
    terms = {s for t in _TERM_TYPES for s in graph.subjects(RDF.type, t)}
    individuals = {s for s, c in graph.subject_objects(RDF.type)
                   if isinstance(s, URIRef) and isinstance(c, URIRef) and not _builtin(c) and s not in terms}
    classes = set(graph.subjects(RDF.type, OWL.Class))
    for predicate in (RDFS.subClassOf, OWL.equivalentClass, RDFS.domain):
        classes |= set(graph.objects(None, predicate)) | set(graph.subjects(predicate, None))
    object_properties = set(graph.subjects(RDF.type, OWL.ObjectProperty))
    classes |= {c for p in object_properties for c in graph.objects(p, RDFS.range)}
    classes |= {c for x in individuals for c in graph.objects(x, RDF.type)}
    properties = set(object_properties)
    for prop in list(object_properties):
        properties |= set(graph.transitive_objects(prop, RDFS.subPropertyOf))
        properties |= set(graph.objects(prop, OWL.inverseOf)) | set(graph.subjects(OWL.inverseOf, prop))
    return Scope(
        individuals=frozenset(str(x) for x in individuals),
        classes=frozenset(str(c) for c in classes if isinstance(c, URIRef) and not _builtin(c)),
        properties=frozenset(str(p) for p in properties if isinstance(p, URIRef) and not _builtin(p)),
    )


def graph_facts(scope: Scope, *graphs: Graph) -> set[Fact]:
    """The facts of ``scope`` stated by ``graphs`` (e.g. the asserted graph and the inferred one)."""
    facts = set()
    for graph in graphs:
        for s, p, o in graph:
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                fact = (str(s), str(p), str(o))
                if scope.keeps(fact):
                    facts.add(fact)
    return facts
