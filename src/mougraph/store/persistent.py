"""The persistent store (``--store DIR``): Oxigraph on disk, each set of files loaded once.

Each set of files is loaded into a named graph of the store, with its restore map (:mod:`.literals`) in a
companion graph; a manifest (:data:`MANIFEST`) says which files, sizes and modification times each graph holds,
and later runs on the same unchanged files reopen it without parsing anything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rich.console import Console

from mougraph.errors import LoadError
from mougraph.io import atomic_write
from mougraph.store import literals
from mougraph.store.oxigraph import TEMPORARY, OxigraphStore
from mougraph.store.terms import graph_name

#: The manifest of a persistent store: which files each of its named graphs holds.
MANIFEST = "mougraph-store.json"
#: The stores this process has opened, by folder.
OPEN_STORES: dict[Path, ox.Store] = {}


def open_store(directory: Path) -> ox.Store:
    """The Oxigraph store on disk at ``directory``, opened once per process (Oxigraph locks its folder)."""
    directory = directory.resolve()
    if directory not in OPEN_STORES:
        if directory.exists() and not directory.is_dir():
            raise LoadError(f"--store {directory}: not a directory")
        try:
            OPEN_STORES[directory] = ox.Store(str(directory))
        except OSError as exc:
            raise LoadError(f"--store {directory}: cannot open the Oxigraph store there ({exc}); is another "
                                f"mougraph process using it?") from exc
        sweep_temporary_graphs(OPEN_STORES[directory], directory)
    return OPEN_STORES[directory]


def sweep_temporary_graphs(inner: ox.Store, directory: Path) -> int:
    """Remove the graphs that a reason or validate run killed before its end left in a persistent store.

    These are named by :func:`mougraph.store.oxigraph.temporary_graph`. Safe when the store has just been opened:
    Oxigraph locks its directory, so no other process is using it, and this process has not started a run on it
    yet. Lists the named graphs only; reads no quads.
    """
    left = [g for g in inner.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(TEMPORARY)]
    for name in left:
        inner.remove_graph(name)
    if left:
        inner.flush()
        graphs = "graph" if len(left) == 1 else "graphs"
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"note: {directory}: removed {len(left)} temporary {graphs} left by an interrupted run", markup=False)
    return len(left)


def load(files: list[str | Path], directory: Path, parse: Callable[..., Graph]) -> Graph:
    """The graph of ``files`` in the persistent store at ``directory``, loaded now (each file by
    ``parse(path, graph)``) if not there or stale."""
    inner = open_store(directory)
    paths = [Path(f).resolve() for f in files]
    for path in paths:
        if not path.is_file():
            parse(path)  # the usual error for a missing file or a directory
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
        literals.read(inner, graph.store.restore, graph_name(name))
        return graph
    if inner.contains_named_graph(graph_name(name)):
        inner.remove_graph(graph_name(name))
    for path in paths:
        parse(path, graph)
    literals.save(inner, graph.store.restore, graph_name(name))
    inner.flush()
    manifest[key] = {"files": stamp, "prefixes": [[p, str(ns)] for p, ns in graph.namespaces()]}
    atomic_write(manifest_path, json.dumps(manifest, indent=1) + "\n")
    return graph


def stored_graphs(directory: Path) -> list[tuple[dict, Graph]]:
    """Every graph of files the persistent store at ``directory`` holds, as its manifest lists them (sorted by
    key): (the manifest entry, the graph with its restore map and prefixes). Nothing is parsed."""
    inner = open_store(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    found = []
    for key in sorted(manifest):
        name = URIRef(f"urn:x-mougraph:files:{key}")
        if not inner.contains_named_graph(graph_name(name)):
            continue  # a load interrupted before its manifest entry was final
        graph = Graph(store=OxigraphStore(inner), identifier=name, bind_namespaces="core")
        for prefix, namespace in manifest[key].get("prefixes", []):
            graph.bind(prefix, namespace)
        literals.read(inner, graph.store.restore, graph_name(name))
        found.append(({"key": key, **manifest[key]}, graph))
    return found
