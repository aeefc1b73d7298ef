"""Score a draft graph against a gold graph, fact by fact, whatever IRIs either uses.

Agreements are matched by their parties (named by label, so a draft that resolved a party to the same body under
another IRI still matches) and their date; a draft agreement whose parties or date differ in part is paired with
the gold agreement it shares most with, so that its other facts still count. Each fact is a tuple of readable
values within its agreement (``scope``); the facts of each kind are compared as multisets, which gives precision,
recall and F1 per kind and in total, and the missing and extra facts.

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

    def kind(self, name: str) -> KindScore | None:
        return next((k for k in self.kinds if k.kind == name), None)

    def rows(self) -> list[tuple]:
        """One row per kind, then the total: ``ROW_HEADER``'s columns."""
        return [k.row() for k in self.kinds] + [self.total.row()]

    def as_dict(self) -> dict:
        def scores(k: KindScore) -> dict:
            return dict(zip(ROW_HEADER[1:], k.row()[1:], strict=True))

        return {"kinds": {k.kind: scores(k) for k in self.kinds}, "total": scores(self.total),
                "agreements": dict(self.agreements),
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


def _facts(graph: Graph, scopes: dict) -> Counter:
    """Every fact of ``graph`` as ``(kind, agreement, value)``; ``scopes`` names each agreement."""
    facts: Counter = Counter()

    def add(kind: str, scope: str, *value: str) -> None:
        facts[(kind, scope, tuple(value))] += 1

    event_scope = {}
    for agr, scope in scopes.items():
        for value in graph.objects(agr, MG.party):
            add("party", scope, organisation(graph, value))
        for prop in (MG.kind, MG.status):
            for value in graph.objects(agr, prop):
                add(str(prop).rsplit("#", 1)[1], scope, name(graph, value))
        add("date", scope, when(graph, graph.value(agr, MG.date)))
        for event in graph.objects(agr, MG.signingEvent):
            event_scope[event] = scope
            for place in graph.objects(event, MG.location):
                building = graph.value(place, MG.inBuilding)
                floor = graph.value(place, MG.floor)
                add("place", scope, name(graph, building) if building is not None else "",
                    name(graph, place), f"floor {floor}" if floor is not None else "")
        for sig in graph.objects(agr, MG.signature):
            term = graph.value(sig, MG.inTerm)
            office = graph.value(term, MG.office) if term is not None else None
            acting = term is not None and graph.value(term, MG.acting) == Literal(True)
            add("signatory", scope, name(graph, graph.value(sig, MG.signatory)),
                f"for {organisation(graph, graph.value(sig, MG.onBehalfOf))}",
                name(graph, office) if office is not None else "", "acting" if acting else "")
        for item in graph.objects(agr, MG.listsDomain):
            concept = graph.value(item, MG.domainConcept)
            add("domain", scope, name(graph, concept if concept is not None else graph.value(item, MG.wording)))
        for relation, prop in _LINEAGE:
            for earlier in graph.objects(agr, prop):
                parties = "+".join(sorted(organisation(graph, p) for p in graph.objects(earlier, MG.party)))
                add("earlier", scope, relation, parties, when(graph, graph.value(earlier, MG.date))[:4])
    for kind, cls in (("donation", MG.Donation), ("gift", MG.Gift)):
        for transfer in set(graph.subjects(RDF.type, cls)):
            scope = event_scope.get(graph.value(transfer, MG.atEvent), "")
            mutual = graph.value(transfer, MG.mutual) == Literal(True)
            add(kind, scope, f"{name(graph, graph.value(transfer, MG.donor))} → "
                f"{organisation(graph, graph.value(transfer, MG.recipient))}", "mutual" if mutual else "one-way")
    events = {e for cls in _EVENTS for e in graph.subjects(RDF.type, cls)}
    for event in events:
        # the schedule: a programme's events and the ceremonies, not events an agreement only mentions
        if not (event in event_scope or (None, MG.subEvent, event) in graph or (event, MG.subEvent, None) in graph):
            continue
        types = "/".join(sorted(str(t).rsplit("#", 1)[1] for t in graph.objects(event, RDF.type)
                                if t in _EVENTS))
        end = graph.value(event, TIME.hasEnd)
        add("schedule", event_scope.get(event, ""), types,
            f"{when(graph, graph.value(event, TIME.hasBeginning))}–{when(graph, end) if end is not None else ''}")
    return facts


def score(gold: Graph, draft: Graph) -> ScoreReport:
    """Compare ``draft`` with ``gold`` fact by fact; see the module's docstring."""
    gold_agreements, draft_agreements = _agreements(gold), _agreements(draft)
    paired = _match(gold_agreements, draft_agreements)
    gold_facts = _facts(gold, {a.node: a.key for a in gold_agreements})
    draft_facts = _facts(draft, {a.node: paired.get(a.node, a.key) for a in draft_agreements})
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
    return ScoreReport(tuple(kinds), total, tuple(sorted(differences)), counts)


def _documents(graph: Graph) -> dict:
    """Each source document of ``graph`` -> what identifies it outside any IRI: file names and addresses."""
    from rdflib.namespace import FOAF

    found: dict = {}
    for prop in (MG.sourceFile, FOAF.page):
        for doc, value in graph.subject_objects(prop):
            found.setdefault(doc, set()).add(str(value))
    return found


def _stated_in(graph: Graph, docs: set) -> set:
    """The agreements of ``graph`` with a passage in one of ``docs``."""
    return {agr for agr in graph.subjects(RDF.type, MG.Agreement)
            for passage in graph.objects(agr, MG.statedIn) if graph.value(passage, MG.inDocument) in docs}


def prepare(gold: Graph, draft: Graph) -> tuple[Graph, Graph, list[str]]:
    """``gold`` and ``draft`` made comparable, and notes saying how.

    - A gold graph that is a whole curated graph (``data/``) holds agreements of many documents: when the draft's
      source document is one of gold's (same file name or address), gold keeps only the agreements stated in it,
      with their events' donations and gifts; otherwise all of gold is compared (a note says which).
    - A draft names what the graph already holds (an earlier agreement, a place, an office, an instant) by its IRI
      without describing it, as ``mougraph validate data/ draft.ttl`` reads them together: the draft reads gold's
      descriptions of the IRIs it names, two links deep.
    - An agreement the draft names by gold's IRI without describing it (a link to an agreement the graph holds, not
      a new one) is scored on neither side: its facts would be gold's own. The link counts as an ``earlier`` fact.
    """
    notes: list[str] = []
    gold_documents = _documents(gold)
    wanted = {value for values in _documents(draft).values() for value in values}
    docs = {doc for doc, values in gold_documents.items() if values & wanted}
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
        names = sorted(wanted & set().union(*(gold_documents[d] for d in docs)))
        notes.append(f"gold: the {len(kept)} agreement(s) stated in {', '.join(names)}")
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
