"""Score a draft graph against a gold graph, fact by fact, whatever IRIs either uses.

Agreements are matched by their parties (named by label, so a draft that resolved a party to the same body under
another IRI still matches) and their date; a draft agreement whose parties or date differ in part is paired with
the gold agreement it shares most with, so that its other facts still count. Each fact is a tuple of readable
values within its agreement (``scope``); the facts of each kind are compared as multisets, which gives precision,
recall and F1 per kind and in total, and the missing and extra facts. Given gold's node of the draft's document,
gold's facts that other documents state are not misses (``mougraph.ingest.sources``; ``ScoreReport.elsewhere``).

Values are named by label (Korean first), instants by their value at their precision (``2016``, ``2023-04``,
``2023-04-10T11:10``, ``<2019``), and the shared vocabulary (kinds, statuses, domains) by its IRI, since a draft
carries no labels of the ontology's concepts.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import TIME

from mougraph.gazetteer.resolution import default_index, resolve
from mougraph.ingest.sources import ELSEWHERE, STATED, UNKNOWN, Sources
from mougraph.vocab import ID, MG

#: The kinds of fact, in the order the report lists them.
KINDS = ("party", "kind", "status", "date", "place", "signatory", "domain", "earlier", "donation", "gift",
         "schedule")
#: Shared vocabulary: named by IRI (``kind:mou``), not by label.
_VOCAB = {f"{ID}{folder}/": folder for folder in ("kind", "status", "domain", "action", "tier", "scheme")}
_EVENTS = (MG.Event, MG.SigningCeremony, MG.Meeting, MG.Arrival, MG.Programme, MG.Expo)
_LINEAGE = (("strengthens", MG.strengthens), ("renews", MG.renews), ("supersedes", MG.supersedes),
            ("builds on", MG.buildsOn))
_POSITIONS = ((TIME.inXSDDateTimeStamp, 16), (TIME.inXSDDateTime, 16), (TIME.inXSDDate, 10),
              (TIME.inXSDgYearMonth, 7), (TIME.inXSDgYear, 4))
ROW_HEADER = ("kind", "gold", "draft", "matched", "precision", "recall", "F1")


@dataclass(frozen=True)
class KindScore:
    """How many facts of one kind each graph has, how many match, and the scores."""

    kind: str
    gold: int
    draft: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.draft if self.draft else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.draft else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> tuple:
        return (self.kind, self.gold, self.draft, self.matched, round(self.precision, 3), round(self.recall, 3),
                round(self.f1, 3))


@dataclass(frozen=True, order=True)
class Difference:
    """A fact one graph has and the other lacks: ``missing`` from the draft, or ``extra`` in it."""

    kind: str
    side: str
    agreement: str
    fact: str

    def __str__(self) -> str:
        where = f" [{self.agreement}]" if self.agreement else ""
        return f"{self.side} {self.kind}{where}: {self.fact}"


@dataclass(frozen=True)
class ScoreReport:
    """Scores per kind of fact (only the kinds either graph has), the total, the differences, sorted."""

    kinds: tuple[KindScore, ...]
    total: KindScore
    differences: tuple[Difference, ...]
    agreements: dict = field(default_factory=dict)
    #: gold facts that gold's sources give to other documents only: not misses
    elsewhere: tuple[Difference, ...] = ()
    #: gold facts with no per-source information, counted as stated in the draft's document
    unsourced: int = 0

    def kind(self, name: str) -> KindScore | None:
        return next((k for k in self.kinds if k.kind == name), None)

    def rows(self) -> list[tuple]:
        """One row per kind, then the total: ``ROW_HEADER``'s columns."""
        return [k.row() for k in self.kinds] + [self.total.row()]

    def as_dict(self) -> dict:
        def scores(k: KindScore) -> dict:
            return dict(zip(ROW_HEADER[1:], k.row()[1:], strict=True))

        return {"kinds": {k.kind: scores(k) for k in self.kinds}, "total": scores(self.total),
                "agreements": dict(self.agreements), "unsourced": self.unsourced,
                "not_in_this_document": [{"kind": d.kind, "agreement": d.agreement, "fact": d.fact}
                                         for d in self.elsewhere],
                "differences": [{"kind": d.kind, "side": d.side, "agreement": d.agreement, "fact": d.fact}
                                for d in self.differences]}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def name(graph: Graph, node) -> str:
    """A readable name of ``node`` that does not depend on its IRI (label, instant value), where it can."""
    if node is None:
        return "?"
    if isinstance(node, Literal):
        return _norm(str(node))
    if isinstance(node, URIRef):
        for base, folder in _VOCAB.items():
            if str(node).startswith(base):
                return f"{folder}:{str(node)[len(base):]}"
    if (node, RDF.type, TIME.Instant) in graph or (node, RDF.type, MG.UndeterminedInstant) in graph:
        return when(graph, node)
    labels = sorted(graph.objects(node, RDFS.label), key=lambda lit: (getattr(lit, "language", None) != "ko",
                                                                       getattr(lit, "language", None) or "", lit))
    if labels:
        return _norm(str(labels[0]))
    found = when(graph, node)
    return found if found != "?" else str(node)


@lru_cache(maxsize=65536)
def _body_label(text: str) -> str:
    """The gazetteer's label of the one body ``text`` names (서울시, 부산직할시 -> today's name), else ``text``."""
    found = resolve(text) if text.strip() else None
    if found is None or not found.candidates or found.ambiguous:
        return text
    return default_index().bodies[found.candidates[0].key].label


def organisation(graph: Graph, node) -> str:
    """An organisation named as the gazetteer names the body it is (by IRI, else by its label), else its label.

    So a party that a draft resolved to the same body under another IRI, or wrote under another of its names,
    matches the gold's; an ambiguous name stays as written.
    """
    if isinstance(node, URIRef) and str(node).startswith(f"{ID}org/"):
        body = default_index().bodies.get(str(node)[len(f"{ID}org/"):])
        if body is not None:
            return body.label
    return _body_label(name(graph, node))


def when(graph: Graph, instant) -> str:
    """An instant's value at its precision: ``2016``, ``2023-04``, ``2023-04-10``, ``2023-04-10T11:10``,
    ``2023-04T15:00`` (a time of day on an uncertain day), ``>2015<2019`` (bounds), ``?`` (unknown)."""
    if instant is None:
        return "?"
    for prop, width in _POSITIONS:
        value = graph.value(instant, prop)
        if value is not None:
            text = str(value)[:width]
            tod = graph.value(instant, MG.timeOfDay)
            return f"{text}T{str(tod)[:5]}" if tod is not None and "T" not in text else text
    bounds = [f">{when(graph, b)}" for b in sorted(graph.objects(instant, TIME.after))]
    bounds += [f"<{when(graph, b)}" for b in sorted(graph.objects(instant, TIME.before))]
    return "".join(bounds) or "?"


def _compatible(a: str, b: str) -> bool:
    """Two dates agree at the coarser precision (bounds and unknowns agree with anything)."""
    if a[:1] in "<>?" or b[:1] in "<>?":
        return True
    width = min(len(a), len(b))
    return a[:width] == b[:width]


@dataclass(frozen=True)
class _Agreement:
    node: object
    parties: frozenset
    date: str

    @property
    def key(self) -> str:
        return f"{'+'.join(sorted(self.parties))} {self.date}"


def _agreements(graph: Graph) -> list[_Agreement]:
    found = [_Agreement(node, frozenset(organisation(graph, p) for p in graph.objects(node, MG.party)),
                        when(graph, graph.value(node, MG.date)))
             for node in set(graph.subjects(RDF.type, MG.Agreement))]
    return sorted(found, key=lambda a: (a.key, str(a.node)))


def _match(gold: list[_Agreement], draft: list[_Agreement]) -> dict:
    """Pair draft agreements with gold ones: same parties and date first, then most parties in common."""
    pairs = []
    for gi, g in enumerate(gold):
        for di, d in enumerate(draft):
            shared = len(g.parties & d.parties)
            if shared and _compatible(g.date, d.date):
                rank = (g.parties == d.parties, g.date == d.date, shared, -len(g.parties ^ d.parties))
                pairs.append((tuple(-x for x in rank), gi, di))
    taken_g, scope = set(), {}
    for _rank, gi, di in sorted(pairs):
        if gi not in taken_g and draft[di].node not in scope:
            taken_g.add(gi)
            scope[draft[di].node] = gold[gi].key
    return scope


def _facts(graph: Graph, scopes: dict, sources: Sources | None = None) -> dict[str, Counter]:
    """Every fact of ``graph`` as ``(kind, agreement, value)``; ``scopes`` names each agreement.

    By where it stands with ``sources`` (the draft's document): ``STATED`` (all facts without ``sources``),
    ``ELSEWHERE`` (gold states it from another document only) and ``UNKNOWN`` (no per-source information).
    """
    facts: dict[str, Counter] = {STATED: Counter(), ELSEWHERE: Counter(), UNKNOWN: Counter()}
    src = sources

    def add(kind: str, scope: str, *value: str, parts: tuple = ()) -> None:
        facts[src.where(*parts) if src else STATED][(kind, scope, tuple(value))] += 1

    event_scope = {}
    for agr, scope in scopes.items():
        for value in graph.objects(agr, MG.party):
            add("party", scope, organisation(graph, value), parts=src and (src.triple(agr, MG.party, value),))
        for prop in (MG.kind, MG.status):
            for value in graph.objects(agr, prop):
                add(str(prop).rsplit("#", 1)[1], scope, name(graph, value),
                    parts=src and (src.triple(agr, prop, value),))
        date = graph.value(agr, MG.date)
        add("date", scope, when(graph, date), parts=src and (src.triple(agr, MG.date, date),))
        for event in graph.objects(agr, MG.signingEvent):
            event_scope[event] = scope
            for place in graph.objects(event, MG.location):
                building = graph.value(place, MG.inBuilding)
                floor = graph.value(place, MG.floor)
                parts = src and (src.triple(event, MG.location, place), src.node(place))
                if building is not None and src and src.where(*parts) == ELSEWHERE and \
                        src.where(src.node(event), src.node(building)) == STATED:
                    # the document names the building, not the room: that is the fact it states
                    add("place", scope, "", name(graph, building), "", parts=(src.node(building),))
                    continue
                add("place", scope, name(graph, building) if building is not None else "",
                    name(graph, place), f"floor {floor}" if floor is not None else "", parts=parts)
        for sig in graph.objects(agr, MG.signature):
            term = graph.value(sig, MG.inTerm)
            office = graph.value(term, MG.office) if term is not None else None
            acting = term is not None and graph.value(term, MG.acting) == Literal(True)
            add("signatory", scope, name(graph, graph.value(sig, MG.signatory)),
                f"for {organisation(graph, graph.value(sig, MG.onBehalfOf))}",
                name(graph, office) if office is not None else "", "acting" if acting else "",
                parts=src and (src.triple(agr, MG.signature, sig), src.node(sig)))
        for item in graph.objects(agr, MG.listsDomain):
            concept = graph.value(item, MG.domainConcept)
            add("domain", scope, name(graph, concept if concept is not None else graph.value(item, MG.wording)),
                parts=src and (src.triple(agr, MG.listsDomain, item), src.node(item)))
        for relation, prop in _LINEAGE:
            for earlier in graph.objects(agr, prop):
                parties = "+".join(sorted(organisation(graph, p) for p in graph.objects(earlier, MG.party)))
                add("earlier", scope, relation, parties, when(graph, graph.value(earlier, MG.date))[:4],
                    parts=src and (src.triple(agr, prop, earlier), src.node(earlier)))
    for kind, cls in (("donation", MG.Donation), ("gift", MG.Gift)):
        for transfer in set(graph.subjects(RDF.type, cls)):
            scope = event_scope.get(graph.value(transfer, MG.atEvent), "")
            mutual = graph.value(transfer, MG.mutual) == Literal(True)
            add(kind, scope, f"{name(graph, graph.value(transfer, MG.donor))} → "
                f"{organisation(graph, graph.value(transfer, MG.recipient))}", "mutual" if mutual else "one-way",
                parts=src and (src.node(transfer),))
    events = {e for cls in _EVENTS for e in graph.subjects(RDF.type, cls)}
    for event in events:
        # the schedule: a programme's events and the ceremonies, not events an agreement only mentions
        if not (event in event_scope or (None, MG.subEvent, event) in graph or (event, MG.subEvent, None) in graph):
            continue
        types = "/".join(sorted(str(t).rsplit("#", 1)[1] for t in graph.objects(event, RDF.type)
                                if t in _EVENTS))
        start, end = graph.value(event, TIME.hasBeginning), graph.value(event, TIME.hasEnd)
        parts = src and (src.node(event), src.triple(event, TIME.hasBeginning, start)) + \
            ((src.triple(event, TIME.hasEnd, end),) if end is not None else ())
        add("schedule", event_scope.get(event, ""), types,
            f"{when(graph, start)}–{when(graph, end) if end is not None else ''}", parts=parts)
    return facts


def score(gold: Graph, draft: Graph, documents: set | None = None) -> ScoreReport:
    """Compare ``draft`` with ``gold`` fact by fact; see the module's docstring.

    ``documents``: gold's node(s) of the draft's source document. Then a gold fact that gold's sources give to other
    documents only is not a miss (``elsewhere``), and one with no per-source information is counted as stated
    (``unsourced`` says how many).
    """
    gold_agreements, draft_agreements = _agreements(gold), _agreements(draft)
    paired = _match(gold_agreements, draft_agreements)
    sources = Sources(gold, documents) if documents else None
    sorted_facts = _facts(gold, {a.node: a.key for a in gold_agreements}, sources)
    gold_facts = sorted_facts[STATED] + sorted_facts[UNKNOWN]
    draft_facts = _facts(draft, {a.node: paired.get(a.node, a.key) for a in draft_agreements})[STATED]
    kinds, differences = [], []
    for kind in KINDS:
        g = Counter({f: n for f, n in gold_facts.items() if f[0] == kind})
        d = Counter({f: n for f, n in draft_facts.items() if f[0] == kind})
        if not g and not d:
            continue
        kinds.append(KindScore(kind, sum(g.values()), sum(d.values()), sum((g & d).values())))
        for side, facts in (("missing", g - d), ("extra", d - g)):
            for (_kind, scope, value), n in facts.items():
                text = ", ".join(v for v in value if v)
                differences.extend([Difference(kind, side, scope, text)] * n)
    total = KindScore("total", sum(k.gold for k in kinds), sum(k.draft for k in kinds),
                      sum(k.matched for k in kinds))
    counts = {"gold": len(gold_agreements), "draft": len(draft_agreements), "matched": len(paired)}
    elsewhere = [Difference(kind, "not in this document", scope, ", ".join(v for v in value if v))
                 for (kind, scope, value), n in sorted_facts[ELSEWHERE].items() for _ in range(n)]
    return ScoreReport(tuple(kinds), total, tuple(sorted(differences)), counts, tuple(sorted(elsewhere)),
                       sum(sorted_facts[UNKNOWN].values()) if documents else 0)
