"""The domains an agreement lists: the stated count ("7개 분야", "six areas") and the items (▲ △ ▷ ○ bullets,
numbers, or running text separated by commas or ·), each mapped to a concept of ``scheme:domains`` by the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mougraph.ingest import rules


@dataclass
class DomainList:
    count: int | None
    count_quote: str | None
    items: list[tuple[str, str | None]]  # (wording as written, concept local name or None)
    complete: bool  # the list is not cut short by "등" (and others)


def concept(wording: str) -> str | None:
    found = rules.first_value("domains.concepts", wording)
    return found[0] if found else None


def _count(text: str) -> tuple[int, str] | None:
    words = rules.get("domains.number_words")
    for m in rules.finditer("domains.count", text):
        n = m["n"]
        return (int(n) if n.isdigit() else words[n.lower()]), m[0]
    return None


def listed(text: str) -> DomainList | None:
    """The domain list of a sentence, if it has one."""
    counted = _count(text)
    bullets = rules.get("domains.bullets")
    if re.search(bullets, text) and counted:
        start = text.find(counted[1]) + len(counted[1])
        body = text[start:]
        body = body[body.find("(") + 1: _closing(body)] if body.lstrip().startswith("(") else body
        items = [i.strip(" ,)") for i in re.split(bullets, body)[1:]]
        items = [i for i in items if i]
        return DomainList(counted[0], counted[1], [(i, concept(i)) for i in items], True)
    numbered = rules.get("domains.numbered")
    if counted and len(re.findall(numbered, text)) >= 2:
        parts = [i.strip(" ,.;") for i in re.split(numbered, text[text.find(counted[1]) + len(counted[1]):])[1:]]
        return DomainList(counted[0], counted[1], [(i, concept(i)) for i in parts if i], True)
    for m in rules.finditer("domains.running", text):
        raw = m["items"].strip()
        raw = re.sub(r"^.*?(?:에서|의|을|를|는|은|고|며)\s+", "", raw) if re.search(r"[가-힣]", raw) else raw
        pieces = [x.strip() for x in re.split(r"\s*(?:·|,|\band\b|및)\s*", raw) if x.strip()]
        pieces = [re.sub(r"^(?:the|in|on)\s+", "", x) for x in pieces]
        if pieces:
            complete = "등" not in m[0] and not re.search(r"(?i)such as|including", m[0])
            return DomainList(counted[0] if counted else None, counted[1] if counted else None,
                              [(x, concept(x)) for x in pieces], complete)
    if counted and ":" in text:
        after = text.split(":", 1)[1]
        pieces = [x.strip(" .") for x in re.split(r"\s*(?:,|;|\band\b)\s*", after) if x.strip(" .")]
        if len(pieces) >= 2:
            return DomainList(counted[0], counted[1], [(x, concept(x)) for x in pieces], True)
    return None


def _closing(body: str) -> int:
    depth = 0
    for i, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    return len(body)
