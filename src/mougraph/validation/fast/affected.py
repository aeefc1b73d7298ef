"""Which focus nodes a change of the data can affect, read from the shapes' targets and paths.

A shape validates a focus node by reading triples around it: along its path, then at each value node (its
``rdf:type`` for ``sh:class``, the paths of nested shapes), and at the focus node for ``sh:closed`` and the
property-pair constraints. Each such read is a :class:`Read`: walk ``prefix`` (a SPARQL path) from the focus
node to a node *n*, then read the triples ``n p ?`` (or ``? p n`` when ``inverse``). An added triple ``s p o``
can change the results of a focus node only if one of the shape's reads matches it, so the focus nodes to
validate again are found by walking each matching read's prefix *back* from ``s`` (``o`` when inverse). The
targets are reads with no prefix (``rdf:type`` for class targets, ``p`` for ``sh:targetSubjectsOf p``, ...).

SPARQL constraints and targets are read by :mod:`.sparql_reads`. What cannot be bounded raises
:class:`Unbounded` (e.g. a SPARQL query reading triples no route from ``$this`` reaches, recursive shapes):
the incremental run validates such a shape in full, which is always sound.
"""

from __future__ import annotations

import json

from rdflib import URIRef
from rdflib.namespace import RDF, SH

from mougraph.validation.fast.reads import Read, Unbounded, join, path_reads
from mougraph.validation.fast.shapes import Shape, ShapesGraph
from mougraph.validation.fast.sparql_reads import query_reads
from mougraph.validation.fast.terms import rdf_list

#: Components that read nothing but the value node itself (the path already reads the triple that gives it).
_VALUE_ONLY = {SH[n + "ConstraintComponent"] for n in (
    "Datatype", "NodeKind", "MinExclusive", "MinInclusive", "MaxExclusive", "MaxInclusive", "MinLength",
    "MaxLength", "Pattern", "LanguageIn", "In", "HasValue", "MinCount", "MaxCount", "UniqueLang")}
_PAIRS = {SH.EqualsConstraintComponent: SH.equals, SH.DisjointConstraintComponent: SH.disjoint,
          SH.LessThanConstraintComponent: SH.lessThan,
          SH.LessThanOrEqualsConstraintComponent: SH.lessThanOrEquals}
_NESTED = {SH.NodeConstraintComponent, SH.NotConstraintComponent, SH.AndConstraintComponent,
           SH.OrConstraintComponent, SH.XoneConstraintComponent, SH.QualifiedMinCountConstraintComponent,
           SH.QualifiedMaxCountConstraintComponent, SH.PropertyConstraintComponent}
#: Nesting deeper than this is treated as unbounded (the shapes are then recursive in effect).
_MAX_DEPTH = 20


class Reads:
    """The reads of the shapes of one shapes graph, per top-level shape (with everything it nests)."""

    def __init__(self, shapes: ShapesGraph, sparql_cache: dict | None = None):
        self.shapes = shapes
        #: (query, prefixes, path, shape) -> its reads from $this as [prefix, predicate, inverse] lists, or the
        #: reason it is unbounded: parsing the queries with rdflib takes over a second, so they are kept.
        self.sparql_cache = {} if sparql_cache is None else sparql_cache
        self._qualified = sorted(set(shapes.graph.objects(None, SH.qualifiedValueShape)), key=str)

    def of_top_level(self, shape: Shape) -> set[Read]:
        """The reads of ``shape`` from its focus nodes, its targets included; raises :class:`Unbounded`."""
        out: set[Read] = set()
        for target in shape.targets:
            kind = target[0]
            if kind == "class":
                out.add(Read(None, str(RDF.type), False))
            elif kind == "subjectsOf":
                out.add(Read(None, str(target[1]), False))
            elif kind == "objectsOf":
                out.add(Read(None, str(target[1]), True))
            elif kind == "sparql":
                out |= self.sparql(None, target[1], dict(target[2]), None, None)
            elif kind != "node":
                raise Unbounded(f"its target {target[1]} is not bounded by paths")
        self.of_shape(shape, None, (), out)
        return out

    def of_shape(self, shape: Shape, focus: str | None, stack: tuple, out: set) -> None:
        """Add the reads of validating a focus node at the end of ``focus`` against ``shape``."""
        if shape.deactivated:
            return
        if shape.node in stack or len(stack) > _MAX_DEPTH:
            raise Unbounded(f"recursive shape {shape.node}")
        if shape.uncovered:
            raise Unbounded(f"shape {shape.node}: {shape.uncovered}")
        stack = stack + (shape.node,)
        g = self.shapes.graph
        values = path_reads(shape.path, focus, out) if shape.is_property else focus
        for component in sorted({c.component for c in shape.constraints}, key=str):
            if component in _VALUE_ONLY:
                continue
            if component == SH.ClassConstraintComponent:
                out.add(Read(values, str(RDF.type), False))
            elif component in _PAIRS:
                for other in g.objects(shape.node, _PAIRS[component]):
                    out.add(Read(focus, str(other), False))
            elif component == SH.ClosedConstraintComponent:
                out.add(Read(focus, None, False))
            elif component == SH.SPARQLConstraintComponent:
                for c in shape.constraints:
                    if c.component == component:
                        iri = str(shape.node) if isinstance(shape.node, URIRef) else None
                        out |= self.sparql(focus, c.select, dict(c.prefixes), shape.path, iri)
            elif component in _NESTED:
                for nested in self._nested(shape.node, component):
                    self.of_shape(self.shapes.shape(nested), values, stack, out)
            else:
                raise Unbounded(f"shape {shape.node}: {component} may read anything")

    def sparql(self, focus: str | None, text: str, prefixes: dict, path, shape_iri) -> set[Read]:
        """The reads of a SPARQL query whose ``$this`` is at the end of ``focus``; raises :class:`Unbounded`."""
        key = json.dumps([text, sorted(prefixes.items()), path.text() if path is not None else None, shape_iri],
                         ensure_ascii=False)
        if key not in self.sparql_cache:
            try:
                reads = query_reads(text, prefixes, path, shape_iri)
                self.sparql_cache[key] = [[r.prefix, r.predicate, r.inverse] for r in
                                          sorted(reads, key=lambda r: (r.prefix or "", r.predicate or "", r.inverse))]
            except Unbounded as exc:
                self.sparql_cache[key] = f"SPARQL query: {exc}"
        found = self.sparql_cache[key]
        if isinstance(found, str):
            raise Unbounded(found)
        return {Read(focus if prefix is None else join(focus, prefix), predicate, inverse)
                for prefix, predicate, inverse in found}

    def _nested(self, node, component) -> list:
        g = self.shapes.graph
        if component == SH.PropertyConstraintComponent:
            return sorted(g.objects(node, SH.property), key=str)
        if component in (SH.QualifiedMinCountConstraintComponent, SH.QualifiedMaxCountConstraintComponent):
            own = list(g.objects(node, SH.qualifiedValueShape))
            # sh:qualifiedValueShapesDisjoint tests the values against the sibling shapes' qualified shapes too
            return self._qualified if any(g.objects(node, SH.qualifiedValueShapesDisjoint)) else own
        predicate = {SH.NodeConstraintComponent: SH.node, SH.NotConstraintComponent: SH["not"]}.get(component)
        if predicate is not None:
            return sorted(g.objects(node, predicate), key=str)
        predicate = {SH.AndConstraintComponent: SH["and"], SH.OrConstraintComponent: SH["or"],
                     SH.XoneConstraintComponent: SH.xone}[component]
        return [member for head in g.objects(node, predicate) for member in rdf_list(g, head)]


def candidate_query(read: Read, delta: str) -> str:
    """A query for the focus nodes ``?this`` whose ``read`` matches a triple of the graph ``delta``."""
    p = "?_p" if read.predicate is None else f"<{read.predicate}>"
    triple = f"?_o {p} ?_a" if read.inverse else f"?_a {p} ?_o"
    if read.prefix is None:
        return f"SELECT DISTINCT ?this WHERE {{ GRAPH <{delta}> {{ {triple.replace('?_a', '?this')} }} }}"
    return f"SELECT DISTINCT ?this WHERE {{ GRAPH <{delta}> {{ {triple} }} ?this {read.prefix} ?_a }}"
