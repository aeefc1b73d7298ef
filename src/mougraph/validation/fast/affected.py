"""Which focus nodes a change of the data can affect, read from the shapes' targets and paths.

A shape validates a focus node by reading triples around it: along its path, then at each value node (its
``rdf:type`` for ``sh:class``, the paths of nested shapes), and at the focus node for ``sh:closed`` and the
property-pair constraints. Each such read is a :class:`Read`: walk ``prefix`` (a SPARQL path) from the focus
node to a node *n*, then read the triples ``n p ?`` (or ``? p n`` when ``inverse``). An added triple ``s p o``
can change the results of a focus node only if one of the shape's reads matches it, so the focus nodes to
validate again are found by walking each matching read's prefix *back* from ``s`` (``o`` when inverse). The
targets are reads with no prefix (``rdf:type`` for class targets, ``p`` for ``sh:targetSubjectsOf p``, ...).

What cannot be bounded this way raises :class:`Unbounded` (SPARQL-based constraints and targets, recursive
shapes, custom components): the incremental run validates such a shape in full, which is always sound.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.namespace import RDF, SH

from mougraph.validation.fast.paths import Path
from mougraph.validation.fast.shapes import Shape, ShapesGraph
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


class Unbounded(Exception):
    """The focus nodes a change can affect cannot be derived from this shape's paths."""


@dataclass(frozen=True, order=True)
class Read:
    """Triples a shape reads: walk ``prefix`` from the focus node (None: stay there), then ``predicate``
    (None: any) out of that node, or into it when ``inverse``."""

    prefix: str | None
    predicate: str | None
    inverse: bool


def _join(prefix: str | None, step: str) -> str:
    return step if prefix is None else f"{prefix}/{step}"


def inverted(path: Path) -> Path:
    """The inverse of ``path`` with the inversions pushed down to its predicates."""
    if path.kind == "pred":
        return Path("inv", (path,))
    if path.kind == "inv":
        return path.args[0]
    if path.kind == "seq":
        return Path("seq", tuple(inverted(p) for p in reversed(path.args)))
    return Path(path.kind, tuple(inverted(p) for p in path.args))


def path_reads(path: Path, prefix: str | None, out: set) -> str:
    """Add the reads of walking ``path`` from the end of ``prefix`` to ``out``; the prefix of its value nodes."""
    kind = path.kind
    if kind == "pred":
        out.add(Read(prefix, str(path.args[0]), False))
    elif kind == "inv":
        inner = path.args[0]
        if inner.kind != "pred":
            return path_reads(inverted(inner), prefix, out)
        out.add(Read(prefix, str(inner.args[0]), True))
    elif kind == "seq":
        for step in path.args:
            prefix = path_reads(step, prefix, out)
        return prefix
    elif kind == "alt":
        for branch in path.args:
            path_reads(branch, prefix, out)
    else:  # zom, oom, zoo: each step may start after any number of earlier ones
        path_reads(path.args[0], _join(prefix, Path("zom", path.args).text()), out)
    return _join(prefix, path.text())


class Reads:
    """The reads of the shapes of one shapes graph, per top-level shape (with everything it nests)."""

    def __init__(self, shapes: ShapesGraph):
        self.shapes = shapes
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
            elif kind != "node":  # a SPARQL target may read anything
                raise Unbounded(f"its target {target[1] if kind != 'sparql' else 'sh:SPARQLTarget'} "
                                f"is not bounded by paths")
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
            elif component in _NESTED:
                for nested in self._nested(shape.node, component):
                    self.of_shape(self.shapes.shape(nested), values, stack, out)
            else:
                raise Unbounded(f"shape {shape.node}: {component} may read anything")

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
