"""Values as people read them: dates at their precision, durations, counts.

A date is written in the data at the precision its source knows (docs/dates.md): a year, a month, a day, a
minute, a time of day whose day is unsure, or an ``mg:UndeterminedInstant`` known only by its bounds. Pages
show each at that precision and never finer (``2016`` stays a year, never ``2016-01-01``), and sort them by
:func:`date_key`, the ISO form, with bounded dates beside their bound and unknown ones last. Durations
(``PT20M``) become "20 min" in English; integers get thousands separators. Every word comes from
:mod:`mougraph.publishing.i18n`.
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Graph, Literal
from rdflib.namespace import TIME, XSD

from mougraph.publishing.i18n import message
from mougraph.vocab import MG

#: The properties that give an instant its position, finest first.
POSITIONS = (TIME.inXSDDateTimeStamp, TIME.inXSDDateTime, TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear)
DATE_TYPES = {XSD.date, XSD.dateTime, XSD.dateTimeStamp, XSD.gYear, XSD.gYearMonth}
INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.positiveInteger,
                 XSD.unsignedInt, XSD.unsignedLong}
ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?)?)?")
UNKNOWN_KEY = "~"  # sorts after every ISO date


def _month(n: int, lang: str) -> str:
    return message("month_names", lang).split(",")[n - 1]


def iso_text(text: str, lang: str) -> str:
    """An ISO date, month, year or timestamp written at its own precision: ``2019-11`` → "Nov 2019" in English."""
    m = ISO.match(text)
    if not m:
        return text
    year, month, day, hour, minute, _second = m.groups()
    if month is None:
        return message("date_year", lang, year=year)
    if day is None:
        return message("date_month", lang, year=year, month=_month(int(month), lang))
    shown = message("date_day", lang, year=year, month=_month(int(month), lang), day=int(day))
    if hour is not None:
        shown += f" {hour}:{minute}"
    return shown


def position(graph: Graph, instant) -> Literal | None:
    """The finest position (``time:inXSD...``) of an instant, or None."""
    for prop in POSITIONS:
        for value in graph.objects(instant, prop):
            return value
    return None


def all_positions(graph: Graph) -> dict:
    """Every instant's finest position (as :func:`position` finds it), in one pass per property: pages ask for
    hundreds of dates at once, and asking the store instant by instant cost a lookup per property tried."""
    found: dict = {}
    for prop in POSITIONS:
        for instant, value in graph.subject_objects(prop):
            found.setdefault(instant, value)
    return found


def kept_positions(site) -> dict:
    """:func:`all_positions` of ``site``'s graph, made once and kept in its ``memo`` (shared by every page)."""
    kept = site.memo.get("positions")
    if kept is None:
        kept = site.memo["positions"] = all_positions(site.graph)
    return kept


def date_text(graph: Graph, term, lang: str) -> str:
    """A date (a literal, or an instant of OWL-Time) as people read it, at its precision."""
    if isinstance(term, Literal):
        return iso_text(str(term), lang)
    pos = position(graph, term)
    if pos is not None:
        shown = iso_text(str(pos), lang)
        time_of_day = next(iter(graph.objects(term, MG.timeOfDay)), None)
        return f"{shown} {str(time_of_day)[:5]}" if time_of_day is not None else shown
    after = next(iter(graph.objects(term, TIME.after)), None)
    before = next(iter(graph.objects(term, TIME.before)), None)
    if after is not None and before is not None:
        return message("date_between", lang, after=date_text(graph, after, lang),
                       before=date_text(graph, before, lang))
    if before is not None:
        return message("date_before", lang, date=date_text(graph, before, lang))
    if after is not None:
        return message("date_after", lang, date=date_text(graph, after, lang))
    return message("date_unknown", lang)


def date_key(graph: Graph, term) -> str:
    """A sort key of a date: its ISO form; a bounded date next to its bound; an unknown one last."""
    if term is None:
        return UNKNOWN_KEY
    if isinstance(term, Literal):
        return str(term)
    pos = position(graph, term)
    if pos is not None:
        return str(pos)
    before = next(iter(graph.objects(term, TIME.before)), None)
    if before is not None:  # "before 2019" just before the dates of 2019: "2018~" (its last character less one)
        key = date_key(graph, before)
        return key[:-1] + chr(ord(key[-1]) - 1) + "~" if key != UNKNOWN_KEY else UNKNOWN_KEY
    after = next(iter(graph.objects(term, TIME.after)), None)
    if after is not None:
        return date_key(graph, after) + "~"  # "after 2015" just after the dates of 2015
    return UNKNOWN_KEY


def duration_text(value: dt.timedelta, lang: str) -> str:
    """``PT1H30M`` → "1 h 30 min" in English."""
    seconds = int(value.total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    parts = [message("duration_days", lang, n=days) if days else "",
             message("duration_hours", lang, n=hours) if hours else "",
             message("duration_minutes", lang, n=minutes) if minutes or not (days or hours or seconds) else "",
             message("duration_seconds", lang, n=seconds) if seconds else ""]
    return " ".join(p for p in parts if p)


def literal_text(term: Literal, lang: str) -> str | None:
    """A typed literal as people read it; None when its lexical form is already the best text."""
    if term.datatype in DATE_TYPES:
        return iso_text(str(term), lang)
    if term.datatype == XSD.duration:
        value = term.toPython()
        return duration_text(value, lang) if isinstance(value, dt.timedelta) else None
    if term.datatype in INTEGER_TYPES:
        try:
            return f"{int(term):,}"
        except ValueError:
            return None
    if term.datatype == XSD.time:
        return str(term)[:5]
    return None
