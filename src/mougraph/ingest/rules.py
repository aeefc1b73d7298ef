"""The rules of text ingest, read from ``rules/lexicon.toml``: patterns and word lists are data, not code.

:func:`rules` returns the parsed file once per process; :func:`pattern` compiles one of its regular expressions
(or a list of them, joined as alternatives) and keeps it.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from pathlib import Path

RULES_FILE = Path(__file__).with_name("rules") / "lexicon.toml"


@cache
def rules() -> dict:
    with RULES_FILE.open("rb") as handle:
        return tomllib.load(handle)


def get(path: str):
    """The value at ``section.key`` of the rules."""
    value = rules()
    for part in path.split("."):
        value = value[part]
    return value


@lru_cache(maxsize=512)
def pattern(path: str, **fill: str) -> re.Pattern:
    """The regular expression at ``path`` (a list is joined as alternatives); ``{name}`` is filled from ``fill``."""
    value = get(path)
    if isinstance(value, list):
        value = "|".join(f"(?:{v})" for v in value)
    for name, text in fill.items():
        value = value.replace("{" + name + "}", text)
    return _compile(value)


def _compile(text: str) -> re.Pattern:
    # (?i) anywhere in a rule makes that whole rule ignore case: Python accepts the flag only at the very start.
    return re.compile(text.replace("(?i)", ""), re.IGNORECASE if "(?i)" in text else 0)


def any_of(path: str, text: str) -> re.Match | None:
    """The first match in ``text`` of any pattern of the list at ``path``."""
    return pattern(path).search(text)


def ordered(path: str) -> list[tuple[re.Pattern, str]]:
    """A list of ``[pattern, value]`` pairs, compiled, in the file's order."""
    return _ordered(path)


@lru_cache(maxsize=64)
def _ordered(path: str) -> list[tuple[re.Pattern, str]]:
    return [(_compile(p), v) for p, v in get(path)]


def first_value(path: str, text: str) -> tuple[str, re.Match] | None:
    """The value of the first ``[pattern, value]`` pair of ``path`` whose pattern occurs in ``text``."""
    for regex, value in ordered(path):
        m = regex.search(text)
        if m:
            return value, m
    return None


@lru_cache(maxsize=256)
def patterns(path: str, **fill: str) -> tuple[re.Pattern, ...]:
    """Each regular expression of the list at ``path``, compiled on its own (they may share group names)."""
    out = []
    for value in get(path):
        for name, text in fill.items():
            value = value.replace("{" + name + "}", text)
        out.append(_compile(value))
    return tuple(out)


def finditer(path: str, text: str, **fill: str):
    """The matches of every pattern of the list at ``path`` in ``text``, in order of position."""
    found = [m for regex in patterns(path, **fill) for m in regex.finditer(text)]
    return sorted(found, key=lambda m: (m.start(), -len(m[0])))
