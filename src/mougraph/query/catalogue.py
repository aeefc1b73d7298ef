"""What each shipped query asks, read from its comment header (``queries/README.md`` "Naming" says how it is
written): the question in Korean and in English, the role (report, check, construct) and the parameters.

A header starts with the question, one entry per language (``# CQ1 — 서울특별시는 …`` then ``# CQ1 — With
which …``; a check's ``# 점검: …`` then ``# Check: …``), each continued on lines indented after the ``#``.
Parameters are the ``# param:`` lines that :mod:`mougraph.query.params` reads (one convention for running and
listing). ``mougraph query --list`` shows this catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mougraph.query import available_queries
from mougraph.query.params import declared

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: The label before a question: ``CQ1 — ``, ``CQ10 (1/2) — ``, ``점검: ``, ``Check: ``.
_LABEL = re.compile(r"^(?:CQ\d+(?: \(\d+/\d+\))?\s*[—-]\s*|점검:\s*|Check:\s*)")


@dataclass(frozen=True)
class QueryInfo:
    """A shipped query as ``query --list`` shows it."""

    name: str
    path: Path
    role: str  #: ``report``, ``check``, ``construct`` or ``''`` (the suffix of its name)
    questions: dict[str, str] = field(default_factory=dict)  #: language (``ko``, ``en``) -> the question
    parameters: tuple[tuple[str, str], ...] = ()  #: (name, what it is)

    def question(self, lang: str) -> str:
        """The question in ``lang``, else in the other language."""
        return self.questions.get(lang) or next(iter(self.questions.values()), "")


def _entries(text: str) -> list[str]:
    """The header's entries: a line starting right after ``# `` and its indented continuation lines."""
    entries: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:]
        if not body.strip():
            entries.append("")
        elif body.startswith("  ") and entries and entries[-1]:
            entries[-1] += " " + body.strip()
        else:
            entries.append(body.strip())
    return entries


def _parameters(name: str, text: str) -> tuple[tuple[str, str], ...]:
    return tuple((p.name, p.description) for p in declared(text, name))


def info(name: str, path: Path) -> QueryInfo:
    """The catalogue entry of the query ``name`` in the file ``path``."""
    text = path.read_text(encoding="utf-8")
    entries = [e for e in _entries(text) if e]
    questions: dict[str, str] = {}
    for entry in entries[:2]:
        lang = "ko" if _HANGUL.search(entry) else "en"
        questions.setdefault(lang, _LABEL.sub("", entry))
    role = name.rsplit(".", 1)[-1] if "." in name else ""
    return QueryInfo(name, path, role, questions, _parameters(name, text))


def catalogue() -> list[QueryInfo]:
    """Every shipped query, by name."""
    return [info(name, path) for name, path in available_queries().items()]
