"""Check RDF files as Jena's ``riot --validate`` does: syntax (strict, see :mod:`mougraph.store.strict`) and
well-typed literals, no shapes. The logic of ``mougraph check``, usable from Python: :func:`check_files`.

A literal of an XSD datatype is ill-typed when its lexical form is not one its datatype allows
(``"2023-13-45"^^xsd:date``), as rdflib decides it (:attr:`rdflib.term.Literal.ill_typed`, the notion pySHACL and the
fast engine share; durations by XSD's own lexical rules, which rdflib reads too widely), or when its datatype is in
the XSD namespace but is none of XSD's (``xsd:Date``). The literals are looked at as the file writes them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from mougraph import formats
from mougraph.errors import LoadError
from mougraph.store import parse_file
from mougraph.store.backend import new_graph

#: XSD 1.1's built-in datatypes (https://www.w3.org/TR/xmlschema11-2/#built-in-datatypes), by local name.
XSD_TYPES = frozenset("""
    anySimpleType anyAtomicType string normalizedString token language Name NCName NMTOKEN NMTOKENS ID IDREF IDREFS
    ENTITY ENTITIES QName NOTATION anyURI boolean decimal integer nonPositiveInteger negativeInteger long int short
    byte nonNegativeInteger unsignedLong unsignedInt unsignedShort unsignedByte positiveInteger float double
    duration dayTimeDuration yearMonthDuration dateTime dateTimeStamp time date gYearMonth gYear gMonthDay gDay
    gMonth hexBinary base64Binary""".split())


@dataclass
class Problem:
    """One error found in a file: where (``file``, ``line`` when known) and what."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}{f':{self.line}' if self.line else ''}: {self.message}"


@dataclass
class CheckReport:
    """What :func:`check_files` found: the files checked, their triples, and the problems (errors)."""

    files: list[str] = field(default_factory=list)
    triples: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be read at all (missing, a folder, no permission), or None."""
    if path.is_dir():
        return "is a directory, not a file"
    if not path.is_file():
        return "file not found"
    if not os.access(path, os.R_OK):
        return "cannot be read (permission denied)"
    return None


#: XSD's duration types, whose lexical forms rdflib's parser takes too widely ("PT" and "-P1Y" as a
#: dayTimeDuration are no durations): the lexical spaces of XSD 1.1 part 2, 3.3.6, 3.4.26 and 3.4.27.
_DURATIONS = {
    "duration": re.compile(r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"),
    "dayTimeDuration": re.compile(r"-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"),
    "yearMonthDuration": re.compile(r"-?P(?=\d)(\d+Y)?(\d+M)?"),
}


def _is_ill_typed(lexical: str, datatype: str) -> bool:
    name = datatype[len(str(XSD)):]
    duration = _DURATIONS.get(name)
    return (name not in XSD_TYPES or Literal(lexical, datatype=URIRef(datatype)).ill_typed
            or (duration is not None and not duration.fullmatch(lexical)))


def _written(path: Path, graph: Graph):
    """(subject, predicate, lexical form, datatype) of the typed literals of the file as written: read again by
    Oxigraph's parser where it reads the format (rdflib's parser and Oxigraph's store rewrite some forms)."""
    fmt = formats.parser_for(path)
    oxformat = formats.oxigraph_parsers().get(fmt)
    if oxformat is None:
        for s, p, o in graph.triples((None, None, None)):
            if isinstance(o, Literal) and o.datatype is not None:
                yield s.n3(), p.n3(), str(o), str(o.datatype)
        return
    data = path.read_bytes()
    data = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    for q in ox.parse(input=data, format=oxformat, base_iri=path.resolve().as_uri(), lenient=True):
        o = q.object
        if isinstance(o, ox.Literal) and not o.language:
            yield str(q.subject), str(q.predicate), o.value, o.datatype.value


def ill_typed(path: Path, graph: Graph) -> list[tuple[str, str, str, str]]:
    """(subject, predicate, lexical form, datatype) of each ill-typed XSD literal of the file ``path`` (read into
    ``graph``), sorted."""
    return sorted({item for item in _written(path, graph)
                   if item[3].startswith(str(XSD)) and _is_ill_typed(item[2], item[3])})


def _line_of(text: str, lexical: str) -> int | None:
    at = text.find(f'"{lexical}"')
    at = at if at >= 0 else text.find(f"'{lexical}'")
    return text.count("\n", 0, at) + 1 if at >= 0 and lexical else None


def check_file(path: str | Path, *, shown: str | None = None) -> tuple[int, list[Problem]]:
    """(triples, problems) of one file. ``shown``: the name to give it in messages (``<stdin>``).

    Raises :class:`LoadError` for a file that cannot be read at all (missing, unknown extension)."""
    path = Path(path)
    name = shown or str(path)
    why = unreadable(path)
    if why:
        raise LoadError(f"{name}: {why}; check the path")
    graph = new_graph()
    try:
        parse_file(path, graph)
    except LoadError as exc:
        message = str(exc).replace(str(path), name)
        if "cannot tell the RDF format" in message:
            raise LoadError(message) from exc
        first = message.split("\n", 1)[0]
        head, _, rest = first.partition(": ")
        line = head.rsplit(":", 1)[-1] if head.count(":") else ""
        return 0, [Problem(name, int(line) if line.isdigit() else None, rest or first)]
    text = path.read_text(encoding="utf-8", errors="replace")
    problems = []
    for s, p, lexical, datatype in ill_typed(path, graph):
        short = "xsd:" + datatype[len(str(XSD)):]
        literal = f'"{lexical}"^^<{datatype}>'
        what = (f"ill-typed literal {literal}: not a valid {short}" if datatype[len(str(XSD)):] in XSD_TYPES else
                f"literal {literal}: {short} is not an XSD datatype")
        problems.append(Problem(name, _line_of(text, lexical), f"{what} (subject {s}, property {p})"))
    return len(graph), problems


def check_files(paths) -> CheckReport:
    """Check every file of ``paths`` (see the module documentation); a file that cannot be read raises
    :class:`LoadError`, every other problem is in the report."""
    report = CheckReport()
    for path in paths:
        triples, problems = check_file(path)
        report.files.append(str(path))
        report.triples += triples
        report.problems.extend(problems)
    return report
