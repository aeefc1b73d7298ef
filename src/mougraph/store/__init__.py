"""The one module through which mougraph loads every graph.

Keeping all parsing here means the backing store can be swapped in one place: :func:`new_graph` creates every
graph. Two backends, chosen with :func:`configure`, the ``MOUGRAPH_STORE`` environment variable or
``mougraph --backend``:

- ``oxigraph`` (the default): an embedded Oxigraph store (:mod:`mougraph.store.oxigraph`) behind the same
  rdflib ``Graph`` API; Turtle, TriG, N-Triples and N-Quads are loaded by pyoxigraph's fast loader, SPARQL text
  is answered by Oxigraph's engine, and a graph reads back as rdflib would have parsed it;
- ``memory``: rdflib's in-memory store, files parsed by rdflib (the plain stack).

A *persistent* store (``MOUGRAPH_STORE_DIR`` or ``mougraph --store DIR``, Oxigraph on disk) keeps what was
loaded: each set of files is loaded once into a named graph of the store, and later runs on the same files
(same paths, sizes and modification times) reopen it without parsing anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import xml.sax
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from mougraph import formats
from mougraph.errors import MougraphError
from mougraph.io import atomic_write
from mougraph.vocab import bind_prefixes
from mougraph.io import resource_dir
from mougraph.store.oxigraph import copy_graph, graph_name, OxigraphStore, read_restore, save_restore, TEMPORARY
from mougraph.store import oxigraph as oxigraph_store

BACKENDS = ("memory", "oxigraph")
DEFAULT_BACKEND = "oxigraph"
BACKEND_ENV = "MOUGRAPH_STORE"
STORE_DIR_ENV = "MOUGRAPH_STORE_DIR"
#: The manifest of a persistent store: which files each of its named graphs holds.
MANIFEST = "mougraph-store.json"

_settings: dict = {"backend": None, "directory": None}
_open_stores: dict[Path, object] = {}

#: Glob patterns of the files each loader reads, relative to its folder.
ONTOLOGY_PATTERNS = ("*.owl.ttl", "*.skos.ttl")
SHAPES_PATTERNS = ("*.shacl.ttl",)
DATA_PATTERNS = ("**/*.ttl",)

#: File extensions read when a directory is given to :func:`load_data`.
RDF_SUFFIXES = formats.read_suffixes()

_LINE_RE = re.compile(r"\bat line (\d+)")


def configure(backend: str | None = None, directory: str | Path | None = None) -> None:
    """Choose the backend and the persistent store directory (None: from the environment)."""
    if backend is not None and backend not in BACKENDS:
        raise MougraphError(f"unknown store backend '{backend}'; use one of {', '.join(BACKENDS)}")
    _settings["backend"], _settings["directory"] = backend, directory


def backend() -> str:
    """The backend in use: ``memory`` or ``oxigraph`` (a persistent store is always Oxigraph)."""
    name = _settings["backend"] or os.environ.get(BACKEND_ENV, "").strip().lower() or DEFAULT_BACKEND
    if name not in BACKENDS:
        raise MougraphError(f"{BACKEND_ENV}={name}: unknown store backend; use one of {', '.join(BACKENDS)}")
    return "oxigraph" if store_directory() is not None else name


def store_directory() -> Path | None:
    """The persistent store directory, if one is configured."""
    directory = _settings["directory"] or os.environ.get(STORE_DIR_ENV, "").strip()
    return Path(directory).expanduser() if directory else None


def new_graph(backend_name: str | None = None) -> Graph:
    """A fresh, empty graph (only the core rdf/rdfs/owl/xsd prefixes bound) in the configured backend."""
    if (backend_name or backend()) == "oxigraph":
        return Graph(store=OxigraphStore(), identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="core")
    return Graph(bind_namespaces="core")


def is_oxigraph(graph: Graph) -> bool:
    """True when ``graph`` lives in an Oxigraph store (its SPARQL text runs on Oxigraph's engine)."""

    return isinstance(graph.store, OxigraphStore)


def _format_for(path: Path) -> str:
    fmt = formats.parser_for(path)
    if fmt is None:
        raise MougraphError(
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

    Raises :class:`MougraphError` naming the file (and line, when the parser
    reports one) for a missing file or a syntax error.
    """
    path = Path(path)
    graph = new_graph() if graph is None else graph
    if not path.is_file():
        what = "is a directory, not a file" if path.is_dir() else "file not found"
        raise MougraphError(f"{path}: {what}; check the path")
    fmt = _format_for(path)
    if is_oxigraph(graph):
        located = None  # Oxigraph's syntax error, for the line when rdflib's own error names none (N-Triples)
        if fmt in oxigraph_store.FORMATS:
            try:
                prefixes = oxigraph_store.load(graph.store, path, fmt, oxigraph_store.graph_name(graph.identifier))
            except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
                # rdflib reads it again below: its message names the line, or it reads what Oxigraph did not
                located = exc if isinstance(exc, SyntaxError) and exc.lineno else None
            else:
                for prefix, namespace in prefixes:
                    graph.bind(prefix, namespace)
                return graph
        parsed = _rdflib_parse(path, fmt, Graph(bind_namespaces="none"), located)
        for prefix, namespace in parsed.namespaces():
            graph.bind(prefix, namespace)
        graph += parsed
        return graph
    return _rdflib_parse(path, fmt, graph)


def parse_bytes(data: bytes, fmt: str) -> Graph:
    """A new graph (configured backend) of ``data`` in rdflib format ``fmt``."""
    graph = new_graph()
    graph.parse(data=data, format=fmt)
    return bind_prefixes(graph)


def _rdflib_parse(path: Path, fmt: str, graph: Graph, located: SyntaxError | None = None) -> Graph:
    """``located``: Oxigraph's error on the same file, told instead of rdflib's when rdflib's names no line."""
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many unrelated exception types
        line, at = _error_line(exc), ""
        if line is None and located is not None:
            exc, line = located, located.lineno
        if line:
            last = _line_count(path)
            if line > last:  # rdflib over-counts when the error is at the end of the file
                line, at = last, f" at the end of the file (line {last})"
            else:
                at = f" at line {line}"
        where = f"{path}:{line}" if line else str(path)
        raise MougraphError(
            f"{where}: invalid {fmt} syntax{at}: {_error_reason(exc)}\n"
            f"Fix the file {path}{at} and run the command again."
        ) from exc
    return graph


def _glob(folder: Path, patterns: Iterable[str]) -> list[Path]:
    if not folder.is_dir():
        raise MougraphError(
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
                raise MougraphError(f"{item}: no RDF files in this folder (looked for {', '.join(RDF_SUFFIXES)}); "
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
        return bind_prefixes(_load_persistent(files, store_directory()))
    graph = new_graph() if graph is None else graph
    for path in files:
        parse_file(path, graph)
    return bind_prefixes(graph)


def _open_persistent(directory: Path):
    import pyoxigraph

    directory = directory.resolve()
    if directory not in _open_stores:
        if directory.exists() and not directory.is_dir():
            raise MougraphError(f"--store {directory}: not a directory")
        try:
            _open_stores[directory] = pyoxigraph.Store(str(directory))
        except OSError as exc:
            raise MougraphError(f"--store {directory}: cannot open the Oxigraph store there ({exc}); is another "
                                f"mougraph process using it?") from exc
        _sweep_temporary_graphs(_open_stores[directory], directory)
    return _open_stores[directory]


def _sweep_temporary_graphs(inner, directory: Path) -> int:
    """Remove the graphs that a reason or validate run killed before its end left in a persistent store.

    These are named by :func:`mougraph.store.oxigraph.temporary_graph`. Safe when the store has just been opened:
    Oxigraph locks its directory, so no other process is using it, and this process has not started a run on it
    yet. Lists the named graphs only; reads no quads.
    """
    import pyoxigraph


    left = [g for g in inner.named_graphs() if isinstance(g, pyoxigraph.NamedNode) and g.value.startswith(TEMPORARY)]
    for name in left:
        inner.remove_graph(name)
    if left:
        inner.flush()
        from rich.console import Console

        graphs = "graph" if len(left) == 1 else "graphs"
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"note: {directory}: removed {len(left)} temporary {graphs} left by an interrupted run", markup=False)
    return len(left)


def _load_persistent(files: list[str | Path], directory: Path) -> Graph:
    """The graph of ``files`` in the persistent store at ``directory``, loaded now if not there or stale."""

    inner = _open_persistent(directory)
    paths = [Path(f).resolve() for f in files]
    for path in paths:
        if not path.is_file():
            parse_file(path)  # the usual error for a missing file or a directory
    stamp = [[str(p), p.stat().st_size, p.stat().st_mtime_ns] for p in paths]
    key = hashlib.sha256("\n".join(str(p) for p in paths).encode("utf-8")).hexdigest()[:32]
    name = URIRef(f"urn:x-mougraph:files:{key}")
    graph = Graph(store=OxigraphStore(inner), identifier=name, bind_namespaces="core")
    manifest_path = directory / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    entry = manifest.get(key)
    if entry and entry.get("files") == stamp:
        for prefix, namespace in entry.get("prefixes", []):
            graph.bind(prefix, namespace)
        read_restore(graph.store, graph_name(name))
        return graph
    if inner.contains_named_graph(graph_name(name)):
        inner.remove_graph(graph_name(name))
    for path in paths:
        parse_file(path, graph)
    save_restore(graph.store, graph_name(name))
    inner.flush()
    manifest[key] = {"files": stamp, "prefixes": [[p, str(ns)] for p, ns in graph.namespaces()]}
    atomic_write(manifest_path, json.dumps(manifest, indent=1) + "\n")
    return graph


def ontology_files() -> list[Path]:
    return _glob(resource_dir("ontology"), ONTOLOGY_PATTERNS)


def shapes_files() -> list[Path]:
    return _glob(resource_dir("ontology"), SHAPES_PATTERNS)


def data_files(paths: Iterable[str | Path] | None = None) -> list[Path]:
    if paths is None:
        return _glob(resource_dir("data"), DATA_PATTERNS)
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
