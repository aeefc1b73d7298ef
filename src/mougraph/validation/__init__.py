"""SHACL validation of the data: a fast engine on Oxigraph, with pySHACL as the reference engine.

Two engines give the same :class:`ValidationResult`:

- ``fast`` (:mod:`mougraph.validation.fast`): the shapes compiled to set-wise SPARQL queries run by Oxigraph on the
  store the data already lives in (the ontology is added to that store in a temporary named graph, which is
  removed afterwards). The shapes it does not cover are validated by pySHACL and listed in
  :attr:`ValidationResult.fallback`. It validates with inference 'none' only.
- ``pyshacl``: pySHACL on an in-memory copy of data + ontology (the reference).

``auto`` (the default) takes the fast engine for an Oxigraph graph with inference 'none', pySHACL otherwise.
What the engines report differently, and why, is listed in ``docs/validation-engines.md``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH

from mougraph.validation import fast
from mougraph.errors import MougraphError
from mougraph.vocab import short
from mougraph.store import is_oxigraph, load_data, load_ontology, load_shapes, merge

#: Severity names, lowest first; ``--fail-on X`` fails on X and everything above.
SEVERITIES = ("Info", "Warning", "Violation")
FAIL_ON = tuple(s.lower() for s in SEVERITIES)
INFERENCE = ("none", "rdfs")
ENGINES = ("auto", "fast", "pyshacl")


def _text(term) -> str:
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
            "focusNode": _text(self.focus_node),
            "resultPath": _text(self.path),
            "value": _text(self.value),
            "sourceShape": _text(self.source_shape),
            "sourceConstraintComponent": _text(self.constraint_component),
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
    report_graph: Graph
    results: list[ResultRow]
    engine: str = "pyshacl"
    fallback: dict = field(default_factory=dict)

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


_HANGUL = re.compile("[\uac00-\ud7a3]")


def _tag_messages(report: Graph) -> None:
    """Give untagged sh:resultMessage literals their language back.

    pySHACL rebuilds the messages of SPARQL-based constraints as plain strings; every shape states its
    messages in @ko and @en, so Hangul means @ko and anything else @en.
    """
    for result, msg in list(report.subject_objects(SH.resultMessage)):
        if isinstance(msg, Literal) and not msg.language:
            report.remove((result, SH.resultMessage, msg))
            report.add((result, SH.resultMessage, Literal(str(msg), lang="ko" if _HANGUL.search(msg) else "en")))


def _severity_name(term) -> str:
    name = str(term).rsplit("#", 1)[-1]
    return name if name in SEVERITIES else str(term)


def _message_dict(messages: Iterable, shape_messages: set[str] = frozenset()) -> dict[str, str]:
    """One message per language tag: a result's own message before its shape's, then the first by text."""
    chosen: dict[str, tuple] = {}
    for msg in messages:
        lang = msg.language if isinstance(msg, Literal) and msg.language else ""
        key = (str(msg) in shape_messages, str(msg))
        if lang not in chosen or key < chosen[lang]:
            chosen[lang] = key
    return {lang: key[1] for lang, key in sorted(chosen.items())}


def _sort_key(row: ResultRow, graph: Graph | None = None):
    """Severity (highest first), focus node, path (blank-node paths by their structure in ``graph``), ..."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    path = fast.path_text(graph, row.path) if isinstance(row.path, BNode) and graph is not None \
        else _text(row.path)
    return (-rank.get(row.severity, 3), _text(row.focus_node), path, row.message(),
            _text(row.value), _text(row.source_shape), _text(row.constraint_component))


def _rows(report: Graph, shapes_graph: Graph | None = None) -> list[ResultRow]:
    rows = []
    for result in report.objects(None, SH.result):
        shape = report.value(result, SH.sourceShape)
        own = {str(m) for m in shapes_graph.objects(shape, SH.message)} if shapes_graph is not None else set()
        rows.append(ResultRow(
            severity=_severity_name(report.value(result, SH.resultSeverity)),
            focus_node=report.value(result, SH.focusNode),
            path=report.value(result, SH.resultPath),
            value=report.value(result, SH.value),
            source_shape=shape,
            constraint_component=report.value(result, SH.sourceConstraintComponent),
            messages=_message_dict(report.objects(result, SH.resultMessage), own),
        ))
    rows.sort(key=lambda row: _sort_key(row, report))
    return rows


def _run_pyshacl(data_graph: Graph, shapes_graph: Graph, inference: str) -> Graph:
    try:
        _conforms, report, _text_report = pyshacl.validate(
            data_graph,
            shacl_graph=shapes_graph,
            inference=inference,
            advanced=True,
            allow_warnings=True,
        )
    except Exception as exc:  # pySHACL reports bad shapes with several exception types
        raise MougraphError(f"SHACL validation could not run: {exc}") from exc
    if not isinstance(report, Graph):  # pySHACL returns a ValidationFailure for some shapes it refuses
        raise MougraphError(f"SHACL validation could not run: {getattr(report, 'message', report)}")
    _tag_messages(report)
    return report


def _finish(rows: list[ResultRow], report: Graph, fail_on: str, engine: str, fallback=None) -> ValidationResult:
    threshold = FAIL_ON.index(fail_on)
    failing = [r for r in rows if r.severity.lower() in FAIL_ON and FAIL_ON.index(r.severity.lower()) >= threshold]
    return ValidationResult(conforms=not failing, fail_on=fail_on, report_graph=report, results=rows,
                            engine=engine, fallback=dict(fallback or {}))


def validate(data_graph: Graph | None = None, paths: Iterable[str | Path] | None = None, *,
             fail_on: str = "violation", inference: str = "none",
             shapes_graph: Graph | None = None, ont_graph: Graph | None = None,
             engine: str = "auto") -> ValidationResult:
    """Validate data against the shipped SHACL shapes.

    data_graph: graph to validate; default: :func:`load_data` of ``paths``
    (all shipped data when ``paths`` is None). The ontology (default
    :func:`load_ontology`) is visible next to it during validation; the
    caller's graph is not changed.
    fail_on: "violation" (default), "warning" or "info".
    inference: "none" (default) or "rdfs".
    engine: "auto" (default: "fast" for an Oxigraph graph and inference "none", else "pyshacl"), "fast" or
    "pyshacl" (see the module documentation).
    """
    fail_on = str(fail_on).lower()
    if fail_on not in FAIL_ON:
        raise MougraphError(f"unknown severity '{fail_on}' for fail-on; use one of {', '.join(FAIL_ON)}")
    if inference not in INFERENCE:
        raise MougraphError(f"unknown inference '{inference}'; use one of {', '.join(INFERENCE)}")
    engine = str(engine).lower()
    if engine not in ENGINES:
        raise MougraphError(f"unknown engine '{engine}'; use one of {', '.join(ENGINES)}")
    if engine == "fast" and inference != "none":
        raise MougraphError(f"the fast engine validates with inference 'none' only (asked: '{inference}'); "
                            f"use --engine pyshacl (or auto) for RDFS inference")
    if data_graph is None:
        data_graph = load_data(paths)
    shapes_graph = load_shapes() if shapes_graph is None else shapes_graph
    ont_graph = load_ontology() if ont_graph is None else ont_graph
    if engine == "fast" or (engine == "auto" and inference == "none" and is_oxigraph(data_graph)):
        return _validate_fast(data_graph, shapes_graph, ont_graph, fail_on)
    # The ontology and vocabularies are merged into (a copy of) the data graph rather than passed as pySHACL's
    # ont_graph, which mixes in only RDFS/OWL axioms: the shapes also need the SKOS concepts and their schemes.
    # pySHACL walks the graph one node at a time, which rdflib's in-memory store serves fastest: validate a copy there.
    data_graph = merge(data_graph, ont_graph, backend_name="memory")
    report = _run_pyshacl(data_graph, shapes_graph, inference)
    for prefix, ns in data_graph.namespaces():
        report.bind(prefix, ns, override=False)
    return _finish(_rows(report, shapes_graph), report, fail_on, "pyshacl")


# --- the fast engine ------------------------------------------------------------------------------------

def _row_of(result: fast.FastResult, shapes_graph: Graph, copied: dict | None = None) -> ResultRow:
    """The row of ``result``; blank-node paths and shapes as their ``copied`` nodes of the report graph."""
    own = {str(m) for m in shapes_graph.objects(result.shape, SH.message)}
    copied = copied or {}
    return ResultRow(severity=_severity_name(result.severity), focus_node=result.focus,
                     path=copied.get(result.path, result.path), value=result.value,
                     source_shape=copied.get(result.shape, result.shape), constraint_component=result.component,
                     messages=_message_dict(result.messages, own))


def _validate_fast(data_graph: Graph, shapes_graph: Graph, ont_graph: Graph, fail_on: str) -> ValidationResult:
    shapes = fast.ShapesGraph(shapes_graph)
    with fast.dataset_of(data_graph, ont_graph) as dataset:
        outcome = fast.validate(dataset, shapes)
    results = list(outcome.results)
    if outcome.fallback:
        pruned = fast.pruned_shapes_graph(shapes, outcome.fallback)
        copy = merge(data_graph, ont_graph, backend_name="memory")
        report = _run_pyshacl(copy, pruned, "none")
        for node in report.objects(None, SH.result):
            shape = report.value(node, SH.sourceShape)
            path = report.value(node, SH.resultPath)
            if isinstance(path, BNode):  # a copy of the shape's path: point at the path in the shapes graph
                path = shapes.graph.value(shape, SH.path, default=path)
            results.append(fast.FastResult(
                report.value(node, SH.resultSeverity), report.value(node, SH.focusNode), path,
                report.value(node, SH.value), shape, report.value(node, SH.sourceConstraintComponent),
                tuple(sorted(report.objects(node, SH.resultMessage),
                             key=lambda m: (str(m) in {str(x) for x in shapes.graph.objects(shape, SH.message)},
                                            m.language or "", str(m)))),
                report.value(node, SH.sourceConstraint)))
    ordered = [r for _key, r in sorted(((_sort_key(_row_of(r, shapes.graph), shapes.graph), i), r)
                                       for i, r in enumerate(results))]
    report, copied = fast.report_graph(ordered, shapes.graph)
    for prefix, ns in data_graph.namespaces():
        report.bind(prefix, ns, override=False)
    rows = [_row_of(r, shapes.graph, copied) for r in ordered]
    fallback = {_text(node): reason for node, reason in outcome.fallback.items()}
    return _finish(rows, report, fail_on, "fast", fallback)

