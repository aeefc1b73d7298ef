"""Bounds on what input may ask of a parser: nesting depth, and the recursion the parsers are given.

Every parser mougraph uses descends recursively into nested structures: Oxigraph's SPARQL parser overflows the
process's stack (a segfault, which nothing can catch) at a few thousand nested groups; rdflib's parsers (pyparsing
for SPARQL, its Turtle, JSON-LD and RDF/XML readers) hit Python's recursion limit, and its evaluator and the
blank-node work after them slow down badly on deep trees. So the nesting of an input is measured first, by a
scan that does not recurse (:func:`nesting`), and input nested deeper than the limit is refused with its position,
well before any parser could fail: :data:`MAX_QUERY_DEPTH` for SPARQL, :data:`MAX_RDF_DEPTH` for RDF files. No
real query or data file comes near them (the shipped ones nest at most 6 deep; the endpoint is asked for 40).

rdflib's SPARQL parser needs about 25 Python frames per nested group, so with Python's default limit (1000) it
fails on a valid query of some 40 nested groups; :func:`headroom` raises the limit around rdflib's parsing and
evaluation, enough for :data:`MAX_QUERY_DEPTH` (the C stack of any thread easily holds that many frames).
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

#: Deepest nesting of groups, parentheses and brackets accepted in a SPARQL query. (Each level of nested blank node
#: brackets is one more triple pattern, and Oxigraph's query planner takes about cubic time in them: 100 levels take
#: 4 s to plan, even on an empty store.)
MAX_QUERY_DEPTH = 64
#: Deepest nesting of blank nodes, collections, JSON objects/arrays or XML elements accepted in an RDF file.
MAX_RDF_DEPTH = 256
#: Python's recursion limit while rdflib parses or evaluates (see the module documentation).
RECURSION_LIMIT = 12_000

# The tokens that can hide a bracket, and the brackets. Anything else is skipped by finditer.
_TURTLE_TOKENS = re.compile(
    r'#[^\n\r]*'                                   # comment
    r'|"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)'       # long strings (an unterminated one runs to the end)
    r"|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)"
    r'|"(?:[^"\\\n\r]|\\.)*"?'                     # short strings
    r"|'(?:[^'\\\n\r]|\\.)*'?"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'                  # IRI (in SPARQL, '<' may also be less-than: then skipped)
    r'|[][(){}]', re.DOTALL)
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[][{}]', re.DOTALL)
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")


@dataclass(frozen=True)
class TooDeep:
    """Where an input first nests deeper than the limit: its 1-based line and column, and the limit."""

    line: int
    column: int
    limit: int

    def where(self) -> str:
        return f"line {self.line}, column {self.column}"


def nesting(text: str, limit: int, syntax: str = "turtle") -> TooDeep | None:
    """Where ``text`` first nests ``(``, ``[`` or ``{`` deeper than ``limit`` (strings, IRIs and comments aside),
    or None. ``syntax``: ``turtle`` (Turtle, TriG, N3 and SPARQL) or ``json``."""
    tokens = _JSON_TOKENS if syntax == "json" else _TURTLE_TOKENS
    depth = 0
    for match in tokens.finditer(text):
        token = match.group()
        if len(token) != 1:
            continue
        if token in _OPEN:
            depth += 1
            if depth > limit:
                at = match.start()
                line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
                return TooDeep(text.count("\n", 0, at) + 1, at - line_start + 1, limit)
        elif token in _CLOSE:
            depth = max(0, depth - 1)
    return None


_lock = threading.Lock()
_raised = 0  # how many threads are inside headroom()
_before = sys.getrecursionlimit()


@contextmanager
def headroom() -> Iterator[None]:
    """Python's recursion limit raised to :data:`RECURSION_LIMIT` inside the block (rdflib's recursive parsers)."""
    global _raised, _before
    with _lock:
        if _raised == 0:
            _before = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_before, RECURSION_LIMIT))
        _raised += 1
    try:
        yield
    finally:
        with _lock:
            _raised -= 1
            if _raised == 0:
                sys.setrecursionlimit(_before)
