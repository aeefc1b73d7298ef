"""Property pair constraint components: ``sh:equals``, ``sh:disjoint``, ``sh:lessThan``,
``sh:lessThanOrEquals`` (SHACL 4.5): the value nodes against the values of another property of the focus
node (on a node shape, the focus node is the one value node)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rdflib import URIRef
from rdflib.namespace import SH

from mougraph.errors import ShapesError
from mougraph.validation.fast.components.base import ConstraintComponent, register, short
from mougraph.validation.fast.terms import Uncovered, sparql_term


@dataclass(frozen=True)
class _PropertyPair(ConstraintComponent):
    """A constraint between the value nodes and the values of ``property``."""

    property_shapes_only: ClassVar[bool] = False
    property: URIRef

    @classmethod
    def read(cls, graph, node, path):
        out = []
        for other in graph.objects(node, cls.parameters[0]):
            if not isinstance(other, URIRef):
                raise ShapesError(f"{node}: {cls.parameters[0]} must be an IRI")
            if path is not None or not cls.property_shapes_only:
                out.append(cls(other))
        return out


@register
@dataclass(frozen=True)
class EqualsConstraintComponent(_PropertyPair):
    """The value nodes are the values of the property: a result for each value of one that the other lacks."""

    component = SH.EqualsConstraintComponent
    parameters = (SH.equals,)

    def query(self, compiler, shape, focus):
        F, D, q = focus.pattern, focus.variables, sparql_term(self.property)
        if not shape.is_property:  # the focus node when not a value of the property, and the values that are not it
            return (f"SELECT DISTINCT ?this ?value {D} WHERE {{ {{ {F} FILTER NOT EXISTS {{ ?this {q} ?this }} "
                    f"BIND (?this AS ?value) }} UNION {{ {F} ?this {q} ?value "
                    f"FILTER (!sameTerm(?value, ?this)) }} }}")
        path = shape.path.sparql()
        return (f"SELECT DISTINCT ?this ?value {D} WHERE {{ {{ {F} ?this {path} ?value "
                f"FILTER NOT EXISTS {{ ?this {q} ?value }} }} UNION {{ {F} ?this {q} ?value "
                f"FILTER NOT EXISTS {{ ?this {path} ?value }} }} }}")

    def nested_expr(self, compiler, shape, x, stack):
        if not shape.is_property:
            w, q = compiler.fresh(), sparql_term(self.property)
            return f"(NOT EXISTS {{ {x} {q} {x} }} || EXISTS {{ {x} {q} {w} FILTER (!sameTerm({w}, {x})) }})"
        path, q, w = shape.path.sparql(), sparql_term(self.property), compiler.fresh()
        return (f"(EXISTS {{ {x} {path} {w} FILTER NOT EXISTS {{ {x} {q} {w} }} }} || "
                f"EXISTS {{ {x} {q} {w} FILTER NOT EXISTS {{ {x} {path} {w} }} }})")

    def message(self, graph, focus, where, value):
        return f"Value of {where} != {short(graph, self.property)}"


@register
@dataclass(frozen=True)
class DisjointConstraintComponent(_PropertyPair):
    """No value node is a value of the property."""

    component = SH.DisjointConstraintComponent
    parameters = (SH.disjoint,)

    def query(self, compiler, shape, focus):
        D, q = focus.variables, sparql_term(self.property)
        if not shape.is_property:
            expr = self.nested_expr(compiler, shape, "?this", focus.stack)
            return (f"SELECT DISTINCT ?this ?value {D} WHERE {{ {focus.pattern} FILTER ({expr}) "
                    f"BIND (?this AS ?value) }}")
        return (f"SELECT DISTINCT ?this ?value {D} WHERE {{ {focus.head} ?this {shape.path.sparql()} ?value . "
                f"?this {q} ?value }}")

    def nested_expr(self, compiler, shape, x, stack):
        q = sparql_term(self.property)
        if not shape.is_property:
            return f"EXISTS {{ {x} {q} {x} }}"
        w = compiler.fresh()
        return f"EXISTS {{ {x} {shape.path.sparql()} {w} . {x} {q} {w} }}"

    def message(self, graph, focus, where, value):
        return f"Value of {where} == {short(graph, self.property)}"


@dataclass(frozen=True)
class _Order(_PropertyPair):
    """Each value node is ``operator`` each value of the property (a result for each pair that is not)."""

    operator: ClassVar[str]
    property_shapes_only = True  # SHACL, property pair constraints

    def query(self, compiler, shape, focus):
        if not shape.is_property:
            return None
        q, op = sparql_term(self.property), self.operator
        return (f"SELECT DISTINCT ?this ?value ?other {focus.variables} WHERE {{ {focus.head} ?this "
                f"{shape.path.sparql()} ?value . ?this {q} ?other FILTER (!COALESCE(?value {op} ?other, false)) }}")

    def nested_expr(self, compiler, shape, x, stack):
        if not shape.is_property:
            raise Uncovered(f"{self.component} on a node shape")
        q, w = sparql_term(self.property), compiler.fresh()
        o = compiler.fresh("o")
        return (f"EXISTS {{ {x} {shape.path.sparql()} {w} . {x} {q} {o} "
                f"FILTER (!COALESCE({w} {self.operator} {o}, false)) }}")


@register
@dataclass(frozen=True)
class LessThanConstraintComponent(_Order):
    """Each value node < each value of the property."""

    component = SH.LessThanConstraintComponent
    parameters = (SH.lessThan,)
    operator = "<"

    def message(self, graph, focus, where, value):
        return f"Value of {where} >= {short(graph, self.property)}"


@register
@dataclass(frozen=True)
class LessThanOrEqualsConstraintComponent(_Order):
    """Each value node <= each value of the property."""

    component = SH.LessThanOrEqualsConstraintComponent
    parameters = (SH.lessThanOrEquals,)
    operator = "<="

    def message(self, graph, focus, where, value):
        return f"Value of {where} > {short(graph, self.property)}"
