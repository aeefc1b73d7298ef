"""Dates and times as a document writes them, anchored to its publication date, at the precision stated.

"10일(월)" is the 10th of the publication month (the weekday checks it), "지난 26일" the last 26th on or before
it, "오는 18일" the next one, "이날" the day itself; "2023. 4. 10." and "April 18, 2023" are absolute. Times:
"오후 2시" 14:00, "11시 10분", "14:00", "2:30 p.m.". Hand-written on the rules' patterns: the Korean date parsers
on PyPI read neither the weekday check nor "지난/오는" relative to a given day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from mougraph.ingest import rules

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class When:
    """A day (or a year) found in a text, with the words that state it."""

    day: date | None
    year: int | None
    quote: str
    confidence: float

    @property
    def iso(self) -> str:
        return self.day.isoformat() if self.day else str(self.year)


def _in_month(anchor: date, d: int, shift: int = 0) -> date | None:
    y, m = anchor.year, anchor.month + shift
    while m < 1:
        y, m = y - 1, m + 12
    while m > 12:
        y, m = y + 1, m - 12
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_day(text: str, anchor: date | None) -> When | None:
    """The first day ``text`` states, anchored to ``anchor`` (the publication date) where it is relative."""
    for m in rules.finditer("dates.full", text):
        try:
            return When(date(int(m["y"]), int(m["m"]), int(m["d"])), int(m["y"]), m[0].strip(), 1.0)
        except ValueError:
            continue
    for m in rules.finditer("dates.english_day", text):
        month = MONTHS.index(m["mon"].lower()) + 1 if m.groupdict().get("mon") else None
        year = int(m["y"]) if m.groupdict().get("y") else None
        if anchor is None and year is None:
            continue
        base = anchor or date(year, month or 1, 1)
        try:
            day = date(year or base.year, month or base.month, int(m["d"]))
        except ValueError:
            continue
        return When(day, day.year, m[0].removeprefix("on ").strip(), 0.9 if month else 0.8)
    if anchor is None:
        return None
    m = rules.pattern("dates.day_weekday").search(text)
    if m:
        weekdays = rules.get("dates.weekday_ko")
        for shift in (0, 1, -1):  # the publication month first; the weekday tells a neighbouring month
            day = _in_month(anchor, int(m["d"]), shift)
            if day and weekdays[day.weekday()] == m["w"]:
                return When(day, day.year, m[0], 1.0 if shift == 0 else 0.8)
        day = _in_month(anchor, int(m["d"]))
        return When(day, anchor.year, m[0], 0.5) if day else None
    m = rules.pattern("dates.day_past").search(text)
    if m:
        day = _in_month(anchor, int(m["d"]))
        if day is None or day > anchor:
            day = _in_month(anchor, int(m["d"]), -1)
        return When(day, day.year, m[0], 0.9) if day else None
    m = rules.pattern("dates.day_future").search(text)
    if m:
        day = _in_month(anchor, int(m["d"]))
        if day is None or day < anchor:
            day = _in_month(anchor, int(m["d"]), 1)
        return When(day, day.year, m[0], 0.9) if day else None
    m = rules.any_of("dates.same_day", text)
    if m:
        return When(anchor, anchor.year, m[0], 0.9)
    m = rules.pattern("dates.weekday_en").search(text)
    if m:
        wanted = WEEKDAYS.index(m["w"].lower())
        ahead = rules.any_of("agreement.announced", text) is not None
        shift = (wanted - anchor.weekday()) % 7 if ahead else -((anchor.weekday() - wanted) % 7)
        day = anchor + timedelta(days=shift)
        return When(day, day.year, m[0].removeprefix("on ").strip(), 0.7)
    m = rules.pattern("dates.day_plain").search(text)
    if m:
        day = _in_month(anchor, int(m["d"]))
        return When(day, anchor.year, m[0], 0.7) if day else None
    return None


def find_time(text: str) -> tuple[str, str] | None:
    """The first time of day in ``text``: (``HH:MM``, the words stating it)."""
    found = []
    for m in rules.finditer("dates.time_ko", text):
        h = int(m["h"])
        if m["ampm"] == "오후" and h < 12:
            h += 12
        minute = 30 if m["half"] else int(m["mi"] or 0)
        if h < 24 and minute < 60:
            found.append((m.start(), -len(m[0].strip()), f"{h:02d}:{minute:02d}", m[0].strip()))
    for m in rules.finditer("dates.time_en", text):
        h = int(m["h"])
        if m["ampm"].lower().startswith("p") and h < 12:
            h += 12
        if h < 24:
            found.append((m.start(), -len(m[0].strip()), f"{h:02d}:{int(m['mi'] or 0):02d}", m[0].strip()))
    for m in rules.pattern("dates.time_colon").finditer(text):
        if int(m["h"]) < 24 and int(m["mi"]) < 60:
            found.append((m.start(), -len(m[0]), f"{int(m['h']):02d}:{m['mi']}", m[0]))
    if not found:
        return None
    _, _, hhmm, quote = min(found)
    return hhmm, quote


def find_years(text: str, before: int | None = None) -> list[tuple[int, str, int]]:
    """Every year ``text`` states ("2016년", "'04년", "in 2015"): (year, words, position), earlier than ``before``."""
    out = []
    for m in rules.pattern("dates.year_full").finditer(text):
        out.append((int(m["y"]), m[0], m.start()))
    for m in rules.pattern("dates.year_short").finditer(text):
        yy = int(m["yy"])
        out.append((2000 + yy if yy < 70 else 1900 + yy, m[0], m.start()))
    for m in rules.pattern("dates.year_en").finditer(text):
        out.append((int(m["y"]), m[0], m.start()))
    return sorted((y, q, pos) for y, q, pos in out if before is None or y < before)


def minutes_between(start: str, end: str) -> int:
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    return (h2 * 60 + m2) - (h1 * 60 + m1)


def day_after(day: date) -> date:
    return day + timedelta(days=1)


def strip_quotes(text: str) -> str:
    return re.sub(r"^[‘'\"“]|[’'\"”]$", "", text)
