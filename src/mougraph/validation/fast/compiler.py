"""The compiler: the shapes of a :class:`ShapesGraph` as SPARQL queries on one :class:`Dataset`.

For each shape it writes the pattern binding ``?this`` to the focus nodes (targets, or the focus nodes of the
shape that has it through ``sh:property``), one query testing each value node against the constraints that
look at one value node at a time, and one query for each other constraint; nested shapes become *violation
expressions* (:meth:`Compiler.viol`). The SPARQL of each constraint is its component's
(:mod:`mougraph.validation.fast.components`). How a shape becomes SPARQL: ``docs/validation-engines.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import URIRef

from mougraph.errors import ForbiddenSparql
from mougraph.validation.fast.dataset import FN_DATATYPE, FN_STR, Dataset
from mougraph.validation.fast.rewrite import restrict_target, rewrite_select
from mougraph.validation.fast.shapes import Shape, ShapesGraph
from mougraph.validation.fast.terms import RDF_TYPE, SUBCLASS, Uncovered, sparql_term

#: Deepest count (sh:minCount, sh:maxCount, qualified counts) compiled inside a nested shape.
MAX_NESTED_COUNT = 4


class Job:
    """One query of a compiled shape and what its rows mean.

    ``kind`` "values": the shape's value query, a column per constraint of ``constraints``; "rows": the query
    of its one constraint, a result per row. ``extra``: the derivation variables of the focus pattern.
    """

    def __init__(self, shape: Shape, kind: str, text: str, constraints: list, extra=None):
        self.shape, self.kind, self.text, self.constraints, self.extra = shape, kind, text, constraints, extra


@dataclass
class Focus:
    """The focus nodes of a shape, as the queries of its constraints bind them to ``?this``."""

    pattern: str  # a group pattern binding ?this and the derivation variables
    derivation: list  # the variables that tell apart the ways a node is a focus node (see Compiler.focus)
    implied: bool  # every subject of the path is a focus node: a query that walks the path may drop `pattern`
    stack: tuple  # the shapes being compiled
    _distinct: Callable[[], str]
    _distinct_pattern: str | None = field(default=None, init=False)

    @property
    def variables(self) -> str:
        return " ".join(self.derivation)

    @property
    def keys(self) -> str:
        """?this and the derivation variables: what a result is grouped by."""
        return f"?this {self.variables}".strip()

    @property
    def head(self) -> str:
        """The focus pattern, or nothing where the path implies it."""
        return "" if self.implied else self.pattern

    def distinct(self) -> str:
        """The focus pattern giving each focus node once per derivation (for SPARQL-based constraints)."""
        if self._distinct_pattern is None:
            self._distinct_pattern = self._distinct()
        return self._distinct_pattern


class Compiler:
    """Compiles the shapes of a :class:`ShapesGraph` for one :class:`Dataset`."""

    def __init__(self, shapes: ShapesGraph, dataset: Dataset, strict: bool = False):
        self.shapes, self.dataset, self.strict = shapes, dataset, strict
        self._fresh = 0
        self._subclasses: dict = {}
        self._covered: dict = {}
        #: shape -> the focus nodes to validate (SPARQL terms) or None (all); None: every shape, in full.
        #: Shapes not in it are not validated (see :mod:`mougraph.validation.incremental`).
        self.focus_subset: dict | None = None
        self._only_now: str | None = None
        self._answers: dict = {}  # restricted SPARQL target query -> its nodes (see _answer)
        self.memo: dict = {}  # what a component found out about the dataset once (see components.string_based)
        self.STR = f"<{FN_STR.value}>" if dataset.lexical_changed else "STR"
        self.builtins = {}  # built-in functions that would see Oxigraph's form of a literal, not the written one
        if dataset.lexical_changed:
            self.builtins["STR"] = f"<{FN_STR.value}>"
        if dataset.datatype_changed:
            self.builtins["DATATYPE"] = f"<{FN_DATATYPE.value}>"

    def fresh(self, base: str = "v") -> str:
        """A variable no other part of the query uses."""
        self._fresh += 1
        return f"?_{base}{self._fresh}"

    # --- coverage -------------------------------------------------------------------------------------
    def covered(self, node, _stack=()) -> str | None:
        """None when the fast engine validates ``node`` with its property shapes; else the reason it cannot."""
        if node in self._covered:
            return self._covered[node]
        if node in _stack:
            return "recursive sh:property"
        shape = self.shapes.shape(node)
        reason = shape.uncovered or self.shapes.global_reason
        if reason is None and shape.targets:
            try:
                self.target_pattern(shape, "?this")
            except ForbiddenSparql as exc:
                if self.strict:
                    raise
                reason = f"{exc}; pySHACL runs such queries"
            except Uncovered as exc:
                reason = str(exc)
        if reason is None:
            try:
                for constraint in shape.constraints:
                    constraint.check(self, shape)
            except Uncovered as exc:
                reason = str(exc)
        if reason is None:
            for prop in shape.properties:
                if self.shapes.shape(prop).deactivated:
                    continue
                sub = self.covered(prop, _stack + (node,))
                if sub is not None:
                    reason = f"its property shape {prop}: {sub}"
                    break
        self._covered[node] = reason
        return reason

    @staticmethod
    def shape_iri(shape: Shape) -> str | None:
        """``$currentShape`` of ``shape``: its IRI in SPARQL, None for a blank node."""
        return f"<{shape.node}>" if isinstance(shape.node, URIRef) else None

    # --- classes ---------------------------------------------------------------------------------------
    def subclasses(self, cls) -> list:
        """``cls`` and its sub-classes in the data (pyoxigraph terms)."""
        if cls not in self._subclasses:
            if not isinstance(cls, URIRef):
                raise Uncovered(f"a blank-node class ({cls})")
            _names, rows = self.dataset.select(f"SELECT DISTINCT ?c WHERE {{ ?c {SUBCLASS}* <{cls}> }}")
            found = {row[0] for row in rows} | {ox.NamedNode(str(cls))}
            self._subclasses[cls] = sorted(found, key=lambda t: (type(t) is ox.BlankNode, str(t)))
        return self._subclasses[cls]

    # --- focus nodes -----------------------------------------------------------------------------------
    def target_pattern(self, shape: Shape, var: str) -> list[str]:
        """Group patterns binding ``var`` to the targets of ``shape``, one for each kind of target."""
        parts, classes = [], [t[1] for t in shape.targets if t[0] == "class"]
        if classes:
            subs = []
            for cls in classes:
                subs.extend(s for s in self.subclasses(cls) if s not in subs)
            if any(type(s) is ox.BlankNode for s in subs):
                parts.extend(f"{{ {var} {RDF_TYPE}/{SUBCLASS}* <{c}> }}" for c in classes)
            else:
                t = self.fresh("t")
                parts.append(f"{{ VALUES {t} {{ {' '.join(str(s) for s in subs)} }} {var} {RDF_TYPE} {t} }}")
        only = self._only_now if var == "?this" else None
        for target in shape.targets:
            kind = target[0]
            if kind == "node":
                parts.append(f"{{ VALUES {var} {{ {sparql_term(target[1])} }} }}")
            elif kind == "subjectsOf":
                parts.append(f"{{ {var} {sparql_term(target[1])} {self.fresh('o')} }}")
            elif kind == "objectsOf":
                parts.append(f"{{ {self.fresh('s')} {sparql_term(target[1])} {var} }}")
            elif kind == "sparql":
                text, projected = rewrite_select(target[1], dict(target[2]), "", target=True)
                if only is not None and projected == ["?this"]:
                    # asked once, its answer given as a VALUES: the focus pattern is in every query of the shape
                    # (twice in a SPARQL constraint's), and a target may cost seconds (mgsh:DuplicateAgreementShape)
                    parts.append(f"{{ VALUES ?this {{ {self._answer(restrict_target(text, only))} }} }}")
                    continue
                if only is not None:
                    text = restrict_target(text, only)
                # a row leaving ?this unbound names no focus node (joined as it is, it would match every node)
                if var == "?this":
                    parts.append(f"{{ {{ {text} }} FILTER (BOUND(?this)) }}")
                else:
                    parts.append(f"{{ SELECT DISTINCT {var} WHERE {{ {{ {text} }} FILTER (BOUND(?this)) "
                                 f"BIND (?this AS {var}) }} }}")
            elif kind != "class":
                raise Uncovered(f"target {target[1]}")
        if only is not None:  # inside each part, so that Oxigraph starts from these nodes
            parts = [f"{{ VALUES {var} {{ {only} }} {part} }}" for part in parts]
        return parts

    def _answer(self, target: str) -> str:
        """The nodes the SPARQL target query ``target`` (restricted to an incremental run's nodes) gives, as
        SPARQL terms (no blank node: they are among those nodes, which a VALUES names)."""
        if target not in self._answers:
            rows = self.dataset.select(f"SELECT DISTINCT ?this WHERE {{ {{ {target} }} }}")[1]
            self._answers[target] = " ".join(str(row[0]) for row in rows if row[0] is not None)
        return self._answers[target]

    def focus(self, shape: Shape, var: str, sources: dict, _stack=(), distinct: bool = False) -> tuple[str, list]:
        """A group pattern binding ``var`` to the focus nodes of ``shape``, and its *derivation* variables.

        A node reached as a focus node in several ways (through two parent shapes, or as the value of two
        focus nodes of a parent property shape) is validated once for each (SHACL: a result per
        validation): the derivation variables tell the ways apart. A node may come more than once for the
        same derivation (queries use DISTINCT and COUNT(DISTINCT ...)) unless ``distinct``.
        """
        if shape.node in _stack:
            raise Uncovered("recursive sh:property")
        parts, derivation = [], []
        for source in sources[shape.node]:
            if source == "targets":
                targets = self.target_pattern(shape, var)
                parts.append(targets[0] if len(targets) == 1 else "{ " + " UNION ".join(targets) + " }")
                continue
            parent = self.shapes.shape(source)
            if parent.is_property:
                f = self.fresh("f")
                inner, inner_vars = self.focus(parent, f, sources, _stack + (shape.node,))
                parts.append(f"{{ {inner} {f} {parent.path.sparql()} {var} . }}")
                inner_vars = inner_vars + [f]
            else:
                inner, inner_vars = self.focus(parent, var, sources, _stack + (shape.node,))
                parts.append(inner)
            derivation += [v for v in inner_vars if v not in derivation]
        if not parts:
            return f"{{ VALUES {var} {{ }} }}", []
        if len(parts) > 1:
            d = self.fresh("d")
            parts = [f"{{ {part} BIND ({i} AS {d}) }}" for i, part in enumerate(parts)]
            derivation.insert(0, d)
        bag = parts[0] if len(parts) == 1 else "{ " + " UNION ".join(parts) + " }"
        single = len(parts) == 1 and sources[shape.node] == ["targets"] and (
            len(shape.targets) == 1 and shape.targets[0][0] == "node"
            or all(t[0] == "class" for t in shape.targets) and bag.count(" <") == 2)  # one class, no sub-class
        if distinct and not single:
            bag = f"{{ SELECT DISTINCT {var} {' '.join(derivation)} WHERE {bag} }}"
        return bag, derivation

    def implied(self, shape: Shape, sources: dict) -> bool:
        """Is every subject (object, for an inverse path) of the path of ``shape`` one of its focus nodes?"""
        if shape.path is None or sources[shape.node] != ["targets"]:
            return False
        p = shape.path
        if p.kind == "pred":
            return ("subjectsOf", p.args[0]) in shape.targets
        if p.kind == "inv" and p.args[0].kind == "pred":
            return ("objectsOf", p.args[0].args[0]) in shape.targets
        return False

    # --- nested shapes: expressions true when the node bound to a variable violates -------------------
    def values_pattern(self, shape: Shape, x: str, n: int, condition=None) -> str:
        """A pattern: ``n`` distinct value nodes of ``x`` for ``shape`` (each meeting ``condition(var)``)."""
        if n > MAX_NESTED_COUNT + 1:
            raise Uncovered(f"a count above {MAX_NESTED_COUNT} in a nested shape")
        path = shape.path.sparql()
        vs = [self.fresh() for _ in range(n)]
        body = " ".join(f"{x} {path} {w} ." for w in vs)
        filters = [_all_distinct(vs)] if n > 1 else []
        if condition is not None:
            filters += [condition(w) for w in vs]
        return body + (f" FILTER ({' && '.join(filters)})" if filters else "")

    def viol(self, node, x: str, stack: tuple) -> str:
        """An expression true exactly when the node bound to ``x`` does not conform to the shape ``node``."""
        shape = self.shapes.shape(node)
        if shape.uncovered:
            raise Uncovered(f"nested shape {node}: {shape.uncovered}")
        if shape.deactivated:
            return "false"
        if node in stack or len(stack) > 30:
            raise Uncovered(f"recursive shape {node}")
        stack = stack + (node,)
        parts, values = [], []
        for c in shape.constraints:
            if c.tests_each_value(shape):
                values.append(c)
            else:
                parts.append(c.nested_expr(self, shape, x, stack))
        if shape.is_property:
            w = self.fresh()
            exprs = [c.value_expr(self, shape, w, stack) for c in values]
            if exprs:
                parts.append(f"EXISTS {{ {x} {shape.path.sparql()} {w} FILTER ({' || '.join(exprs)}) }}")
        else:
            parts += [c.value_expr(self, shape, x, stack) for c in values]
        return "(" + (" || ".join(parts) or "false") + ")"

    @staticmethod
    def _only(only: str | None, pattern: str) -> str:
        return pattern if only is None else f"{{ VALUES ?this {{ {only} }} {pattern} }}"

    # --- the queries of one shape ----------------------------------------------------------------------
    def jobs(self, shape: Shape, sources: dict) -> list[Job]:
        """The queries of ``shape``, reached from ``sources`` (see :meth:`focus`)."""
        only = self.focus_subset.get(shape.node) if self.focus_subset is not None else None
        self._only_now = only  # an incremental run: these focus nodes only (a VALUES of terms)
        try:
            F, dvars = self.focus(shape, "?this", sources)
            distinct = self.focus(shape, "?this", sources, distinct=True)[0]
        finally:
            self._only_now = None
        focus = Focus(self._only(only, F), dvars, self.implied(shape, sources) and only is None, (shape.node,),
                      lambda: self._only(only, distinct))
        out: list[Job] = []
        values = [c for c in shape.constraints if c.on_each_value]
        if values:
            v = "?value" if shape.is_property else "?this"
            exprs = [c.value_expr(self, shape, v, focus.stack, top=True) for c in values]
            cols = " ".join(f"({e} AS ?c{i})" for i, e in enumerate(exprs))
            test = " || ".join(exprs)
            if shape.is_property:
                text = (f"SELECT DISTINCT ?this ?value {focus.variables} {cols} WHERE {{ {focus.head} "
                        f"?this {shape.path.sparql()} ?value . FILTER ({test}) }}")
            else:
                text = f"SELECT DISTINCT ?this {focus.variables} {cols} WHERE {{ {F} FILTER ({test}) }}"
            out.append(Job(shape, "values", text, values))
        for c in shape.constraints:
            if c.on_each_value:
                continue
            text = c.query(self, shape, focus)
            if text is not None:
                out.append(Job(shape, "rows", text, [c], set(dvars)))
        return out


def _all_distinct(variables: list[str]) -> str:
    pairs = [f"!sameTerm({a}, {b})" for i, a in enumerate(variables) for b in variables[i + 1:]]
    return " && ".join(pairs) or "true"
