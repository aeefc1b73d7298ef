"""Content and language negotiation (``Accept``, ``Accept-Language``), parsed by werkzeug.

Each table maps the media types a client may ask for to mougraph's format names (see
:func:`mougraph.formats.media_offers`), in the order of preference; the first entry is what a
client gets when it accepts anything (or sends no header).
"""

from __future__ import annotations

from werkzeug.datastructures import LanguageAccept, MIMEAccept
from werkzeug.http import parse_accept_header

from mougraph import formats

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"

#: A dereferenced resource: HTML for browsers, RDF for programs.
RESOURCE_TYPES: dict[str, str] = {**formats.media_offers("html"), **formats.media_offers("ttl", "jsonld", "nt", "xml")}
#: Results of SELECT and ASK queries (SPARQL 1.1 result formats).
TABLE_TYPES: dict[str, str] = formats.media_offers("json", "srx", "csv", "tsv")
#: Results of CONSTRUCT and DESCRIBE queries, and the service description.
GRAPH_TYPES: dict[str, str] = formats.media_offers("ttl", "jsonld", "nt", "xml")
#: The media type written for each format name.
MEDIA_TYPES: dict[str, str] = formats.content_types()


def best_format(accept: str | None, offers: dict[str, str]) -> str | None:
    """The format (a value of ``offers``) that best fits ``accept``; None if nothing fits.

    A missing or empty header accepts anything: the first offer wins.
    """
    if not accept or not accept.strip():
        return next(iter(offers.values()))
    match = parse_accept_header(accept, MIMEAccept).best_match(list(offers))
    return offers[match] if match else None


def best_language(accept_language: str | None, requested: str | None = None) -> str:
    """``requested`` (e.g. ``?lang=en``) if it is one of ours, else the best of ``Accept-Language``."""
    if requested in LANGUAGES:
        return requested
    if accept_language:
        match = parse_accept_header(accept_language, LanguageAccept).best_match(list(LANGUAGES))
        if match:
            return match
    return DEFAULT_LANGUAGE


def acceptable(offers: dict[str, str]) -> str:
    """A sentence listing the media types of ``offers`` (for 406 responses)."""
    return "acceptable media types: " + ", ".join(offers)
