"""Serialise a graph to a file, deterministically (same graph -> same bytes).

Stability comes from two steps before any serialiser runs: blank nodes are
relabelled canonically (:func:`rdflib.compare.to_canonical_graph`) and the
triples are inserted, sorted, into an insertion-ordered store; line-based
formats are sorted afterwards and JSON-LD node lists are sorted by ``@id``.

Quad formats (nq, trig) put every triple in one named graph,
:data:`DATA_GRAPH` (``https://w3id.org/mougraph/id/graph/data``), so the
file can be loaded into a triple store next to other graphs.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph

from ._helpers import ID, MougraphError, atomic_write
from .resources import resource_dir

DATA_GRAPH = URIRef(f"{ID}graph/data")
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


def _dataset(graph: Graph, name: URIRef) -> Dataset:
    ds = Dataset()
    for prefix, ns in graph.namespaces():
        ds.bind(prefix, ns, override=True, replace=True)
    named = ds.graph(name)
    for triple in graph:
        named.add(triple)
    return ds


def _sorted_lines(text: str) -> bytes:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def serialize(graph: Graph, fmt: str, *, context=None, graph_name: URIRef = DATA_GRAPH) -> bytes:
    """``graph`` serialised as ``fmt`` (see :data:`FORMATS`); stable bytes."""
    fmt = normalize_format(fmt)
    stable = stable_graph(graph)
    if fmt == "nt":
        return _sorted_lines(stable.serialize(format="nt"))
    if fmt == "nq":
        return _sorted_lines(_dataset(stable, graph_name).serialize(format="nquads"))
    if fmt == "trig":
        return _dataset(stable, graph_name).serialize(format="trig", encoding="utf-8")
    if fmt == "jsonld":
        return _jsonld(stable, load_context() if context is None else context)
    return stable.serialize(format=FORMATS[fmt], encoding="utf-8")


def export(graph: Graph | None = None, fmt: str | None = None, out: str | Path | None = None,
           *, context=None, graph_name: URIRef = DATA_GRAPH) -> bytes:
    """Serialise ``graph`` (default: ontology + shipped data) and return the bytes.

    ``fmt`` is one of ttl, nt, nq, trig, jsonld, xml (or an alias); if omitted it
    is taken from the extension of ``out``. When ``out`` is given the bytes are
    also written there atomically.
    """
    fmt = normalize_format(fmt, out)
    if graph is None:
        from .store import load_all

        graph = load_all()
    data = serialize(graph, fmt, context=context, graph_name=graph_name)
    if out is not None:
        atomic_write(out, data)
    return data
