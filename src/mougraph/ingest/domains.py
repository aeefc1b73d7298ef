"""The domains an agreement lists: the stated count ("7개 분야", "six areas") and the items (▲ △ ▷ ○ bullets,
numbers, or running text separated by commas or ·; in the sentence, or one per line below it), each mapped to a
concept of ``scheme:domains`` by the rules.
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
    lines: list[int] | None = None  # for a list below its sentence: the index of each item's line among those given


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
        complete = True
        if not items:  # "▲A ▲B ▲C 등 3개 분야에서": the items before the count
            before = re.split(bullets, text[:text.find(counted[1])])[1:]
            items = [i.strip(" ,") for i in before] if len(before) >= 2 else []  # not a paragraph's own "○"
            if items:
                items[-1] = re.sub(r"\s*(?:등|및)?\s*(?:의|을|를)?\s*$", "", items[-1])
                # "등" before a count the items reach is a manner of speaking, not a list cut short
                complete = len(items) == counted[0] or "등" not in text[text.find(counted[1]) - 4:]
        items = [i for i in items if i]
        return DomainList(counted[0], counted[1], [(i, concept(i)) for i in items], complete)
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


def listed_below(text: str, following: list[str]) -> DomainList | None:
    """A count in ``text`` ("다음 4개 분야에서 협력한다", "in four areas:") whose items are the bulleted or numbered
    lines right after it (``following``, in order); None when ``text`` states no count or no such line follows."""
    counted = _count(text)
    if not counted or not re.search(r"[:：]\s*$|다음|아래|(?i:following|as follows|below)", text):
        return None  # a list below is announced ("다음 4개 분야", "in the following areas:")
    numbered = rules.get("domains.numbered").removeprefix(r"(?:^|\s)")
    marks = rules.get("domains.bullets") + "|" + numbered + r"|[-–•*]"
    item = re.compile(r"^\s*(?P<mark>" + marks + r")\s*(?P<item>\S.*?)\s*[.;,]?$")
    items, lines, kind = [], [], None
    for i, line in enumerate(following):
        m = item.match(line)
        # the items share their mark (numbers, or one bullet): "○" also opens the paragraphs that follow a list
        mark = m and ("number" if re.match(r"\d|[①-⑩]", m["mark"]) else m["mark"].strip())
        if not m or kind not in (None, mark) or len(m["item"]) > 60:  # an item is a phrase, not a paragraph
            break
        kind = mark
        items.append((m["item"], concept(m["item"])))
        lines.append(i)
    return DomainList(counted[0], counted[1], items, True, lines) if len(items) >= 2 else None


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


def of_agreements(passages: list, keys: list[frozenset], day: str | None) -> dict[frozenset, tuple]:
    """The domain list of each agreement (``keys``: their parties), as ``(passage, DomainList, item passages or
    None)``: the passage naming its parties ("서울시와 세종시는 … 7개 분야(▲…)"), or under a heading naming them
    ("〈서울시-세종시 업무협약〉"), or the only agreement's."""
    from mougraph.ingest.agreements import party_key
    from mougraph.ingest.names import parties
    from mougraph.ingest.timing import find_years

    out: dict[frozenset, tuple] = {}
    heading: frozenset | None = None
    for i, p in enumerate(passages):
        if "\t" in p.text:
            continue
        named = frozenset(party_key(x) for x in parties(p.text, day))
        if len(p.text) < 40 and named in keys:
            heading = named
        lists = listed(p.text)
        below = passages[i + 1:i + 21]
        if not lists or not lists.items:  # "다음 4개 분야에서 협력한다." and the items on the lines below
            lists = listed_below(p.text, [q.text for q in below])
        if not lists or not lists.items or (lists.count is None and len(lists.items) < 2):
            continue
        if find_years(p.text, before=int(day[:4]) if day else None) and rules.any_of("agreement.earlier_markers",
                                                                                      p.text):
            continue  # the domains of an earlier agreement
        key = named if named in keys else heading if heading in keys else keys[0] if len(keys) == 1 else None
        if key is not None and key not in out:
            out[key] = (p, lists, [below[n] for n in lists.lines] if lists.lines is not None else None)
    return out
