"""Cell values of portal tables: dates at the precision written, kinds of agreement, slugs for IRIs.

Dates are read with a few patterns rather than dateutil: a parser fills missing parts with defaults (2016 ->
2016-01-01), and the precision actually written (year, month, day) is the fact to keep.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from mougraph.gazetteer.romanise import romanise
from mougraph.ingest.table_layouts import normal, words

_DATE = re.compile(r"(\d{4})\s*(?:년|[.\-/])?\s*(?:(\d{1,2})\s*(?:월|[.\-/])?\s*(?:(\d{1,2})\s*(?:일)?)?)?\s*\.?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})?")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def parse_date(value) -> tuple[str, str] | None:
    """``(value, precision)``: ``("2016", "year")``, ``("2016-05", "month")``, ``("2016-05-20", "day")``, or None.

    Takes what portals write: 2016, 2016년, 2016.5, 2016-05, 2016년 5월 20일, 2016. 5. 20., 20160520, and
    workbook dates. A month or day out of range, or any other text, is None.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    match = _COMPACT.fullmatch(text) or _DATE.fullmatch(text)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat(), "day"
        if month:
            dt.date(int(year), int(month), 1)
            return f"{year}-{int(month):02d}", "month"
    except ValueError:
        return None
    return (year, "year") if 1000 <= int(year) <= 2999 else None


def kind_of(text: str) -> str | None:
    """The kind (``sister-city``, ...) the longest known word in ``text`` names, or None."""
    low = normal(text)
    hits = [(len(word), kind) for word, kind in words()["kinds"].items() if normal(word) in low]
    return max(hits)[1] if hits else None


def is_korea(country: str) -> bool:
    return normal(country) in words()["korea"]


def slug(text: str) -> str:
    """An IRI segment for a name: romanised Hangul, lower-case Latin, else a short hash (stable)."""
    text = unicodedata.normalize("NFC", text).strip()
    if _HANGUL.search(text):
        text = romanise(text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not out or len(out) < len(text) // 3:
        out = "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return out


def country_slug(country: str) -> str:
    return words()["countries"].get(normal(country)) or slug(country)


def country_name_ko(country: str) -> str | None:
    """The Korean name of the country whose IRI name is ``country`` ("japan" -> "일본"), if the words know it."""
    return next((name for name, known in words()["countries"].items() if known == country), None)
