"""Other constraint components: ``sh:closed`` (+ ``sh:ignoredProperties``), ``sh:hasValue``, ``sh:in``
(SHACL 4.8). Terms are compared as Oxigraph stores them (``docs/validation-engines.md``, differences)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import SH

from mougraph.validation.fast.components.base import ConstraintComponent, register
from mougraph.validation.fast.terms import is_true, rdf_list, sparql_term


@register
@dataclass(frozen=True)
class ClosedConstraintComponent(ConstraintComponent):
    """Each value node has no property but the paths of the shape's property shapes and the ignored ones."""

    component = SH.ClosedConstraintComponent
    parameters = (SH.closed, SH.ignoredProperties)
    allowed: tuple

    @classmethod
    def read(cls, graph, node, path):
        if not any(is_true(c) for c in graph.objects(node, SH.closed)):
            return []
        allowed = set()
        for prop in graph.objects(node, SH.property):
            p = graph.value(prop, SH.path)
            if isinstance(p, URIRef):
                allowed.add(p)
        for head in graph.objects(node, SH.ignoredProperties):
            allowed |= set(rdf_list(graph, head))
        return [cls(tuple(sorted(allowed, key=str)))]

    def _outside(self, p: str) -> str:
        allowed = ", ".join(f"<{a}>" for a in self.allowed)
        return f"{p} NOT IN ({allowed})" if allowed else "true"

    def query(self, compiler, shape, focus):
        F, D, test = focus.pattern, focus.variables, self._outside("?path")
        if shape.is_property:
            return (f"SELECT DISTINCT ?this ?path ?value {D} WHERE {{ {F} ?this {shape.path.sparql()} ?w . "
                    f"?w ?path ?value FILTER ({test}) }}")
        return f"SELECT DISTINCT ?this ?path ?value {D} WHERE {{ {F} ?this ?path ?value FILTER ({test}) }}"

    def nested_expr(self, compiler, shape, x, stack):
        p, o = compiler.fresh("p"), compiler.fresh("o")
        test = self._outside(p)
        if shape.is_property:
            w = compiler.fresh()
            return f"EXISTS {{ {x} {shape.path.sparql()} {w} . {w} {p} {o} FILTER ({test}) }}"
        return f"EXISTS {{ {x} {p} {o} FILTER ({test}) }}"

    def written_values(self, dataset, shape, this, path, value):
        if not shape.is_property:  # the value of the triple (this, path, value): known as written exactly
            return dataset.written_at(this, path, value)
        return dataset.written(value)

    def message(self, graph, focus, where, value):
        return f"Node {focus} is closed. It cannot have value: {value}"


@register
@dataclass(frozen=True)
class HasValueConstraintComponent(ConstraintComponent):
    """The term is one of the value nodes (on a node shape: the focus node is the term)."""

    component = SH.HasValueConstraintComponent
    parameters = (SH.hasValue,)
    has_value: object

    @classmethod
    def read(cls, graph, node, path):
        return [cls(v) for v in graph.objects(node, SH.hasValue)]

    def tests_each_value(self, shape):
        return not shape.is_property

    def value_expr(self, compiler, shape, v, stack, top=False):
        return f"!sameTerm({v}, {sparql_term(self.has_value)})"

    def query(self, compiler, shape, focus):
        value = sparql_term(self.has_value)
        if not shape.is_property:
            return (f"SELECT DISTINCT ?this {focus.variables} WHERE {{ {focus.pattern} "
                    f"FILTER (!sameTerm(?this, {value})) }}")
        return (f"SELECT DISTINCT {focus.keys} WHERE {{ {focus.pattern} FILTER NOT EXISTS "
                f"{{ ?this {shape.path.sparql()} {value} }} }}")

    def nested_expr(self, compiler, shape, x, stack):
        return f"NOT EXISTS {{ {x} {shape.path.sparql()} {sparql_term(self.has_value)} }}"

    def message(self, graph, focus, where, value):
        return f"Node {where} does not contain a value in the set: {[str(self.has_value)]}"


@register
@dataclass(frozen=True)
class InConstraintComponent(ConstraintComponent):
    """Each value node is one of the members of the list."""

    component = SH.InConstraintComponent
    parameters = (SH["in"],)
    on_each_value = True
    members: tuple

    @classmethod
    def read(cls, graph, node, path):
        return [cls(tuple(rdf_list(graph, head))) for head in graph.objects(node, SH["in"])]

    def value_expr(self, compiler, shape, v, stack, top=False):
        members = " || ".join(f"sameTerm({v}, {sparql_term(x)})" for x in self.members) or "false"
        return f"!({members})"

    def message(self, graph, focus, where, value):
        return f"Value {value} not in list {[str(v) for v in self.members]}"
