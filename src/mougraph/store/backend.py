"""Which store new graphs live in: a :class:`Backend`, chosen once for the process or for a block of code.

Two backends: ``oxigraph`` (the default: an embedded Oxigraph store behind rdflib's ``Graph`` API, SPARQL text
answered by Oxigraph's engine) and ``memory`` (rdflib's in-memory store, the plain stack). A backend with a
``directory`` is a persistent Oxigraph store on disk (:mod:`mougraph.store.persistent`). What is not given comes
from the environment: ``MOUGRAPH_STORE`` and ``MOUGRAPH_STORE_DIR``.

:func:`configure` chooses the backend for the process (``mougraph --backend/--store`` does); :func:`using` chooses
it for a block and puts the earlier one back after it, whatever happens (tests use it, so none has to reset it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import rdflib.plugins.sparql
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from mougraph.errors import MougraphError
from mougraph.store.oxigraph import OxigraphStore

BACKENDS = ("memory", "oxigraph")
DEFAULT_BACKEND = "oxigraph"
BACKEND_ENV = "MOUGRAPH_STORE"
STORE_DIR_ENV = "MOUGRAPH_STORE_DIR"

# rdflib's SPARQL engine would otherwise fetch the graph of every FROM <url> (and LOAD) over the network. Set here,
# where every graph is made, so that it holds before any query runs.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


@dataclass(frozen=True)
class Backend:
    """A choice of store: ``name`` (``memory`` or ``oxigraph``; None: ``MOUGRAPH_STORE``, else ``oxigraph``) and the
    folder of a persistent store (None: ``MOUGRAPH_STORE_DIR``, else none)."""

    name: str | None = None
    directory: str | Path | None = None

    def __post_init__(self):
        if self.name is not None and self.name not in BACKENDS:
            raise MougraphError(f"unknown store backend '{self.name}'; use one of {', '.join(BACKENDS)}")

    @property
    def store_directory(self) -> Path | None:
        """The persistent store's folder, if there is one."""
        directory = self.directory or os.environ.get(STORE_DIR_ENV, "").strip()
        return Path(directory).expanduser() if directory else None

    @property
    def resolved(self) -> str:
        """``memory`` or ``oxigraph`` (a persistent store is always Oxigraph)."""
        name = self.name or os.environ.get(BACKEND_ENV, "").strip().lower() or DEFAULT_BACKEND
        if name not in BACKENDS:
            raise MougraphError(f"{BACKEND_ENV}={name}: unknown store backend; use one of {', '.join(BACKENDS)}")
        return "oxigraph" if self.store_directory is not None else name

    def new_graph(self) -> Graph:
        """A fresh, empty graph (only the core rdf/rdfs/owl/xsd prefixes bound) in this backend."""
        if self.resolved == "oxigraph":
            return Graph(store=OxigraphStore(), identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="core")
        return Graph(bind_namespaces="core")


_current = {"backend": Backend()}  # the process's choice; threads and every module see the same one


def current() -> Backend:
    """The backend new graphs are made in."""
    return _current["backend"]


def configure(backend: str | None = None, directory: str | Path | None = None) -> Backend:
    """Choose the backend and the persistent store directory for the process (None: from the environment)."""
    _current["backend"] = Backend(backend, directory)
    return _current["backend"]


@contextmanager
def using(choice: Backend) -> Iterator[Backend]:
    """Make graphs in ``choice`` inside the block; the earlier backend is back after it."""
    before = _current["backend"]
    _current["backend"] = choice
    try:
        yield choice
    finally:
        _current["backend"] = before


def backend() -> str:
    """The backend in use: ``memory`` or ``oxigraph``."""
    return current().resolved


def store_directory() -> Path | None:
    """The persistent store directory in use, if any."""
    return current().store_directory


def new_graph(backend_name: str | None = None) -> Graph:
    """A fresh, empty graph in the backend in use (or in ``backend_name``)."""
    return Backend(backend_name).new_graph() if backend_name else current().new_graph()


def is_oxigraph(graph: Graph) -> bool:
    """True when ``graph`` lives in an Oxigraph store (its SPARQL text runs on Oxigraph's engine)."""
    return isinstance(graph.store, OxigraphStore)
