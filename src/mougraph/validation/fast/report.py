"""What the fast engine reports: :class:`FastResult` (one validation result), :class:`FastOutcome` (the
results of one run and the shapes left to pySHACL), and the ``sh:ValidationReport`` graph of results."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH


@dataclass(frozen=True)
class FastResult:
    """One validation result (rdflib terms; literals as written)."""

    severity: URIRef
    focus: object
    path: object  # the sh:path node of the shapes graph, or the ?path of a SPARQL constraint
    value: object
    shape: object
    component: URIRef
    messages: tuple = ()
    constraint: object = None  # sh:sourceConstraint of SPARQL-based results


@dataclass
class FastOutcome:
    """The results of one run, and the top-level shapes left to pySHACL."""

    results: list
    covered: list  # top-level shapes validated here
    fallback: dict  # top-level shape -> why pySHACL validates it
    queries: int = 0


def report_graph(results: list, shapes_graph: Graph) -> tuple[Graph, dict]:
    """A sh:ValidationReport graph of ``results`` (:class:`FastResult`), in their order, with stable node ids.

    Paths, blank-node shapes and SPARQL constraints are copied from the shapes graph, as pySHACL does; also
    returns the copies (shapes-graph blank node -> its copy in the report, as :func:`report_copies` names them).
    """
    report = Graph()
    for prefix, ns in shapes_graph.namespaces():
        report.bind(prefix, ns, override=False)
    root = BNode("report")
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(not results)))
    copies: dict = {}
    copy = _copier(shapes_graph, copies, report)
    for i, r in enumerate(results, 1):
        node = BNode(f"r{i}")
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.resultSeverity, r.severity))
        report.add((node, SH.focusNode, r.focus))
        report.add((node, SH.sourceShape, copy(r.shape)))
        report.add((node, SH.sourceConstraintComponent, r.component))
        if r.path is not None:
            report.add((node, SH.resultPath, copy(r.path)))
        if r.value is not None:
            report.add((node, SH.value, r.value))
        if r.constraint is not None:
            report.add((node, SH.sourceConstraint, copy(r.constraint)))
        for message in r.messages:
            report.add((node, SH.resultMessage, message))
    return report, copies


def report_copies(results: list, shapes_graph: Graph) -> dict:
    """The copies :func:`report_graph` makes (shapes-graph blank node -> its node in the report), without the
    report: the rows of the results name them, and the report itself may never be read."""
    copies: dict = {}
    copy = _copier(shapes_graph, copies, None)
    for r in results:  # in the order report_graph copies them, which numbers them
        copy(r.shape)
        if r.path is not None:
            copy(r.path)
        if r.constraint is not None:
            copy(r.constraint)
    return copies


def _copier(shapes_graph: Graph, copies: dict, report: Graph | None):
    def copy(term):
        """``term``, with the blank-node structure below it copied from the shapes graph under stable names."""
        if not isinstance(term, BNode) or (term, None, None) not in shapes_graph:
            return term
        if term not in copies:
            copies[term] = BNode(f"s{len(copies) + 1}")
            for p, o in sorted(shapes_graph.predicate_objects(term), key=lambda po: (str(po[0]), str(po[1]))):
                copied = copy(o)
                if report is not None:
                    report.add((copies[term], p, copied))
        return copies[term]

    return copy
