"""Names in a passage: local governments (resolved with the gazetteer on the document's date), other bodies,
people with their office, and places (building, floor, room).

A name the gazetteer finds ambiguous is kept with its candidates for the curator, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from mougraph.gazetteer.resolution import default_index, resolve
from mougraph.ingest import rules


@dataclass
class Party:
    quote: str  # as written
    start: int  # position in the passage
    key: str | None  # gazetteer key (gov:KEY) when resolved
    name: str  # the official name on the date, or the words
    candidates: list[str] = field(default_factory=list)  # full names, when ambiguous
    government: bool = True
    country: str | None = None  # a body abroad: its country as written ("일본")

    @property
    def ambiguous(self) -> bool:
        return self.key is None and len(self.candidates) > 1


@dataclass
class Person:
    name: str
    title: str
    org: Party | None
    acting: bool
    quote: str
    start: int


@dataclass
class Place:
    building: str
    floor: int | None
    room: str | None
    quote: str


def _strip_particle(word: str) -> str:
    for particle in rules.get("parties.particles"):
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def _resolve(words: str, day: str | None) -> tuple[str | None, str, list[str]]:
    result = resolve(words, on=day)
    if not result.candidates:
        return None, words, []
    if result.ambiguous:
        return None, words, [c.full_name for c in result.candidates[:5]]
    best = result.candidates[0]
    return best.key, best.name, []


def _upper_short_form(word: str) -> bool:
    """A bare word (서울, 세종, 전남) that is a short form of an upper-tier body."""
    index = default_index()
    return any(how == "short" and index.bodies[key].periods and index.bodies[key].periods[-1].parent is None
               for key, how, _ in index.lookup(word))


#: The bodies abroad the document names with their country ("일본 가나자와시"): name -> country as written. Later
#: mentions without the country ("가나자와시와") are the same body. Set for a document by :func:`reading_abroad`.
_ABROAD: ContextVar[dict[str, str] | None] = ContextVar("abroad", default=None)


def _forms(word: str) -> dict:
    """``word`` and what is left without one or two particles ("가나자와시와" -> "가나자와시"), in that order."""
    return dict.fromkeys((word, _strip_particle(word), _strip_particle(_strip_particle(word))))


def _countries() -> dict[str, str]:
    from mougraph.ingest.table_layouts import words  # the country names portal tables and documents use

    return words()["countries"]


def _english_countries() -> list[str]:
    """English names of the countries: "Japan", "United States" (from the IRI names), and common short forms."""
    names = {slug.replace("-", " ").title() for slug in _countries().values()}
    return sorted(names | {"USA", "U.S.", "UK", "the Netherlands", "Vietnam", "Türkiye"}, key=len, reverse=True)


@lru_cache(maxsize=1)
def _abroad_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """"Nara, Japan" (and "Nara City, Japan"), "Japan's Nara", "일본 가나자와시": made once, from the words."""
    countries = "|".join(sorted(map(re.escape, _countries()), key=len, reverse=True))
    english = "|".join(map(re.escape, _english_countries()))
    after = re.compile(r"\b(?P<word>[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)(?:\s+(?:City|Prefecture|Province|State|"
                       rf"County))?,\s+(?P<country>{english})\b")
    before = re.compile(rf"\b(?P<country>{english})'s\s+(?P<word>[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\b")
    korean = re.compile(rf"(?<![가-힣])(?P<country>{countries})(?:의)?\s+(?P<word>[가-힣]+)")
    return after, before, korean


def _abroad_in(texts: Iterable[str]) -> dict[str, str]:
    english_after, english_before, korean = _abroad_patterns()
    found: dict[str, str] = {}
    for text in texts:
        for m in (*english_after.finditer(text), *english_before.finditer(text)):
            if m["word"] not in rules.get("parties.english_stop"):
                found.setdefault(m["word"], m["country"])
        for m in korean.finditer(text):
            for name in _forms(m["word"]):
                if re.fullmatch(rules.get("parties.abroad_name"), name) and name not in rules.get("parties.not_names"):
                    found.setdefault(name, m["country"])
                    break
    return found


def reading_abroad(texts: Iterable[str]):
    """Remember the bodies abroad that ``texts`` (a document's passages) name with their country; returns the
    token to give :func:`forget_abroad` when the document is read."""
    return _ABROAD.set(_abroad_in(texts))


def forget_abroad(token) -> None:
    _ABROAD.reset(token)


def parties(text: str, day: str | None) -> list[Party]:
    """The organisations ``text`` names, in order of position (one per position)."""
    found: dict[int, Party] = {}
    not_names = set(rules.get("parties.not_names"))
    for m in re.finditer(r"[가-힣]+", text):
        word = m[0]
        for candidate in dict.fromkeys((word, _strip_particle(word), _strip_particle(_strip_particle(word)))):
            if candidate in not_names or len(candidate) < 2:
                continue
            suffixed = re.fullmatch(rules.get("parties.korean_name"), candidate)
            if not suffixed and not _upper_short_form(candidate):
                continue
            key, name, candidates = _resolve(candidate, day)
            if key or candidates:
                found[m.start()] = Party(candidate, m.start(), key, name, candidates)
                break
    abroad = _ABROAD.get() or {}
    if abroad:
        for m in re.finditer(r"[가-힣]+", text):
            for name in _forms(m[0]):
                if name in abroad:
                    found[m.start()] = Party(name, m.start(), None, name, [], government=False, country=abroad[name])
                    break
    for regex in rules.patterns("parties.bodies"):
        for m in regex.finditer(text):
            found.setdefault(m.start(), Party(m[0].strip(), m.start(), None, m[0].strip(), [], government=False))
    stop = set(rules.get("parties.english_stop"))
    taken = [(m.start("name"), m.end("name"))  # "Kim Dong-il" is a person, not the district "Dong"
             for m in rules.finditer("people.english_person", text)]
    for m in re.finditer(rules.get("parties.english_name"), text):
        if m[1].split()[0].split("-")[0] in stop or any(p.start <= m.start() < p.start + len(p.quote)
                                                        for p in found.values()):
            continue
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m[1] in abroad:  # "Nara" of "Nara, Japan", named before in the document
            found[m.start()] = Party(m[1], m.start(), None, m[1], [], government=False, country=abroad[m[1]])
            continue
        key, name, candidates = _resolve(m[0], day)
        if key is None and not candidates:
            key, name, candidates = _resolve(m[1], day)
        if key or candidates:
            found[m.start()] = Party(m[0], m.start(), key, name, candidates)
    return [found[k] for k in sorted(found)]


def people(text: str, day: str | None) -> list[Person]:
    """People named with an office: "오세훈 서울시장", "세종시장 최민호", "Mayor Kim Dong-il of Boryeong"."""
    titles = "|".join(rules.get("people.head_titles"))
    skip = set(rules.get("people.not_person"))
    out: dict[int, Person] = {}
    for m in rules.finditer("people.korean_person", text, titles=titles):
        name, org_words = m["name"], m["org"]
        if name in skip or any(s in name for s in skip):
            continue
        org = _org_of(org_words, m["title"], day)
        if org is None:
            continue
        if any(abs(p.start - m.start()) < 4 for p in out.values()):
            continue
        acting = bool(m["acting"]) or bool(rules.any_of("people.acting", text[m.end(): m.end() + 8]))
        quote, start = m[0].strip(), m.start()
        given = re.search(r"(?:^|\s)([가-힣]{2,5})\s$", text[:m.start()]) if org.country else None
        if given and given[1] not in skip:  # a name abroad is often two words: "무라야마 다쿠 가나자와시장"
            name, quote, start = f"{given[1]} {name}", f"{given[1]} {quote}", given.start(1)
        out[start] = Person(name, m["title"], org, acting, quote, start)
    for m in rules.finditer("people.english_person", text):
        org = _org_of(m["org"], "", day)
        if org is None:
            continue
        out[m.start()] = Person(m["name"], m["title"], org, bool(m["acting"]), m[0].strip(), m.start())
    return [out[k] for k in sorted(out)]


def _org_of(words: str, title: str, day: str | None) -> Party | None:
    """The body an office belongs to: "서울" + "시장" is 서울시, "전북" + "도지사" 전북(특별자치도)."""
    tries = [words]
    if title.endswith("시장") or title == "시장":
        tries.insert(0, words + "시")
    if title in ("군수",):
        tries.insert(0, words + "군")
    if title in ("구청장",):
        tries.insert(0, words + "구")
    abroad = _ABROAD.get() or {}
    for attempt in tries:
        if not attempt:
            continue
        if attempt in abroad:
            return Party(attempt, 0, None, attempt, [], government=False, country=abroad[attempt])
        key, name, candidates = _resolve(attempt, day)
        if key or candidates:
            return Party(attempt, 0, key, name, candidates)
    if title in ("사장", "이사장", "원장", "총장", "대표이사") and words:
        return Party(words, 0, None, words, [], government=False)
    return None


def places(text: str) -> list[Place]:
    """Buildings, floors and rooms: "세종시청 4층 한글사랑 세종책문화센터에서"."""
    building = rules.get("places.building")
    out = []
    for m in rules.finditer("places.korean", text, building=building):
        room = (m.groupdict().get("room") or "").strip() or None
        floor = int(m["floor"]) if m.groupdict().get("floor") else None
        if room and (room.endswith(("청", "시", "도")) or "층" in room
                     or room.startswith(("으로", "에서", "을 ", "를 "))
                     or room in ("자리", "이곳")):
            room = None
        out.append(Place(m["building"], floor, room, m[0].removesuffix("에서").strip()))
    for m in rules.finditer("places.english", text):
        d = m.groupdict()
        out.append(Place(m["building"].strip(), int(d["floor"]) if d.get("floor") else None,
                         (d.get("room") or "").strip() or None, m[0].strip()))
    out.sort(key=lambda p: (p.room is None, p.floor is None))
    return out
