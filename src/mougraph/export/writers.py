"""One writer per export format, each from the sorted N-Triples lines of a :class:`~mougraph.export.ntriples.Source`.

- ``nt`` is those lines; ``nq`` the lines with their graph name, sorted;
- ``ttl`` and ``xml`` are written by pyoxigraph's serialisers from the sorted stream, and ``trig`` is one
  pyoxigraph Turtle block per named graph, in the order of the graph names: subjects come sorted, one
  predicate per line (the objects of a predicate on its line). The prefixes are the graph's bindings; Turtle
  and TriG get ``PREFIX`` lines sorted by name, only the ones the body uses;
- ``jsonld`` is compacted by :class:`mougraph.export.jsonld.Compactor`, or by rdflib's JSON-LD serialiser
  (:func:`rdflib_jsonld`) for a context or graph the compactor does not handle.

RDF/XML cannot write a property whose IRI does not end with an XML name (nor could rdflib): the export fails
with a message. A literal typed ``xsd:string`` (kept by rdflib's memory store, not by Oxigraph) is written as a
plain string outside N-Triples and N-Quads: in RDF 1.1 they are the same literal.
"""

from __future__ import annotations

import copy
import json
import re

import pyoxigraph as ox
from rdflib import Graph, URIRef

from mougraph.errors import MougraphError
from mougraph.export.jsonld import Compactor, Unsupported, load_context
from mougraph.export.ntriples import CHUNK, Source, joined, stable_graph, write_lines
from mougraph.vocab import INFERRED_GRAPH

_PREFIX_NAME = re.compile(r"(?:[A-Za-z][A-Za-z0-9_.-]*)?(?<!\.)\Z")
_HEADER_LINE = re.compile(rb"@prefix ([^:\s]*): <([^>]*)> \.\n")
#: pyoxigraph's (invalid) element for a property whose IRI does not end with an XML name
_BROKEN_XML_NAME = re.compile(rb'<([A-Za-z_][\w.-]*): xmlns:\1="([^"]*)"')


# --- Turtle, TriG, RDF/XML through pyoxigraph --------------------------------------------------------------

def _prefixes(graphs, fmt: str) -> dict[str, str]:
    """The prefixes bound on ``graphs`` (the first graph's win), sorted by name, that pyoxigraph can write."""
    found: dict[str, str] = {}
    for graph in graphs:
        for prefix, ns in graph.namespaces():
            found.setdefault(str(prefix), str(ns))
    out = {}
    for prefix, ns in sorted(found.items()):
        if not _PREFIX_NAME.match(prefix) or (fmt == "xml" and (not prefix or prefix.lower().startswith("xml"))):
            continue
        try:
            ox.NamedNode(ns)
        except ValueError:
            continue
        out[prefix] = ns
    return out


def _turtle(lines: list[bytes], prefixes: dict[str, str]) -> tuple[bytes, int, list[tuple[bytes, bytes]]]:
    """pyoxigraph's Turtle of N-Triples ``lines``: (the bytes, where its body starts, its ``@prefix`` pairs)."""
    data = ox.serialize(ox.parse(input=joined(lines), format=ox.RdfFormat.N_TRIPLES, lenient=True),
                        format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    pos, declared = 0, []
    while (match := _HEADER_LINE.match(data, pos)) is not None:
        declared.append((match.group(1), match.group(2)))
        pos = match.end()
    return data, pos, declared


def _source_turtle(source: Source, which: str, prefixes: dict[str, str]):
    """:func:`_turtle` of ``which`` lines of ``source``; kept when ttl and trig can share it (no inferred graph)."""
    if source.inferred is not None:
        return _turtle(source.lines(which), prefixes)
    key = tuple(prefixes.items())
    kept = source.memo.get("turtle")
    if kept is None or kept[0] != key:
        kept = source.memo["turtle"] = (key, _turtle(source.lines("data"), prefixes))
    return kept[1]


def _header(bodies) -> bytes:
    """Sorted ``PREFIX`` lines of the prefixes pyoxigraph declared that the ``bodies`` use, and a blank line."""
    declared = sorted({item for _data, _pos, pairs in bodies for item in pairs})
    used = [(p, ns) for p, ns in declared if any(data.find(p + b":", pos) >= 0 for data, pos, _pairs in bodies)]
    return b"".join(b"PREFIX %s: <%s>\n" % item for item in used) + b"\n" if used else b""


# --- JSON-LD by rdflib, where the compactor cannot ------------------------------------------------------------

def rdflib_jsonld(graph: Graph, context) -> bytes:
    """rdflib's JSON-LD of ``graph`` compacted with ``context``, nodes sorted, laid out as the compactor's."""
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    nodes = doc.get("@graph") if isinstance(doc, dict) else doc
    if isinstance(nodes, list):
        nodes.sort(key=lambda node: json.dumps(node, sort_keys=True, ensure_ascii=False))
    return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _fallback_graph(graphs) -> Graph:
    """The union of ``graphs`` in rdflib's memory store, ready for rdflib's serialisers."""
    if len(graphs) == 1:
        return stable_graph(graphs[0])
    union = Graph(bind_namespaces="none")
    for prefix, ns in graphs[0].namespaces():
        union.bind(prefix, ns, override=True, replace=True)
    for graph in graphs:
        union += graph
    return stable_graph(union)


# --- the writers ----------------------------------------------------------------------------------------------

def _nt(source: Source, context, graph_name: URIRef, write) -> None:
    write_lines(source.lines(), write)


def _nq(source: Source, context, graph_name: URIRef, write) -> None:
    if source.inferred is None:  # one graph: convert chunk by chunk
        suffix = f" {graph_name.n3()} .".encode()
        lines = source.lines("data")
        for start in range(0, len(lines), CHUNK):
            write(b"\n".join([line[:-2] + suffix for line in lines[start:start + CHUNK]]) + b"\n")
    else:
        write_lines(source.quad_lines(graph_name), write)


def _ttl(source: Source, context, graph_name: URIRef, write) -> None:
    body = _source_turtle(source, "union", _prefixes(source.graphs, "ttl"))
    write(_header([body]))
    write(memoryview(body[0])[body[1]:])


def _trig(source: Source, context, graph_name: URIRef, write) -> None:
    prefixes = _prefixes(source.graphs, "trig")
    parts = [(graph_name, "data")] + ([(INFERRED_GRAPH, "inferred")] if source.inferred is not None else [])
    bodies = [(name, _source_turtle(source, which, prefixes))
              for name, which in sorted(parts, key=lambda p: p[0].n3())]
    bodies = [(name, body) for name, body in bodies if len(body[0]) > body[1]]
    write(_header([body for _name, body in bodies]))
    for name, (data, pos, _pairs) in bodies:
        write(f"{name.n3()} {{\n\t".encode())
        write(data[pos:-1].replace(b"\n", b"\n\t"))  # pyoxigraph escapes line breaks in literals
        write(b"\n}\n")


def _xml(source: Source, context, graph_name: URIRef, write) -> None:
    data = ox.serialize(ox.parse(input=joined(source.lines()), format=ox.RdfFormat.N_TRIPLES, lenient=True),
                        format=ox.RdfFormat.RDF_XML, prefixes=_prefixes(source.graphs, "xml"))
    broken = _BROKEN_XML_NAME.search(data)
    if broken:  # pyoxigraph writes an invalid element name; rdflib cannot write the property either
        iri = broken.group(2).decode("utf-8", "replace")
        raise MougraphError(f"RDF/XML cannot name the property <{iri}> as an XML element (its IRI does not "
                            f"end with an XML name); export the graph in another format")
    if b"\r" in data:  # pyoxigraph writes carriage returns as they are: XML readers would drop them
        data = data.replace(b"\r", b"&#13;")
    write(data)


_LAST_COMPACTOR: list = []  # [(context, its Compactor)]: `publish` writes 100,000s of small documents, one context


def _compactor(context) -> Compactor:
    """The :class:`Compactor` of ``context``, kept for the next document with an equal one (its set-up and
    the context's JSON cost more than compacting a resource's description)."""
    kept = _LAST_COMPACTOR[:1]
    if kept and kept[0][0] == context:
        return kept[0][1]
    frozen = copy.deepcopy(context)  # the caller may change its dict afterwards
    compactor = Compactor(frozen)
    _LAST_COMPACTOR[:] = [(frozen, compactor)]
    return compactor


def _jsonld(source: Source, context, graph_name: URIRef, write) -> None:
    if context is None:
        context = load_context()
    if context is None:
        context = {p: str(ns) for p, ns in sorted(source.graph.namespaces()) if p and p != "xml"}
    try:
        compactor = _compactor(context)
        nodes = compactor.nodes(source.lines())
    except Unsupported:
        write(rdflib_jsonld(_fallback_graph(source.graphs), context))
        return
    compactor.write_document(nodes, write)


WRITERS = {"nt": _nt, "nq": _nq, "ttl": _ttl, "trig": _trig, "xml": _xml, "jsonld": _jsonld}


def emit(source: Source, fmt: str, context, graph_name: URIRef, write) -> None:
    """Write ``source`` as ``fmt`` (an export format's name) by calls of ``write(bytes)``.

    ``context``: the JSON-LD context (None: the context file, else the graph's prefixes); ``graph_name``: the
    named graph of the data in nq and trig (the inferred triples go to :data:`INFERRED_GRAPH`).
    """
    WRITERS[fmt](source, context, graph_name, write)
