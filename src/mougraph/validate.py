"""SHACL validation of the data with pySHACL."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import SH

from ._helpers import MougraphError, short
from .store import load_data, load_ontology, load_shapes, merge

#: Severity names, lowest first; ``--fail-on X`` fails on X and everything above.
SEVERITIES = ("Info", "Warning", "Violation")
FAIL_ON = tuple(s.lower() for s in SEVERITIES)
INFERENCE = ("none", "rdfs")


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
    """

    conforms: bool
    fail_on: str
    report_graph: Graph
    results: list[ResultRow]

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


def _rows(report: Graph) -> list[ResultRow]:
    rows = []
    for result in report.objects(None, SH.result):
        messages = {}
        for msg in report.objects(result, SH.resultMessage):
            lang = msg.language if isinstance(msg, Literal) and msg.language else ""
            messages.setdefault(lang, str(msg))
        rows.append(ResultRow(
            severity=_severity_name(report.value(result, SH.resultSeverity)),
            focus_node=report.value(result, SH.focusNode),
            path=report.value(result, SH.resultPath),
            value=report.value(result, SH.value),
            source_shape=report.value(result, SH.sourceShape),
            constraint_component=report.value(result, SH.sourceConstraintComponent),
            messages=dict(sorted(messages.items())),
        ))
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    rows.sort(key=lambda r: (-rank.get(r.severity, 3), _text(r.focus_node), _text(r.path),
                             r.message(), _text(r.value), _text(r.source_shape)))
    return rows


def validate(data_graph: Graph | None = None, paths: Iterable[str | Path] | None = None, *,
             fail_on: str = "violation", inference: str = "none",
             shapes_graph: Graph | None = None, ont_graph: Graph | None = None) -> ValidationResult:
    """Validate data against the shipped SHACL shapes.

    data_graph: graph to validate; default: :func:`load_data` of ``paths``
    (all shipped data when ``paths`` is None). The ontology (default
    :func:`load_ontology`) is merged into a copy of it before validation.
    fail_on: "violation" (default), "warning" or "info".
    inference: "none" (default) or "rdfs".
    """
    fail_on = fail_on.lower()
    if fail_on not in FAIL_ON:
        raise MougraphError(f"unknown severity '{fail_on}' for fail-on; use one of {', '.join(FAIL_ON)}")
    if inference not in INFERENCE:
        raise MougraphError(f"unknown inference '{inference}'; use one of {', '.join(INFERENCE)}")
    if data_graph is None:
        data_graph = load_data(paths)
    shapes_graph = load_shapes() if shapes_graph is None else shapes_graph
    ont_graph = load_ontology() if ont_graph is None else ont_graph
    # The ontology and vocabularies are merged into (a copy of) the data graph rather than passed as pySHACL's
    # ont_graph, which mixes in only RDFS/OWL axioms: the shapes also need the SKOS concepts and their schemes.
    # pySHACL walks the graph one node at a time, which rdflib's in-memory store serves fastest: validate a copy there.
    data_graph = merge(data_graph, ont_graph, backend_name="memory")
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
    _tag_messages(report)
    for prefix, ns in data_graph.namespaces():
        report.bind(prefix, ns, override=False)
    rows = _rows(report)
    threshold = FAIL_ON.index(fail_on)
    failing = [r for r in rows if r.severity.lower() in FAIL_ON and FAIL_ON.index(r.severity.lower()) >= threshold]
    return ValidationResult(conforms=not failing, fail_on=fail_on, report_graph=report, results=rows)

