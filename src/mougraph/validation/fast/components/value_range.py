"""Value range constraint components: ``sh:minExclusive``, ``sh:minInclusive``, ``sh:maxExclusive``,
``sh:maxInclusive`` (SHACL 4.3): SPARQL's comparison of each value node with the bound."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rdflib.namespace import SH

from mougraph.validation.fast.components.base import ConstraintComponent, register, short
from mougraph.validation.fast.terms import sparql_term


@dataclass(frozen=True)
class _Range(ConstraintComponent):
    """Each value node compares with ``bound`` as ``operator`` says (an error, e.g. a string and a number,
    is a violation)."""

    operator: ClassVar[str]
    on_each_value = True
    bound: object

    @classmethod
    def read(cls, graph, node, path):
        return [cls(bound) for bound in graph.objects(node, cls.parameters[0])]

    def value_expr(self, compiler, shape, v, stack, top=False):
        return f"!COALESCE({v} {self.operator} {sparql_term(self.bound)}, false)"

    def message(self, graph, focus, where, value):
        return f"Value is not {self.operator} {short(graph, self.bound)}"


@register
@dataclass(frozen=True)
class MinExclusiveConstraintComponent(_Range):
    """Each value node > the bound."""

    component = SH.MinExclusiveConstraintComponent
    parameters = (SH.minExclusive,)
    operator = ">"


@register
@dataclass(frozen=True)
class MinInclusiveConstraintComponent(_Range):
    """Each value node >= the bound."""

    component = SH.MinInclusiveConstraintComponent
    parameters = (SH.minInclusive,)
    operator = ">="


@register
@dataclass(frozen=True)
class MaxExclusiveConstraintComponent(_Range):
    """Each value node < the bound."""

    component = SH.MaxExclusiveConstraintComponent
    parameters = (SH.maxExclusive,)
    operator = "<"


@register
@dataclass(frozen=True)
class MaxInclusiveConstraintComponent(_Range):
    """Each value node <= the bound."""

    component = SH.MaxInclusiveConstraintComponent
    parameters = (SH.maxInclusive,)
    operator = "<="
