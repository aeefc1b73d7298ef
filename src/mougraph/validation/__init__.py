"""SHACL validation of the data: a fast engine on Oxigraph, with pySHACL as the reference engine.

Two engines give the same :class:`ValidationResult` (:mod:`mougraph.validation.result`):

- ``fast`` (:mod:`mougraph.validation.fast`): the shapes compiled to set-wise SPARQL queries run by Oxigraph on the
  store the data already lives in (the ontology is added to that store in a temporary named graph, which is
  removed afterwards). The shapes it does not cover are validated by pySHACL and listed in
  :attr:`ValidationResult.fallback`. It validates with inference 'none' only.
- ``pyshacl`` (:mod:`mougraph.validation.pyshacl_engine`): pySHACL on an in-memory copy of data + ontology
  (the reference).

``auto`` (the default) takes the fast engine for an Oxigraph graph with inference 'none', pySHACL otherwise.
What the engines report differently, and why, is listed in ``docs/validation-engines.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal
from rdflib.namespace import SH

from mougraph import sparql_guard
from mougraph.errors import MougraphError
from mougraph.store import is_oxigraph, load_data, load_ontology, load_shapes, merge
from mougraph.validation import fast
from mougraph.validation.pyshacl_engine import run_pyshacl, validate_pyshacl
from mougraph.validation.result import (
    FAIL_ON,
    SEVERITIES,
    ResultRow,
    ValidationResult,
    finish,
    message_dict,
    severity_name,
    sort_key,
    term_text,
)
from mougraph.vocab import short

INFERENCE = ("none", "rdfs")
ENGINES = ("auto", "fast", "pyshacl")


#: Shapes-graph properties whose text becomes SPARQL that either engine runs (constraints, targets, rules, prefixes).
_SPARQL_TEXT = (SH.select, SH.ask, SH.construct, SH.update, SH.namespace, SH.prefix)


def _refuse_service(shapes_graph: Graph) -> None:
    """Refuse shapes whose SPARQL holds SERVICE: pySHACL and the fast engine would send its requests."""
    nm = shapes_graph.namespace_manager
    for prop in _SPARQL_TEXT:
        for node, text in shapes_graph.subject_objects(prop):
            if isinstance(text, Literal):
                sparql_guard.check(str(text), f"shapes graph, {short(node, nm)} {short(prop, nm)}")


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
    _refuse_service(shapes_graph)
    ont_graph = load_ontology() if ont_graph is None else ont_graph
    if engine == "fast" or (engine == "auto" and inference == "none" and is_oxigraph(data_graph)):
        return _validate_fast(data_graph, shapes_graph, ont_graph, fail_on)
    return validate_pyshacl(data_graph, shapes_graph, ont_graph, inference, fail_on)


def _validate_fast(data_graph: Graph, shapes_graph: Graph, ont_graph: Graph, fail_on: str) -> ValidationResult:
    """The fast engine, and pySHACL for the top-level shapes it leaves (on a pruned copy of the shapes)."""
    shapes = fast.ShapesGraph(shapes_graph)
    with fast.dataset_of(data_graph, ont_graph) as dataset:
        outcome = fast.validate(dataset, shapes)
    results = list(outcome.results)
    if outcome.fallback:
        pruned = fast.pruned_shapes_graph(shapes, outcome.fallback)
        copy = merge(data_graph, ont_graph, backend_name="memory")
        report = run_pyshacl(copy, pruned, "none")
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
    return fast_result(results, shapes, data_graph, fail_on, outcome.fallback)


def fast_result(results: list, shapes: fast.ShapesGraph, data_graph: Graph, fail_on: str,
                fallback: dict) -> ValidationResult:
    """The :class:`ValidationResult` of the fast engine's ``results`` (sorted; the report graph made)."""
    ordered = [r for _key, r in sorted(((sort_key(_row_of(r, shapes.graph), shapes.graph), i), r)
                                       for i, r in enumerate(results))]
    copied = fast.report_copies(ordered, shapes.graph)
    namespaces = list(data_graph.namespaces())

    def report() -> Graph:  # made when read (see ValidationResult.report_graph)
        graph, _copied = fast.report_graph(ordered, shapes.graph)
        for prefix, ns in namespaces:
            graph.bind(prefix, ns, override=False)
        return graph

    rows = [_row_of(r, shapes.graph, copied) for r in ordered]
    return finish(rows, report, fail_on, "fast", {term_text(node): reason for node, reason in fallback.items()})


def _row_of(result: fast.FastResult, shapes_graph: Graph, copied: dict | None = None) -> ResultRow:
    """The row of ``result``; blank-node paths and shapes as their ``copied`` nodes of the report graph."""
    own = {str(m) for m in shapes_graph.objects(result.shape, SH.message)}
    copied = copied or {}
    return ResultRow(severity=severity_name(result.severity), focus_node=result.focus,
                     path=copied.get(result.path, result.path), value=result.value,
                     source_shape=copied.get(result.shape, result.shape), constraint_component=result.component,
                     messages=message_dict(result.messages, own))


__all__ = ["ENGINES", "FAIL_ON", "INFERENCE", "SEVERITIES", "ResultRow", "ValidationResult", "validate"]
