"""What a file must be before any parser reads it into a graph: safe to parse, and strict RDF (as Jena's riot reads it).

Two checks, both run by :func:`mougraph.store.parse_file` on every backend, before the file is loaded:

- **Safe to parse** (:func:`check_safe`, always): nesting no deeper than :data:`mougraph.limits.MAX_RDF_DEPTH`
  (blank nodes and collections in Turtle and TriG, objects and arrays in JSON-LD, elements in RDF/XML), and no
  RDF/XML entity that could expand without bound: an entity declared with a reference to another entity, one
  longer than :data:`MAX_ENTITY`, an external or a parameter entity are refused (the "billion laughs"); the
  plain abbreviations OWL tools write (``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``) are read.
- **Strict syntax** (:func:`check_syntax`): the file is parsed by Oxigraph's strict parser, which rejects what RDF
  does not allow and rdflib or a lenient parser would keep: IRIs with spaces, ``|``, backticks, ``^``, tabs or
  a bad ``%`` escape, relative IRIs where an absolute one is needed, malformed language tags, characters outside
  the grammar. Its error names the file, line and column. A byte-order mark at the start of a file is allowed.
  With *lenient* reading (``mougraph --lenient``, :func:`lenient`), the error is a warning and the file is read
  as before.

A blank node as a predicate (generalized RDF, which rdflib's JSON-LD reader produces) is refused by
:func:`check_terms` (with a relative IRI, which rdflib's RDF/XML reader leaves in a datatype).
"""

from __future__ import annotations

import logging
import re
import xml.parsers.expat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from mougraph import formats, limits
from mougraph.errors import LoadError

#: Longest replacement text of an RDF/XML entity declaration read (namespace abbreviations are far shorter).
MAX_ENTITY = 4096
_BOM = b"\xef\xbb\xbf"
_log = logging.getLogger("mougraph")
_state = {"lenient": False}


def is_lenient() -> bool:
    """True when strict syntax errors are warnings (``mougraph --lenient``)."""
    return _state["lenient"]


def configure(lenient: bool) -> None:
    """Read files leniently (strict syntax errors as warnings) in this process, or strictly (the default)."""
    _state["lenient"] = bool(lenient)


@contextmanager
def lenient(on: bool = True) -> Iterator[None]:
    """Read files leniently (``on``) or strictly inside the block; the earlier choice is back after it."""
    before = _state["lenient"]
    _state["lenient"] = on
    try:
        yield
    finally:
        _state["lenient"] = before


def readable(fmt: str, data: bytes) -> bytes:
    """``data`` as every parser reads it: without a leading byte-order mark (which not all of them skip), and, for
    N-Triples and N-Quads, with CR line ends made LF (rdflib's and mougraph's line scans split at LF; a CR cannot be
    in a term unescaped). ``data`` itself when nothing changes."""
    body = data[len(_BOM):] if data.startswith(_BOM) else data
    if fmt in ("nt", "nquads") and b"\r" in body:
        body = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return body


def _fix(path: Path, line: int | None) -> str:
    at = f" at line {line}" if line else ""
    return f"Fix the file {path}{at} and run the command again."


def check_safe(path: Path, fmt: str, data: bytes) -> None:
    """Refuse (:class:`LoadError`) a file nested too deep or declaring RDF/XML entities that could expand."""
    if fmt in ("xml", "trix"):
        _check_xml(path, fmt, data)
        return
    syntax = "json" if fmt == "json-ld" else "turtle" if fmt in ("turtle", "trig", "n3") else None
    if syntax is None:
        return
    deep = limits.nesting(data.decode("utf-8", "replace"), limits.MAX_RDF_DEPTH, syntax)
    if deep is not None:
        raise LoadError(f"{path}:{deep.line}: invalid {fmt} input at {deep.where()}: nested more than {deep.limit} "
                        f"deep (blank nodes, collections{', objects or arrays' if syntax == 'json' else ''} inside "
                        f"one another); mougraph refuses deeper nesting, which no parser would read safely.\n"
                        f"{_fix(path, deep.line)}")


class _Refused(Exception):
    def __init__(self, line: int, why: str):
        super().__init__(why)
        self.line, self.why = line, why


def _check_xml(path: Path, fmt: str, data: bytes) -> None:
    """One pass of expat over RDF/XML ``data``: its entity declarations and its element depth."""
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    def entity(name, is_parameter, value, _base, system_id, _public_id, _notation):
        if is_parameter or value is None or system_id:
            why = f"the entity '{name}' is {'a parameter' if is_parameter else 'an external'} entity"
        elif "&" in value or "%" in value:
            why = f"the entity '{name}' refers to other entities (entities that expand into entities can grow " \
                  f"without bound)"
        elif len(value) > MAX_ENTITY:
            why = f"the entity '{name}' is longer than {MAX_ENTITY} characters"
        else:
            return
        raise _Refused(parser.CurrentLineNumber, why)

    def start(_name, _attrs):
        nonlocal depth
        depth += 1
        if depth > limits.MAX_RDF_DEPTH:
            raise _Refused(parser.CurrentLineNumber, f"elements nest more than {limits.MAX_RDF_DEPTH} deep; "
                                                     f"mougraph refuses deeper nesting, which no parser reads safely")

    def end(_name):
        nonlocal depth
        depth -= 1

    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise LoadError(f"{path}:{exc.line}: invalid {fmt} input at line {exc.line}: {exc.why}. Write the values "
                        f"in place of the entities.\n{_fix(path, exc.line)}") from None
    except xml.parsers.expat.ExpatError as exc:
        raise LoadError(f"{path}:{exc.lineno}: invalid {fmt} syntax at line {exc.lineno}, column {exc.offset + 1}: "
                        f"{xml.parsers.expat.ErrorString(exc.code)}\n{_fix(path, exc.lineno)}") from None


def _oxigraph_reason(exc: BaseException) -> tuple[int | None, int | None, str]:
    """(line, column, reason) of an error of Oxigraph's parser."""
    message = str(exc).strip()
    line = getattr(exc, "lineno", None) or None
    column = getattr(exc, "offset", None) or None
    reason = message.split(": ", 1)[1] if message.startswith("Parser error") and ": " in message else message
    if reason.endswith(")") and " (line " in reason:
        reason = reason[:reason.rfind(" (line ")]
    return line, column, reason.splitlines()[0] if reason else type(exc).__name__


def _suffixes(needle: str) -> list[str]:
    """``needle``, then what follows each of its ``#``, ``/`` and ``:`` in turn: an IRI a JSON-LD or RDF/XML
    reader expanded from a compact IRI or a relative reference is written in the file as its end only."""
    cuts = [i + 1 for i, c in enumerate(needle) if c in "#/:" and len(needle) - i > 4]
    return [needle, *(needle[i:] for i in cuts)]


def locate(data: bytes, reason: str) -> int | None:
    """The line of ``data`` holding what an error message without a position quotes (for Oxigraph's RDF/XML
    parser and rdflib's readers): the longest quoted text (at least 8 characters, or spanning lines; a shorter one
    only as a whole JSON string, e.g. a JSON-LD key), else the element or attribute of an unknown prefix. A quoted
    IRI not in the file is looked for by its end (see :func:`_suffixes`); a JSON-LD "@container" error, by the
    value at fault; an RDF/XML element outside any namespace by its start."""
    text = data.decode("utf-8", "replace")
    found = re.findall(r"'([^']+)'?", reason, re.DOTALL) + re.findall(r"<([^<>\s]+)>", reason)
    quoted = [q for q in found if len(q) >= 8 or "\n" in q]
    short = [f'"{q}"' for q in found if 2 <= len(q) < 8]
    prefixes = re.findall(r"[Uu]nknown prefix (\S+:)", reason)
    needles = ([s for q in sorted(quoted, key=len, reverse=True) for s in _suffixes(q)] + short
               + [f"{c}{p}" for p in prefixes for c in "< "])
    for needle in needles:
        at = text.find(needle)
        if at >= 0:
            return text.count("\n", 0, at + len(needle) - len(needle.lstrip())) + 1
    if "namespaces are required" in reason:
        return _without_namespace(data)
    return _bad_container(text) if "@container" in reason else None


def _without_namespace(data: bytes) -> int | None:
    """The line of the first RDF/XML element outside any namespace (Oxigraph's error about it quotes nothing)."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(name, _attrs):
        if " " not in name:
            raise _Refused(parser.CurrentLineNumber, name)

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        return exc.line
    except xml.parsers.expat.ExpatError:
        pass  # (malformed before any such element)
    return None


#: The values a JSON-LD 1.1 ``@container`` may hold (alone, or some together in an array).
_CONTAINERS = {"@list", "@set", "@index", "@language", "@id", "@type", "@graph"}


def _bad_container(text: str) -> int | None:
    """The line of the first JSON-LD ``@container`` value that is no container keyword (the JSON-LD readers' error
    about it quotes nothing)."""
    for match in re.finditer(r'"@container"\s*:\s*(\[[^\]]*\]|"[^"]*")', text):
        values = re.findall(r'"([^"]*)"', match.group(1))
        if not values or any(v not in _CONTAINERS for v in values):
            return text.count("\n", 0, match.start()) + 1
    return None


def _check_utf8(path: Path, fmt: str, body: bytes) -> None:
    """Refuse bytes that are not UTF-8, wherever they are: these formats are UTF-8 throughout, and Oxigraph skips a
    comment unread while rdflib's readers fail on it without a position."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        column = exc.start - (body.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(f"{path}:{line}: invalid {fmt} syntax at line {line}, byte {column}: the byte "
                        f"0x{body[exc.start]:02x} is not UTF-8 ({exc.reason}); {fmt} files are UTF-8 throughout, "
                        f"comments included.\nSave the file as UTF-8. {_fix(path, line)}") from None


def check_syntax(path: Path, fmt: str, data: bytes) -> None:
    """Parse ``data`` with Oxigraph's strict parser; its first error is a :class:`LoadError`, or a warning when
    reading leniently. Formats Oxigraph does not parse (N3, TriX) are not checked.

    Both backends get Oxigraph's judgement (rdflib's parsers accept some malformed input), and its message, which
    names the line.
    """
    body = data[len(_BOM):] if data.startswith(_BOM) else data
    if fmt not in ("xml", "trix"):  # (an XML parser reads the encoding the document declares)
        _check_utf8(path, fmt, body)
    oxformat = formats.oxigraph_parsers().get(fmt)
    if oxformat is None:
        return
    try:
        for _quad in ox.parse(input=body, format=oxformat, base_iri=path.resolve().as_uri()):
            pass
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        try:  # is it malformed whatever the strictness, or only what strict RDF refuses?
            for _quad in ox.parse(input=body, format=oxformat, base_iri=path.resolve().as_uri(), lenient=True):
                pass
            only_strict = True
        except (SyntaxError, ValueError, UnicodeDecodeError):
            only_strict = False
        if is_lenient():
            if only_strict:
                line, column, reason = _oxigraph_reason(exc)
                _log.warning("warning: %s:%s: %s (read anyway: --lenient)", path, line or "", reason)
            return  # (a lenient reader decides)
        line, column, reason = _oxigraph_reason(exc)
        line = line or locate(body, str(exc))
        lines = max(1, body.count(b"\n") + (0 if body.endswith(b"\n") else 1))
        if line and line > lines:  # the end of the input, after its last line break
            at = f" at the end of the file (line {lines})"
            line = lines
        else:
            at = f" at line {line}" + (f", column {column}" if column else "") if line else ""
        hint = " (mougraph --lenient reads it anyway, with a warning.)" if only_strict else ""
        raise LoadError(f"{path}{f':{line}' if line else ''}: invalid {fmt} syntax{at}: {reason}\n"
                        f"{_fix(path, line)}{hint}") from None


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def check_terms(graph: Graph, path: Path, fmt: str) -> None:
    """Refuse what rdflib's readers (JSON-LD, RDF/XML) let through and RDF does not allow: a blank node as a
    predicate (generalized RDF: a JSON-LD property mapped to a blank node identifier), a relative IRI (an RDF/XML
    ``rdf:datatype`` is not resolved against the base) and an IRI with characters IRIs do not allow."""
    quads = graph.quads((None, None, None, None)) if isinstance(graph, Dataset) else graph.triples((None, None, None))
    for s, p, o, *_graph in quads:
        if isinstance(p, BNode):
            _refuse(path, fmt, f"a property is a blank node ({p.n3()}), which RDF does not allow (generalized RDF); "
                               f"map the property to an IRI (in JSON-LD, not to \"_:…\")", None)
        datatype = o.datatype if isinstance(o, Literal) else None
        for iri in (s, p, o, datatype):
            if isinstance(iri, URIRef):
                if not _SCHEME.match(iri):
                    why = " (rdf:datatype is not resolved against the base)" if iri == datatype else ""
                    _refuse(path, fmt, f"the IRI <{iri}> is relative, and RDF needs absolute IRIs{why}; write it in "
                                       f"full", str(iri))
                try:
                    ox.NamedNode(iri)
                except ValueError as exc:
                    _refuse(path, fmt, f"<{iri}> is not an IRI RDF allows ({exc})", str(iri))


def _refuse(path: Path, fmt: str, why: str, needle: str | None):
    line = locate(path.read_bytes(), f"'{needle}'") if needle else None
    where = f"{path}:{line}: invalid {fmt} input at line {line}" if line else f"{path}: invalid {fmt} input"
    raise LoadError(f"{where}: {why}.\n{_fix(path, line)}")
