"""What the graph already holds, so that a draft refers to it rather than minting a second: people, offices and
their terms, places, and agreements (by parties and year, e.g. the seeds' 2016 Seoul–Sejong agreement).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from mougraph.store import data_files, load_files

PREFIXES = """PREFIX mg: <https://w3id.org/mougraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
"""


@dataclass
class Known:
    people: dict[str, str] = field(default_factory=dict)  # Korean or English label -> IRI
    offices: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (IRI, organisation IRI)
    terms: dict[tuple[str, str], str] = field(default_factory=dict)  # (holder, office) -> IRI
    places: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # label -> (IRI, building IRI)
    agreements: dict[frozenset, list[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    # parties -> [(IRI, date as written, label)]

    def agreements_of(self, parties: frozenset, year: int | None = None) -> list[tuple[str, str, str]]:
        return [a for a in self.agreements.get(parties, []) if year is None or a[1][:4] == str(year)]


def _rows(graph, query: str):
    return [[None if v is None else str(v) for v in row] for row in graph.query(PREFIXES + query)]


@lru_cache(maxsize=4)
def known(files: tuple | None = None) -> Known:
    """What the graph of ``files`` (default: the shipped data) already holds."""
    graph = load_files(list(files) if files else data_files())
    k = Known()
    for iri, label in _rows(graph, "SELECT ?p ?l WHERE { ?p a mg:Person ; rdfs:label ?l }"):
        k.people[label] = iri
    for iri, label, org in _rows(graph, """SELECT ?o ?l ?in WHERE { ?o a mg:Office ; org:postIn ?in .
                                          { ?o rdfs:label ?l } UNION { ?o skos:altLabel ?l } }"""):
        k.offices[label] = (iri, org)
    terms = "SELECT ?t ?h ?o WHERE { ?t a mg:OfficeTerm ; mg:holder ?h ; mg:office ?o }"
    for iri, holder, office in _rows(graph, terms):
        k.terms[(holder, office)] = iri
    for iri, label, building in _rows(graph, """SELECT ?p ?l ?b WHERE {
            { ?p a mg:Building } UNION { ?p a mg:Room } UNION { ?p a mg:Facility }
            { ?p rdfs:label ?l } UNION { ?p skos:altLabel ?l } OPTIONAL { ?p mg:inBuilding ?b } }"""):
        k.places[label] = (iri, building)
    rows = _rows(graph, """SELECT ?a ?party ?when ?label WHERE {
            ?a a mg:Agreement ; mg:party ?party ; rdfs:label ?label . FILTER (lang(?label) = "ko")
            OPTIONAL { ?a mg:date ?i .
                       ?i time:inXSDgYear|time:inXSDDate|time:inXSDgYearMonth|time:inXSDDateTimeStamp ?when } }""")
    parties: dict[str, set] = defaultdict(set)
    meta: dict[str, tuple[str, str]] = {}
    for iri, party, when, label in rows:
        parties[iri].add(party.rsplit("/", 1)[-1])
        meta[iri] = (when or "", label)
    for iri in sorted(parties):
        k.agreements[frozenset(parties[iri])].append((iri, *meta[iri]))
    return k
