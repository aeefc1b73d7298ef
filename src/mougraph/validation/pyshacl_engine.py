"""The ``pyshacl`` engine, the reference: pySHACL on an in-memory copy of data + ontology, its report read
into :class:`~mougraph.validation.result.ResultRow` rows."""

from __future__ import annotations

import re

import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import SH

from mougraph.errors import MougraphError
from mougraph.store import merge
from mougraph.validation.result import ResultRow, ValidationResult, finish, message_dict, severity_name, sort_key

_HANGUL = re.compile("[\uac00-\ud7a3]")


def validate_pyshacl(data_graph: Graph, shapes_graph: Graph, ont_graph: Graph, inference: str,
                     fail_on: str) -> ValidationResult:
    """Validate ``data_graph`` with the ontology beside it, with pySHACL (``inference``: "none" or "rdfs")."""
    # The ontology and vocabularies are merged into (a copy of) the data graph rather than passed as pySHACL's
    # ont_graph, which mixes in only RDFS/OWL axioms: the shapes also need the SKOS concepts and their schemes.
    # pySHACL walks the graph one node at a time, which rdflib's in-memory store serves fastest: validate a copy there.
    data_graph = merge(data_graph, ont_graph, backend_name="memory")
    report = run_pyshacl(data_graph, shapes_graph, inference)
    for prefix, ns in data_graph.namespaces():
        report.bind(prefix, ns, override=False)
    return finish(rows_of_report(report, shapes_graph), report, fail_on, "pyshacl")


def run_pyshacl(data_graph: Graph, shapes_graph: Graph, inference: str) -> Graph:
    """pySHACL's report graph of ``data_graph``, its messages tagged with their language."""
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


def _tag_messages(report: Graph) -> None:
    """Give untagged sh:resultMessage literals their language back.

    pySHACL rebuilds the messages of SPARQL-based constraints as plain strings; every shape states its
    messages in @ko and @en, so Hangul means @ko and anything else @en.
    """
    for result, msg in list(report.subject_objects(SH.resultMessage)):
        if isinstance(msg, Literal) and not msg.language:
            report.remove((result, SH.resultMessage, msg))
            report.add((result, SH.resultMessage, Literal(str(msg), lang="ko" if _HANGUL.search(msg) else "en")))


def rows_of_report(report: Graph, shapes_graph: Graph | None = None) -> list[ResultRow]:
    """The results of a sh:ValidationReport graph as rows, in the order of :func:`sort_key`."""
    rows = []
    for result in report.objects(None, SH.result):
        shape = report.value(result, SH.sourceShape)
        own = {str(m) for m in shapes_graph.objects(shape, SH.message)} if shapes_graph is not None else set()
        rows.append(ResultRow(
            severity=severity_name(report.value(result, SH.resultSeverity)),
            focus_node=report.value(result, SH.focusNode),
            path=report.value(result, SH.resultPath),
            value=report.value(result, SH.value),
            source_shape=shape,
            constraint_component=report.value(result, SH.sourceConstraintComponent),
            messages=message_dict(report.objects(result, SH.resultMessage), own),
        ))
    rows.sort(key=lambda row: sort_key(row, report))
    return rows
