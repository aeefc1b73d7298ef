"""A :class:`Draft` as Turtle: its facts asserted, ``mg:statedIn`` on every described resource, an ``mg:Claim``
per reviewed value (docs/provenance.md); sorted triples and prefixes, so the same document gives the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from hashlib import blake2b

import pyoxigraph as ox

from mougraph.ingest.model import Draft, Fact, Lit

MG = "https://w3id.org/mougraph/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PREFIXES = {"mg": MG, "rdf": RDF, "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": XSD,
            "skos": "http://www.w3.org/2004/02/skos/core#", "time": "http://www.w3.org/2006/time#",
            "dcterms": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
            "schema": "https://schema.org/",
            "org": "http://www.w3.org/ns/org#", "inst": "https://w3id.org/mougraph/id/instant/",
            "gov": "https://w3id.org/mougraph/id/org/", "kind": "https://w3id.org/mougraph/id/kind/",
            "status": "https://w3id.org/mougraph/id/status/", "dom": "https://w3id.org/mougraph/id/domain/"}
HEADER = """\
# DRAFT written by `mougraph ingest` from {file}: every value cites the passage stating it (mg:statedIn,
# mg:Claim). Review it (the review page lists the open questions) before it goes into data/ (docs/ingest.md).
"""
NOT_DESCRIBED = (MG + "Passage", "http://www.w3.org/2006/time#Instant")


def _term(value):
    if isinstance(value, Lit):
        if value.lang:
            return ox.Literal(value.value, language=value.lang)
        if value.datatype:
            return ox.Literal(value.value, datatype=ox.NamedNode(XSD + value.datatype))
        return ox.Literal(value.value)
    return ox.NamedNode(value)


def claim_iri(draft: Draft, f: Fact) -> str:
    """One claim per value and passage, named by both: the same document gives the same IRIs."""
    return draft.base + "claim-" + blake2b(f"{f.s} {f.p} {f.o!r} {f.passage.key} {f.what}".encode(),
                                           digest_size=8).hexdigest()


def triples(draft: Draft) -> set[ox.Triple]:
    out: set[ox.Triple] = set()
    cited: dict[str, set[str]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    disputed = {(f.s, f.p, f.o) for f in draft.facts if f.disputed}
    for f in draft.facts:
        if (f.s, f.p, f.o) not in disputed:
            out.add(ox.Triple(ox.NamedNode(f.s), ox.NamedNode(f.p), _term(f.o)))
        if f.p == RDF + "type":
            types[f.s].add(str(f.o))
        if f.passage is not None:
            cited[f.s].add(draft.base + f.passage.key)
        if f.claim:
            c = ox.NamedNode(claim_iri(draft, f))
            out.add(ox.Triple(c, ox.NamedNode(RDF + "type"), ox.NamedNode(MG + "Claim")))
            out.add(ox.Triple(c, ox.NamedNode(RDF + "subject"), ox.NamedNode(f.s)))
            out.add(ox.Triple(c, ox.NamedNode(RDF + "predicate"), ox.NamedNode(f.p)))
            out.add(ox.Triple(c, ox.NamedNode(RDF + "object"), _term(f.o)))
            out.add(ox.Triple(c, ox.NamedNode(MG + "statedIn"), ox.NamedNode(draft.base + f.passage.key)))
            label = f"{f.what or 'fact'}: {f.passage.key}"
            out.add(ox.Triple(c, ox.NamedNode(LABEL), ox.Literal(f"주장 ({label})", language="ko")))
            out.add(ox.Triple(c, ox.NamedNode(LABEL), ox.Literal(f"claim ({label})", language="en")))
    # The shapes ask for a Korean label on everything; an English document gives English ones, copied as the
    # Korean label for the curator to translate (the review page says so).
    labelled = defaultdict(dict)
    for f in draft.facts:
        if f.p == LABEL and isinstance(f.o, Lit) and f.o.lang:
            labelled[f.s].setdefault(f.o.lang, f.o.value)
    for subject, langs in labelled.items():
        if "ko" not in langs and "en" in langs:
            out.add(ox.Triple(ox.NamedNode(subject), ox.NamedNode(LABEL), ox.Literal(langs["en"], language="ko")))
    out |= _conflicts(draft)
    for subject, passages in cited.items():
        if types[subject] & set(NOT_DESCRIBED):
            continue
        for passage in passages:
            out.add(ox.Triple(ox.NamedNode(subject), ox.NamedNode(MG + "statedIn"), ox.NamedNode(passage)))
    return out


def _conflicts(draft: Draft) -> set[ox.Triple]:
    """Each :class:`Conflict` as data/conflicts.ttl writes one: about a resource and a property, with its claims."""
    out = set()
    for c in draft.conflicts:
        node = ox.NamedNode(c.iri)
        out.add(ox.Triple(node, ox.NamedNode(RDF + "type"), ox.NamedNode(MG + "Conflict")))
        out.add(ox.Triple(node, ox.NamedNode(LABEL), ox.Literal(c.label_ko, language="ko")))
        out.add(ox.Triple(node, ox.NamedNode(LABEL), ox.Literal(c.label_en, language="en")))
        out.add(ox.Triple(node, ox.NamedNode(MG + "about"), ox.NamedNode(c.s)))
        out.add(ox.Triple(node, ox.NamedNode(MG + "onProperty"), ox.NamedNode(c.p)))
        for f in c.facts:
            out.add(ox.Triple(node, ox.NamedNode(MG + "claimOf"), ox.NamedNode(claim_iri(draft, f))))
    return out


def turtle(draft: Draft, file_name: str) -> str:
    lines = sorted(triples(draft), key=str)
    text = ox.serialize(lines, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8").splitlines()
    # Oxigraph writes the prefixes in no fixed order: sorted here, so that the bytes are stable.
    prefixes = sorted(line for line in text if line.startswith("@prefix "))
    body = [line for line in text if not line.startswith("@prefix ")]
    return HEADER.format(file=file_name) + "\n".join(prefixes + [""] + body) + "\n"
