"""Serialise a graph to a file, deterministically (same graph -> same bytes).

Stability comes from two steps before any serialiser runs: blank nodes are
relabelled canonically (:func:`rdflib.compare.to_canonical_graph`) and the
triples are inserted, sorted, into an insertion-ordered store; line-based
formats are sorted afterwards and JSON-LD node lists are sorted by ``@id``.

Quad formats (nq, trig) put every asserted triple in one named graph,
:data:`DATA_GRAPH` (``https://w3id.org/mougraph/id/graph/data``), so the
file can be loaded into a triple store next to other graphs. Inferred triples
(:mod:`mougraph.rules`), when given, go to their own named graph
:data:`INFERRED_GRAPH` (``https://w3id.org/mougraph/id/graph/inferred``) in
quad formats, and are merged with the asserted ones in triple formats.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph

from ._helpers import ID, MougraphError, atomic_write
from .resources import resource_dir

DATA_GRAPH = URIRef(f"{ID}graph/data")
INFERRED_GRAPH = URIRef(f"{ID}graph/inferred")
CONTEXT_FILE = "mougraph.context.jsonld"

#: Our format names -> rdflib serializer names.
FORMATS: dict[str, str] = {
    "ttl": "longturtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "xml": "xml",
}
ALIASES = {
    "turtle": "ttl", "longturtle": "ttl", "ntriples": "nt", "n-triples": "nt",
    "nquads": "nq", "n-quads": "nq", "json-ld": "jsonld", "rdf": "xml",
    "rdfxml": "xml", "rdf/xml": "xml", "owl": "xml",
}
#: Output file extension -> format (used when no format is given).
EXTENSIONS = {
    ".ttl": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig", ".jsonld": "jsonld",
    ".json": "jsonld", ".rdf": "xml", ".owl": "xml", ".xml": "xml",
}
#: The file extension written by ``build`` for each format.
SUFFIXES = {"ttl": ".ttl", "nt": ".nt", "nq": ".nq", "trig": ".trig", "jsonld": ".jsonld", "xml": ".rdf"}


def normalize_format(fmt: str | None, out: str | Path | None = None) -> str:
    """Our format name from ``fmt`` or else from the extension of ``out``."""
    if fmt:
        name = ALIASES.get(fmt.lower(), fmt.lower())
        if name not in FORMATS:
            raise MougraphError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")
        return name
    if out is not None:
        suffix = Path(out).suffix.lower()
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
        raise MougraphError(
            f"cannot tell the format from the file name '{out}'; give -f {'|'.join(FORMATS)}"
        )
    raise MougraphError(f"no output format; give -f {'|'.join(FORMATS)} or an output file name")


def _sort_key(triple):
    return tuple(term.n3() for term in triple)


def stable_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` with canonical blank nodes and sorted insertion order."""
    has_bnodes = any(isinstance(t, BNode) for triple in graph for t in triple)
    source = to_canonical_graph(graph) if has_bnodes else graph
    stable = Graph(store="SimpleMemory", bind_namespaces="none")
    for prefix, ns in sorted(graph.namespaces()):
        stable.bind(prefix, ns, override=True, replace=True)
    for triple in sorted(source, key=_sort_key):
        stable.add(triple)
    return stable


def load_context() -> dict | None:
    """The ``@context`` value of ``ontology/mougraph.context.jsonld``, or None if absent."""
    path = resource_dir("ontology") / CONTEXT_FILE
    if not path.is_file():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MougraphError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
    return doc.get("@context", doc) if isinstance(doc, dict) else doc


def _jsonld(graph: Graph, context) -> bytes:
    if context is None:
        context = {p: str(ns) for p, ns in graph.namespaces() if p and p != "xml"}
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    nodes = doc.get("@graph") if isinstance(doc, dict) else doc
    if isinstance(nodes, list):
        nodes.sort(key=lambda node: json.dumps(node, sort_keys=True, ensure_ascii=False))
    return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _dataset(*parts: tuple[Graph, URIRef]) -> Dataset:
    ds = Dataset()
    for graph, _name in parts:
        for prefix, ns in graph.namespaces():
            ds.bind(prefix, ns, override=True, replace=True)
    for graph, name in parts:
        named = ds.graph(name)
        for triple in graph:
            named.add(triple)
    return ds


_OBJECT_BNODE = re.compile(rb" _:\S+ \.\s*$")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_UNESCAPE = {"t": "\t", "b": "\b", "f": "\f"}


def _rdflib_escape(match: re.Match) -> str:
    code = match.group(1)
    if code in _UNESCAPE:
        return _UNESCAPE[code]
    if code[0] in "uU" and len(code) > 1:
        char = chr(int(code[1:], 16))
        return char if ord(char) < 0x20 or ord(char) == 0x7F else match.group(0)
    return match.group(0)


def _oxigraph_lines(graph: Graph) -> list[bytes] | None:
    """N-Triples lines (UTF-8) of an Oxigraph-backed ``graph``, blank nodes labelled as :func:`stable_graph` does.

    Oxigraph writes the lines; only the triples with a blank node go through rdflib, to be relabelled
    canonically (the canonical labels depend on those triples only). None for other graphs.
    """
    from .store import is_oxigraph

    if not is_oxigraph(graph):
        return None
    from .oxigraph_store import dump_ntriples, graph_name

    lines = dump_ntriples(graph.store, graph_name(graph.identifier))
    if any(b"\\" in line for line in lines):  # Oxigraph escapes tabs and control characters, rdflib does not
        lines = [_ESCAPE.sub(_rdflib_escape, line.decode("utf-8")).encode("utf-8") if b"\\" in line else line
                 for line in lines]
    blank = [line for line in lines if b"_:" in line and (line.startswith(b"_:") or _OBJECT_BNODE.search(line))]
    if not blank:
        return lines
    drop = set(blank)
    lines = [line for line in lines if line not in drop]
    sub = Graph(bind_namespaces="none")
    sub.parse(data=b"\n".join(blank).decode("utf-8"), format="nt")
    lines.extend(line.encode("utf-8") for line in to_canonical_graph(sub).serialize(format="nt").split("\n") if line)
    return lines


def _sorted_byte_lines(lines: list[bytes]) -> bytes:
    """As :func:`_sorted_lines` (UTF-8 bytes sort in code point order, as str does)."""
    lines = [line for line in lines if line.strip()]
    lines.sort()  # the lines of a graph are distinct already
    return b"\n".join(lines) + b"\n" if lines else b""


def _sorted_lines(text: str) -> bytes:
    lines = sorted({line for line in text.split("\n") if line.strip()})  # N-Triples escape \r and \n in literals
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _union(graph: Graph, inferred: Graph) -> Graph:
    union = Graph(bind_namespaces="none")
    for prefix, ns in graph.namespaces():
        union.bind(prefix, ns, override=True, replace=True)
    union += graph
    union += inferred
    return union


def serialize(graph: Graph, fmt: str, *, context=None, graph_name: URIRef = DATA_GRAPH,
              inferred: Graph | None = None) -> bytes:
    """``graph`` serialised as ``fmt`` (see :data:`FORMATS`); stable bytes.

    ``inferred``: triples to add, in the named graph :data:`INFERRED_GRAPH` for nq and trig (``graph`` goes
    to ``graph_name``), merged with ``graph`` in the other formats. Inferred triples never hold blank nodes,
    so each graph's blank nodes are labelled on their own.
    """
    fmt = normalize_format(fmt)
    if inferred is not None and len(inferred) and fmt in ("nq", "trig"):
        parts = [(stable_graph(graph), graph_name), (stable_graph(inferred), INFERRED_GRAPH)]
        if fmt == "nq":
            return _sorted_lines(_dataset(*parts).serialize(format="nquads"))
        return _dataset(*parts).serialize(format="trig", encoding="utf-8")
    if inferred is not None and len(inferred):
        graph = _union(graph, inferred)
    if fmt in ("nt", "nq"):
        lines = _oxigraph_lines(graph)
        if lines is not None:  # the same bytes as below, without rdflib terms for every triple
            if fmt == "nq":
                name = f" {graph_name.n3()} .".encode("utf-8")
                lines = [line[:line.rindex(b" .")] + name for line in lines if line.strip()]
            return _sorted_byte_lines(lines)
    stable = stable_graph(graph)
    if fmt == "nt":
        return _sorted_lines(stable.serialize(format="nt"))
    if fmt == "nq":
        return _sorted_lines(_dataset((stable, graph_name)).serialize(format="nquads"))
    if fmt == "trig":
        return _dataset((stable, graph_name)).serialize(format="trig", encoding="utf-8")
    if fmt == "jsonld":
        return _jsonld(stable, load_context() if context is None else context)
    return stable.serialize(format=FORMATS[fmt], encoding="utf-8")


def export(graph: Graph | None = None, fmt: str | None = None, out: str | Path | None = None,
           *, context=None, graph_name: URIRef = DATA_GRAPH, inferred: Graph | None = None) -> bytes:
    """Serialise ``graph`` (default: ontology + shipped data) and return the bytes.

    ``fmt`` is one of ttl, nt, nq, trig, jsonld, xml (or an alias); if omitted it
    is taken from the extension of ``out``. When ``out`` is given the bytes are
    also written there atomically. ``inferred``: inferred triples to include
    (see :func:`serialize`).
    """
    fmt = normalize_format(fmt, out)
    if graph is None:
        from .store import load_all

        graph = load_all()
    data = serialize(graph, fmt, context=context, graph_name=graph_name, inferred=inferred)
    if out is not None:
        atomic_write(out, data)
    return data
