"""Earlier agreements a document mentions ("앞서 2016년에도 ‘…협약’을 맺고", "전라남도('04년), 제주특별자치도('09년)와
협약을 맺고", "signed a friendship agreement in 2015"): year, title, partner, the domains it names, and how the new
agreement relates to it (builds on, strengthens, renews, supersedes).
"""

from __future__ import annotations

from dataclasses import dataclass

from mougraph.ingest import rules
from mougraph.ingest.agreements import Cited, _kind, _title, party_key, roles
from mougraph.ingest.domains import DomainList, listed
from mougraph.ingest.model import Passage
from mougraph.ingest.names import parties, people
from mougraph.ingest.timing import find_years


@dataclass
class Earlier:
    key: frozenset
    parties: dict[str, Cited]
    year: Cited  # value: int
    title: Cited | None
    kind: Cited | None
    domains: DomainList | None
    relation: Cited | None  # value: strengthens | renews | supersedes | buildsOn
    passage: Passage


def find(passages: list[Passage], year: int | None, day: str | None, *,
         parties_of_both: list | None = None) -> list[Earlier]:
    """The earlier agreements ``passages`` mention; ``parties_of_both``: the parties of the document's one agreement,
    which "두 도시는 1994년 …" (naming no party) refers to."""
    out: list[Earlier] = []
    for p in passages:
        text = p.text
        if "\t" in text or not rules.any_of("agreement.words", text):
            continue
        years = find_years(text, before=year)
        if not years or not rules.any_of("agreement.earlier_markers", text):
            continue
        persons = people(text, day)
        names = [n for n in parties(text, day) if not any(x.start <= n.start < x.start + len(x.quote)
                                                          for x in persons)]
        subjects, partners = roles(text, names)
        if not partners and len(subjects) >= 2:
            subjects, partners = subjects[:1], subjects[1:]
        both = rules.any_of("agreement.both", text) if not names and parties_of_both else None
        if both and len(parties_of_both) == 2:
            subjects, partners = parties_of_both[:1], parties_of_both[1:]
        if not subjects or not partners:
            continue
        title = _title(text)
        kind = _kind(title or text)
        domains = listed(text)
        relation = rules.first_value("agreement.relation", text)
        for partner in partners:
            # the year written right after the partner ("전라남도('04년)"), else the sentence's only year
            near = [y for y in years if 0 <= y[2] - (partner.start + len(partner.quote)) <= 3]
            chosen = near[0] if near else (years[0] if len(years) == 1 or len(partners) == 1 else None)
            if chosen is None:
                continue
            members = subjects[:1] + [partner]
            key = frozenset(party_key(m) for m in members)
            out.append(Earlier(
                key, {party_key(m): Cited(m, p, both[0], 0.6) if both else Cited(m, p, m.quote, 0.8)
                      for m in members},
                Cited(chosen[0], p, chosen[1], 0.9),
                Cited(title, p, title, 0.8) if title and len(partners) == 1 else None,
                Cited(kind[0], p, kind[1], 0.7) if kind and len(partners) == 1 else None,
                domains if len(partners) == 1 else None,
                Cited(relation[0], p, relation[1][0], 0.6) if relation else None, p))
    return out
