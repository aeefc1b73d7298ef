"""Values one document states differently in two passages: kept as an ``mg:Conflict`` of two claims and asked on
the review page, never silently picked (docs/provenance.md; ``data/conflicts.ttl`` does the same by hand).

A press release often states the time of its ceremonies twice: in the overview (□ 행사 개요, "일시 : 2023. 4. 10.(월)
11:10~11:30 / 14:00~14:30") and in the schedule table ("11:10~11:40(30')"). :func:`read_overview` adds what the
overview states to the ceremonies it is about, each value on its own passage; :func:`raise_conflicts` then finds
the properties with one value per resource (a day, a start, an end, a duration) that got two different values, a
coarser instant not counting against a finer one it contains (the 10th and 11:10 on the 10th agree).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from mougraph.ingest import rules, timing
from mougraph.ingest.assemble import ID, LABEL, MG, RDF_TYPE, instant
from mougraph.ingest.model import Conflict, Draft, Fact, Lit

TIME = "http://www.w3.org/2006/time#"
#: property -> (Korean, English) name, for the properties that take one value per resource
FUNCTIONAL = {MG + "date": ("날짜", "date"), TIME + "hasBeginning": ("시작 시각", "start"),
              TIME + "hasEnd": ("종료 시각", "end"), MG + "plannedDuration": ("소요 시간", "duration")}
_INSTANT = f"{ID}instant/"


def found(d: Draft) -> Draft:
    """``d`` with what its overview states and its conflicts raised."""
    read_overview(d)
    raise_conflicts(d)
    return d


def _value(d: Draft, s: str, p: str) -> str | None:
    """The first value of ``s p`` the draft states, as an instant's value (``2023-04-10T11:10``) or a literal."""
    return next((_key(f.o) for f in d.facts if f.s == s and f.p == p), None)


def _key(value) -> str:
    if isinstance(value, Lit):
        return value.value
    return value[len(_INSTANT):] if value.startswith(_INSTANT) else value


def read_overview(d: Draft) -> None:
    """The overview's day and time ranges, added to the agreements and ceremonies they are about.

    The day goes to every agreement with a day of its own (an overview of one day; two days in it are a
    programme over several days, left alone). A time range goes to the ceremony that starts at its start, or, when
    there are as many ranges as dated ceremonies, to the ceremony of its rank, unless it starts with another event
    of the schedule (then it is the span of the whole programme, not a ceremony's).
    """
    when = rules.pattern("schedule.overview_when")
    found = next(((p, m) for p in d.passages for m in [when.search(p.text)] if m), None)
    if found is None or not d.agreements:
        return
    passage, m = found
    text = m["text"]
    days = [x for x in rules.finditer("dates.full", text) if _valid(x)]
    day = date(int(days[0]["y"]), int(days[0]["m"]), int(days[0]["d"])).isoformat() if len(days) == 1 else None
    if day:
        for agreement in d.agreements:
            if len(_value(d, agreement, MG + "date") or "") == 10:
                d.add(agreement, MG + "date", instant(d, day), passage, days[0][0].strip(), 0.9, what="date")
    ceremonies = sorted((_value(d, f"{a}/ceremony", TIME + "hasBeginning") or "", n, a)
                        for n, a in enumerate(d.agreements))
    dated = [(start, a) for start, _, a in ceremonies if "T" in start]
    others = {_key(f.o)[11:16] for f in d.facts if f.p == TIME + "hasBeginning" and "T" in _key(f.o)
              and not f.s.endswith("/ceremony")}
    ranges = list(rules.pattern("schedule.overview_time").finditer(text))
    for rank, r in enumerate(ranges):
        at = next((a for start, a in dated if start[11:16] == r["start"].zfill(5)), None)
        if at is None and len(ranges) == len(dated) and r["start"].zfill(5) not in others:
            at = dated[rank][1]
        if at is None:
            continue
        on = day or (_value(d, at, MG + "date") or "")[:10]
        if len(on) != 10:
            continue
        event, quote = f"{at}/ceremony", r[0]
        start = r["start"].zfill(5)
        d.add(event, TIME + "hasBeginning", instant(d, on, start), passage, quote, 0.8, what="time")
        if r["end"]:
            end = r["end"].zfill(5)
            d.add(event, TIME + "hasEnd", instant(d, on, end), passage, quote, 0.8, what="time")
            minutes = timing.minutes_between(start, end)
            if minutes > 0:
                d.add(event, MG + "plannedDuration", Lit(f"PT{minutes}M", datatype="duration"), passage, quote, 0.6,
                      what="duration")


def _valid(m) -> bool:
    try:
        date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return False
    return True


def raise_conflicts(d: Draft) -> None:
    """Each property of one value per resource that the document gives two different values: a conflict of the
    claims, an open question, and neither value asserted."""
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in d.facts:
        if f.claim and f.p in FUNCTIONAL:
            groups[(f.s, f.p)].append(f)
    for (s, p), facts in groups.items():
        values = {_key(f.o) for f in facts}
        # a coarser instant within a finer one agrees with it: 2023-04-10 and 2023-04-10T11:10
        finest = {v for v in values if not any(o != v and o.startswith(v) and _is_instant(facts, v) for o in values)}
        if len(finest) < 2:
            continue
        disputed = [f for f in facts if _key(f.o) in finest]
        for f in disputed:
            f.disputed = True
        if p == MG + "date":  # an agreement has a date: one not determined until the conflict is settled
            undetermined = f"{s}/date"
            d.add(s, MG + "date", undetermined, claim=False)
            d.add(undetermined, RDF_TYPE, MG + "UndeterminedInstant", claim=False)
            d.add(undetermined, RDF_TYPE, TIME + "Instant", claim=False)
            d.add(undetermined, LABEL, Lit(f"날짜 불일치 ({' / '.join(sorted(finest))})", "ko"), claim=False)
        ko, en = FUNCTIONAL[p]
        said = sorted({(f.passage.line, _key(f.o)) for f in disputed})
        ko_list = ", ".join(f"{v} ({line}행)" for line, v in said)
        en_list = ", ".join(f"{v} (line {line})" for line, v in said)
        name = s.removeprefix(d.base)
        d.conflicts.append(Conflict(f"{s}/conflict-{p.rsplit('#', 1)[-1]}", s, p, disputed,
                                    f"{name}의 {ko} 불일치", f"{en.capitalize()} of {name} disputed"))
        d.ask("conflict", f"{name}의 {ko}: 문서의 구절마다 다르다({ko_list}). 어느 쪽인지 확인한다"
                          "(둘 다 주장으로 남긴다).",
              f"The document gives {name} different {en}s: {en_list}. Check which is right (both are kept as "
              f"claims).", disputed[0].passage)


def _is_instant(facts: list[Fact], value: str) -> bool:
    return any(isinstance(f.o, str) and f.o.startswith(_INSTANT) and _key(f.o) == value for f in facts)
