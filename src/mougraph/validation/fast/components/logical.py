"""Logical constraint components: ``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone`` (SHACL 4.6), written with the
violation expressions of the nested shapes (:meth:`~mougraph.validation.fast.compiler.Compiler.viol`)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.namespace import SH

from mougraph.validation.fast.components.base import ConstraintComponent, register, short
from mougraph.validation.fast.terms import rdf_list


@register
@dataclass(frozen=True)
class NotConstraintComponent(ConstraintComponent):
    """Each value node does not conform to the shape."""

    component = SH.NotConstraintComponent
    parameters = (SH["not"],)
    on_each_value = True
    value_shape: object

    @classmethod
    def read(cls, graph, node, path):
        return [cls(s) for s in graph.objects(node, SH["not"])]

    def value_expr(self, compiler, shape, v, stack, top=False):
        return f"!{compiler.viol(self.value_shape, v, stack)}"

    def message(self, graph, focus, where, value):
        return f"Node {value} must not conform to shape {short(graph, self.value_shape)}"


@dataclass(frozen=True)
class _ShapeList(ConstraintComponent):
    """A constraint on each value node with the shapes of an RDF list."""

    on_each_value = True
    value_shapes: tuple

    @classmethod
    def read(cls, graph, node, path):
        return [cls(tuple(rdf_list(graph, head))) for head in graph.objects(node, cls.parameters[0])]

    def _listed(self, graph, separator: str) -> str:
        return separator.join(short(graph, s) for s in self.value_shapes)


@register
@dataclass(frozen=True)
class AndConstraintComponent(_ShapeList):
    """Each value node conforms to every shape."""

    component = SH.AndConstraintComponent
    parameters = (SH["and"],)

    def value_expr(self, compiler, shape, v, stack, top=False):
        return "(" + (" || ".join(compiler.viol(s, v, stack) for s in self.value_shapes) or "false") + ")"

    def message(self, graph, focus, where, value):
        return "Value must conform to every Shape in ('{}')".format(self._listed(graph, "', '"))


@register
@dataclass(frozen=True)
class OrConstraintComponent(_ShapeList):
    """Each value node conforms to one of the shapes at least."""

    component = SH.OrConstraintComponent
    parameters = (SH["or"],)

    def value_expr(self, compiler, shape, v, stack, top=False):
        return "(" + (" && ".join(compiler.viol(s, v, stack) for s in self.value_shapes) or "true") + ")"

    def message(self, graph, focus, where, value):
        return "Node {} must conform to one or more shapes in {}".format(value, self._listed(graph, " , "))


@register
@dataclass(frozen=True)
class XoneConstraintComponent(_ShapeList):
    """Each value node conforms to exactly one of the shapes."""

    component = SH.XoneConstraintComponent
    parameters = (SH.xone,)

    def value_expr(self, compiler, shape, v, stack, top=False):
        if not self.value_shapes:
            return "true"
        return "((" + " + ".join(f"IF({compiler.viol(s, v, stack)}, 0, 1)" for s in self.value_shapes) + ") != 1)"

    def message(self, graph, focus, where, value):
        return "Node {} must conform to exactly one shape in {}".format(value, self._listed(graph, " , "))
