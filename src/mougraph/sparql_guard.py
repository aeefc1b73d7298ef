"""SERVICE, the SPARQL that makes the engine send requests to other hosts: refused unless its hosts are allowed.

Both engines that run mougraph's SPARQL (Oxigraph, rdflib) execute ``SERVICE <iri> { ... }`` by sending an HTTP
request to ``iri``. On a server, that lets anyone who can send a query make it call any host it can reach (its own
network, a cloud metadata address, ...), and neither engine can be told not to. So every query is looked
at before it runs (:func:`check`), and one that may hold a SERVICE is refused.

The look errs on the side of refusing: a query is refused when any way an engine could read it holds the keyword.

- It is read as written and with the codepoint escapes ``\\uXXXX``/``\\UXXXXXXXX`` replaced (the SPARQL grammar
  applies them anywhere in the text before parsing; rdflib also takes ``\\U`` with four digits and ``\\u`` with
  eight).
- Words inside comments, strings, IRIs, variable names (``?service``) and the local part of prefixed names
  (``ex:service``) are not keywords. Anywhere else "service" counts, even inside a longer word: Oxigraph reads
  ``1SERVICE`` as the number 1 and the keyword.
- ``<`` starts an IRI or is the less-than operator. When the two readings would go on differently (a quote or a
  ``#`` inside what would be the IRI), both are followed. A comment ends at a line break, which engines tell
  apart differently: each end is followed, and so is each end of a long string followed by more quotes.
- A word counts when what follows it could be the rest of a SERVICE clause (``[SILENT] target {``), so that an
  IRI such as ``<http://www.w3.org/ns/sparql-service-description#Service>``, read as operators, is not refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from rdflib import Variable

from mougraph import limits
from mougraph.errors import QueryError

_SPEC_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_RDFLIB_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4}(?:[0-9A-Fa-f]{4})?)", re.IGNORECASE)

# SPARQL 1.1 grammar, section 19.8
_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F"
         "\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_NAME = _BASE + "_0-9\u00B7\u0300-\u036F\u203F-\u2040"  # VARNAME characters; PN_CHARS without '-'
_VARIABLE = re.compile(f"[?$][{_NAME}]+")
_RUN = re.compile(f"[{_NAME}.-]+")  # a bare word: a keyword, a number, a prefix, a language tag, ...
_LOCAL = re.compile(rf"(?:[{_NAME}:]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%])"
                    rf"(?:[{_NAME}:-]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%])*")  # no '.': it may end a triple
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_KEYWORD = re.compile("service", re.IGNORECASE)
_SILENT = re.compile("silent", re.IGNORECASE)
#: Where a comment may end, by engine: any line break (the earliest), CR or LF (the grammar), LF only (rdflib).
_COMMENT_ENDS = (re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"), re.compile("[\n\r]"), re.compile("\n"))
_LINE_BREAK = re.compile("[\n\r]")


def readings(text: str) -> list[str]:
    """``text`` as written and with its codepoint escapes replaced, as each engine may read it."""
    def expand(match: re.Match) -> str:
        try:
            return chr(int(match.group(match.lastindex), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    out = [text]
    for pattern in (_SPEC_ESCAPE, _RDFLIB_ESCAPE):
        expanded = pattern.sub(expand, text)
        if expanded not in out:
            out.append(expanded)
    return out


def _comment_ends(text: str, i: int) -> set[int]:
    """The positions after the comment starting at ``i``, one per way of ending it."""
    ends = set()
    for pattern in _COMMENT_ENDS:
        match = pattern.search(text, i)
        ends.add(match.end() if match else len(text))
    return ends


def _string_ends(text: str, i: int) -> list[int]:
    """The positions after the string starting at ``i`` (an unterminated short one ends at its line's end).

    A long string ends at the first unescaped triple quote (the grammar); when more quotes follow, also after them,
    as a parser that reads them into the string would.
    """
    quote, n = text[i], len(text)
    if text.startswith(quote * 3, i):
        j = i + 3
        while j < n:
            if text[j] == "\\":
                j += 2
            elif text.startswith(quote * 3, j):
                ends = [j + 3]
                while ends[-1] < n and text[ends[-1]] == quote and len(ends) < 3:
                    ends.append(ends[-1] + 1)
                return ends
            else:
                j += 1
        return [n]
    j = i + 1
    while j < n:
        if text[j] == "\\":
            j += 2
        elif text[j] == quote:
            return [j + 1]
        elif _LINE_BREAK.match(text, j):
            return [j]
        else:
            j += 1
    return [n]


def _gap_end(text: str, i: int, comment_end: re.Pattern) -> int:
    """The position after the white space and comments at ``i``."""
    n = len(text)
    while i < n:
        if text[i].isspace():
            i += 1
        elif text[i] == "#":
            match = comment_end.search(text, i)
            i = match.end() if match else n
        else:
            break
    return i


def _clause_follows(text: str, i: int) -> bool:
    """True when the text after a keyword at ``i`` could be the rest of a SERVICE clause: [SILENT] target ``{``.

    Lenient on purpose (any target; each way of ending comments): it only spares words that cannot be the keyword.
    """
    n = len(text)
    for comment_end in _COMMENT_ENDS:
        j = _gap_end(text, i, comment_end)
        silent = _SILENT.match(text, j)
        if silent:
            j = _gap_end(text, silent.end(), comment_end)
        if j < n and text[j] == "<":
            close = text.find(">", j)
            if close < 0:
                continue
            j = close + 1
        else:
            while j < n and not text[j].isspace() and text[j] not in "{#":
                j += 2 if text[j] == "\\" else 1
        j = _gap_end(text, j, comment_end)
        if j < n and text[j] == "{":
            return True
    return False


def keyword_positions(text: str) -> set[int]:
    """Where in ``text`` (one reading: see :func:`readings`) a SERVICE keyword may start."""
    n = len(text)
    found: set[int] = set()
    todo, seen = [0], set()
    while todo:
        i = todo.pop()
        while i < n and i not in seen:
            seen.add(i)
            ch = text[i]
            if ch.isspace():
                i += 1
            elif ch == "#":
                first, *others = sorted(_comment_ends(text, i))
                todo.extend(others)
                i = first
            elif ch in "'\"":
                i, *others = _string_ends(text, i)
                todo.extend(others)
            elif ch == "<":
                iri = _IRIREF.match(text, i)
                if iri is None:
                    i += 1
                else:
                    if "'" in iri.group() or "#" in iri.group():  # as the operator '<', a string or comment starts
                        todo.append(i + 1)
                    i = iri.end()
            elif (variable := _VARIABLE.match(text, i)) is not None:
                i = variable.end()
            elif (run := _RUN.match(text, i)) is not None:
                for keyword in _KEYWORD.finditer(text, run.start(), run.end()):
                    if _clause_follows(text, keyword.end()):
                        found.add(keyword.start())
                i = run.end()
                if i < n and text[i] == ":":
                    local = _LOCAL.match(text, i + 1)
                    i = local.end() if local else i + 1
            elif ch == ":":
                local = _LOCAL.match(text, i + 1)
                i = local.end() if local else i + 1
            else:
                i += 1
    return found


def service_count(text: str) -> int:
    """How many SERVICE keywords ``text`` may hold, in the reading that finds most (0: none in any reading)."""
    return max(len(keyword_positions(reading)) for reading in readings(text))


def _service_targets(text: str) -> list:
    """The target of each SERVICE clause as rdflib reads the query: an IRI (``URIRef``) or a ``Variable``."""
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    targets = []

    def walk(node):
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                targets.append(node.get("term"))
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    with limits.headroom():
        walk(prepareQuery(text).algebra)
    return targets


def _host_allowed(iri: str, allowed: Iterable[str]) -> bool:
    """True when ``iri`` is an http(s) IRI on a host of ``allowed`` (``host`` any port, ``host:port`` that port)."""
    try:
        parts = urlsplit(iri)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return False
    for item in allowed:
        try:
            want = urlsplit("//" + item.strip())
            if want.hostname == parts.hostname and want.port in (None, port):
                return True
        except ValueError:
            continue
    return False


def check_depth(text: str, name: str = "<query>") -> None:
    """Refuse (:class:`~mougraph.errors.QueryError`) a query nested deeper than :data:`mougraph.limits.MAX_QUERY_DEPTH`:
    the parsers would overflow the stack (see :mod:`mougraph.limits`)."""
    deep = limits.nesting(text, limits.MAX_QUERY_DEPTH)
    if deep is not None:
        raise QueryError(f"{name}: invalid SPARQL at {deep.where()}: groups, brackets and parentheses nest more than "
                         f"{deep.limit} deep here; mougraph refuses deeper queries (its parsers would run out of "
                         f"stack). Flatten the query: a group inside a group with nothing else is the same group.")


def check(text: str, name: str = "<query>", allow: Iterable[str] = ()) -> None:
    """Refuse (:class:`~mougraph.errors.QueryError`) a query that may hold SERVICE, unless each SERVICE calls an
    ``allow``ed host.

    Refuses first a query nested too deep (:func:`check_depth`): every caller runs this check before parsing.

    ``allow``: host names (``example.org``) or host:port pairs whose SERVICE calls may run; the target of each SERVICE
    must then be an http(s) IRI on one of them (a variable target is refused).
    """
    check_depth(text, name)
    count = service_count(text)
    if not count:
        return
    allow = [item for item in allow if item.strip()]
    why = (f"{name}: SERVICE is refused: it would make mougraph send requests to another host (the SPARQL engine "
           f"calls the IRI after SERVICE over HTTP)")
    if not allow:
        raise QueryError(f"{why}. To run it, allow the hosts it calls: mougraph query --allow-service HOST "
                            f"(repeatable); the web endpoint never allows SERVICE. Or remove the SERVICE clause.")
    try:
        targets = _service_targets(text)
    except Exception as exc:  # noqa: BLE001 (rdflib cannot read it: its SERVICE targets cannot be checked)
        raise QueryError(f"{why}, and its SERVICE targets cannot be told apart ({exc}); remove the SERVICE "
                            f"clause or write it plainly: SERVICE <http://HOST/...> {{ ... }}") from exc
    if len(targets) < count:
        raise QueryError(f"{why}, and not every SERVICE in it can be told apart (a word 'service' where the "
                            "query could call a host); write each SERVICE plainly: "
                            "SERVICE <http://HOST/...> { ... }")
    for target in targets:
        if isinstance(target, Variable) or not _host_allowed(str(target), allow):
            what = f"?{target}" if isinstance(target, Variable) else f"<{target}>"
            raise QueryError(f"{why}: SERVICE {what} is not on an allowed host (--allow-service "
                                f"{' '.join(allow)}); a SERVICE target must be an http(s) IRI on one of them")
