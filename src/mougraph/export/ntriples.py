"""The sorted N-Triples stream every export format starts from: a graph's lines, canonical blank nodes, sorted.

The lines are the graph's N-Triples (Oxigraph dumps them, literals as written through the store's restore map;
a graph in rdflib's memory store is written by rdflib's N-Triples serialiser), escaped as rdflib escapes, blank
nodes relabelled canonically (:mod:`mougraph.export.canonical`, over the triples that hold a blank
node only), sorted as bytes: both backends give the same lines. :class:`Source` computes them once for the
several formats of one export.
"""

from __future__ import annotations

import re
from itertools import islice

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from mougraph.errors import MougraphError
from mougraph.export.canonical import relabel
from mougraph.store import is_oxigraph
from mougraph.store.bulk import dump_ntriples
from mougraph.store.terms import graph_name
from mougraph.vocab import INFERRED_GRAPH

CHUNK = 1 << 16  #: lines per write

_OBJECT_BNODE = re.compile(rb" _:\S+ \.\s*$")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_UNESCAPE = {"t": "\t", "b": "\b", "f": "\f"}
_NT_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_NT_CHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _sort_key(triple):
    return tuple(term.n3() for term in triple)


class _KeptLabels(dict):
    """rdflib's N-Triples parser's blank nodes, keeping the labels of the document (it would make new ones)."""

    def get(self, label, default=None):
        return BNode(label)


def stable_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` with canonical blank nodes and sorted insertion order (for rdflib's serialisers)."""
    has_bnodes = any(isinstance(t, BNode) for triple in graph for t in triple)
    source = graph
    if has_bnodes:
        source = Graph(bind_namespaces="none")
        source.parse(data=joined(_canonical(_raw_lines(graph))).decode("utf-8"), format="nt",
                     bnode_context=_KeptLabels())
    stable = Graph(store="SimpleMemory", bind_namespaces="none")
    for prefix, ns in sorted(graph.namespaces()):
        stable.bind(prefix, ns, override=True, replace=True)
    for triple in sorted(source, key=_sort_key):
        stable.add(triple)
    return stable


def _rdflib_escape(match: re.Match) -> str:
    code = match.group(1)
    if code in _UNESCAPE:
        return _UNESCAPE[code]
    if code[0] in "uU" and len(code) > 1:
        char = chr(int(code[1:], 16))
        return char if ord(char) < 0x20 or ord(char) == 0x7F else match.group(0)
    return match.group(0)


def _nt_unescape(match: re.Match) -> str:
    short, long, char = match.groups()
    if short or long:
        return chr(int(short or long, 16))
    return _NT_CHARS.get(char, "\\" + char)


def unescaped(raw: bytes) -> bytes:
    """An N-Triples lexical form or IRI (as in a line, without its delimiters) with its escapes undone."""
    return _NT_ESCAPE.sub(_nt_unescape, raw.decode("utf-8")).encode("utf-8") if b"\\" in raw else raw


def _raw_lines(graph: Graph) -> list[bytes]:
    """The N-Triples lines (UTF-8, no newline, unsorted, blank nodes as stored) of ``graph``, escaped as rdflib does.

    An Oxigraph-backed graph is dumped by Oxigraph (literals as written); another graph by rdflib.
    """

    if not is_oxigraph(graph):
        try:
            data = graph.serialize(format="nt", encoding="utf-8")
        except Exception as exc:  # rdflib refuses an IRI RDF does not allow with a bare Exception
            raise MougraphError(f"cannot export: the graph holds a term that RDF does not allow ({exc}); fix the "
                                f"input it comes from (it was read with --lenient) and run the command again.") \
                from exc
        return [line for line in data.split(b"\n") if line.strip()]

    return dump_ntriples(graph.store, graph_name(graph.identifier), escaped=_rdflib_escaped)


def _rdflib_escaped(line: bytes) -> bytes:
    """An N-Triples line of Oxigraph's with escapes as rdflib writes them (Oxigraph escapes tabs and control
    characters, rdflib does not)."""
    return _ESCAPE.sub(_rdflib_escape, line.decode("utf-8")).encode("utf-8")


def _canonical(lines: list[bytes]) -> list[bytes]:
    """``lines`` with their blank nodes relabelled canonically (as :func:`stable_graph` does).

    Only the triples with a blank node are looked at: the canonical labels depend on those triples only.
    """
    blank = blank_lines(lines)
    if not blank:
        return lines
    drop = set(blank)
    lines = [line for line in lines if line not in drop]
    lines.extend(relabel(blank))
    return lines


def sorted_lines(*graphs: Graph) -> list[bytes]:
    """The sorted, distinct N-Triples lines of the union of ``graphs``, canonical blank nodes."""
    lines = _raw_lines(graphs[0])
    if len(graphs) > 1:
        merged = set(lines)
        for graph in graphs[1:]:
            merged.update(_raw_lines(graph))
        lines = list(merged)
    lines = _canonical(lines)
    lines.sort()  # UTF-8 bytes sort in code point order; the lines of a graph are distinct
    return lines


def readable(lines: list[bytes]) -> None:
    """Refuse (:class:`~mougraph.errors.MougraphError`) lines a strict N-Triples parser would not read back: an
    export never writes what cannot be read (a graph read with ``--lenient`` may hold an IRI RDF does not allow)."""
    try:
        for _quad in ox.parse(input=joined(lines), format=ox.RdfFormat.N_TRIPLES):
            pass
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        bad = lines[line - 1].decode("utf-8", "replace")[:300] if line and line <= len(lines) else ""
        reason = str(exc).split(": ", 1)[-1]
        raise MougraphError(f"cannot export: the graph holds a triple that RDF does not allow, so that no parser "
                            f"would read the export back ({reason}): {bad}\nFix the input it comes from (it was "
                            f"read with --lenient) and run the command again.") from None


def blank_lines(lines: list[bytes]) -> list[bytes]:
    """The N-Triples lines with a blank node as subject or object."""
    return [line for line in lines if b"_" in line and (line[0] == 95 or _OBJECT_BNODE.search(line))]


def joined(lines: list[bytes]) -> bytes:
    """``lines`` as one N-Triples document."""
    return b"\n".join(lines) + b"\n" if lines else b""


def quad_lines(lines: list[bytes], name: URIRef) -> list[bytes]:
    """N-Quads lines in graph ``name`` of N-Triples ``lines`` (each ends with `` .``); their order is kept."""
    suffix = f" {name.n3()} .".encode()
    return [line[:-2] + suffix for line in lines]


def write_lines(lines: list[bytes], write) -> None:
    """``lines`` as one N-Triples (or N-Quads) document, by calls of ``write(bytes)``."""
    for start in range(0, len(lines), CHUNK):
        write(b"\n".join(lines[start:start + CHUNK]) + b"\n")


class Source:
    """A graph and its inferred triples as sorted N-Triples lines, each set computed once (for several formats).

    ``memo`` keeps what a writer derives from the lines for the other formats of the same export.
    """

    def __init__(self, graph: Graph, inferred: Graph | None = None):
        self.graph = graph
        self.inferred = inferred if inferred is not None and len(inferred) else None
        self.graphs = [graph] if self.inferred is None else [graph, self.inferred]
        self._lines: dict[str, list[bytes]] = {}
        self.memo: dict = {}

    def lines(self, which: str = "union") -> list[bytes]:
        """The sorted lines of ``data`` (the graph), ``inferred`` or their ``union``."""
        if which == "union" and self.inferred is None:
            which = "data"
        found = self._lines.get(which)
        if found is None:
            if which == "union":
                inferred = self.lines("inferred")
                if blank_lines(inferred):  # label the blank nodes of both graphs together
                    found = sorted_lines(self.graph, self.inferred)
                else:  # the data's blank node labels are the union's: merge the two sorted runs
                    merged = self.lines("data") + inferred
                    merged.sort()  # two sorted runs; a triple in both graphs comes twice, side by side
                    found = [a for a, b in zip(merged, islice(merged, 1, None), strict=False) if a != b] + merged[-1:]
            else:
                found = sorted_lines(self.graph if which == "data" else self.inferred)
                readable(found)
            self._lines[which] = found
        return found

    def plus(self, inferred: Graph) -> Source:
        """This source's graph with ``inferred`` added, its lines not computed again: a published resource's
        four documents are its description plus a few lines about each document."""
        other = Source(self.graph, inferred)
        other._lines["data"] = self.lines("data")
        return other

    def quad_lines(self, graph_name: URIRef) -> list[bytes]:
        """N-Quads lines of both graphs (``graph_name`` for the data, :data:`INFERRED_GRAPH`), sorted."""
        if self.inferred is None:
            return quad_lines(self.lines("data"), graph_name)
        lines = quad_lines(self.lines("data"), graph_name) + quad_lines(self.lines("inferred"), INFERRED_GRAPH)
        lines.sort()  # two sorted runs
        return lines
