"""Namespaces, graph names and the prefixes bound on every graph mougraph loads.

Vocabularies that rdflib already declares (``rdflib.namespace``: RDF, RDFS, OWL, XSD, SKOS, SH, DCTERMS, PROV,
TIME, ORG, VOID, SDO, DCAT, FOAF) are imported from there; this module declares only the others.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import NamespaceManager

MG = Namespace("https://w3id.org/mougraph/ontology#")
ID = Namespace("https://w3id.org/mougraph/id/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
DATA_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
WD = Namespace("http://www.wikidata.org/entity/")

#: The named graph of the asserted triples in quad exports (N-Quads, TriG).
DATA_GRAPH = URIRef(f"{ID}graph/data")
#: The named graph of the inferred triples in quad exports.
INFERRED_GRAPH = URIRef(f"{ID}graph/inferred")

#: Prefixes bound on every graph mougraph loads, so output is readable.
PREFIXES: dict[str, str] = {
    "mg": str(MG),
    "mgid": str(ID),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sh": "http://www.w3.org/ns/shacl#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` where they are free (returns it).

    Prefixes declared in the parsed files win; ours only fill the gaps.
    """
    bound = dict(graph.namespaces())
    used_ns = {str(ns) for ns in bound.values()}
    for prefix, ns in PREFIXES.items():
        if ns not in used_ns and prefix not in bound:
            graph.bind(prefix, ns)
    return graph


#: Longest IRI :func:`short` gives a prefixed name: rdflib's ``compute_qname`` scans the IRI a character at a time
#: (a 4 MB IRI took 30 s in validate's table), and a prefixed name of an IRI that long is no easier to read.
MAX_SHORTENED = 2000


def short(term, namespace_manager: NamespaceManager | None = None) -> str:
    """Human-readable form of an RDF term: ``mg:Agreement``, ``"서울"@ko`` -> ``서울``.

    IRIs are shortened with the bound prefixes when possible, literals are shown
    by their lexical form, ``None`` (unbound) as an empty string.
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        if namespace_manager is not None and len(term) <= MAX_SHORTENED:
            try:
                prefix, _ns, local = namespace_manager.compute_qname(str(term), generate=False)
                if local:
                    return f"{prefix}:{local}"
            except (KeyError, ValueError):
                pass
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return str(term)
    return str(term)
