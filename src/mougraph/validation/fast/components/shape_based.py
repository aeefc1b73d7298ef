"""Shape-based constraint components: ``sh:node``, ``sh:property``, ``sh:qualifiedValueShape`` with
``sh:qualifiedMinCount`` / ``sh:qualifiedMaxCount`` (SHACL 4.7), written with the violation expressions of
the nested shapes (:meth:`~mougraph.validation.fast.compiler.Compiler.viol`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rdflib import BNode
from rdflib.namespace import SH

from mougraph.validation.fast.components.base import ConstraintComponent, register, short
from mougraph.validation.fast.terms import integer, is_true


@register
@dataclass(frozen=True)
class NodeConstraintComponent(ConstraintComponent):
    """Each value node conforms to the node shape."""

    component = SH.NodeConstraintComponent
    parameters = (SH.node,)
    on_each_value = True
    value_shape: object

    @classmethod
    def read(cls, graph, node, path):
        return [cls(s) for s in graph.objects(node, SH.node)]

    def value_expr(self, compiler, shape, v, stack, top=False):
        return compiler.viol(self.value_shape, v, stack)

    def message(self, graph, focus, where, value):
        return f"Value does not conform to Shape {short(graph, self.value_shape)}. See details for more information."


@register
@dataclass(frozen=True)
class PropertyConstraintComponent(ConstraintComponent):
    """Each value node conforms to the property shape.

    At the top level, a property shape is compiled as a shape of its own, whose focus nodes are the value
    nodes of the shape that has it (:meth:`~mougraph.validation.fast.compiler.Compiler.focus`): it reports
    its own results, and the constraint has no query. Inside a nested shape, it tests each value node.
    """

    component = SH.PropertyConstraintComponent
    parameters = (SH.property,)
    property_shape: object

    @classmethod
    def read(cls, graph, node, path):
        return [cls(p) for p in sorted(graph.objects(node, SH.property), key=lambda n: (isinstance(n, BNode), str(n)))]

    def tests_each_value(self, shape):
        return True

    def value_expr(self, compiler, shape, v, stack, top=False):
        return compiler.viol(self.property_shape, v, stack)

    def query(self, compiler, shape, focus):
        return None

    def check(self, compiler, shape):
        """Nothing: the compiler checks the property shapes as shapes of their own."""


@dataclass(frozen=True)
class _Qualified(ConstraintComponent):
    """A count of the value nodes that conform to ``value_shape`` (and, with ``sh:qualifiedValueShapesDisjoint``,
    to none of the ``siblings``: the qualified value shapes of the other property shapes of the parent shape)."""

    count_parameter: ClassVar
    value_shape: object
    n: int
    siblings: tuple

    @classmethod
    def read(cls, graph, node, path):
        out = []
        for qvs in graph.objects(node, SH.qualifiedValueShape):
            siblings = ()
            if any(is_true(d) for d in graph.objects(node, SH.qualifiedValueShapesDisjoint)):
                siblings = tuple(sorted({sib for parent in graph.subjects(SH.property, node)
                                         for prop in graph.objects(parent, SH.property)
                                         for sib in graph.objects(prop, SH.qualifiedValueShape) if sib != qvs},
                                        key=str))
            name = cls.count_parameter.removeprefix(str(SH))
            out += [cls(qvs, integer(n, f"sh:{name}"), siblings) for n in graph.objects(node, cls.count_parameter)]
        return out

    def conforms(self, compiler, v: str, stack: tuple) -> str:
        """An expression true when the node bound to ``v`` counts."""
        parts = [f"!{compiler.viol(self.value_shape, v, stack)}"]
        parts += [compiler.viol(s, v, stack) for s in self.siblings]
        return "(" + " && ".join(parts) + ")"

    def query(self, compiler, shape, focus):
        if shape.is_property:
            return self.property_query(compiler, shape, focus, self.conforms(compiler, "?v", focus.stack))
        expr = self.nested_expr(compiler, shape, "?this", focus.stack)
        return f"SELECT DISTINCT ?this ?value {focus.variables} WHERE {{ {focus.pattern} FILTER ({expr}) }}"

    def property_query(self, compiler, shape, focus, conforms: str) -> str | None:
        raise NotImplementedError


@register
@dataclass(frozen=True)
class QualifiedMinCountConstraintComponent(_Qualified):
    """At least ``n`` value nodes conform."""

    component = SH.QualifiedMinCountConstraintComponent
    parameters = (SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedValueShapesDisjoint)
    count_parameter = SH.qualifiedMinCount

    def property_query(self, compiler, shape, focus, conforms):
        F, keys, path = focus.pattern, focus.keys, shape.path.sparql()
        if self.n == 0:
            return None
        if self.n == 1:
            return f"SELECT DISTINCT {keys} WHERE {{ {F} FILTER NOT EXISTS {{ ?this {path} ?v FILTER ({conforms}) }} }}"
        return (f"SELECT {keys} WHERE {{ {F} OPTIONAL {{ ?this {path} ?v FILTER ({conforms}) }} }} "
                f"GROUP BY {keys} HAVING (COUNT(DISTINCT ?v) < {self.n})")

    def nested_expr(self, compiler, shape, x, stack):
        if not shape.is_property:
            return f"(IF({self.conforms(compiler, x, stack)}, 1, 0) < {self.n})"
        if self.n == 0:
            return "false"
        pattern = compiler.values_pattern(shape, x, self.n, lambda w: self.conforms(compiler, w, stack))
        return f"NOT EXISTS {{ {pattern} }}"

    def message(self, graph, focus, where, value):
        return (f"Focus node does not conform to shape {short(graph, self.value_shape)}: "
                f"fewer than {self.n} values conform")


@register
@dataclass(frozen=True)
class QualifiedMaxCountConstraintComponent(_Qualified):
    """At most ``n`` value nodes conform."""

    component = SH.QualifiedMaxCountConstraintComponent
    parameters = (SH.qualifiedValueShape, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint)
    count_parameter = SH.qualifiedMaxCount

    def property_query(self, compiler, shape, focus, conforms):
        keys, path = focus.keys, shape.path.sparql()
        return (f"SELECT {keys} WHERE {{ {focus.head} ?this {path} ?v FILTER ({conforms}) }} "
                f"GROUP BY {keys} HAVING (COUNT(DISTINCT ?v) > {self.n})")

    def nested_expr(self, compiler, shape, x, stack):
        if not shape.is_property:
            return f"(IF({self.conforms(compiler, x, stack)}, 1, 0) > {self.n})"
        pattern = compiler.values_pattern(shape, x, self.n + 1, lambda w: self.conforms(compiler, w, stack))
        return f"EXISTS {{ {pattern} }}"

    def message(self, graph, focus, where, value):
        return (f"Focus node does not conform to shape {short(graph, self.value_shape)}: "
                f"more than {self.n} values conform")
