"""Running the compiled shapes: which shapes the engine validates, their queries on the :class:`Dataset`,
and the rows of the queries as :class:`FastResult` (literals as written)."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph
from rdflib.namespace import RDF

from mougraph.store.terms import to_ox
from mougraph.validation.fast.compiler import Compiler, Job
from mougraph.validation.fast.dataset import Dataset
from mougraph.validation.fast.report import FastOutcome, FastResult
from mougraph.validation.fast.shapes import TARGETS, Shape, ShapesGraph


class Validator(Compiler):
    """Compiles the shapes of a :class:`ShapesGraph` for one :class:`Dataset` and runs them."""

    def run(self) -> FastOutcome:
        covered_top, fallback, order, sources = self.plan()
        results = []
        for shape in order:
            if self.focus_subset is not None and shape.node not in self.focus_subset:
                continue
            for job in self.jobs(shape, sources):
                results.extend(self.execute(job))
        return FastOutcome(results, [s.node for s in covered_top], fallback, self.dataset.queries)

    def plan(self) -> tuple[list[Shape], dict, list[Shape], dict]:
        """The covered top-level shapes, the others (shape -> why not), every shape to run in order, and where
        each one's focus nodes come from (shape -> "targets" or the parent shapes that have it)."""
        covered_top, fallback = [], {}
        for shape in self.shapes.top_level():
            reason = self.covered(shape.node)
            if reason is None:
                covered_top.append(shape)
            else:
                fallback[shape.node] = reason
        sources: dict = {}  # shape -> where its focus nodes come from: "targets" or parent shapes
        order: list[Shape] = []

        def visit(shape: Shape, source) -> None:
            listed = sources.setdefault(shape.node, [])
            if source in listed:
                return
            if not listed:
                order.append(shape)
            listed.append(source)
            for prop in shape.properties:
                child = self.shapes.shape(prop)
                if not child.deactivated:
                    visit(child, shape.node)

        for shape in covered_top:
            visit(shape, "targets")
        return covered_top, fallback, order, sources

    def execute(self, job: Job) -> Iterable[FastResult]:
        """Run ``job``: its results."""
        shape, ds = job.shape, self.dataset
        names, rows = ds.select(job.text)
        if job.kind != "values":
            yield from job.constraints[0].results(ds, self.shapes.graph, shape, names, rows, job.extra)
            return
        path_node = shape.path_node if shape.is_property else None
        pred = to_ox(shape.path.args[0]) if shape.is_property and shape.path.kind == "pred" else None
        n = len(job.constraints)
        for row in rows:
            this = row[0]
            value = row[1] if shape.is_property else row[0]
            flags = row[-n:]
            if shape.is_property:
                forms = ds.written_at(this, pred, value) if pred is not None else ds.written(value)
                pairs = [(focus, form) for focus in ds.written(this) for form in forms]
            else:  # the value node is the focus node
                pairs = [(form, form) for form in ds.written(this)]
            for c, flag in zip(job.constraints, flags, strict=True):
                if flag is None or flag.value != "true":
                    continue
                for focus, form in pairs:
                    if c.accepts(form):
                        continue
                    yield FastResult(shape.severity, focus, path_node, form, shape.node, c.component,
                                     c.result_messages(self.shapes.graph, shape, focus, form))


def pruned_shapes_graph(shapes: ShapesGraph, keep: Iterable) -> Graph:
    """A copy of the shapes graph in which only the top-level shapes ``keep`` have targets (for pySHACL)."""
    keep = set(keep)
    graph = Graph()
    for prefix, namespace in shapes.graph.namespaces():
        graph.bind(prefix, namespace)
    drop = {s.node for s in shapes.top_level() if s.node not in keep}
    for s, p, o in shapes.graph:
        if s in drop and (p in TARGETS or (p == RDF.type and o in shapes.shape_classes)):
            continue
        graph.add((s, p, o))
    return graph


def validate(dataset: Dataset, shapes_graph: Graph | ShapesGraph, strict: bool = False) -> FastOutcome:
    """Validate the data of ``dataset`` against ``shapes_graph``: the results of the shapes this engine covers.

    The top-level shapes it does not cover are listed in :attr:`FastOutcome.fallback` (validate them with
    pySHACL, e.g. on :func:`pruned_shapes_graph`). Raises :class:`ShapesError` for shapes that are not valid
    SHACL. SPARQL queries that break the syntax rules of SHACL-SPARQL (MINUS, VALUES, ...) are failures with
    ``strict`` (as the specification has it) and left to pySHACL, which runs them, without.
    """
    shapes = shapes_graph if isinstance(shapes_graph, ShapesGraph) else ShapesGraph(shapes_graph)
    return Validator(shapes, dataset, strict).run()
