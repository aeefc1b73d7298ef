"""Commitments: in the sentences that follow an agreement's domain list, who (committedBy) does what (the
rules' action verbs) for whom (beneficiary), in which listed domain. "양 도시는 …", "서울시와 세종시는 …" are mutual;
"서울시는 … 세종시가 …" is one-way, for the partner the sentence names.
"""

from __future__ import annotations

from dataclasses import dataclass

from mougraph.ingest import rules
from mougraph.ingest.agreements import party_key, roles
from mougraph.ingest.domains import concept, listed
from mougraph.ingest.model import Passage
from mougraph.ingest.names import parties


@dataclass
class Commitment:
    passage: Passage
    action: str
    action_quote: str
    by: list[str]  # party keys
    beneficiary: str | None
    mutual: bool
    domain: int  # position in the agreement's list


def find(passages: list[Passage], start: Passage, key: frozenset, items: list[tuple[str, str | None]],
         other_keys: list[frozenset], day: str | None) -> list[Commitment]:
    """The commitments stated after ``start`` (the passage of the domain list) until another agreement's part."""
    out: list[Commitment] = []
    after = passages[passages.index(start) + 1:]
    for p in after:
        if "\t" in p.text:
            break
        named = parties(p.text, day)
        keys = {party_key(n) for n in named}
        if (listed(p.text) and listed(p.text).count) or any(k != key and k <= keys for k in other_keys):
            break  # the next agreement's list or its parties: this agreement's part is over
        found = rules.first_value("commitments.actions", p.text)
        topic = concept(p.text)
        positions = [n for n, (_, c) in enumerate(items, 1) if c and c == topic]
        if found is None or not positions:
            continue
        subjects, _ = roles(p.text, named)
        subject_keys = [party_key(s) for s in subjects if party_key(s) in key]
        mutual = bool(rules.any_of("commitments.mutual_subject", p.text)) or len(set(subject_keys)) >= 2
        if mutual:
            by, beneficiary = sorted(key), None
        elif subject_keys:
            by = subject_keys[:1]
            others = [k for k in keys & key if k != by[0]]
            beneficiary = others[0] if others else None
        else:
            continue
        out.append(Commitment(p, found[0], found[1][0], by, beneficiary, mutual, positions[0]))
    return out
