"""Local governments as pages show them on a date: the name in force then, and a body's history.

- :func:`dated_party`: a party of a dated thing (an agreement) under the name it bore on that date, when it
  differs from its current label (North Jeolla's old name, "now" its new one): the data graph's own
  ``mg:hasName`` periods first, then the reference graph of :mod:`mougraph.gazetteer` (read once per process,
  never over the network);
- :func:`history_view`: the history of a local government the reference graph knows (names, tiers, parents and
  codes over time; predecessors and successors, linked where they have a page).

The reference graph is not part of the site's graph (docs/gazetteer.md, "Loaded by default?"), so its IRIs are
the default base's; a site published under another base maps them both ways here.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from mougraph.errors import MougraphError
from mougraph.gazetteer import history
from mougraph.gazetteer.index import GOV, Body, load
from mougraph.publishing.i18n import message
from mougraph.publishing.site import DEFAULT_BASE
from mougraph.publishing.values import ISO, iso_text, kept_positions, position
from mougraph.vocab import MG


@lru_cache(maxsize=1)
def _bodies() -> dict[str, Body]:
    """The reference graph's bodies, read once per process (a missing folder is remembered too, as none)."""
    try:
        return load()
    except MougraphError:  # a project home without data/reference/: no histories, plain labels
        return {}


def _reference_iri(site, iri) -> str:
    text = str(iri)
    return DEFAULT_BASE + text[len(site.base):] if text.startswith(site.base) else text


def _site_iri(site, reference: str) -> URIRef:
    return URIRef(site.base + reference[len(DEFAULT_BASE):]) if reference.startswith(DEFAULT_BASE) else URIRef(
        reference)


def _iso(graph, term, positions: dict | None = None) -> str | None:
    """The ISO text of a date (a literal or an instant with a position), else None. positions: every instant's
    (:func:`~mougraph.publishing.values.kept_positions`), when the caller has them."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return str(term)
    pos = position(graph, term) if positions is None else positions.get(term)
    return None if pos is None else str(pos)


def day_range(graph, term, positions: dict | None = None) -> tuple[str, str] | None:
    """The first and last day a date at its precision covers (a year: 1 January to 31 December), else None."""
    text = _iso(graph, term, positions)
    m = ISO.match(text) if text else None
    if m is None:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        return f"{year}-{month}-01", f"{year}-{month}-{monthrange(int(year), int(month))[1]:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def _own_name(graph, party, day: str) -> str | None:
    """The name ``party`` bore on ``day`` by the data graph's own ``mg:hasName`` periods, else None."""
    for name in graph.objects(party, MG.hasName):
        start = _iso(graph, next(iter(graph.objects(name, MG.validFrom)), None))
        until = _iso(graph, next(iter(graph.objects(name, MG.validUntil)), None))
        if (start or "0000")[:10] <= day and (until is None or day <= until[:10]):
            texts = sorted(graph.objects(name, MG.nameText), key=lambda t: (getattr(t, "language", None) != "ko", t))
            if texts:
                return str(texts[0])
    return None


def name_then(site, party, date_term) -> str | None:
    """The Korean name of ``party`` in force on ``date_term``, when the whole date agrees on one; else None."""
    kept = site.memo.setdefault("name_then", {})  # asked for each partner of each agreement of every page
    key = (party, date_term)
    if key not in kept:
        kept[key] = _name_then(site, party, date_term)
    return kept[key]


def _name_then(site, party, date_term) -> str | None:
    span = day_range(site.graph, date_term, kept_positions(site))
    if span is None or not isinstance(party, URIRef):
        return None
    reference = _reference_iri(site, party)
    named = site.memo.get("named")
    if named is None:  # the bodies with names over time: the others need no lookup per partner and date
        named = site.memo["named"] = set(site.graph.subjects(MG.hasName, None))
    names = set()
    for day in span:
        own = _own_name(site.graph, party, day) if party in named else None
        names.add(own if own is not None else history.name_on(reference, day) if _bodies() else None)
    return names.pop() if len(names) == 1 and None not in names else None


def dated_party(site, link: dict, party, date_term) -> dict:
    """``link`` (a template value of ``party``) under the name in force on ``date_term``, the current label
    kept as ``now``, when the two differ."""
    then = name_then(site, party, date_term)
    if then is None or then == site.label(party, "ko"):
        return link
    return {**link, "text": then, "lang": "ko", "now": link["text"]}


def _day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def _body_value(site, terms, reference: str, day: str | None, lang: str, here: str) -> dict:
    """A body of the reference graph: a link where the site has its page, else its name on ``day`` as text."""
    iri = _site_iri(site, reference)
    if site.resource_path(iri) in site.resources:
        return terms.link(iri, lang, here)
    return {"text": history.name_on(reference, day) or reference.rsplit("/", 1)[-1], "lang": "ko",
            "iri": str(iri)}


def history_view(site, terms, iri, lang: str, here: str) -> dict | None:
    """The history of the local government ``iri`` as the organisation page shows it; None if not known."""
    if (iri, RDF.type, MG.LocalGovernment) not in site.graph:
        return None  # units and other bodies: the reference graph is not even read
    reference = _reference_iri(site, iri)
    body = _bodies().get(reference.removeprefix(GOV)) if reference.startswith(GOV) else None
    if body is None:
        return None
    changes = {"renamed": message("history_renamed", lang), "tier": message("history_tier", lang),
               "parent": message("history_parent", lang), "code": message("history_code", lang)}
    lines = [e for e in history.timeline(reference) if "ended" not in e.what]
    rows = []
    for i, event in enumerate(lines):
        until = _day_before(lines[i + 1].day) if i + 1 < len(lines) and lines[i + 1].day else body.end
        period = body.period_on(event.day) if event.day else body.periods[0]
        rows.append({
            "from": {"text": iso_text(event.day, lang), "raw": event.day} if event.day else None,
            "until": {"text": iso_text(until, lang), "raw": until} if until else None,
            "name": event.name,
            "tier": terms.link(URIRef(site.id_base + "tier/" + event.tier), lang, here),
            "parent": _body_value(site, terms, GOV + period.parent, event.day, lang, here)
            if period is not None and period.parent else None,
            "code": event.code,
            "changes": [changes[w] for w in event.what if w in changes],
        })
    start, end = body.start, body.end
    return {
        "rows": rows,
        "predecessors": [_body_value(site, terms, GOV + k, _day_before(start) if start and start > "0000" else None,
                                     lang, here) for k in body.predecessors],
        "successors": [_body_value(site, terms, GOV + k, None, lang, here) for k in body.successors],
        "end": {"text": iso_text(end, lang), "raw": end} if end else None,
    }
