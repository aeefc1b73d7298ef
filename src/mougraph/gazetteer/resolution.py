"""Which local government a name, as a document writes it, refers to: :func:`resolve`.

The written forms of each body are indexed once (official names over time, with and without the province, the
short forms documents use — 서울시, 대전, 전북, 화성 —, official English names and the generated romanisation).
A query is looked up in that index; each candidate is then scored by how it matched, whether the name was in
force on the document's date, and the places named near it (its province, its districts, its neighbours in the
same province). When the two best are too close to tell apart the answer is *ambiguous*, and all are listed.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from mougraph.errors import MougraphError
from mougraph.gazetteer.index import Body, load

#: Short forms of the upper-tier names (the usual two-syllable abbreviations of the provinces).
PROVINCE_SHORT = {"경기도": "경기", "강원도": "강원", "충청북도": "충북", "충청남도": "충남", "전라북도": "전북",
                  "전라남도": "전남", "경상북도": "경북", "경상남도": "경남", "제주도": "제주"}
#: Forms no vendored source gives: 광주특별시 is the abbreviation issue 13 reports for 전남광주통합특별시.
EXTRA_FORMS = {"전남광주통합특별시": ("광주특별시", "전남광주특별시", "전남광주")}
UPPER_SUFFIXES = ("특별자치시", "특별자치도", "통합특별시", "특별시", "광역시", "직할시", "도")
ENGLISH_SUFFIXES = ("special self-governing province", "special self-governing city", "metropolitan city",
                    "special city", "province", "county", "district", "city", "-do", "-si", "-gun", "-gu")
#: Score of each way of matching, before date and context.
MATCH = {"full": 100, "name": 95, "short": 90, "english": 90, "romanised": 80}
AMBIGUITY_MARGIN = 15


class DateError(MougraphError):
    """The date of a document is not a valid YYYY-MM-DD (or YYYY-MM, YYYY)."""


@dataclass
class Candidate:
    key: str
    iri: str
    name: str  # the official name on the date (or the latest one)
    full_name: str
    tier: str
    valid_from: str | None
    valid_until: str | None
    score: int
    why: list[str] = field(default_factory=list)
    successors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("key", "iri", "name", "full_name", "tier", "valid_from",
                                               "valid_until", "score", "why", "successors")}


@dataclass
class Resolution:
    query: str
    on: str | None
    candidates: list[Candidate]
    ambiguous: bool
    nearest: list[str] = field(default_factory=list)

    @property
    def note(self) -> str | None:
        if not self.candidates:
            return "no candidate" + (f"; nearest names: {', '.join(self.nearest)}" if self.nearest else "")
        if self.ambiguous:
            return f"ambiguous: {len(self.candidates)} candidates; give --on DATE or --near NAME to choose"
        return None

    def as_dict(self) -> dict:
        return {"query": self.query, "on": self.on, "ambiguous": self.ambiguous, "note": self.note,
                "candidates": [c.as_dict() for c in self.candidates], "nearest": self.nearest}


def parse_day(text: str | None) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as a day (a month or year counts as its last day)."""
    if text is None:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
    try:
        if not m:
            raise ValueError
        year, month, day = int(m[1]), int(m[2] or 12), m[3]
        if day is None:
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1).isoformat()
        return date(year, month, int(day)).isoformat()
    except ValueError:
        raise DateError(f"--on {text!r}: not a date; write it as YYYY-MM-DD (e.g. 2023-04-10), "
                        f"YYYY-MM or YYYY") from None


def _normal(text: str) -> str:
    return re.sub(r"[\s\-'’·.,()]", "", text).lower()


def _english_root(text: str) -> str:
    low = text.strip().lower()
    for suffix in ENGLISH_SUFFIXES:
        if low.endswith(suffix) and len(low) > len(suffix):
            low = low[: -len(suffix)]
            break
    return _normal(low)


def _short_forms(name: str, upper: bool) -> list[str]:
    forms = []
    if upper:
        if name in PROVINCE_SHORT:
            forms.append(PROVINCE_SHORT[name])
        for suffix in UPPER_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                root = name[: -len(suffix)]
                forms.append(root)
                if suffix in ("특별시", "광역시", "특별자치시", "직할시"):
                    forms.append(root + "시")
                if suffix == "특별자치도":
                    forms.append(root + "도")
                break
        forms.extend(EXTRA_FORMS.get(name, ()))
    elif len(name) > 2 and name.endswith(("시", "군")):
        forms.append(name[:-1])  # 화성시 → 화성; 남구 stays 남구
    return forms


class Index:
    """The written forms of every body, built once: normalised form -> {(key, how, form)}."""

    def __init__(self, bodies: dict[str, Body]):
        self.bodies = bodies
        self.forms: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
        for body in bodies.values():
            upper = body.periods[-1].parent is None
            for n in body.names:
                self._add(n.text, body.key, "name")
                for form in _short_forms(n.text, upper):
                    self._add(form, body.key, "short")
            for alt in body.korean_alt:
                self._add(alt, body.key, "short")
            for english in body.english:
                self.forms[_english_root(english)].add((body.key, "english", english))
            if body.romanised:
                self.forms[_english_root(body.romanised)].add((body.key, "romanised", body.romanised))
        self.all_forms = sorted(self.forms)

    def _add(self, text: str, key: str, how: str) -> None:
        self.forms[_normal(text)].add((key, how, text))

    def lookup(self, text: str) -> set[tuple[str, str, str]]:
        return self.forms.get(_normal(text), set()) | self.forms.get(_english_root(text), set())

    def parents_ever(self, key: str) -> set[str]:
        return {p.parent for p in self.bodies[key].periods if p.parent}


@lru_cache(maxsize=1)
def default_index() -> Index:
    return Index(load())


def resolve(name: str, on: str | None = None, near: tuple[str, ...] | list[str] = (),
            index: Index | None = None) -> Resolution:
    """The local governments ``name`` may refer to in a document of date ``on``, best first."""
    day = parse_day(on)
    index = index or default_index()
    words = name.split()
    if not words:
        raise MougraphError("resolve: the name is empty; give the name as the document writes it")
    head, hints = words[-1], words[:-1]
    matches = index.lookup(" ".join(words)) or index.lookup(head)
    if index.lookup(" ".join(words)):
        hints = []
    hint_keys = [{k for k, _, _ in index.lookup(h)} for h in hints]
    near_keys = {k for n in near for k, _, _ in index.lookup(n)}
    best: dict[str, Candidate] = {}
    for key, how, form in matches:
        body = index.bodies[key]
        if hint_keys and not all(index.parents_ever(key) & keys for keys in hint_keys):
            continue
        candidate = _candidate(index, body, how, form, day, hint_keys, near_keys)
        if key not in best or candidate.score > best[key].score:
            best[key] = candidate
    ranked = sorted(best.values(), key=lambda c: (-c.score, c.full_name, c.key))
    ambiguous = len(ranked) >= 2 and ranked[0].score - ranked[1].score < AMBIGUITY_MARGIN
    nearest = [] if ranked else difflib.get_close_matches(_normal(name), index.all_forms, n=5, cutoff=0.3)
    nearest = sorted({form for n in nearest for _, _, form in index.forms[n]})[:8]
    return Resolution(name, day, ranked, ambiguous, nearest)


def _candidate(index: Index, body: Body, how: str, form: str, day: str | None, hint_keys, near_keys) -> Candidate:
    score = MATCH[how] + (10 if hint_keys else 0)
    why = {"name": f"official name '{form}'", "short": f"short form '{form}'",
           "english": f"official English name '{form}'",
           "romanised": f"generated romanisation '{form}' (not an official name)"}[how]
    reasons = [why + (" within " + ", ".join(index.bodies[k].name_on(day) for keys in hint_keys for k in
                                           keys & index.parents_ever(body.key)) if hint_keys else "")]
    if day is not None:
        named = [n for n in body.names if n.text == form or how != "name"]
        if not body.exists_on(day):
            score -= 40
            reasons.append(f"did not exist on {day} (in force {body.start or '?'} to {body.end or 'today'})")
        elif how == "name" and not any(n.covers(day) for n in named):
            score -= 15
            reasons.append(f"'{form}' was not its name on {day}; then it was '{body.name_on(day)}'")
        else:
            score += 20
            reasons.append(f"in force on {day}")
    else:
        if how == "name" and body.names and body.names[-1].text != form:
            score -= 10
            until = max((n.valid_until or "" for n in body.names if n.text == form), default="")
            reasons.append(f"former name (until {until}); now '{body.names[-1].text}'")
        if body.end is None:
            score += 5
            reasons.append("in force today")
        else:
            reasons.append(f"ended {body.end}")
    related = _related(index, body, near_keys, day)
    if related:
        score += 30
        reasons.append("near " + ", ".join(related))
    period = body.period_on(day) or body.periods[-1]
    parent = index.bodies.get(period.parent) if period.parent else None
    full = body.name_on(day) if parent is None else f"{parent.name_on(day)} {body.name_on(day)}"
    return Candidate(body.key, body.iri, body.name_on(day), full, period.tier, body.start, body.end, score,
                     reasons, list(body.successors))


def _related(index: Index, body: Body, near_keys: set[str], day: str | None) -> list[str]:
    """The bodies named near the query that are this one's province, districts or neighbours."""
    if not near_keys:
        return []
    mine = index.parents_ever(body.key)
    found = []
    for key in sorted(near_keys - {body.key}):
        other = index.bodies[key]
        theirs = index.parents_ever(key)
        if key in mine or body.key in theirs or mine & theirs or set(body.successors) & set(other.successors):
            found.append(other.name_on(day))
    return found
