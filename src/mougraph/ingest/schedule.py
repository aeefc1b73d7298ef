"""The tables of a press release: its schedule (time, event, place, open or closed to the press) and its
issuing department with the contacts (office, name, telephone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mougraph.ingest import rules
from mougraph.ingest.model import Passage
from mougraph.ingest.names import Place, places


@dataclass
class Row:
    passage: Passage
    kind: str  # Arrival, Meeting, SigningCeremony (the rules' names of mg: classes)
    name: str  # the event cell as written
    detail: str
    start: str
    end: str | None
    minutes: int | None
    time_quote: str
    place: Place | None
    place_quote: str | None
    open_to_press: bool
    closed_quote: str | None


@dataclass
class Contact:
    passage: Passage
    office: str
    name: str
    phone: str
    department: str | None


def rows(passages: list[Passage]) -> list[Row]:
    time_cell = rules.pattern("schedule.time_cell")
    out = []
    for p in passages:
        if "\t" not in p.text:
            continue
        cells = [c.strip() for c in p.text.split("\t")]
        at = next((i for i, c in enumerate(cells) if time_cell.match(c)), None)
        if at is None or at == 0:
            continue
        m = time_cell.match(cells[at])
        name = cells[at - 1] or (cells[at - 2] if at >= 2 else "")
        kind = rules.first_value("schedule.kinds", name)
        if kind is None:
            continue
        detail = cells[at + 1] if at + 1 < len(cells) else ""
        place_text = next((c for c in reversed(cells[at + 2:]) if c), None)
        spot = _place(place_text) if place_text else _place(detail)
        closed = rules.any_of("schedule.closed", name)
        out.append(Row(p, kind[0], name, detail, m["start"], m["end"], int(m["minutes"]) if m["minutes"] else None,
                       cells[at], spot, (place_text if place_text and spot else spot.quote if spot else None),
                       closed is None, closed[0] if closed else None))
    return out


def _place(text: str) -> Place | None:
    found = places(text)
    if found:
        return found[0]
    m = re.search(rules.get("places.building"), text)
    return Place(m["building"], None, None, m["building"]) if m else None


def contacts(passages: list[Passage]) -> list[Contact]:
    phone = rules.pattern("contacts.phone")
    department = rules.pattern("contacts.department")
    officer = rules.pattern("contacts.officer")
    out, unit = [], None
    for p in passages[:20]:
        if "\t" not in p.text or not phone.search(p.text):
            continue
        d = department.search(p.text)
        if d:
            unit = d["unit"].strip()
        cells = [c.strip() for c in p.text.split("\t") if c.strip()]
        cells = [c for c in cells if not department.search(c + "\t")]
        number = next((c for c in cells if phone.fullmatch(c)), None)
        names = [c for c in cells if re.fullmatch(r"[가-힣]{2,4}", c) and c != number]
        titles = [c for c in cells if c not in names and c != number]
        if number and names:
            office = titles[0] if titles else "담당자"
            office = "담당자" if officer.fullmatch(office) else office
            out.append(Contact(p, office, names[-1] if len(names) > 1 and titles == [] else names[0], number, unit))
    return out
