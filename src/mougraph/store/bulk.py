"""Quads in and out of an Oxigraph store in bulk: files loaded, graphs copied, graphs dumped as N-Triples.

N-Triples and N-Quads go through pyoxigraph's bulk loader (the raw bytes are scanned for literals Oxigraph would
rewrite: :mod:`mougraph.store.literals`), Turtle and TriG through pyoxigraph's parser. The triples of every graph
of a file, default and named, go into the graph it is loaded into.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from mougraph import formats
from mougraph.store.literals import remembered, rewritten_lines
from mougraph.store.oxigraph import OxigraphStore
from mougraph.store.terms import DEFAULT_GRAPH, from_ox, graph_name, to_ox

#: Formats read by pyoxigraph, by rdflib parser name (the others are read by rdflib: see :mod:`mougraph.formats`).
FORMATS = formats.oxigraph_loads()
_PREFIX_RE = re.compile(r'(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*|)\s*:\s*<([^>]*)>', re.IGNORECASE)



def load(store: OxigraphStore, path: str | Path, fmt: str, to_graph=DEFAULT_GRAPH, *,
         data: bytes | None = None) -> list[tuple[str, str]]:
    """Load the file ``path`` (rdflib format name ``fmt``; its bytes ``data``, when given, are read instead) into
    ``to_graph`` of ``store``; its prefixes.

    The triples of every graph of the file, default and named, go into ``to_graph``.

    Raises pyoxigraph's ``SyntaxError`` for a malformed file (part of it may have been loaded: the caller
    drops the graph) and ``ValueError`` for a format it does not read.
    """
    path = Path(path)
    base = path.resolve().as_uri()
    oxformat = FORMATS.get(fmt)
    if oxformat is None:
        raise ValueError(f"no Oxigraph parser for {fmt}")
    if oxformat in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        data = path.read_bytes() if data is None else data
        lines, rewritten = rewritten_lines(data, {(o.value, o.datatype.value) for _s, _p, o, _g in store.restore})
        special = list(ox.parse(input=b"".join(line if line.endswith(b"\n") else line + b"\n" for line in lines),
                                format=oxformat, lenient=True)) if lines else []
        if not any(isinstance(q.subject, ox.BlankNode) or isinstance(q.graph_name, ox.BlankNode) for q in special):
            special = list(_retarget(special, to_graph))
            rewrites = [(q, ox.Quad(q.subject, q.predicate, form, q.graph_name)) for q in special
                        if (form := rewritten.get((q.object.value, q.object.datatype.value))) is not None]
            held = {quad for _q, quad in rewrites if quad in store.inner}  # before this file
            if oxformat is ox.RdfFormat.N_QUADS:  # (bulk_load would leave the quads of named graphs in them)
                store.inner.bulk_extend(_retarget(ox.parse(input=data, format=oxformat, base_iri=base, lenient=True,
                                                           rename_blank_nodes=True), to_graph))
            else:
                store.inner.bulk_load(input=data, format=oxformat, base_iri=base, lenient=True, to_graph=to_graph)
            for q, quad in rewrites:
                store.restore.remember(quad, from_ox(q.object), held=quad in held)
            for q in special:  # those written as stored: a form of their own if their quad was written otherwise
                if (q.object.value, q.object.datatype.value) not in rewritten:
                    store.restore.also_as_stored(q)
            return []
        parser = ox.parse(input=data, format=oxformat, base_iri=base, lenient=True, rename_blank_nodes=True)
    elif data is not None:
        parser = ox.parse(input=data, format=oxformat, base_iri=base, lenient=True, rename_blank_nodes=True)
    else:
        parser = ox.parse(path=path, format=oxformat, base_iri=base, lenient=True, rename_blank_nodes=True)
    store.inner.bulk_extend(remembered(store.restore, store.inner, _retarget(parser, to_graph)))
    prefixes = dict(parser.prefixes)
    if oxformat in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):  # bind them in file order, as rdflib does
        order: dict[str, str] = {}
        text = (path.read_bytes() if data is None else data).decode("utf-8", errors="replace")
        for prefix, _ns in _PREFIX_RE.findall(text):
            order.setdefault(prefix, _ns)
        rank = {prefix: i for i, prefix in enumerate(order)}
        prefixes = dict(sorted(prefixes.items(), key=lambda item: rank.get(item[0], len(rank))))
    return list(prefixes.items())


def _retarget(quads, to_graph):
    """``quads`` moved into ``to_graph``, whatever graph they were in: the graph a file is loaded into holds the
    triples of its default graph and of all its named graphs (TriG, N-Quads)."""
    for q in quads:
        yield q if q.graph_name == to_graph else ox.Quad(q.subject, q.predicate, q.object, to_graph)


def copy_graph(source: OxigraphStore, source_name, target: OxigraphStore, target_name) -> None:
    """Copy one graph between (or within) stores, with its restore map, without making rdflib terms."""
    target.inner.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, target_name)
                             for q in source.inner.quads_for_pattern(None, None, None, source_name))
    source.restore.copy_graph(source_name, target.restore, target_name)


def copy_into(graph: Graph, target: OxigraphStore, target_name) -> None:
    """Copy any rdflib graph, in Oxigraph or not, into the named graph ``target_name`` of ``target``, restore map
    included."""
    if isinstance(graph.store, OxigraphStore):
        copy_graph(graph.store, graph_name(graph.identifier), target, target_name)
    else:
        target.addN((s, p, o, from_ox(target_name)) for s, p, o in graph)


def dump_ntriples(store: OxigraphStore, name=DEFAULT_GRAPH, *,
                  escaped: Callable[[bytes], bytes] | None = None) -> list[bytes]:
    """The N-Triples lines (UTF-8, unsorted, without their newline) of one graph, literals as written.

    ``escaped``: rewrites each line that holds an escape (a backslash), e.g. as another writer escapes it. (The
    lines are looked at one by one only when the graph has a backslash at all: there may be millions.)
    """
    data = store.inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    escapes = b"\\" in data
    replace: dict[bytes, bytes] = {}  # line as stored -> line as written (the first form, if several)
    more: dict[bytes, list[bytes]] = {}  # line as stored -> all its lines as written, when there are several
    for (s, p, o, g), written in store.restore.items():
        if g == name:
            stored, forms = f"{s} {p} {o} .".encode(), [f"{s} {p} {to_ox(value)} .".encode() for value in written]
            replace[stored] = forms[0]
            if len(forms) > 1:
                more[stored] = forms
            escapes = escapes or any(b"\\" in form for form in forms)
    if more:
        lines = [new for line in lines for new in more.get(line) or (replace.get(line, line),)]
    elif replace:
        lines = list(map(replace.get, lines, lines))
    if escaped is not None and escapes:
        lines = [escaped(line) if b"\\" in line else line for line in lines]
    return lines
