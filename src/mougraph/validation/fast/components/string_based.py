"""String-based constraint components: ``sh:minLength``, ``sh:maxLength``, ``sh:pattern`` (+ ``sh:flags``),
``sh:languageIn``, ``sh:uniqueLang`` (SHACL 4.4).

Lengths and patterns read the literal as written (``compiler.STR``: a custom function when the dataset has
literals Oxigraph stores otherwise); ``sh:pattern`` is Oxigraph's ``REGEX`` (XPath flags).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rdflib.namespace import SH

from mougraph.validation.fast.components.base import ConstraintComponent, register
from mougraph.validation.fast.terms import Uncovered, integer, is_true, rdf_list, sparql_string


@dataclass(frozen=True)
class _Length(ConstraintComponent):
    """The string of each value node (not a blank node) has a length ``operator`` ``n``."""

    operator: ClassVar[str]
    on_each_value = True
    n: int

    @classmethod
    def read(cls, graph, node, path):
        name = cls.parameters[0].removeprefix(str(SH))
        return [cls(integer(n, f"sh:{name}")) for n in graph.objects(node, cls.parameters[0])]

    def value_expr(self, compiler, shape, v, stack, top=False):
        return f"(isBlank({v}) || !COALESCE(STRLEN({compiler.STR}({v})) {self.operator} {self.n}, false))"

    def message(self, graph, focus, where, value):
        return f"String length not {self.operator} {self.n}"


@register
@dataclass(frozen=True)
class MinLengthConstraintComponent(_Length):
    """At least ``n`` characters."""

    component = SH.MinLengthConstraintComponent
    parameters = (SH.minLength,)
    operator = ">="


@register
@dataclass(frozen=True)
class MaxLengthConstraintComponent(_Length):
    """At most ``n`` characters."""

    component = SH.MaxLengthConstraintComponent
    parameters = (SH.maxLength,)
    operator = "<="


@register
@dataclass(frozen=True)
class PatternConstraintComponent(ConstraintComponent):
    """The string of each value node (not a blank node) matches the regular expression."""

    component = SH.PatternConstraintComponent
    parameters = (SH.pattern, SH.flags)
    on_each_value = True
    pattern: str
    flags: str

    @classmethod
    def read(cls, graph, node, path):
        flags = graph.value(node, SH.flags)
        return [cls(str(pattern), str(flags) if flags is not None else "")
                for pattern in graph.objects(node, SH.pattern)]

    def value_expr(self, compiler, shape, v, stack, top=False):
        flags = f", {sparql_string(self.flags)}" if self.flags else ""
        key = ("regex", self.pattern, flags)
        if key not in compiler.memo:  # Oxigraph reads the pattern, not Python (pySHACL uses Python's re)
            _names, rows = compiler.dataset.select(
                f"SELECT ?r WHERE {{ BIND (REGEX(\"\", {sparql_string(self.pattern)}{flags}) AS ?r) }}")
            compiler.memo[key] = bool(rows) and rows[0][0] is not None
        if not compiler.memo[key]:
            raise Uncovered(f"sh:pattern {self.pattern!r}, which Oxigraph's regular expressions do not read")
        return (f"(isBlank({v}) || !COALESCE(REGEX({compiler.STR}({v}), {sparql_string(self.pattern)}{flags}), "
                f"false))")

    def message(self, graph, focus, where, value):
        return f"Value does not match pattern '{self.pattern}'"


@register
@dataclass(frozen=True)
class LanguageInConstraintComponent(ConstraintComponent):
    """Each value node is a literal whose language tag matches one of the language ranges."""

    component = SH.LanguageInConstraintComponent
    parameters = (SH.languageIn,)
    on_each_value = True
    languages: tuple

    @classmethod
    def read(cls, graph, node, path):
        return [cls(tuple(str(x) for x in rdf_list(graph, head))) for head in graph.objects(node, SH.languageIn)]

    def value_expr(self, compiler, shape, v, stack, top=False):
        ranges = " || ".join(f"langMatches(LANG({v}), {sparql_string(lang)})" for lang in self.languages) or "false"
        return f"(!isLiteral({v}) || !({ranges}))"

    def message(self, graph, focus, where, value):
        return f"String language is not in {list(self.languages)}"


@register
@dataclass(frozen=True)
class UniqueLangConstraintComponent(ConstraintComponent):
    """No two value nodes share a language tag (``sh:uniqueLang true``; property shapes only)."""

    component = SH.UniqueLangConstraintComponent
    parameters = (SH.uniqueLang,)

    @classmethod
    def read(cls, graph, node, path):
        return [cls()] if path is not None and any(is_true(u) for u in graph.objects(node, SH.uniqueLang)) else []

    def query(self, compiler, shape, focus):
        if not shape.is_property:
            return None
        head, keys, path = focus.head, focus.keys, shape.path.sparql()
        return (f"SELECT {keys} ?lang WHERE {{ {head} ?this {path} ?v FILTER (isLiteral(?v) && LANG(?v) != \"\") "
                f"BIND (LCASE(LANG(?v)) AS ?lang) }} GROUP BY {keys} ?lang HAVING (COUNT(DISTINCT ?v) > 1)")

    def nested_expr(self, compiler, shape, x, stack):
        if not shape.is_property:
            return "false"
        path, a, b = shape.path.sparql(), compiler.fresh(), compiler.fresh()
        return (f"EXISTS {{ {x} {path} {a} . {x} {path} {b} FILTER (!sameTerm({a}, {b}) && isLiteral({a}) "
                f"&& isLiteral({b}) && LANG({a}) != \"\" && LCASE(LANG({a})) = LCASE(LANG({b}))) }}")

    def message(self, graph, focus, where, value):
        return "More than one String shares the same Language"
