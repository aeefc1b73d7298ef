"""The base class of the fast engine's constraint components, and the registry the compiler consults.

A constraint component is one class, registered with :func:`register` under its IRI; an instance is one
constraint of a shape (the component with its parameter values). The class holds what the engine knows of
the component: the ``sh:`` parameters it reads (:meth:`~ConstraintComponent.read`), its SPARQL and its
message. Its SPARQL takes one of three forms, and the compiler (:mod:`mougraph.validation.fast.compiler`)
asks for the one it needs:

- :meth:`~ConstraintComponent.value_expr`: a boolean expression of one value node, true when the value node
  violates the constraint. The components that have it at the top level (``on_each_value``) share one query
  per shape, with one column per constraint;
- :meth:`~ConstraintComponent.query`: a query of its own, whose rows are the results;
- :meth:`~ConstraintComponent.nested_expr`: inside a nested shape (``sh:node``, ``sh:or``, ...), a boolean
  expression of the focus node, true when it violates the constraint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rdflib import Graph, Literal, URIRef

from mougraph.store.terms import from_ox as to_rdflib
from mougraph.validation.fast.report import FastResult
from mougraph.validation.fast.terms import Uncovered

if TYPE_CHECKING:
    from mougraph.validation.fast.compiler import Compiler, Focus
    from mougraph.validation.fast.dataset import Dataset
    from mougraph.validation.fast.paths import Path
    from mougraph.validation.fast.shapes import Shape

#: The constraint components the fast engine evaluates, by IRI, in the order a shape's constraints are read.
REGISTRY: dict[URIRef, type[ConstraintComponent]] = {}


def register(cls: type[ConstraintComponent]) -> type[ConstraintComponent]:
    """Class decorator: the compiler evaluates the constraints of ``cls.component`` with ``cls``."""
    REGISTRY[cls.component] = cls
    return cls


def short(graph: Graph, term) -> str:
    """``term`` as the messages of pySHACL write it: a prefixed name where a prefix fits."""
    try:
        if isinstance(term, URIRef):
            return graph.namespace_manager.normalizeUri(term)
    except Exception:  # noqa: BLE001 (no prefix fits)
        pass
    return term.n3() if isinstance(term, Literal) else str(term)


class ConstraintComponent:
    """A SHACL constraint component; an instance is one constraint of a shape (subclasses are dataclasses)."""

    #: The IRI of the constraint component (sh:sourceConstraintComponent of its results).
    component: ClassVar[URIRef]
    #: The predicates of a shape that the component reads.
    parameters: ClassVar[tuple[URIRef, ...]] = ()
    #: At the top level, a test of each value node (:meth:`value_expr`) in the shape's shared value query.
    on_each_value: ClassVar[bool] = False

    @classmethod
    def read(cls, graph: Graph, node, path: Path | None) -> list[ConstraintComponent]:
        """The constraints of this component that the shape ``node`` (with ``path``) of ``graph`` has."""
        raise NotImplementedError

    # --- SPARQL ----------------------------------------------------------------------------------------
    def tests_each_value(self, shape: Shape) -> bool:
        """Inside a nested shape, is this constraint a test of each value node (:meth:`value_expr`)?"""
        return self.on_each_value

    def value_expr(self, compiler: Compiler, shape: Shape, v: str, stack: tuple, top: bool = False) -> str:
        """An expression true when the node bound to ``v`` violates the constraint as a value node of ``shape``.

        ``stack``: the shapes being compiled (nested shapes); ``top``: in the shape's value query, whose
        flagged values are looked at again in Python (:meth:`accepts`).
        """
        raise Uncovered(f"{self.component} on a value node")

    def nested_expr(self, compiler: Compiler, shape: Shape, x: str, stack: tuple) -> str:
        """In a nested shape: an expression true when the focus node bound to ``x`` violates the constraint."""
        raise Uncovered(f"{self.component}")

    def query(self, compiler: Compiler, shape: Shape, focus: Focus) -> str | None:
        """A query whose rows (?this, and ?value / ?path where given) are the results; None: there are none."""
        raise Uncovered(f"{self.component}")

    def check(self, compiler: Compiler, shape: Shape) -> None:
        """Compile the constraint once, to find out whether it can be (raises Uncovered)."""
        v = compiler.fresh()
        if self.tests_each_value(shape):
            self.value_expr(compiler, shape, v, ())
        else:
            self.nested_expr(compiler, shape, v, ())

    # --- results ---------------------------------------------------------------------------------------
    def accepts(self, value) -> bool:
        """Is ``value`` (as written), flagged by the shape's value query, accepted after all?"""
        return False

    def written_values(self, dataset: Dataset, shape: Shape, this, path, value) -> list:
        """The forms the ``value`` (as stored) of a row of :meth:`query` was written as."""
        return dataset.written(value)

    def results(self, dataset: Dataset, graph: Graph, shape: Shape, names: list[str], rows: list,
                derivation: set) -> Iterable[FastResult]:
        """The results of the rows of :meth:`query` (``derivation``: the variables that tell focus nodes apart)."""
        path_node = shape.path_node if shape.is_property else None
        index = {name: i for i, name in enumerate(names)}
        for row in rows:
            this = row[index["this"]]
            path = to_rdflib(row[index["path"]]) if "path" in index else path_node
            values = [None]
            if "value" in index and row[index["value"]] is not None:
                stored_path = row[index["path"]] if "path" in index else None
                values = self.written_values(dataset, shape, this, stored_path, row[index["value"]])
            for focus in dataset.written(this):
                for value in values:
                    yield FastResult(shape.severity, focus, path, value, shape.node, self.component,
                                     self.result_messages(graph, shape, focus, value))

    def result_messages(self, graph: Graph, shape: Shape, focus, value) -> tuple:
        """The messages of a result: the shape's sh:message, else :meth:`message`."""
        if shape.messages:
            return tuple(shape.messages)
        path = shape.path.text() if shape.path else ""
        where = f"{focus}->{path}" if path else f"{focus}"
        return (Literal(self.message(graph, focus, where, value)),)

    def message(self, graph: Graph, focus, where: str, value) -> str:
        """The message of a result for a shape without sh:message, phrased as pySHACL phrases its own.

        ``where``: the focus node and the path (``focus->path``).
        """
        return f"Constraint {self.component} is not satisfied"
