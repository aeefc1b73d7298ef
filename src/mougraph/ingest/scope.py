"""Making a draft and a gold graph comparable before scoring (``mougraph ingest --score``).

Which of gold's documents is the draft's source (``documents``: the same file name or address, else the same
title), which of gold's agreements are in scope, and gold's descriptions of what the draft only names
(``prepare``). Which facts of gold that document states is :mod:`mougraph.ingest.sources`' concern.
"""

from __future__ import annotations

import unicodedata

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF

from mougraph.ingest.score import name
from mougraph.vocab import MG


def _identifiers(graph: Graph, props) -> dict:
    """Each source document of ``graph`` -> the values of ``props`` that identify it outside any IRI."""
    found: dict = {}
    for prop in props:
        for doc, value in graph.subject_objects(prop):
            found.setdefault(doc, set()).add(" ".join(unicodedata.normalize("NFC", str(value)).split()))
    return found


def documents(gold: Graph, draft: Graph) -> tuple[set, str]:
    """Gold's node(s) of the draft's source document, and how they were found ("" when none was).

    By file name or address; only when neither matches, by title (a news article may repeat a press release's
    title, so a title alone is the weaker sign).
    """
    for props, how in (((MG.sourceFile, FOAF.page), "file or address"), ((DCTERMS.title,), "title")):
        wanted = {value for values in _identifiers(draft, props).values() for value in values}
        found = {doc for doc, values in _identifiers(gold, props).items() if values & wanted}
        if found:
            return found, how
    return set(), ""

def _stated_in(graph: Graph, docs: set) -> set:
    """The agreements of ``graph`` with a passage in one of ``docs``."""
    return {agr for agr in graph.subjects(RDF.type, MG.Agreement)
            for passage in graph.objects(agr, MG.statedIn) if graph.value(passage, MG.inDocument) in docs}


def prepare(gold: Graph, draft: Graph) -> tuple[Graph, Graph, list[str]]:
    """``gold`` and ``draft`` made comparable, and notes saying how.

    - A gold graph that is a whole curated graph (``data/``) holds agreements of many documents: when the draft's
      source document is one of gold's (same file name or address, else title: ``documents``), gold keeps only the
      agreements stated in it, with their events' donations and gifts; otherwise all of gold is compared (a note
      says which).
    - A draft names what the graph already holds (an earlier agreement, a place, an office, an instant) by its IRI
      without describing it, as ``mougraph validate data/ draft.ttl`` reads them together: the draft reads gold's
      descriptions of the IRIs it names, two links deep.
    - An agreement the draft names by gold's IRI without describing it (a link to an agreement the graph holds, not
      a new one) is scored on neither side: its facts would be gold's own. The link counts as an ``earlier`` fact.
    """
    notes: list[str] = []
    docs, how = documents(gold, draft)
    kept = _stated_in(gold, docs) if docs else set(gold.subjects(RDF.type, MG.Agreement))
    # named, not described: the draft gives no party of it
    linked = {agr for agr in kept & set(draft.subjects(RDF.type, MG.Agreement)) if draft.value(agr, MG.party) is None}
    enriched, described = _copy(draft), set(draft.subjects()) - linked
    for _ in range(2):
        named = {node for node in set(enriched.subjects()) | set(enriched.objects())
                 if isinstance(node, URIRef) and node not in described}
        for node in named:
            for triple in gold.triples((node, None, None)):
                enriched.add(triple)
    for agr in linked:
        enriched.remove((agr, RDF.type, MG.Agreement))
    scoped = _copy(gold)
    events = {e for agr in kept - linked for e in gold.objects(agr, MG.signingEvent)}
    for agr in set(gold.subjects(RDF.type, MG.Agreement)) - (kept - linked):
        scoped.remove((agr, RDF.type, MG.Agreement))
    for cls in (MG.Donation, MG.Gift):
        for transfer in set(gold.subjects(RDF.type, cls)):
            if gold.value(transfer, MG.atEvent) not in events:
                scoped.remove((transfer, RDF.type, cls))
    if docs:
        names = sorted(str(gold.value(d, MG.sourceFile) or gold.value(d, FOAF.page) or name(gold, d)) for d in docs)
        notes.append(f"gold: the {len(kept)} agreement(s) stated in {', '.join(names)} (found by its {how})")
    else:
        notes.append(f"gold: all {len(kept)} agreement(s) (the draft's source document is not one of gold's)")
    if linked:
        notes.append(f"{len(linked)} agreement(s) the draft names by gold's IRI are not scored (their facts are "
                     f"gold's): {', '.join(sorted(name(gold, a) for a in linked))}")
    return scoped, enriched, notes


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy
