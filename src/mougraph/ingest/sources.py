"""Which documents of a gold graph state a value: its claims' passages, else its resource's (docs/provenance.md).

A curated graph records sources at two levels: ``mg:statedIn`` on a resource (the passages stating it) and
``mg:Claim``s per value (one passage states one triple). A value's documents are those of its claims where it has
any, else those of the resource it is a value of. A fact the scorer compares is built of several values (a place is
the event's location and the room's building); it is stated in a document when each of its parts with a known
source is, and it has no per-source information when none of its parts has one.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDF, Graph

from mougraph.vocab import MG

#: Where a gold fact stands with respect to the draft's document.
STATED, ELSEWHERE, UNKNOWN = "stated", "elsewhere", "unknown"


class Sources:
    """The documents of ``graph`` that state each value, judged against ``documents`` (the draft's own)."""

    def __init__(self, graph: Graph, documents: set):
        self.graph, self.documents = graph, set(documents)
        self._claims: dict[tuple, set] = defaultdict(set)
        for claim in set(graph.subjects(RDF.type, MG.Claim)):
            key = (graph.value(claim, RDF.subject), graph.value(claim, RDF.predicate), graph.value(claim, RDF.object))
            self._claims[key] |= self.node(claim) or set()

    def node(self, node) -> set | None:
        """The documents of ``node``'s ``mg:statedIn`` (a passage's document, or a document cited as a whole); None
        when it names none."""
        found = set()
        for passage in self.graph.objects(node, MG.statedIn):
            found.add(self.graph.value(passage, MG.inDocument) or passage)
        return found or None

    def triple(self, s, p, o) -> set | None:
        """The documents of the value ``(s, p, o)``: its claims', else its subject's."""
        return self._claims.get((s, p, o)) or self.node(s)

    def where(self, *parts: set | None) -> str:
        """``STATED`` when every part with a known source is stated in the draft's document, ``ELSEWHERE`` when one
        is not, ``UNKNOWN`` when no part has a source."""
        known = [docs for docs in parts if docs is not None]
        if not known:
            return UNKNOWN
        return STATED if all(docs & self.documents for docs in known) else ELSEWHERE
