"""The agreements a document states: who signs with whom, the kind, the status from the tense, the day, the
ceremony (time and place), the signatories (office, party, acting, remote) and the attendees.

An agreement is found by its parties: a sentence that names an agreement and its signing gives the subject
("서울시는") and each partner ("세종특별자치시와"): one agreement per partner, as press releases write a series of
bilateral agreements, unless the sentence says the agreement is joint ("3자", "공동") or names the partners as
one list ("원주시, 한국관광공사와") and the document states an agreement of all of them elsewhere; a sentence with
the signatories ("오세훈 서울시장은 … 최민호 세종시장과 … 서명") gives the same agreement from its people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from mougraph.ingest import rules, transfers
from mougraph.ingest.model import Passage
from mougraph.ingest.names import Party, Person, Place, parties, people, places
from mougraph.ingest.timing import When, find_day, find_time, find_years

SUBJECT = re.compile(r"^(?:은|는|이|가|와|과)?\s*(?:은|는|이|가)(?:\s|,|$)")


@dataclass
class Cited:
    value: object
    passage: Passage
    quote: str
    confidence: float = 1.0


@dataclass
class Found:
    """One agreement as the document states it, each value with its passage."""

    key: frozenset  # the parties' keys (gazetteer keys, or the words of a body not resolved)
    parties: dict[str, Cited] = field(default_factory=dict)
    kind: Cited | None = None
    title: Cited | None = None
    status: list[Cited] = field(default_factory=list)
    day: Cited | None = None
    time: Cited | None = None
    end: Cited | None = None
    place: Cited | None = None
    signatories: list[Cited] = field(default_factory=list)  # value: Person
    attendees: list[Cited] = field(default_factory=list)  # value: Person
    remote: set[str] = field(default_factory=set)  # names of people who took part remotely
    mentions: list[Passage] = field(default_factory=list)
    vague: Cited | None = None  # "다음 달": a time too vague for a day
    transfers: list[Passage] = field(default_factory=list)  # passages handing over donations or gifts

    @property
    def signed(self) -> bool:
        return any(c.value == "signed" for c in self.status)


def party_key(p: Party) -> str:
    return p.key or p.quote


def _tense(text: str, start: int) -> tuple[str, str] | None:
    """'signed' or 'announced' from the first verb of tense after ``start`` (the clause of that agreement)."""
    best = None
    for status, path in (("signed", "agreement.signed"), ("announced", "agreement.announced")):
        m = rules.pattern(path).search(text, start)
        if m and (best is None or m.start() < best[2]):
            best = (status, m[0], m.start())
    return (best[0], best[1]) if best else None


def _kind(text: str) -> tuple[str, str] | None:
    found = rules.first_value("agreement.kinds", text)
    return (found[0], found[1][0]) if found else None


def _title(text: str) -> str | None:
    for regex in rules.patterns("agreement.title_quoted"):
        m = regex.search(text)
        if m:
            return m[1].strip()
    for regex in rules.patterns("agreement.title_phrase"):
        m = regex.search(text)
        if m:
            words = m[1].strip()
            while re.match(r"^[가-힣A-Za-z]+(?:와|과|는|은|을|를|에서|로|및|의|,)\s", words) or \
                    re.match(r"^(?:이번|새로운|한편)\s", words):
                words = words.split(" ", 1)[1]
            return words if len(words) >= 2 else None
    return None


def roles(text: str, found: list[Party]) -> tuple[list[Party], list[Party]]:
    """(subjects, partners) of a sentence: "X는" is a subject, "X와" or "X, Y와" partners; "X와 Y는" both subjects."""
    subjects, partners = [], []
    pending: list[Party] = []
    for p in found:
        after = text[p.start + len(p.quote): p.start + len(p.quote) + 16]
        after = re.sub(r"^\([^)]{0,10}\)", "", after)[:4]  # "전라남도('04년), …": the year in brackets
        if re.match(r"(?:은|는|이|가)(?:\s|,|$)", after) or re.match(r"(?:시|도)?(?:은|는)\s", after):
            subjects.extend(pending + [p])
            pending = []
        elif re.match(r"(?:와|과)(?:\s|도|의|,|$)", after) or after.startswith((" and ", " with ")):
            partners.extend(pending + [p])
            pending = []
        elif after.startswith((",", "·", "、")):
            pending.append(p)
    if not subjects and not partners and len(found) >= 2 and not re.search(r"[가-힣]", text):
        # English has no particles: "Boryeong City and Gangneung City signed …" names the parties together
        subjects = list(found)
    # "X와 Y는 …" puts X among partners and Y among subjects: both are subjects of the sentence
    if subjects and partners and partners[-1].start < subjects[0].start:
        subjects = partners + subjects
        partners = []
    return _unique(subjects), _unique(partners)


def _unique(items: list[Party]) -> list[Party]:
    seen, out = set(), []
    for p in items:
        if party_key(p) not in seen:
            seen.add(party_key(p))
            out.append(p)
    return out


class Finder:
    """Reads the passages in order and collects :class:`Found` agreements."""

    def __init__(self, passages: list[Passage], anchor: date | None, day: str | None):
        self.passages, self.anchor, self.day = passages, anchor, day
        self.found: dict[frozenset, Found] = {}
        self.people: dict[str, Person] = {}  # name -> the person, for "오 시장" back-references
        self.lead_day: Cited | None = None
        self.lists: list[tuple] = []  # sentences naming their partners as one list, settled at the end
        # key -> (passage, party) where the document first names a body: the party of "오 시장" is cited there
        self.named: dict[str, tuple[Passage, Party]] = {}

    def run(self) -> list[Found]:
        for p in self.passages:
            if "\t" in p.text:
                continue  # table rows: the schedule reader's
            self._passage(p)
        self._settle()
        for p in self.passages:
            if "\t" not in p.text and transfers.find(p.text):
                self._transfer(p)
        return list(self.found.values())

    def _transfer(self, p: Passage) -> None:
        """Attach a passage handing over a donation or gift to the agreement whose parties it names."""
        named = {party_key(x) for x in parties(p.text, self.day)}
        named |= {party_key(x.org) for x in self._people(p.text) if x.org}
        found = list(self.found.values())
        fits = [f for f in found if named and named <= f.key] or [f for f in found if named & f.key]
        if len(fits) > 1:
            fits = [f for f in fits if p in f.mentions] or fits
        if len(fits) == 1 or (not fits and len(found) == 1):
            (fits or found)[0].transfers.append(p)

    def agreement(self, key: frozenset) -> Found:
        if key not in self.found:
            self.found[key] = Found(key)
        return self.found[key]

    def _passage(self, p: Passage) -> None:
        text = p.text
        about = rules.any_of("agreement.words", text)
        signing = rules.any_of("agreement.signing", text)
        year = self.anchor.year if self.anchor else None
        when = find_day(text, self.anchor)
        # a sentence about an earlier agreement only, not one that also dates this one ("… on November 2, 2022 to
        # renew the ties the two cities began in 1970")
        recent = bool(when and when.day and self.anchor and abs((when.day - self.anchor).days) <= 366)
        if about and find_years(text, before=year) and rules.any_of("agreement.earlier_markers", text) and not recent:
            return  # an earlier agreement: the reader of earlier agreements takes it
        names = parties(text, self.day)
        for name in names:
            self.named.setdefault(party_key(name), (p, name))
        persons = self._people(text)
        if about and signing:
            subjects, partners = roles(text, [n for n in names if not _inside_person(n, persons)])
            self._from_roles(p, text, subjects, partners, when)
        if signing and len({party_key(x.org) for x in persons if x.org}) >= 2 or (signing and persons and about):
            self._from_people(p, text, persons, when)
        elif persons and rules.any_of("people.attend", text):
            for person in persons:
                for f in self.found.values():
                    if person.org and party_key(person.org) in f.key and f.signatories:
                        f.attendees.append(Cited(person, p, person.quote, 0.6))

    def _people(self, text: str) -> list[Person]:
        found = people(text, self.day)
        for person in found:
            self.people.setdefault(person.name, person)
        titles = "|".join(rules.get("people.head_titles"))
        for m in re.finditer(rf"(?<![가-힣])([가-힣])\s?({titles})(?:은|는|이|가|과|와)", text):
            for name, person in self.people.items():
                if name.startswith(m[1]) and person.title == m[2] and all(x.name != name for x in found):
                    found.append(Person(name, person.title, person.org, person.acting, m[0][:-1], m.start()))
        return sorted(found, key=lambda x: x.start)

    def _from_roles(self, p: Passage, text: str, subjects: list[Party], partners: list[Party],
                    when: When | None) -> None:
        groups: list[tuple[list[Party], int]] = []
        if subjects and partners:
            separately = re.search(r"각각|연이어|잇따라|차례로|(?i:respectively|separately|in turn)", text)
            joint = re.search(r"공동|3자|삼자|다자|함께|(?i:jointly|together)", text)
            if len(partners) > 1 and not joint and not separately and _one_list(text, partners):
                # "A는 B, C와 협약을 체결했다" is one agreement of all three or two bilateral ones: the rest of the
                # document tells (:meth:`_settle`)
                self.lists.append((p, text, subjects, partners, when))
                return
            if (joint and not separately) or len(partners) == 1:
                groups.append((subjects + partners, partners[0].start))
            else:
                groups.extend(((subjects + [q]), q.start) for q in partners)
        elif len(subjects) >= 2:
            groups.append((subjects, subjects[-1].start))
        self._groups(p, text, groups, when)

    def _settle(self) -> None:
        """Each list of partners: one agreement of all where the document states one with all of them (its
        signatories, "세 기관은 …"), else one agreement per partner, as a series of bilateral agreements is written."""
        for p, text, subjects, partners, when in self.lists:
            everyone = {party_key(x) for x in subjects + partners}
            joint = next((key for key in sorted(self.found, key=len) if everyone <= key), None)
            if joint is None:
                self._groups(p, text, [(subjects + [q], q.start) for q in partners], when)
            else:  # that agreement (with more parties still, where the document names them elsewhere)
                self._common(self.found[joint], p, text, subjects + partners, partners[0].start, when)
                self._time_place(self.found[joint], p, text)

    def _groups(self, p: Passage, text: str, groups: list[tuple[list[Party], int]], when: When | None) -> None:
        for members, start in groups:
            key = frozenset(party_key(m) for m in members)
            if len(key) < 2:
                continue
            f = self.agreement(key)
            self._common(f, p, text, members, start, when)
            if len(groups) == 1:  # one agreement in the sentence: its time and place are that agreement's
                self._time_place(f, p, text)

    def _from_people(self, p: Passage, text: str, persons: list[Person], when: When | None) -> None:
        orgs = [x.org for x in persons if x.org]
        key = frozenset(party_key(o) for o in orgs)
        if len(key) < 2:  # one side's signatory ("박형준 부산시장이 … 서명할 계획이다"): the one agreement of that side
            fits = [k for k in self.found if key and key <= k]
            if len(fits) != 1:
                return
            key = fits[0]
        f = self.agreement(key)
        self._common(f, p, text, orgs, persons[-1].start, when)
        for person in persons:
            if person.org and all(s.value.name != person.name for s in f.signatories):
                f.signatories.append(Cited(person, p, person.quote, 0.9))
            near = text[max(0, person.start - 20): person.start + len(person.quote) + 25]
            if rules.any_of("people.remote", near):
                f.remote.add(person.name)
        self._time_place(f, p, text)

    def _time_place(self, f: Found, p: Passage, text: str) -> None:
        hhmm = find_time(text)
        if hhmm and f.time is None:
            f.time = Cited(hhmm[0], p, hhmm[1], 0.9)
        spots = places(text)
        if spots and f.place is None:
            f.place = Cited(spots[0], p, spots[0].quote, 0.8)

    def _common(self, f: Found, p: Passage, text: str, members: list[Party], start: int, when: When | None) -> None:
        f.mentions.append(p)
        for m in members:
            cited_in, quoted = (p, m) if m.quote in text else self.named.get(party_key(m), (p, m))
            f.parties.setdefault(party_key(m), Cited(quoted, cited_in, quoted.quote, 0.6 if m.ambiguous else 0.9))
        kind = _kind(text[start:]) or _kind(text)
        if kind and (f.kind is None or f.kind.value == "agreement" or _before(p, f.kind.passage)):
            f.kind = Cited(kind[0], p, kind[1], 0.8)
        title = _title(text[start:])
        if title and (f.title is None or _before(p, f.title.passage)) and title in text:
            f.title = Cited(title, p, title, 0.7)
        tense = _tense(text, start)
        if tense:
            f.status.append(Cited(tense[0], p, tense[1], 0.8))
        vague = rules.any_of("dates.vague", text)
        if vague:
            f.vague = Cited(vague[0], p, vague[0], 0.5)
        if when and f.day is None and not vague:
            f.day = Cited(when, p, when.quote, when.confidence)
        elif when is None and f.day is None and self.lead_day is not None and not vague and f.vague is None:
            f.day = Cited(self.lead_day.value, self.lead_day.passage, self.lead_day.quote, 0.6)
        if when and self.lead_day is None:
            self.lead_day = Cited(when, p, when.quote, when.confidence)


def _before(p: Passage, q: Passage) -> bool:
    """``p`` comes before ``q`` in the document: what the document says first about an agreement wins, also
    when a sentence is read at the end (:meth:`Finder._settle`)."""
    return (p.line, p.sentence) < (q.line, q.sentence)


def _one_list(text: str, partners: list[Party]) -> bool:
    """The partners are written as one list ("B, C와", "B·C와", "B and C"): only separators between them."""
    return all(re.fullmatch(r"\s*(?:,|·|、|및|and|,\s*and)\s*", text[a.start + len(a.quote): b.start])
               for a, b in zip(partners, partners[1:], strict=False))


def _inside_person(party: Party, persons: list[Person]) -> bool:
    return any(x.start <= party.start < x.start + len(x.quote) for x in persons)


def place_of(passage_text: str) -> Place | None:
    spots = places(passage_text)
    return spots[0] if spots else None
