"""Cardinality constraint components: ``sh:minCount``, ``sh:maxCount`` (SHACL 4.2); property shapes only."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.namespace import SH

from mougraph.validation.fast.components.base import ConstraintComponent, register
from mougraph.validation.fast.terms import integer


@register
@dataclass(frozen=True)
class MinCountConstraintComponent(ConstraintComponent):
    """At least ``n`` value nodes."""

    component = SH.MinCountConstraintComponent
    parameters = (SH.minCount,)
    n: int

    @classmethod
    def read(cls, graph, node, path):
        return [cls(integer(n, "sh:minCount")) for n in graph.objects(node, SH.minCount)]

    def query(self, compiler, shape, focus):
        if not shape.is_property or self.n == 0:
            return None
        F, keys, path = focus.pattern, focus.keys, shape.path.sparql()
        if self.n == 1:
            return f"SELECT DISTINCT {keys} WHERE {{ {F} FILTER NOT EXISTS {{ ?this {path} ?v }} }}"
        return (f"SELECT {keys} WHERE {{ {F} OPTIONAL {{ ?this {path} ?v }} }} "
                f"GROUP BY {keys} HAVING (COUNT(DISTINCT ?v) < {self.n})")

    def nested_expr(self, compiler, shape, x, stack):
        if not shape.is_property or self.n == 0:  # pySHACL ignores it on node shapes too
            return "false"
        return f"NOT EXISTS {{ {compiler.values_pattern(shape, x, self.n)} }}"

    def message(self, graph, focus, where, value):
        return f"Less than {self.n} values on {where}"


@register
@dataclass(frozen=True)
class MaxCountConstraintComponent(ConstraintComponent):
    """At most ``n`` value nodes."""

    component = SH.MaxCountConstraintComponent
    parameters = (SH.maxCount,)
    n: int

    @classmethod
    def read(cls, graph, node, path):
        return [cls(integer(n, "sh:maxCount")) for n in graph.objects(node, SH.maxCount)]

    def query(self, compiler, shape, focus):
        if not shape.is_property:
            return None
        head, keys, path = focus.head, focus.keys, shape.path.sparql()
        if self.n == 0:
            return f"SELECT DISTINCT {keys} WHERE {{ {head} ?this {path} ?v }}"
        return (f"SELECT {keys} WHERE {{ {head} ?this {path} ?v }} "
                f"GROUP BY {keys} HAVING (COUNT(DISTINCT ?v) > {self.n})")

    def nested_expr(self, compiler, shape, x, stack):
        if not shape.is_property:  # pySHACL ignores it on node shapes too
            return "false"
        return f"EXISTS {{ {compiler.values_pattern(shape, x, self.n + 1)} }}"

    def message(self, graph, focus, where, value):
        return f"More than {self.n} values on {where}"
