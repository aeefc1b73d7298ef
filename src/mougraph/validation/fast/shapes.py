"""The shapes graph as the fast engine reads it: each shape's path, targets, severity, messages and
constraints (read by the constraint components of :mod:`mougraph.validation.fast.components`), and what it
uses that the engine does not cover."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from mougraph.errors import ShapesError
from mougraph.validation.fast.components import PARAMETERS, REGISTRY, ConstraintComponent
from mougraph.validation.fast.paths import NEVER, Path, parse_path
from mougraph.validation.fast.rewrite import declared_prefixes
from mougraph.validation.fast.terms import Uncovered, is_true, rdf_list

TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}
#: The other predicates a shape may have.
_NON_VALIDATING = {SH.path, SH.severity, SH.message, SH.deactivated, SH.name, SH.description, SH.order,
                   SH.group, SH.defaultValue, SH.select, SH.prefixes, SH.declare, SH.labelTemplate,
                   SH.shapesGraph, SH.suggestedShapesGraph, SH.entailment, SH.jsFunctionName, SH.jsLibrary}
_KNOWN = PARAMETERS | TARGETS | _NON_VALIDATING


@dataclass(eq=False)
class Shape:
    """One shape: ``targets`` are (kind, ...) tuples; ``properties`` its property shapes (sh:property)."""

    node: object
    path: Path | None
    path_node: object
    severity: URIRef
    messages: list
    deactivated: bool
    targets: list
    constraints: list[ConstraintComponent]
    properties: list
    uncovered: str | None = None

    @property
    def is_property(self) -> bool:
        return self.path is not None


class ShapesGraph:
    """The shapes of a SHACL shapes graph, parsed once (compiled to SPARQL by :mod:`~.compiler`)."""

    def __init__(self, graph: Graph):
        self.graph = Graph()
        for triple in graph:
            self.graph.add(triple)
        for prefix, namespace in graph.namespaces():
            self.graph.bind(prefix, namespace, override=False)
        g = self.graph
        self._shapes: dict = {}
        self.global_reason = None
        if any(g.triples((None, SH.rule, None))) or any(g.subjects(RDF.type, SH.SPARQLFunction)) \
                or any(g.subjects(RDF.type, SH.SPARQLRule)) or any(g.subjects(RDF.type, SH.TripleRule)):
            self.global_reason = "SHACL-AF rules or functions change what every shape sees"
        self.custom_parameters = {p for cls in self._subclasses_in_shapes_graph(SH.ConstraintComponent)
                                  for cc in g.subjects(RDF.type, cls)
                                  for param in g.objects(cc, SH.parameter) for p in g.objects(param, SH.path)}
        self.shape_classes = self._subclasses_in_shapes_graph(RDFS.Class)
        found = set()
        for cls in (SH.NodeShape, SH.PropertyShape):
            for c in self._subclasses_in_shapes_graph(cls):
                found |= set(g.subjects(RDF.type, c))
        for predicate in TARGETS | {SH.path}:
            found |= set(g.subjects(predicate, None))
        for predicate in (SH.node, SH.property, SH["not"], SH.qualifiedValueShape):
            found |= set(g.objects(None, predicate))
        for predicate in (SH["and"], SH["or"], SH.xone):
            for head in g.objects(None, predicate):
                found |= set(rdf_list(g, head))
        self.nodes = sorted(found, key=lambda n: (isinstance(n, BNode), str(n)))

    def _subclasses_in_shapes_graph(self, cls) -> set:
        result, todo = {cls}, [cls]
        while todo:
            for sub in self.graph.subjects(RDFS.subClassOf, todo.pop()):
                if sub not in result:
                    result.add(sub)
                    todo.append(sub)
        return result

    def shape(self, node) -> Shape:
        if node not in self._shapes:
            self._shapes[node] = self._parse(node)
        return self._shapes[node]

    def top_level(self) -> list[Shape]:
        """The shapes with targets (not deactivated), in a stable order."""
        return [s for s in (self.shape(n) for n in self.nodes) if s.targets and not s.deactivated]

    def _parse(self, node) -> Shape:
        g = self.graph
        uncovered = None
        path_node = g.value(node, SH.path)
        path = None
        if path_node is not None:
            try:
                path = parse_path(g, path_node)
            except ShapesError as exc:  # pySHACL may read it in its own way: leave the shape to it
                uncovered = f"sh:path: {exc}"
                path = Path("pred", (URIRef(NEVER),))
        severity = g.value(node, SH.severity) or SH.Violation
        messages = sorted((m for m in g.objects(node, SH.message) if isinstance(m, Literal)),
                          key=lambda m: (m.language or "", str(m)))
        deactivated = any(is_true(d) for d in g.objects(node, SH.deactivated))
        targets = [("class", c) for c in g.objects(node, SH.targetClass)]
        if any((node, RDF.type, c) in g for c in self.shape_classes):
            targets.append(("class", node))
        targets += [("node", n) for n in g.objects(node, SH.targetNode)]
        targets += [("subjectsOf", p) for p in g.objects(node, SH.targetSubjectsOf)]
        targets += [("objectsOf", p) for p in g.objects(node, SH.targetObjectsOf)]
        for target in g.objects(node, SH.target):
            select = g.value(target, SH.select)
            if (target, RDF.type, SH.SPARQLTarget) in g and isinstance(select, Literal):
                targets.append(("sparql", str(select), tuple(declared_prefixes(g, target))))
            else:
                targets.append(("unsupported", target))
                uncovered = uncovered or f"target {target} is not a SPARQL target"
        constraints = []
        for component in REGISTRY.values():
            try:
                constraints += component.read(g, node, path)
            except Uncovered as exc:
                uncovered = uncovered or str(exc)
        for predicate in sorted(set(g.predicates(node, None)), key=str):
            if predicate in self.custom_parameters:
                uncovered = uncovered or f"custom constraint component (parameter {predicate})"
            elif str(predicate).startswith(str(SH)) and predicate not in _KNOWN:
                uncovered = uncovered or f"{predicate} is not covered"
        properties = [c.property_shape for c in constraints if c.component == SH.PropertyConstraintComponent]
        return Shape(node, path, path_node, severity, messages, deactivated, targets, constraints, properties,
                     uncovered)
