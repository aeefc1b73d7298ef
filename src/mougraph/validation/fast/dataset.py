"""The data one validation reads: the graphs of one pyoxigraph store, the literals as written (the store's
restore map), and the custom SPARQL functions that answer for them (see ``docs/validation-engines.md``,
"Literals as written")."""

from __future__ import annotations

import time as _time
from contextlib import contextmanager

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import XSD

from mougraph.errors import MougraphError
from mougraph.store import is_oxigraph, merge
from mougraph.store.bulk import copy_into
from mougraph.store.oxigraph import temporary_graphs
from mougraph.store.terms import from_ox as to_rdflib, graph_name
from mougraph.validation.fast.terms import datatype_ok

FN = "urn:x-mougraph:fn:"
FN_DATATYPE, FN_STR, FN_RESTORED, FN_DATATYPE_OK = (
    ox.NamedNode(FN + n) for n in ("datatype", "str", "restored", "dtok"))


class Dataset:
    """The graphs one validation reads (their union is the data graph), in one pyoxigraph store.

    ``restore`` is the restore map of :class:`mougraph.store.oxigraph.OxigraphStore` (or a merge of several):
    (subject, predicate, stored literal, graph) as pyoxigraph terms -> the rdflib literals as written.
    """

    def __init__(self, store: ox.Store, graphs: list, restore: dict | None = None):
        self.store, self.graphs = store, list(graphs)
        self.by_key: dict = {}
        self.by_value: dict = {}
        names = set(self.graphs)
        for (s, p, o, g), written in (restore or {}).items():
            if g not in names:
                continue
            for w in written:
                forms = self.by_key.setdefault((s, p, o), [])
                if w not in forms:
                    forms.append(w)
                forms = self.by_value.setdefault(o, [])
                if w not in forms:
                    forms.append(w)
        self.queries = 0
        self.timings: list | None = None  # set to a list to record (seconds, rows, query text)
        self.functions = {FN_DATATYPE: self._fn_datatype, FN_STR: self._fn_str, FN_RESTORED: self._fn_restored,
                          FN_DATATYPE_OK: self._fn_datatype_ok}
        self.ambiguous = self._ambiguous()
        self.lexical_changed = any(str(w) != o.value for o, ws in self.by_value.items() for w in ws)
        self.datatype_changed = any(str(w.datatype) != o.datatype.value for o, ws in self.by_value.items() for w in ws)
        self.restored_datatypes = sorted({o.datatype.value for o in self.by_value})
        self.restored_by_predicate: dict = {}
        for _s, p, o in self.by_key:
            self.restored_by_predicate.setdefault(p, set()).add(o.datatype.value)
        self.restored_by_predicate = {p: sorted(d) for p, d in self.restored_by_predicate.items()}

    def _ambiguous(self) -> set:
        """The stored literals that are also the object of triples written in their stored form."""
        keys: dict = {}
        for _s, _p, o in self.by_key:
            keys[o] = keys.get(o, 0) + 1
        found, values = set(), list(self.by_value)
        for i in range(0, len(values), 2000):
            chunk = " ".join(str(v) for v in values[i:i + 2000])
            _names, rows = self.select(
                f"SELECT ?o (COUNT(*) AS ?n) WHERE {{ VALUES ?o {{ {chunk} }} ?s ?p ?o }} GROUP BY ?o")
            found |= {o for o, n in rows if int(n.value) > keys.get(o, 0)}
        self.queries = 0
        return found

    # --- literals as written
    def written(self, term) -> list:
        """The rdflib terms ``term`` (as stored) was written as (on some triple or other)."""
        if type(term) is ox.Literal:
            forms = self.by_value.get(term)
            if forms:
                if term in self.ambiguous:
                    stored = to_rdflib(term)
                    return list(forms) + ([stored] if stored not in forms else [])
                return list(forms)
        return [to_rdflib(term)]

    def written_at(self, s, p, o) -> list:
        """The rdflib terms the object of the stored triple (s, p, o) was written as."""
        if type(o) is ox.Literal:
            return list(self.by_key.get((s, p, o)) or [to_rdflib(o)])
        return [to_rdflib(o)]

    def _fn_datatype(self, term):
        if type(term) is not ox.Literal:
            return None
        forms = self.by_value.get(term)
        if forms and term not in self.ambiguous:
            datatypes = {str(w.datatype or XSD.string) for w in forms}
            if len(datatypes) == 1:
                return ox.NamedNode(datatypes.pop())
        return term.datatype

    def _fn_str(self, term):
        if type(term) is ox.NamedNode:
            return ox.Literal(term.value)
        if type(term) is not ox.Literal:
            return None
        forms = self.by_value.get(term)
        if forms and term not in self.ambiguous and len({str(w) for w in forms}) == 1:
            return ox.Literal(str(forms[0]))
        return ox.Literal(term.value)

    def _fn_restored(self, term):
        return ox.Literal("true" if term in self.by_value else "false", datatype=ox.NamedNode(str(XSD.boolean)))

    def _fn_datatype_ok(self, term, datatype):
        ok = all(datatype_ok(w, URIRef(datatype.value)) for w in self.written(term))
        return ox.Literal("true" if ok else "false", datatype=ox.NamedNode(str(XSD.boolean)))

    # --- queries
    def select(self, text: str) -> tuple[list[str], list[tuple]]:
        """Run a SELECT query on the union of the graphs: its variable names and rows of pyoxigraph terms."""
        self.queries += 1
        functions = {k: v for k, v in self.functions.items() if k.value in text} or None
        try:
            result = self.store.query(text, default_graph=self.graphs, custom_functions=functions)
        except SyntaxError as exc:
            raise MougraphError(f"the fast SHACL engine made a query Oxigraph rejects ({exc}):\n{text}") from exc
        names = [v.value for v in result.variables]
        width = range(len(names))
        if self.timings is None:
            return names, [tuple(solution[i] for i in width) for solution in result]
        started = _time.perf_counter()
        rows = [tuple(solution[i] for i in width) for solution in result]
        self.timings.append((_time.perf_counter() - started, len(rows), text))
        return names, rows



@contextmanager
def dataset_of(data_graph: Graph, ont_graph: Graph | None):
    """The data graph and the ontology as one :class:`Dataset`, without copying the data.

    The ontology triples that the data graph lacks go to a temporary named graph of the data's own store,
    removed on exit; a graph that is not in Oxigraph is copied into a new Oxigraph store first.
    """
    if not is_oxigraph(data_graph):
        data_graph = merge(data_graph, backend_name="oxigraph")
    store = data_graph.store
    inner = store.inner
    name = graph_name(data_graph.identifier)
    temp = None
    with temporary_graphs(inner) as temporary:
        try:
            if ont_graph is not None:
                temp = temporary("validate")
                copy_into(ont_graph, store, temp)
                for q in list(inner.quads_for_pattern(None, None, None, temp)):  # read once: the data has it
                    if ox.Quad(q.subject, q.predicate, q.object, name) in inner:
                        inner.remove(q)
            yield Dataset(inner, [name] + ([temp] if temp is not None else []), store.restore)
        finally:
            if temp is not None:
                inner.remove_graph(temp)
                store.restore.drop_graph(temp)
