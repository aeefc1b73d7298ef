"""RDF terms written as N-Triples text: the namespaces the synthetic graph uses and one function per kind of term.

The generator builds its triples as strings (``<iri>``, ``"text"@ko``, ``"5"^^<...#integer>``) rather than
rdflib terms: at a million triples, strings are what keeps it fast, and sorted lines are the N-Triples file.
"""

from __future__ import annotations

from rdflib import namespace

from mougraph import vocab

ID, MG, WD = str(vocab.ID), str(vocab.MG), str(vocab.WD)
RDF, RDFS, XSD, SKOS = str(namespace.RDF), str(namespace.RDFS), str(namespace.XSD), str(namespace.SKOS)
TIME, ORG, DCT, SCHEMA = str(namespace.TIME), str(namespace.ORG), str(namespace.DCTERMS), str(namespace.SDO)
#: The shapes of ontology/*.shacl.ttl.
MGSH = "https://w3id.org/mougraph/shapes#"
#: What every invented label ends with.
SYN_KO, SYN_EN = " (가상)", " (synthetic)"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def iri(value: str) -> str:
    return f"<{value}>"


def ko(text: str) -> str:
    return f'"{_esc(text)}"@ko'


def en(text: str) -> str:
    return f'"{_esc(text)}"@en'


def lit(text: str) -> str:
    return f'"{_esc(text)}"'


def typed(lexical: str, datatype: str) -> str:
    return f'"{_esc(lexical)}"^^<{XSD}{datatype}>'


def integer(n: int) -> str:
    return typed(str(n), "integer")


def boolean(b: bool) -> str:
    return typed("true" if b else "false", "boolean")


def mg(name: str) -> str:
    return iri(MG + name)


def nid(path: str) -> str:
    return iri(ID + path)


A = iri(RDF + "type")
LABEL = iri(RDFS + "label")
STATED_IN = mg("statedIn")
