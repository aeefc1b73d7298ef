"""The facts on which sources disagree: every value claimed, with the passage and document that state it.

Where sources disagree, the data asserts no value; it records an ``mg:Conflict`` about a resource and a
property, with one ``mg:Claim`` per stated value (``rdf:subject``/``rdf:predicate``/``rdf:object``) and the
passages that state it (``mg:statedIn`` -> ``mg:Passage`` with ``mg:line``, ``mg:quote``, ``mg:inDocument``).
:func:`conflicts` lists them; claims that no conflict groups but that give different values for one subject
and property are listed too, as unrecorded disagreements (``conflict`` is None), so that nothing is missed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from mougraph.store import load_all, new_graph
from mougraph.vocab import MG, short

QUERY = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX mg:  <https://w3id.org/mougraph/ontology#>
SELECT ?claim ?subject ?predicate ?value ?passage ?document ?line ?quote ?conflict WHERE {
  ?claim a mg:Claim .
  OPTIONAL { ?claim rdf:subject ?subject }
  OPTIONAL { ?claim rdf:predicate ?predicate }
  OPTIONAL { ?claim rdf:object ?value }
  OPTIONAL { ?conflict a mg:Conflict ; mg:claimOf ?claim }
  OPTIONAL {
    ?claim mg:statedIn ?passage .
    OPTIONAL { ?passage mg:inDocument ?document }
    OPTIONAL { ?passage mg:line ?line }
    OPTIONAL { ?passage mg:quote ?quote }
  }
}"""


@dataclass(frozen=True)
class Source:
    passage: URIRef
    document: URIRef | None
    line: int | None
    quote: str | None


@dataclass
class Claim:
    iri: URIRef
    value: object
    sources: list[Source] = field(default_factory=list)


@dataclass
class Disagreement:
    """One fact the sources disagree on: a resource, a property and the claimed values with their sources."""

    conflict: URIRef | None  # None: claims that no mg:Conflict groups
    about: object
    property: object
    claims: list[Claim]
    labels: dict[str, str] = field(default_factory=dict)  # language -> rdfs:label of the conflict
    notes: dict[str, str] = field(default_factory=dict)  # language -> skos:note

    @property
    def values(self) -> set:
        return {c.value for c in self.claims}


def _literal_text(graph: Graph, subject, predicate) -> dict[str, str]:
    return {(o.language or ""): str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def _key(term) -> str:
    return "" if term is None else term.n3()


def conflicts(graph: Graph | None = None) -> list[Disagreement]:
    """Every disagreement of ``graph`` (default: ontology + shipped data), sorted by resource and property."""
    if graph is None:
        graph = load_all()
    claims: dict[URIRef, Claim] = {}
    meta: dict[URIRef, tuple] = {}  # claim -> (subject, predicate, conflict)
    for row in graph.query(QUERY):
        claim = claims.setdefault(row.claim, Claim(row.claim, row.value))
        if row.passage is not None:
            line = int(row.line) if isinstance(row.line, Literal) and str(row.line).isdigit() else None
            source = Source(row.passage, row.document, line, None if row.quote is None else str(row.quote))
            if source not in claim.sources:
                claim.sources.append(source)
        if row.conflict is not None or row.claim not in meta:
            meta[row.claim] = (row.subject, row.predicate, row.conflict)
    groups: dict[tuple, list[Claim]] = {}
    for iri, claim in claims.items():
        subject, predicate, conflict = meta[iri]
        key = ("conflict", conflict) if conflict is not None else ("claims", subject, predicate)
        groups.setdefault(key, []).append(claim)
    found = []
    for key, members in groups.items():
        for claim in members:
            claim.sources.sort(key=lambda s: (_key(s.document), s.line or 0, _key(s.passage)))
        members.sort(key=lambda c: (_key(c.value), _key(c.iri)))
        if key[0] == "conflict":
            conflict = key[1]
            about = graph.value(conflict, MG.about)
            prop = graph.value(conflict, MG.onProperty)
            if about is None or prop is None:
                about = about or meta[members[0].iri][0]
                prop = prop or meta[members[0].iri][1]
            found.append(Disagreement(conflict, about, prop, members, _literal_text(graph, conflict, RDFS.label),
                                      _literal_text(graph, conflict, SKOS.note)))
        elif len({_key(c.value) for c in members}) > 1:
            found.append(Disagreement(None, key[1], key[2], members))
    found.sort(key=lambda d: (_key(d.about), _key(d.property), _key(d.conflict)))
    return found


# --- output ---------------------------------------------------------------

def _show(term, graph: Graph) -> str:
    """A prefixed name; for an IRI no prefix fits (e.g. instant/2023-04-10T11:30), its label."""
    text = short(term, graph.namespace_manager)
    if isinstance(term, URIRef) and text == str(term):
        labels = _literal_text(graph, term, RDFS.label)
        return labels.get("", labels.get("en", text))
    return text


def rows(found: list[Disagreement], graph: Graph) -> list[tuple[str, ...]]:
    """Table rows: resource, property, value, source document, line, conflict (one row per claim and source)."""
    nm = graph.namespace_manager
    out = []
    for d in found:
        for claim in d.claims:
            for source in claim.sources or [Source(claim.iri, None, None, None)]:
                out.append((short(d.about, nm), short(d.property, nm), _show(claim.value, graph),
                            short(source.document, nm), "" if source.line is None else str(source.line),
                            short(d.conflict, nm) if d.conflict is not None else "(not recorded as a conflict)"))
    return out


def _term(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_json(found: list[Disagreement]) -> str:
    doc = []
    for d in found:
        doc.append({
            "conflict": _term(d.conflict),
            "about": _term(d.about),
            "property": _term(d.property),
            "label": d.labels,
            "note": d.notes,
            "claims": [{
                "claim": _term(c.iri),
                "value": _term(c.value),
                "valueIsLiteral": isinstance(c.value, Literal),
                "sources": [{"passage": _term(s.passage), "document": _term(s.document), "line": s.line,
                             "quote": s.quote} for s in c.sources],
            } for c in d.claims],
        })
    return json.dumps({"disagreements": doc}, indent=2, ensure_ascii=False) + "\n"


def to_graph(found: list[Disagreement], graph: Graph) -> Graph:
    """The conflicts, their claims, the passages and documents they cite (all their triples), as one graph."""

    out = new_graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=False)
    nodes = set()
    for d in found:
        if d.conflict is not None:
            nodes.add(d.conflict)
        for c in d.claims:
            nodes.add(c.iri)
            for s in c.sources:
                nodes.add(s.passage)
                if s.document is not None:
                    out.add((s.document, RDF.type, graph.value(s.document, RDF.type) or MG.SourceDocument))
                    for label in graph.objects(s.document, RDFS.label):
                        out.add((s.document, RDFS.label, label))
    for node in nodes:
        for p, o in graph.predicate_objects(node):
            out.add((node, p, o))
    return out
