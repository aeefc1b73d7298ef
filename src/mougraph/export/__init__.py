"""Serialise a graph to a file, deterministically (same graph -> same bytes), fast at millions of triples.

Every format starts from one sorted triple stream (:mod:`mougraph.export.ntriples`): the graph's N-Triples
lines, canonical blank nodes, sorted as bytes, the same for both store backends. Each format is written from it
by :mod:`mougraph.export.writers` (JSON-LD by the compactor of :mod:`mougraph.export.jsonld`); the format
names, aliases and file extensions are those of :mod:`mougraph.formats`.

Quad formats (nq, trig) put every asserted triple in one named graph,
:data:`DATA_GRAPH` (``https://w3id.org/mougraph/id/graph/data``), so the
file can be loaded into a triple store next to other graphs. Inferred triples
(:mod:`mougraph.reasoning.rules`), when given, go to their own named graph
:data:`INFERRED_GRAPH` (``https://w3id.org/mougraph/id/graph/inferred``) in
quad formats, and are merged with the asserted ones in triple formats. Named graphs come in the order of
their names. :func:`export_many` writes several formats of one graph, computing the sorted stream once.
"""

from __future__ import annotations

import io
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph, URIRef

from mougraph import formats
from mougraph.export.jsonld import CONTEXT_FILE, load_context
from mougraph.export.ntriples import Source, stable_graph
from mougraph.export.writers import emit
from mougraph.io import atomic_write, umask
from mougraph.store import load_all
from mougraph.vocab import DATA_GRAPH, INFERRED_GRAPH

__all__ = ["ALIASES", "CONTEXT_FILE", "DATA_GRAPH", "EXTENSIONS", "FORMATS", "INFERRED_GRAPH", "SUFFIXES", "export",
           "export_many", "load_context", "normalize_format", "serialize", "stable_graph"]

#: Our format names -> the matching rdflib serialiser names.
FORMATS: dict[str, str] = {name: formats.get(name).serializer for name in formats.export_formats()}
#: Other names of the formats -> our names.
ALIASES = formats.aliases(FORMATS)
#: Output file extension -> format (used when no format is given).
EXTENSIONS = formats.extensions(FORMATS)
#: The file extension written by ``build`` for each format.
SUFFIXES = formats.suffixes(FORMATS)

normalize_format = formats.export_format


def serialize(graph: Graph, fmt: str, *, context=None, graph_name: URIRef = DATA_GRAPH,
              inferred: Graph | None = None) -> bytes:
    """``graph`` serialised as ``fmt`` (see :data:`FORMATS`); stable bytes.

    ``inferred``: triples to add, in the named graph :data:`INFERRED_GRAPH` for nq and trig (``graph`` goes
    to ``graph_name``), merged with ``graph`` in the other formats. Inferred triples are not expected to hold
    blank nodes: in quad formats each graph's blank nodes are labelled on their own.
    """
    buffer = io.BytesIO()
    emit(Source(graph, inferred), normalize_format(fmt), context, graph_name, buffer.write)
    return buffer.getvalue()


def serialize_source(source: Source, fmt: str, *, context=None, graph_name: URIRef = DATA_GRAPH) -> bytes:
    """:func:`serialize` of a :class:`Source` made by the caller (to share its sorted lines between formats)."""
    buffer = io.BytesIO()
    emit(source, normalize_format(fmt), context, graph_name, buffer.write)
    return buffer.getvalue()


def export_many(graph: Graph, outputs, *, context=None, graph_name: URIRef = DATA_GRAPH,
                inferred: Graph | None = None) -> dict[str, Path]:
    """Write ``graph`` in several formats: ``outputs`` maps a format (or alias) to a file path.

    Each file gets the bytes :func:`export` would write, but the sorted triples are computed once for all of
    them (what ``build`` needs) and the files are written as they are made, without holding them whole.
    Each file is replaced atomically. Returns format -> path.
    """
    source = Source(graph, inferred)
    written = {}
    for fmt, out in dict(outputs).items():
        name = normalize_format(fmt, out)
        with _atomic_file(out) as fh:
            emit(source, name, context, graph_name, fh.write)
        written[name] = Path(out)
    return written


@contextmanager
def _atomic_file(path: str | Path):
    """A binary file that replaces ``path`` when the block ends without error (as :func:`atomic_write` does)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp creates 0600; use the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        graph = load_all()
    data = serialize(graph, fmt, context=context, graph_name=graph_name, inferred=inferred)
    if out is not None:
        atomic_write(out, data)
    return data
