"""The one module through which mougraph loads every graph.

Keeping all parsing here means the backing store (today rdflib's in-memory
store) can be swapped in one place: :func:`new_graph` creates every graph.
"""

from __future__ import annotations

import json
import re
import xml.sax
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph
from rdflib.util import guess_format

from ._helpers import MougraphError, bind_prefixes
from .resources import resource_dir

#: Glob patterns of the files each loader reads, relative to its folder.
ONTOLOGY_PATTERNS = ("*.owl.ttl", "*.skos.ttl")
SHAPES_PATTERNS = ("*.shacl.ttl",)
DATA_PATTERNS = ("**/*.ttl",)

#: File extensions read when a directory is given to :func:`load_data`.
RDF_SUFFIXES = (".ttl", ".nt", ".nq", ".trig", ".jsonld", ".json", ".rdf", ".owl", ".xml")

_LINE_RE = re.compile(r"\bat line (\d+)")


def new_graph() -> Graph:
    """A fresh, empty graph (only the core rdf/rdfs/owl/xsd prefixes bound)."""
    return Graph(bind_namespaces="core")


def _format_for(path: Path) -> str:
    fmt = "json-ld" if path.suffix == ".json" else guess_format(str(path))
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
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many unrelated exception types
        line, at = _error_line(exc), ""
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
            files.extend(sorted(p for p in item.rglob("*") if p.is_file() and p.suffix in RDF_SUFFIXES))
        else:
            files.append(item)  # parse_file reports a missing file
    return files


def load_files(files: Iterable[str | Path], graph: Graph | None = None) -> Graph:
    """Parse all ``files`` into one graph; the project's prefixes fill any gaps."""
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
    graph = load_ontology()
    return load_files(data_files(paths), graph)


def merge(*graphs: Graph) -> Graph:
    """A new graph holding the triples and prefixes of all ``graphs``."""
    merged = Graph(bind_namespaces="core")
    for g in graphs:
        for prefix, ns in g.namespaces():
            merged.bind(prefix, ns, override=False)
        merged += g
    return bind_prefixes(merged)
