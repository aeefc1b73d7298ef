"""A text document as passages: read (UTF-8 only), cut into lines and sentences, its clutter left out.

A passage is a line of the file, or one sentence of a line longer than the rules' limit; its text is verbatim
(only the line's surrounding white space is dropped), so that every quote of a fact is a substring of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mougraph.errors import MougraphError
from mougraph.ingest import rules
from mougraph.ingest.model import Passage

MAX_BYTES = 5_000_000  # a press release or an article is a few kB; far beyond this is not one


class IngestError(MougraphError):
    """A document that cannot be ingested: not UTF-8, empty, too large."""


@dataclass
class Document:
    path: Path
    lines: list[str]
    passages: list[Passage]  # without the page clutter
    title: Passage | None
    press_release: bool
    published: datetime | None  # the document's own date and time ("입력 2023-04-10 11:15"), if it states one
    published_passage: Passage | None
    language: str


def read(path: Path) -> Document:
    """The document at ``path``; an :class:`IngestError` naming the file and what to do when it is unusable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a folder; give one text file") from None
    if len(data) > MAX_BYTES:
        raise IngestError(f"{path}: {len(data):,} bytes; a press release or article is far smaller. "
                          f"Give one document per file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(f"{path}, line {line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}). "
                          f"Convert it first, e.g. iconv -f CP949 -t UTF-8 {path.name} > utf8.txt") from None
    if "\x00" in text:
        raise IngestError(f"{path}: holds NUL bytes, so it is not a text document; give a UTF-8 .txt file")
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise IngestError(f"{path}: the document is empty; give a press release or an article as UTF-8 text")
    passages = _passages(lines)
    published, where = _published(passages)
    hangul = sum(1 for ch in text if "가" <= ch <= "힣")
    letters = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return Document(path, lines, passages, _title(passages), any(rules.any_of("document.press_release", p.text)
                                                                 for p in passages[:8]),
                    published, where, "ko" if hangul >= letters / 3 else "en")


def _passages(lines: list[str]) -> list[Passage]:
    limit = rules.get("passages.sentence_split_over")
    clutter, furniture = rules.pattern("passages.clutter_starts"), rules.pattern("passages.furniture")
    end = rules.pattern("passages.sentence_end")
    out: list[Passage] = []
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text:
            continue
        if clutter.search(text):
            break
        if furniture.search(text):
            continue
        if len(text) <= limit or "\t" in text:
            out.append(Passage(number, 0, text))
            continue
        pieces = _sentences(text, end)
        if len(pieces) == 1:
            out.append(Passage(number, 0, text))
        else:
            out.extend(Passage(number, i, piece) for i, piece in enumerate(pieces, 1))
    return out


def _sentences(text: str, end: re.Pattern) -> list[str]:
    pieces, start = [], 0
    depth = 0
    for m in end.finditer(text):
        # a full stop inside brackets (a list of domains) does not end the sentence
        depth = text.count("(", 0, m.start()) - text.count(")", 0, m.start())
        if depth > 0:
            continue
        pieces.append(text[start:m.end()].strip())
        start = m.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _published(passages: list[Passage]) -> tuple[datetime | None, Passage | None]:
    for p in passages[:40]:
        for m in rules.finditer("document.published", p.text):
            y, mo, d, h, mi = (list(m.groups()) + [None] * 5)[:5]
            try:
                return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0)), p
            except ValueError:
                continue
    return None, None


def _title(passages: list[Passage]) -> Passage | None:
    skip = rules.pattern("document.not_title")
    for p in passages[:12]:
        if "\t" in p.text or skip.search(p.text) or len(p.text) < 8 or p.text.startswith(("-", "•", "※")):
            continue
        return p
    return None
