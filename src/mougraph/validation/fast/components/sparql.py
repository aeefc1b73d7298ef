"""The SPARQL-based constraint component: ``sh:sparql`` with ``sh:select`` (SHACL 5), rewritten so that
``$this`` is pre-bound by the focus pattern (:func:`~mougraph.validation.fast.rewrite.rewrite_select`)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import SH

from mougraph.errors import ForbiddenSparql, MougraphError
from mougraph.validation.fast.components.base import ConstraintComponent, register
from mougraph.validation.fast.report import FastResult
from mougraph.validation.fast.rewrite import declared_prefixes, rewrite_select
from mougraph.validation.fast.terms import Uncovered, is_true


@register
@dataclass(frozen=True)
class SPARQLConstraintComponent(ConstraintComponent):
    """Each row of the SELECT query, for the focus node bound to ``$this``, is a result.

    ``node``: the sh:sparql node (sh:sourceConstraint of the results); ``prefixes``: (prefix, namespace)
    pairs of its sh:prefixes; ``messages``: its sh:message, with {?var} / {$var} filled from the row.
    """

    component = SH.SPARQLConstraintComponent
    parameters = (SH.sparql,)
    node: object
    select: str
    prefixes: tuple
    messages: tuple

    @classmethod
    def read(cls, graph, node, path):
        out = []
        for constraint in graph.objects(node, SH.sparql):
            if any(is_true(d) for d in graph.objects(constraint, SH.deactivated)):
                continue
            select = graph.value(constraint, SH.select)
            if select is None:
                raise Uncovered(f"SPARQL constraint {constraint} without sh:select")
            messages = tuple(sorted((m for m in graph.objects(constraint, SH.message) if isinstance(m, Literal)),
                                    key=lambda m: (m.language or "", str(m))))
            out.append(cls(constraint, str(select), tuple(declared_prefixes(graph, constraint)), messages))
        return out

    def check(self, compiler, shape):
        try:
            rewrite_select(self.select, dict(self.prefixes), "{}", path=shape.path.text() if shape.path else None,
                           current_shape=compiler.shape_iri(shape))
        except ForbiddenSparql as exc:
            if compiler.strict:
                raise
            raise Uncovered(f"{exc}; pySHACL runs such queries") from exc

    def nested_expr(self, compiler, shape, x, stack):
        raise Uncovered("a SPARQL constraint inside a nested shape")

    def query(self, compiler, shape, focus):
        text, _names = rewrite_select(self.select, dict(self.prefixes), focus.distinct(),
                                      path=shape.path.text() if shape.is_property else None,
                                      current_shape=compiler.shape_iri(shape), builtins=compiler.builtins,
                                      derivation=focus.derivation)
        return text

    def results(self, dataset, graph, shape, names, rows, derivation):
        path_node = shape.path_node if shape.is_property else None
        for row in rows:
            bound = {name: dataset.written(term)[0] for name, term in zip(names, row, strict=True)
                     if term is not None and "?" + name not in derivation}
            if "failure" in bound and is_true(bound["failure"]):
                raise MougraphError(f"SPARQL constraint {self.node} of {shape.node} reported a failure (?failure)")
            bound.pop("failure", None)
            focus = bound.get("this")
            path = bound.get("path")
            value = bound.get("value")
            if value is None and not shape.is_property:
                value = focus
            filled = dict(bound)
            filled["value"] = value
            if value is None:
                filled.pop("value")
            messages = tuple(_format(m, filled) for m in self.messages + tuple(shape.messages))
            yield FastResult(shape.severity, focus, path if path is not None else path_node, value, shape.node,
                             self.component, messages, self.node)


def _format(message: Literal, bound: dict) -> Literal:
    """``message`` with {?var} and {$var} replaced by the text of the bound values (as pySHACL writes them)."""
    text = str(message)
    for name, term in bound.items():
        text = text.replace("{?" + name + "}", str(term)).replace("{$" + name + "}", str(term))
    return Literal(text, lang=message.language) if message.language else Literal(text)
