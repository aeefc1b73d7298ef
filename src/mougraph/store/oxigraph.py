"""Oxigraph (through pyoxigraph) behind rdflib's ``Graph`` API: the fast store of :mod:`mougraph.store`.

:class:`OxigraphStore` is an rdflib ``Store`` (it extends oxrdflib's) that keeps the triples in a pyoxigraph
``Store``, in memory or on disk, and answers SPARQL text with Oxigraph's engine. What it adds to oxrdflib, so
that a graph reads back as rdflib's in-memory store gives it:

- **Literals come back as they were written** (:mod:`mougraph.store.literals`): triples read through the rdflib
  API, CONSTRUCT and DESCRIBE results and N-Triples dumps give the literal as written. A SELECT result has no
  triple to go back to: it shows Oxigraph's form. Language tags come back lower-cased (BCP 47 tags are
  case-insensitive).
- **Plain literals stay plain**: Oxigraph's ``xsd:string`` literals come back without a datatype, as rdflib
  parses ``"text"``.
- **Parsed queries fall back to rdflib**: rdflib's pre-parsed ``Query`` objects (pySHACL, the rule engine) and
  any query Oxigraph refuses are answered by rdflib's own engine over the same triples.

Loading files, copying and dumping graphs: :mod:`mougraph.store.bulk`; SELECT answers: :mod:`mougraph.store.results`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import count

import pyoxigraph as ox
from oxrdflib.store import OxigraphStore as _OxrdflibStore
from rdflib import Graph, Literal
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result

from mougraph.store.literals import RestoreMap, canonical
from mougraph.store.results import SelectResult, is_describe
from mougraph.store.terms import DEFAULT_GRAPH, context_name, from_ox, graph_name, pattern, to_ox

#: Prefix of the named graphs a run adds to the data's store and removes when done (:func:`temporary_graph`).
TEMPORARY = "urn:x-mougraph:tmp:"

_runs_lock = threading.Lock()
_runs: dict[int, set[int]] = {}  # id of a pyoxigraph store -> the numbers of the runs going on in it


@contextmanager
def temporary_graphs(inner: ox.Store) -> Iterator[Callable[..., ox.NamedNode]]:
    """Names for the graphs one run of reasoning or validation adds to the store ``inner`` and removes when done.

    Yields ``name(kind, *parts)``. The names hold the lowest run number not taken by a run going on in the same
    store, so that runs one after the other reuse them: Oxigraph's in-memory store keeps an entry for every quad it
    has ever held (it does not collect removed ones), so fresh names for each run would grow the store and slow every
    later run. A run killed before its end leaves its graphs on disk; :mod:`mougraph.store.persistent` removes them
    when it opens a persistent store, by the :data:`TEMPORARY` prefix they all share.
    """
    key = id(inner)
    with _runs_lock:
        taken = _runs.setdefault(key, set())
        run = next(n for n in count() if n not in taken)
        taken.add(run)
    try:
        yield lambda kind, *parts: ox.NamedNode(TEMPORARY + ":".join(map(str, [kind, run, *parts])))
    finally:
        with _runs_lock:
            taken.discard(run)
            if not taken:
                del _runs[key]


# --- the rdflib store ----------------------------------------------------------------------------------

class OxigraphStore(_OxrdflibStore):
    """An rdflib Store on a pyoxigraph Store (see the module documentation).

    ``restore`` maps a stored quad whose literal Oxigraph rewrote, (subject, predicate, stored literal, graph)
    as pyoxigraph terms, to the rdflib literal(s) as written.
    """

    def __init__(self, store: ox.Store | None = None, identifier=None):
        super().__init__(identifier=identifier, store=store if store is not None else ox.Store())
        self.restore = RestoreMap()

    @property
    def inner(self) -> ox.Store:
        return self._inner

    def _quad(self, s, p, o, context) -> ox.Quad:
        quad = ox.Quad(to_ox(s), to_ox(p), to_ox(o), context_name(context))
        if isinstance(o, Literal) and o.datatype is not None and not o.language:
            stored = canonical(str(o), str(o.datatype))
            if stored is not None:
                quad = ox.Quad(quad.subject, quad.predicate, stored, quad.graph_name)
                self.restore.remember(quad, o, held=quad in self._inner)
            elif self.restore:
                self.restore.also_as_stored(quad)
        return quad

    def add(self, triple, context, quoted=False):
        if quoted:
            raise ValueError("Oxigraph stores are not formula aware")
        self._inner.add(self._quad(*triple, context))

    def addN(self, quads):  # noqa: N802 (rdflib's name)
        batch = []
        for s, p, o, context in quads:
            batch.append(self._quad(s, p, o, context))
            if len(batch) >= 100_000:
                self._inner.extend(batch)
                batch = []
        if batch:
            self._inner.extend(batch)

    def remove(self, triple, context=None):
        s, p, o = triple
        for quad in list(self._inner.quads_for_pattern(pattern(s), pattern(p), pattern(o), context_name(context))):
            self._inner.remove(quad)
            self.restore.pop((quad.subject, quad.predicate, quad.object, quad.graph_name), None)

    def triples(self, triple_pattern, context=None):
        s, p, o = triple_pattern
        try:
            quads = self._inner.quads_for_pattern(pattern(s), pattern(p), pattern(o), context_name(context))
        except (TypeError, ValueError):  # e.g. a literal as subject: nothing matches
            return iter(())
        return self._triples(quads, o, context)

    def _triples(self, quads, pattern_object, context):
        restore, literal = self.restore, ox.Literal
        predicates: dict = {}  # few distinct predicates: convert each once
        for q in quads:
            obj, pred = q.object, q.predicate
            p = predicates.get(pred)
            if p is None:
                p = predicates[pred] = from_ox(pred)
            if restore and type(obj) is literal:
                written = restore.get((q.subject, pred, obj, q.graph_name))
                if written:
                    s = from_ox(q.subject)
                    for value in written:
                        if pattern_object is None or value == pattern_object:
                            yield (s, p, value), iter((context,))
                    continue
            yield (from_ox(q.subject), p, from_ox(obj)), iter((context,))

    def __len__(self, context=None):
        name = context_name(context)
        if name is None or (name == DEFAULT_GRAPH and not any(True for _ in self._inner.named_graphs())):
            stored = len(self._inner)
        else:
            where = "{ ?s ?p ?o }" if name == DEFAULT_GRAPH else f"{{ GRAPH {name} {{ ?s ?p ?o }} }}"
            stored = int(next(iter(self._inner.query(f"SELECT (COUNT(*) AS ?n) WHERE {where}")))[0].value)
        # two literals written differently that Oxigraph stores alike ("1"^^xsd:int, "1"^^xsd:integer) are one quad
        return stored + self.restore.extra(name)

    def query(self, query, initNs, initBindings, queryGraph, *, limit: int | None = None,  # noqa: N803
              **kwargs):
        """rdflib's store query, answered by Oxigraph. ``limit``: a CONSTRUCT/DESCRIBE answer stops once it holds
        more than ``limit`` triples (Oxigraph makes them one at a time: the rest are never built)."""
        if isinstance(query, Query) or kwargs:
            raise NotImplementedError  # rdflib answers parsed queries with its own engine
        name = None if queryGraph == "__UNION__" else graph_name(queryGraph)
        scope = {"use_default_graph_as_union": True} if name is None else {"default_graph": name}
        prefixes = {str(k): str(v) for k, v in initNs.items()}
        substitutions = {ox.Variable(str(k)): to_ox(v) for k, v in initBindings.items()}

        def evaluate():
            return self._inner.query(query, prefixes=prefixes, substitutions=substitutions, **scope)

        try:
            result = evaluate()
        except SyntaxError as exc:  # SPARQL rdflib accepts but Oxigraph does not: let rdflib answer
            raise NotImplementedError from exc
        if isinstance(result, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(result)
            return out
        if isinstance(result, ox.QuerySolutions):
            return SelectResult(result, evaluate)
        out = Result("CONSTRUCT")
        out.graph = Graph()
        if is_describe(query):  # as rdflib does, a DESCRIBE result carries the queried graph's prefixes
            for prefix, namespace in initNs.items():
                out.graph.bind(prefix, namespace)
        for t in result:
            if limit is not None and len(out.graph) > limit:
                break
            obj = t.object
            written = self.restore.get((t.subject, t.predicate, obj, name)) if type(obj) is ox.Literal else None
            for value in written or [from_ox(obj)]:
                out.graph.add((from_ox(t.subject), from_ox(t.predicate), value))
        return out
