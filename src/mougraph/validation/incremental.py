"""Incremental validation: a base graph already validated, plus new triples, validated again only where the new
triples can change a result (see ``docs/scale.md``, "Incremental validation").

The results are exactly those of a full validation of base + new: the base's own results (the *baseline*,
computed once by a full run and kept in a file, see :mod:`mougraph.validation.baseline`) without those of the
focus nodes the new triples can affect, plus the results of validating those focus nodes again on base + new.
Which focus nodes can be affected comes from the shapes' targets and paths (:mod:`.fast.affected`); a shape whose
targets or constraints cannot be bounded that way (SPARQL targets and constraints, recursive shapes) is
validated again in full, and so is everything when the new triples change the class hierarchy. The fast engine
runs these checks; shapes it leaves to pySHACL make the whole run a full one.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDFS

from mougraph.errors import MougraphError
from mougraph.store import (
    load_files,
    load_ontology,
    load_shapes,
    merge,
    new_graph,
    ontology_files,
    shapes_files,
)
from mougraph.store.bulk import copy_into
from mougraph.store.oxigraph import OxigraphStore, temporary_graphs
from mougraph.store.terms import graph_name
from mougraph.validation import fast, fast_result, validate
from mougraph.validation.baseline import Baseline, fingerprint
from mougraph.validation.fast.affected import Reads, Unbounded, candidate_query
from mougraph.validation.result import FAIL_ON, ValidationResult

#: Above this many focus nodes for one shape, the shape is validated in full (a VALUES that long is slower).
MAX_FOCUS = 5000
#: Predicates whose change alters what every class target and sh:class means: a full run.
_SCHEMA = {ox.NamedNode(str(RDFS.subClassOf))}


@dataclass
class Plan:
    """What an incremental run did: per shape, how many focus nodes it validated again (None: all), and why
    some were validated in full."""

    focus: dict = field(default_factory=dict)
    unbounded: dict = field(default_factory=dict)  # top-level shape -> why it is validated in full
    full_run: str | None = None  # why the whole run was a full one
    baseline_written: bool = False
    seconds: dict = field(default_factory=dict)


def validate_incremental(added: Graph | Iterable[str | Path], *, store: str | Path | None = None,
                         base: list[Graph] | None = None, baseline: str | Path | None = None,
                         base_key: str | None = None, not_data: Iterable[str | Path] = (),
                         shapes_graph: Graph | None = None, ont_graph: Graph | None = None,
                         fail_on: str = "violation") -> ValidationResult:
    """Validate base + ``added`` (a graph, or files) re-validating only what ``added`` can change.

    The base is every graph of files in the persistent ``store`` folder (its baseline results are kept in the
    folder), or the graphs ``base`` (one Oxigraph store; the baseline is kept in the file ``baseline`` when a
    ``base_key`` names the base's content: a baseline made for another key is not used).
    Graphs of the store that hold only the shipped ontology or shapes, or files of ``not_data`` (shapes and
    ontologies given besides), are not part of the base. Neither the base nor the store is changed.
    ``result.incremental`` is the :class:`Plan` of the run.
    """
    fail_on = str(fail_on).lower()
    if fail_on not in FAIL_ON:
        raise MougraphError(f"unknown severity '{fail_on}' for fail-on; use one of {', '.join(FAIL_ON)}")
    started = time.perf_counter()
    keys: list = []
    if store is not None:
        from mougraph.store.persistent import stored_graphs

        store = Path(store)
        # the shapes and the ontology are loaded through the store too: they are not its data
        not_data = {str(Path(f).resolve()) for f in [*ontology_files(), *shapes_files(), *not_data]}
        entries = [(entry, graph) for entry, graph in stored_graphs(store)
                   if not all(f[0] in not_data for f in entry.get("files", []))]
        if not entries:
            raise MougraphError(f"--store {store}: the store holds no data to validate against; load the data "
                                f"into it first, e.g. 'mougraph --store {store} validate DATA.ttl'")
        keys = [entry for entry, _graph in entries]
        base = [graph for _entry, graph in entries]
        baseline = store / "mougraph-validation.json"
    if not base:
        raise MougraphError("incremental validation needs a base: a persistent store (--store DIR) or graphs")
    if not all(isinstance(g.store, OxigraphStore) and g.store.inner is base[0].store.inner for g in base):
        raise MougraphError("incremental validation needs the base graphs in one Oxigraph store")
    if not isinstance(added, Graph):
        added = load_files(list(added), new_graph("oxigraph"))
    shapes = fast.ShapesGraph(load_shapes() if shapes_graph is None else shapes_graph)
    ont_graph = load_ontology() if ont_graph is None else ont_graph
    plan = Plan()
    plan.seconds["load"] = time.perf_counter() - started
    with _datasets(base, added, ont_graph) as (with_added, without):
        validator = fast.Validator(shapes, with_added)
        planned = validator.plan()
        plan.full_run = _full_run_reason(with_added, planned[1])
        if plan.full_run is None:
            key = fingerprint(shapes.graph, ont_graph, keys or [base_key]) if keys or base_key else None
            stored = Baseline.read(baseline, key, shapes.graph) if baseline is not None else None
            if stored is None:
                stored = Baseline.of(fast.validate(without(), shapes), key, shapes.graph)
                plan.baseline_written = baseline is not None and stored.write(baseline)
            plan.seconds["baseline"] = time.perf_counter() - started
            known = len(stored.sparql)
            results = _revalidate(validator, planned, with_added, shapes, stored, plan)
            if baseline is not None and len(stored.sparql) != known:  # keep the SPARQL queries' reads too
                plan.baseline_written = stored.write(baseline)
            plan.seconds["validate"] = time.perf_counter() - started
    if plan.full_run is None:
        result = fast_result(results, shapes, base[0], fail_on, {})
    else:  # everything again, as `validate` would on base + added (pySHACL too, where it takes part)
        result = validate(merge(*base, added), shapes_graph=shapes.graph, ont_graph=ont_graph, fail_on=fail_on)
    result.incremental = plan
    plan.seconds["total"] = time.perf_counter() - started
    return result


def _full_run_reason(dataset: fast.Dataset, fallback: dict) -> str | None:
    """Why base + added must be validated in full, or None."""
    if fallback:
        return "shapes validated by pySHACL: " + ", ".join(sorted(str(s) for s in fallback))
    delta = str(dataset.graphs[-2])
    for term in sorted(_SCHEMA, key=str):
        if dataset.select(f"SELECT ?s WHERE {{ GRAPH {delta} {{ ?s {term} ?o }} }} LIMIT 1")[1]:
            return f"the added triples change the class hierarchy ({term})"
    return None


class _datasets:
    """The datasets of base + added and of the base alone, with the ontology, in the base's store; the added
    triples and the ontology live in temporary graphs, removed on exit."""

    def __init__(self, base: list[Graph], added: Graph, ont_graph: Graph):
        self.base, self.added, self.ont = base, added, ont_graph
        self.store: OxigraphStore = base[0].store
        self.inner = self.store.inner

    def __enter__(self):
        self._temporary = temporary_graphs(self.inner)
        temporary = self._temporary.__enter__()
        names = [graph_name(g.identifier) for g in self.base]
        self.temp = [temporary("validate"), temporary("added")]
        ont, delta = self.temp
        self.delta = delta
        restore: dict = {}
        for g in self.base:
            restore.update(g.store.restore)
        try:
            copy_into(self.ont, self.store, ont)
            for q in list(self.inner.quads_for_pattern(None, None, None, ont)):  # the data has it: once is enough
                if any(ox.Quad(q.subject, q.predicate, q.object, n) in self.inner for n in names):
                    self.inner.remove(q)
            copy_into(self.added, self.store, delta)
            for q in list(self.inner.quads_for_pattern(None, None, None, delta)):  # only what is new
                if any(ox.Quad(q.subject, q.predicate, q.object, n) in self.inner for n in names + [ont]):
                    self.inner.remove(q)
        except BaseException:
            self._drop()
            raise
        restore.update({k: v for k, v in self.store.restore.items() if k[3] in (ont, delta)})
        # the base alone is read only when the baseline is made: a Dataset reads the whole restore map
        return (fast.Dataset(self.inner, names + [delta, ont], restore),
                lambda: fast.Dataset(self.inner, names + [ont], restore))

    def _drop(self) -> None:
        for name in self.temp:
            self.inner.remove_graph(name)
            self.store.restore.drop_graph(name)
        self._temporary.__exit__(None, None, None)

    def __exit__(self, *exc) -> None:
        self._drop()


def _revalidate(validator: fast.Validator, planned: tuple, dataset: fast.Dataset, shapes: fast.ShapesGraph,
                stored: Baseline, plan: Plan) -> list:
    """The baseline's results, those of the focus nodes the added triples can affect validated again."""
    _covered, _fallback, order, sources = planned
    delta = str(dataset.graphs[-2])
    _names, added = dataset.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {delta} {{ ?s ?p ?o }} }}")
    predicates = {p for _s, p, _o in added}
    reads = Reads(shapes, stored.sparql)
    found: dict = {}  # read -> its focus nodes

    def top_focus(shape) -> set | None:
        try:
            wanted = reads.of_top_level(shape)
        except Unbounded as exc:
            plan.unbounded[shape.node] = str(exc)
            return None
        nodes: set = set()
        for read in sorted(wanted, key=lambda r: (r.prefix or "", r.predicate or "", r.inverse)):
            if read.predicate is not None and ox.NamedNode(read.predicate) not in predicates:
                continue
            if read not in found:
                found[read] = _candidates(dataset, read, added, delta)
            nodes |= found[read]
        return nodes

    tops = {shape.node: top_focus(shape) for shape in order if "targets" in sources[shape.node]}
    _keep_targeted(validator, dataset, tops)
    subsets: dict = {}

    def subset(shape) -> set | None:
        if shape.node not in subsets:
            subsets[shape.node] = set()  # (a cycle of sh:property is not covered by the engine anyway)
            nodes: set | None = set()
            for source in sources[shape.node]:
                if source == "targets":
                    more = tops[shape.node]
                elif shapes.shape(source).is_property:
                    more = None  # its focus nodes are the values of another property shape's focus nodes
                else:
                    more = subset(shapes.shape(source))
                nodes = None if more is None or nodes is None else nodes | more
            subsets[shape.node] = nodes
        return subsets[shape.node]

    focus_subset: dict = {}
    for shape in order:
        nodes = subset(shape)
        if nodes is None or len(nodes) > MAX_FOCUS or any(type(t) is ox.BlankNode for t in nodes):
            focus_subset[shape.node] = None  # all its focus nodes (no VALUES can name a blank node)
        elif nodes:
            focus_subset[shape.node] = " ".join(str(t) for t in sorted(nodes, key=str))
        plan.focus[shape.node] = None if focus_subset.get(shape.node, "") is None else len(nodes or ())
    validator.focus_subset = focus_subset
    fresh = validator.run().results
    dropped = {}
    for node, nodes in subsets.items():
        if node in focus_subset:
            dropped[node] = None if focus_subset[node] is None else {
                form for t in nodes for form in dataset.written(t)}
    kept = [r for r in stored.results
            if r.shape not in dropped or (dropped[r.shape] is not None and r.focus not in dropped[r.shape])]
    return kept + list(fresh)


def _candidates(dataset: fast.Dataset, read, added: list, delta: str) -> set:
    """The focus nodes whose ``read`` matches an added triple: its anchors (the subjects, or objects when
    inverse, of the added triples it matches), walked back along the read's prefix."""
    p = None if read.predicate is None else ox.NamedNode(read.predicate)
    anchors = {(o if read.inverse else s) for s, q, o in added if p is None or q == p}
    if read.prefix is None or not anchors:
        return anchors
    if any(type(a) is ox.BlankNode for a in anchors):  # no VALUES can name one: find them in the graph
        return {row[0] for row in dataset.select(candidate_query(read, delta[1:-1]))[1]}
    values = " ".join(str(a) for a in sorted(anchors, key=str))
    return {row[0] for row in dataset.select(
        f"SELECT DISTINCT ?this WHERE {{ VALUES ?_a {{ {values} }} ?this {read.prefix} ?_a }}")[1]}


_CORE_TARGETS = {"class", "node", "subjectsOf", "objectsOf"}


def _keep_targeted(validator: fast.Validator, dataset: fast.Dataset, tops: dict) -> None:
    """Keep in ``tops`` (top-level shape -> candidate focus nodes) only the nodes the shape targets, for shapes
    whose targets are all of SHACL Core: these only grow when triples are added, so a candidate they do not
    target now was not a focus node before either (SPARQL targets may shrink: their candidates all stay)."""
    shapes = validator.shapes
    todo = [node for node, nodes in tops.items()
            if nodes and all(t[0] in _CORE_TARGETS for t in shapes.shape(node).targets)]
    every = sorted({t for node in todo for t in tops[node] if type(t) is not ox.BlankNode}, key=str)
    wanted = {kind: ", ".join(sorted({str(fast.sparql_term(t[1])) for node in todo
                                     for t in shapes.shape(node).targets if t[0] == kind})) or "<urn:x-none>"
              for kind in ("subjectsOf", "objectsOf")}
    types: dict = {}
    out: dict = {}
    into: dict = {}
    for i in range(0, len(every), 2000):
        chunk = " ".join(str(t) for t in every[i:i + 2000])
        for facts, text in ((types, f"SELECT DISTINCT ?n ?x WHERE {{ VALUES ?n {{ {chunk} }} ?n a ?x }}"),
                            (out, f"SELECT DISTINCT ?n ?x WHERE {{ VALUES ?n {{ {chunk} }} ?n ?x ?o "
                                  f"FILTER (?x IN ({wanted['subjectsOf']})) }}"),
                            (into, f"SELECT DISTINCT ?n ?x WHERE {{ VALUES ?n {{ {chunk} }} ?s ?x ?n "
                                   f"FILTER (?x IN ({wanted['objectsOf']})) }}")):
            for n, x in dataset.select(text)[1]:
                facts.setdefault(n, set()).add(x)
    for node in todo:
        tests = []
        for target in validator.shapes.shape(node).targets:
            kind, what = target[0], target[1]
            if kind == "class":
                classes = set(validator.subclasses(what))
                tests.append(lambda n, c=classes: bool(types.get(n, set()) & c))
            elif kind == "node":
                term = str(fast.sparql_term(what))
                tests.append(lambda n, w=term: str(n) == w)
            else:
                facts, p = (out if kind == "subjectsOf" else into), ox.NamedNode(str(what))
                tests.append(lambda n, f=facts, p=p: p in f.get(n, ()))
        tops[node] = {n for n in tops[node] if type(n) is ox.BlankNode or any(test(n) for test in tests)}
