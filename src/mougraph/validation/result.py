"""What a validation gives, whichever engine ran: :class:`ValidationResult` and its :class:`ResultRow` rows,
in one order (severity, focus node, path, ...)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, BNode, Graph, Literal

from mougraph.validation.fast.paths import path_text
from mougraph.vocab import short

#: Severity names, lowest first; ``--fail-on X`` fails on X and everything above.
SEVERITIES = ("Info", "Warning", "Violation")
FAIL_ON = tuple(s.lower() for s in SEVERITIES)


def term_text(term) -> str:
    """IRIs in full, literals by lexical form, blank nodes as _:id, None as ''."""
    return short(term, None)


@dataclass(frozen=True)
class ResultRow:
    """One sh:ValidationResult."""

    severity: str  # "Violation", "Warning" or "Info"
    focus_node: object
    path: object
    value: object
    source_shape: object
    constraint_component: object
    messages: dict[str, str] = field(default_factory=dict)  # language tag ('' = none) -> text

    def message(self, lang: str = "en") -> str:
        """The message in ``lang``, else untagged, else any."""
        for key in (lang, ""):
            if key in self.messages:
                return self.messages[key]
        return next(iter(self.messages.values()), "")

    def to_dict(self) -> dict:
        return {
            "severity": self.severity,
            "focusNode": term_text(self.focus_node),
            "resultPath": term_text(self.path),
            "value": term_text(self.value),
            "sourceShape": term_text(self.source_shape),
            "sourceConstraintComponent": term_text(self.constraint_component),
            "messages": dict(self.messages),
        }


@dataclass
class ValidationResult:
    """Outcome of :func:`validate`.

    ``conforms`` follows ``fail_on``: it is False when any result has that
    severity or a higher one (pySHACL's own flag is also False for warnings).
    ``engine`` is the engine that ran ("fast" or "pyshacl"); ``fallback`` maps the shapes the fast engine left
    to pySHACL to the reason.
    """

    conforms: bool
    fail_on: str
    report_graph: Graph  # may be given as a function that makes it: made when first read (see below)
    results: list[ResultRow]
    engine: str = "pyshacl"
    fallback: dict = field(default_factory=dict)
    incremental: object = None  # what an incremental run did (mougraph.validation.incremental.Plan)

    @property
    def counts(self) -> Counter:
        return Counter(r.severity for r in self.results)

    def summary(self) -> str:
        counts = self.counts
        parts = ", ".join(f"{counts.get(s, 0)} {s.lower()}(s)" for s in reversed(SEVERITIES))
        verdict = "conforms" if self.conforms else "does not conform"
        return f"{verdict}: {parts} (fail on {self.fail_on})"

    def to_json(self) -> str:
        doc = {
            "conforms": self.conforms,
            "failOn": self.fail_on,
            "counts": {s: self.counts.get(s, 0) for s in SEVERITIES},
            "results": [r.to_dict() for r in self.results],
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

    def to_turtle(self) -> str:
        return self.report_graph.serialize(format="longturtle")

    def only(self, focus=(), shapes=(), shapes_graph: Graph | None = None) -> ValidationResult:
        """The results on the focus nodes ``focus`` and of the shapes ``shapes`` (either empty: any), with
        ``conforms`` and the report graph for those results only (as pySHACL's ``--focus``).

        With ``shapes_graph``, a shape named includes its property shapes (``sh:property``): an IRI one by its IRI,
        a blank-node one by its own triples, which the report copies.
        """
        focus = set(focus)
        own = _shape_family(set(shapes), shapes_graph)
        if shapes:
            signatures = {_signature(shapes_graph, node) for node in own if isinstance(node, BNode)}
            graph = self.report_graph
            keep = {r.source_shape for r in self.results
                    if r.source_shape in own or (isinstance(r.source_shape, BNode)
                                                 and _signature(graph, r.source_shape) in signatures)}
        else:
            keep = None
        kept = [r for r in self.results
                if (not focus or r.focus_node in focus) and (keep is None or r.source_shape in keep)]
        report = _pruned_report(self.report_graph, focus, keep)
        return finish(kept, report, self.fail_on, self.engine, self.fallback)



def _report_of(self) -> Graph:
    if not isinstance(self._report, Graph):
        self._report = self._report()
    return self._report


def _set_report(self, report) -> None:
    self._report = report


# The report graph of thousands of results takes rdflib a second to build and a report written as JSON does not
# read it (an incremental run's daily loop): a function given for it runs when it is first read.
ValidationResult.report_graph = property(_report_of, _set_report)


def _shape_family(shapes: set, shapes_graph: Graph | None) -> set:
    """``shapes`` and their property shapes in ``shapes_graph``."""
    from rdflib.namespace import SH

    family = set(shapes)
    if shapes_graph is not None:
        for shape in shapes:
            family.update(shapes_graph.objects(shape, SH.property))
    return family


def _signature(graph: Graph | None, node) -> frozenset:
    """A blank node's triples to IRIs and literals: a property shape and its copy in a report share it."""
    if graph is None:
        return frozenset()
    return frozenset((p, o) for p, o in graph.predicate_objects(node) if not isinstance(o, BNode))


def _pruned_report(report: Graph, focus: set, shapes: set | None) -> Graph:
    """A copy of ``report`` with only the results on ``focus`` and of ``shapes``; sh:conforms recomputed."""
    from rdflib.namespace import SH

    pruned = Graph(bind_namespaces="none")
    for prefix, ns in report.namespaces():
        pruned.bind(prefix, ns)
    copied: set = set()

    def copy(node) -> None:  # a result and the blank nodes it holds (paths, lists)
        if node in copied:
            return
        copied.add(node)
        for p, o in report.predicate_objects(node):
            pruned.add((node, p, o))
            if isinstance(o, BNode):
                copy(o)

    for top in report.subjects(RDF.type, SH.ValidationReport):
        failing = False
        for result in report.objects(top, SH.result):
            if (focus and report.value(result, SH.focusNode) not in focus) or (
                    shapes is not None and report.value(result, SH.sourceShape) not in shapes):
                continue
            pruned.add((top, SH.result, result))
            copy(result)
            failing = True  # as SHACL says: a report with any result does not conform
        pruned.add((top, RDF.type, SH.ValidationReport))
        pruned.add((top, SH.conforms, Literal(not failing)))
    return pruned


def severity_name(term) -> str:
    """The name of a severity IRI ("Violation", "Warning", "Info"); another IRI in full."""
    name = str(term).rsplit("#", 1)[-1]
    return name if name in SEVERITIES else str(term)


def message_dict(messages: Iterable, shape_messages: set[str] = frozenset()) -> dict[str, str]:
    """One message per language tag: a result's own message before its shape's, then the first by text."""
    chosen: dict[str, tuple] = {}
    for msg in messages:
        lang = msg.language if isinstance(msg, Literal) and msg.language else ""
        key = (str(msg) in shape_messages, str(msg))
        if lang not in chosen or key < chosen[lang]:
            chosen[lang] = key
    return {lang: key[1] for lang, key in sorted(chosen.items())}


def sort_key(row: ResultRow, graph: Graph | None = None) -> tuple:
    """Severity (highest first), focus node, path (blank-node paths by their structure in ``graph``), ..."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    path = path_text(graph, row.path) if isinstance(row.path, BNode) and graph is not None else term_text(row.path)
    return (-rank.get(row.severity, 3), term_text(row.focus_node), path, row.message(),
            term_text(row.value), term_text(row.source_shape), term_text(row.constraint_component))


def finish(rows: list[ResultRow], report: Graph, fail_on: str, engine: str, fallback=None) -> ValidationResult:
    """The :class:`ValidationResult` of ``rows`` (in their order) and ``report``, failing on ``fail_on`` and above."""
    threshold = FAIL_ON.index(fail_on)
    failing = [r for r in rows if r.severity.lower() in FAIL_ON and FAIL_ON.index(r.severity.lower()) >= threshold]
    return ValidationResult(conforms=not failing, fail_on=fail_on, report_graph=report, results=rows,
                            engine=engine, fallback=dict(fallback or {}))
