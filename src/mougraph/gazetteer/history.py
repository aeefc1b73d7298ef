"""A local government's name on a date, and its history as a timeline: what a page shows about a body.

Both read the reference graph through :func:`mougraph.gazetteer.index.load` (built once per process); pages
call them with the IRI of an organisation, and get ``None`` or an empty timeline for any organisation the
reference graph does not know (a public body, a unit, a synthetic one).
"""

from __future__ import annotations

from dataclasses import dataclass

from mougraph.gazetteer.index import GOV, Body, load

TIERS_KO = {"special-city": "특별시", "metropolitan-city": "광역시", "special-self-governing-city": "특별자치시",
            "province": "도", "special-self-governing-province": "특별자치도", "city": "시", "county": "군",
            "autonomous-district": "자치구"}


@dataclass(frozen=True)
class Event:
    """One line of a timeline: from ``day`` (None: before the registry's first day) the body is as described."""

    day: str | None
    name: str
    tier: str
    parent: str | None
    code: str
    what: tuple[str, ...]  # "start" (first line), "renamed", "tier", "parent", "code", "ended"
    others: tuple[str, ...] = ()  # IRIs of predecessors (created) or successors (ended)


def _body(iri: str) -> Body | None:
    key = str(iri).removeprefix(GOV)
    return load().get(key) if str(iri).startswith(GOV) else None


def name_on(iri: str, day: str | None) -> str | None:
    """The official Korean name of the local government ``iri`` in force on ``day`` (ISO), else its latest."""
    body = _body(iri)
    if body is None:
        return None
    return body.name_on(day)


def timeline(iri: str) -> list[Event]:
    """The history of the local government ``iri``, oldest first (empty if the reference graph lacks it)."""
    body = _body(iri)
    if body is None:
        return []
    bodies = load()
    events: list[Event] = []
    before, parent_key = None, None
    for period in body.periods:
        day = period.valid_from
        name = body.name_on(day) if day else body.names[0].text if body.names else body.label
        parent = bodies[period.parent].name_on(day) if period.parent in bodies else None
        if before is None:
            what, others = ("start",), tuple(GOV + k for k in body.predecessors)
        else:
            what = tuple(w for w, changed in (("renamed", name != before.name), ("tier", period.tier != before.tier),
                                              ("parent", period.parent != parent_key),
                                              ("code", period.code != before.code)) if changed)
            others = ()
        before, parent_key = Event(day, name, period.tier, parent, period.code, what, others), period.parent
        events.append(before)
    if body.end:
        last = events[-1]
        events.append(Event(_next_day(body.end), last.name, last.tier, last.parent, last.code, ("ended",),
                            tuple(GOV + k for k in body.successors)))
    return events


def _next_day(iso: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def describe(event: Event) -> str:
    """One line of the timeline in Korean (for a page or the command line)."""
    tier = TIERS_KO.get(event.tier, event.tier)
    where = f"{event.parent} " if event.parent else ""
    head = f"{event.day or '?'}: "
    if "ended" in event.what:
        return head + f"{event.name} 폐지"
    return head + f"{where}{event.name} ({tier}, 법정동코드 {event.code})"
