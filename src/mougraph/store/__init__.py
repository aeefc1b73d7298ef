"""The one package through which mougraph loads every graph: files parsed here, into the backend in use.

The backend (:mod:`.backend`: ``oxigraph``, the default, or rdflib's ``memory``; a persistent Oxigraph store on
disk with a folder) decides where :func:`new_graph` makes every graph; :func:`configure` chooses it for the
process (``mougraph --backend/--store``, ``MOUGRAPH_STORE``, ``MOUGRAPH_STORE_DIR``) and :func:`using` for a block.
With Oxigraph, Turtle, TriG, N-Triples and N-Quads are loaded by pyoxigraph (:mod:`.bulk`) and a graph reads back
as rdflib would have parsed it (:mod:`.literals`); other formats, and the memory backend, are parsed by rdflib.
The triples of every graph of a file, default and named, go into the graph loaded. A persistent store
(:mod:`.persistent`) loads each set of files once and reopens it while they are unchanged.
"""

from __future__ import annotations

import json
import re
import xml.sax
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from mougraph import formats, limits
from mougraph.errors import LoadError
from mougraph.io import resource_dir
from mougraph.store import bulk, persistent, strict
from mougraph.store.backend import (  # noqa: F401
    BACKENDS,
    Backend,
    backend,
    configure,
    current,
    is_oxigraph,
    new_graph,
    store_directory,
    using,
)
from mougraph.store.bulk import copy_graph
from mougraph.store.persistent import MANIFEST  # noqa: F401 (part of this package's API)
from mougraph.store.terms import graph_name
from mougraph.vocab import bind_prefixes

#: Glob patterns of the files each loader reads, relative to its folder.
ONTOLOGY_PATTERNS = ("*.owl.ttl", "*.skos.ttl")
SHAPES_PATTERNS = ("*.shacl.ttl",)
DATA_PATTERNS = ("**/*.ttl",)
#: The reference graph of all local governments (data/reference/, mougraph.gazetteer): not part of the shipped
#: data that validate, query and build load by default (it would make them slower for facts they do not use);
#: name the folder to load it.
REFERENCE_FOLDER = "reference"

#: rdflib formats that hold named graphs: read as a dataset, whose graphs all go into the graph loaded.
DATASET_FORMATS = ("trig", "nquads", "json-ld", "trix")

#: File extensions read when a directory is given to :func:`load_data`.
RDF_SUFFIXES = formats.read_suffixes()

_LINE_RE = re.compile(r"\bat line (\d+)")


def _format_for(path: Path) -> str:
    fmt = formats.parser_for(path)
    if fmt is None:
        raise LoadError(
            f"{path}: cannot tell the RDF format from the file extension "
            f"'{path.suffix}'; use one of {', '.join(RDF_SUFFIXES)}"
        )
    return fmt


def _error_line(exc: BaseException) -> int | None:
    if isinstance(exc, xml.sax.SAXParseException):
        return exc.getLineNumber()
    if isinstance(exc, json.JSONDecodeError):
        return exc.lineno
    lines = getattr(exc, "lines", None)  # rdflib's notation3.BadSyntax (0-based)
    if isinstance(lines, int):
        return lines + 1
    match = _LINE_RE.search(str(exc))
    return int(match.group(1)) if match else None


def _line_count(path: Path) -> int:
    data = path.read_bytes()
    return max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))


def _error_reason(exc: BaseException) -> str:
    why = getattr(exc, "_why", None)  # BadSyntax: the reason without the byte dump
    if why:
        return str(why)
    if isinstance(exc, SyntaxError) and exc.msg:  # Oxigraph's "Parser error at line 2 …: why": the line is told apart
        return exc.msg.split(": ", 1)[-1] if exc.msg.startswith("Parser error") else exc.msg
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0] if len(text) > 300 else text


def parse_file(path: str | Path, graph: Graph | None = None) -> Graph:
    """Parse one RDF file into ``graph`` (a new graph if None), format by extension.

    Raises :class:`~mougraph.errors.LoadError` naming the file (and line, when the parser
    reports one) for a missing file or a syntax error.
    """
    path = Path(path)
    graph = new_graph() if graph is None else graph
    if not path.is_file():
        what = "is a directory, not a file" if path.is_dir() else "file not found"
        raise LoadError(f"{path}: {what}; check the path")
    fmt = _format_for(path)
    data = path.read_bytes()
    strict.check_safe(path, fmt, data)
    if fmt == "json-ld":
        refuse_external_contexts(data, str(path))  # before any parser reads it
    strict.check_syntax(path, fmt, data)
    body = strict.readable(fmt, data)
    body = None if body is data else body  # the parsers read the bytes without a BOM, with LF line ends
    if is_oxigraph(graph):
        located = None  # Oxigraph's syntax error, for the line when rdflib's own error names none (N-Triples)
        if fmt in bulk.FORMATS:
            try:
                prefixes = bulk.load(graph.store, path, fmt, graph_name(graph.identifier), data=body)
            except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
                # rdflib reads it again below: its message names the line, or it reads what Oxigraph did not
                located = exc if isinstance(exc, SyntaxError) and exc.lineno else None
            else:
                for prefix, namespace in prefixes:
                    graph.bind(prefix, namespace)
                return graph
        parsed = _rdflib_parse(path, fmt, Graph(bind_namespaces="none"), located, body)
        for prefix, namespace in parsed.namespaces():
            graph.bind(prefix, namespace)
        graph += parsed
        return graph
    return _rdflib_parse(path, fmt, graph, data=body)


def parse_bytes(data: bytes, fmt: str) -> Graph:
    """A new graph (configured backend) of ``data`` in rdflib format ``fmt``."""
    if fmt in ("json-ld", "jsonld"):
        refuse_external_contexts(data, "<data>")
    graph = new_graph()
    graph.parse(data=data, format=fmt)
    return bind_prefixes(graph)


class _Object(list):
    """A JSON object as its (key, value) pairs, duplicate keys included."""


def _context_references(node) -> Iterable[str]:
    """Every reference to another document among the contexts of a JSON-LD document, at any depth: the strings of
    ``@context`` values (alone or in a list: embedded, property-scoped and type-scoped contexts alike) and of
    ``@import``."""
    if isinstance(node, _Object):
        for key, value in node:
            if key in ("@context", "@import"):
                for item in value if isinstance(value, list) and not isinstance(value, _Object) else [value]:
                    if isinstance(item, str):
                        yield item
            yield from _context_references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _context_references(value)


def refuse_external_contexts(data: bytes, where: str) -> None:
    """Refuse (:class:`~mougraph.errors.LoadError`) a JSON-LD document whose contexts refer to other documents.

    rdflib's JSON-LD parser would fetch a context IRI over the network, or read a ``file:`` IRI or a relative
    reference from the disk. Only contexts written inside the document are read (mougraph's exports inline
    ``ontology/mougraph.context.jsonld``).
    """
    try:
        document = json.loads(data, object_pairs_hook=_Object)
    except ValueError as exc:  # not JSON: refused here, so that no other parser reads more than this one checked
        line = getattr(exc, "lineno", None)
        if isinstance(exc, UnicodeDecodeError):
            line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError(f"{where}{f':{line}' if line else ''}: invalid json-ld syntax"
                            f"{f' at line {line}' if line else ''}: {getattr(exc, 'msg', exc)}\n"
                            f"Fix the file {where} and run the command again.") from exc
    for reference in _context_references(document):
        text = data.decode("utf-8", "replace")
        at = text.find(json.dumps(reference, ensure_ascii=False)[1:-1])
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise LoadError(
            f"{where}{f':{line}' if line else ''}: the JSON-LD context \"{reference}\" refers to another document; "
            f"mougraph does not read it (that would fetch it from the network or read another file).\n"
            f"Inline the context: put its JSON object in place of \"{reference}\" in {where}, and run the command "
            f"again (mougraph's own exports already carry ontology/mougraph.context.jsonld inline).")


def _rdflib_parse(path: Path, fmt: str, graph: Graph, located: SyntaxError | None = None,
                  data: bytes | None = None) -> Graph:
    """``located``: Oxigraph's error on the same file, told instead of rdflib's when rdflib's names no line."""
    try:
        with limits.headroom():  # rdflib's readers recurse into nesting (bounded by strict.check_safe)
            _rdflib_read(path, fmt, graph, data)
    except LoadError:
        raise
    except Exception as exc:  # rdflib raises many unrelated exception types
        line, at = _error_line(exc), ""
        if line is None and located is not None:
            exc, line = located, located.lineno
        if line is None:  # (rdflib's JSON-LD and RDF/XML readers name no position; the text they quote may)
            line = strict.locate(path.read_bytes(), str(exc))
        if line:
            last = _line_count(path)
            if line > last:  # rdflib over-counts when the error is at the end of the file
                line, at = last, f" at the end of the file (line {last})"
            else:
                at = f" at line {line}"
        where = f"{path}:{line}" if line else str(path)
        raise LoadError(
            f"{where}: invalid {fmt} syntax{at}: {_error_reason(exc)}\n"
            f"Fix the file {path}{at} and run the command again."
        ) from exc
    return graph


def _rdflib_read(path: Path, fmt: str, graph: Graph, data: bytes | None = None) -> None:
    """rdflib's reading of ``path`` (its bytes ``data``, when given) into ``graph``."""
    source = {"source": path} if data is None else {"data": data, "publicID": path.resolve().as_uri()}
    if fmt in DATASET_FORMATS:  # the graph loaded is the union of the default graph and every named graph
        dataset = Dataset()
        defaults = set(dataset.namespaces())
        dataset.parse(**source, format=fmt)
        for prefix, namespace in dataset.namespaces():
            if (prefix, namespace) not in defaults:
                graph.bind(prefix, namespace)
        if fmt not in bulk.FORMATS:  # (Oxigraph's strict parser read the others: nothing is left to refuse)
            strict.check_terms(dataset, path, fmt)
        graph.addN((s, p, o, graph) for s, p, o, _g in dataset.quads((None, None, None, None)))
    elif fmt not in bulk.FORMATS:
        parsed = Graph(bind_namespaces="none")
        parsed.parse(**source, format=fmt)
        strict.check_terms(parsed, path, fmt)
        for prefix, namespace in parsed.namespaces():
            graph.bind(prefix, namespace)
        graph += parsed
    else:
        graph.parse(**source, format=fmt)


def _glob(folder: Path, patterns: Iterable[str]) -> list[Path]:
    if not folder.is_dir():
        raise LoadError(
            f"folder not found: {folder}; run mougraph from a checkout of the "
            f"repository or set MOUGRAPH_HOME to the folder that holds it"
        )
    found = {p for pattern in patterns for p in folder.glob(pattern) if p.is_file()}
    return sorted(found)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named in ``paths``; directories expand to the RDF files below them."""
    files: list[Path] = []
    for item in paths:
        item = Path(item)
        if item.is_dir():
            found = sorted(p for p in item.rglob("*") if p.is_file() and p.suffix in RDF_SUFFIXES)
            if not found:
                raise LoadError(f"{item}: no RDF files in this folder (looked for {', '.join(RDF_SUFFIXES)}); "
                                    f"give a folder or files with data")
            files.extend(found)
        else:
            files.append(item)  # parse_file reports a missing file
    return files


def load_files(files: Iterable[str | Path], graph: Graph | None = None) -> Graph:
    """Parse all ``files`` into one graph; the project's prefixes fill any gaps.

    With a persistent store configured (and no ``graph`` given), the files are loaded once into a named graph
    of the store and reopened from there while they are unchanged.
    """
    files = list(files)
    if graph is None and store_directory() is not None:
        return bind_prefixes(persistent.load(files, store_directory(), parse_file))
    graph = new_graph() if graph is None else graph
    for path in files:
        parse_file(path, graph)
    return bind_prefixes(graph)


def ontology_files() -> list[Path]:
    return _glob(resource_dir("ontology"), ONTOLOGY_PATTERNS)


def shapes_files() -> list[Path]:
    return _glob(resource_dir("ontology"), SHAPES_PATTERNS)


def data_files(paths: Iterable[str | Path] | None = None) -> list[Path]:
    if paths is None:
        folder = resource_dir("data")
        return [p for p in _glob(folder, DATA_PATTERNS) if p.relative_to(folder).parts[0] != REFERENCE_FOLDER]
    return expand_paths(paths)


def load_ontology() -> Graph:
    """The OWL ontology and SKOS vocabularies (``ontology/*.owl.ttl``, ``*.skos.ttl``)."""
    return load_files(ontology_files())


def load_shapes() -> Graph:
    """All SHACL shapes (``ontology/*.shacl.ttl``)."""
    return load_files(shapes_files())


def load_data(paths: Iterable[str | Path] | None = None) -> Graph:
    """Instance data: all shipped ``data/**/*.ttl`` or the given files/directories."""
    return load_files(data_files(paths))


def load_all(paths: Iterable[str | Path] | None = None) -> Graph:
    """Ontology + data in one graph (what queries and exports run against)."""
    return load_files(ontology_files() + data_files(paths))


def merge(*graphs: Graph, backend_name: str | None = None) -> Graph:
    """A new graph holding the triples and prefixes of all ``graphs`` (``backend_name``: default configured)."""
    merged = new_graph(backend_name)
    for g in graphs:
        for prefix, ns in g.namespaces():
            merged.bind(prefix, ns, override=False)
        if is_oxigraph(merged) and is_oxigraph(g):  # copy inside Oxigraph, without rdflib terms

            copy_graph(g.store, graph_name(g.identifier), merged.store, graph_name(merged.identifier))
        else:
            merged += g
    return bind_prefixes(merged)
