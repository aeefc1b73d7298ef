"""``mougraph reason`` and ``conflicts``: what the graph entails, contradicts, and where its sources disagree.

The reasoning itself lives in :mod:`mougraph.reasoning.hermit` and :mod:`mougraph.reasoning.conflicts`; this
module turns their reports into text, JSON or tables.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rdflib import URIRef
from rich.table import Table

from mougraph.cli.output import console, emit, text_of
from mougraph.export import serialize
from mougraph.formats import REPORT_FORMATS
from mougraph.reasoning.conflicts import conflicts, rows, to_graph, to_json
from mougraph.reasoning.entailment import graph_facts, scope_of
from mougraph.reasoning.hermit import DEFAULT_TIMEOUT, REASONERS, ReasonerReport, reason
from mougraph.store import load_all
from mougraph.vocab import short


def _reason_text(report: ReasonerReport, graph) -> list:
    nm = graph.namespace_manager
    name = {"rules": "rule-based check (mougraph.reasoning.rules + mougraph.reasoning.diagnose, no DL reasoner)"}.get(
        report.reasoner, f"{report.reasoner} (OWL 2 DL, through owlready2)")
    lines = [f"reasoner:     {name}, {report.seconds:.1f} s"]
    if not report.consistent:
        lines.append(f"consistent:   [bold red]no[/]: {len(report.culprits)} contradiction(s) found")
        for i, culprit in enumerate(report.culprits, 1):
            lines.append(f"  {i}. {culprit.message}")
        if not report.culprits:
            lines.append("  the reasoner gives no explanation, and mougraph's diagnosis (disjoint classes, functional "
                         "properties, cardinalities, irreflexive, asymmetric and disjoint properties, datatype "
                         "ranges) found no culprit: the contradiction involves other axioms")
        return lines
    lines.append("consistent:   yes")
    if report.unsatisfiable:
        lines.append(f"classes:      [bold red]{len(report.unsatisfiable)} unsatisfiable[/] (can have no instance):")
        for iri in report.unsatisfiable:
            why = report.reasons.get(iri)
            lines.append(f"  - {short(URIRef(iri), nm)}" + (f": {why}" if why else ""))
    else:
        lines.append("classes:      all satisfiable")
    if report.facts:
        asserted = graph_facts(scope_of(graph), graph)
        lines.append(f"entailed:     {len(report.facts)} class memberships and object property values of named "
                     f"individuals, {len(report.facts - asserted)} of them not asserted")
    return lines


def _reason_json(report: ReasonerReport, graph) -> str:
    doc = {
        "reasoner": report.reasoner, "seconds": round(report.seconds, 3), "consistent": report.consistent,
        "coherent": report.coherent, "culprits": [c.to_dict() for c in report.culprits],
        "unsatisfiableClasses": [{"class": c, "reason": report.reasons.get(c)} for c in report.unsatisfiable],
    }
    if report.facts:
        doc["entailedFacts"] = len(report.facts)
        doc["inferredFacts"] = len(report.facts - graph_facts(scope_of(graph), graph))
    if report.input is not None:
        doc["reasonerInput"] = {"droppedAxioms": [" ".join(t.n3() for t in axiom) for axiom in report.input.dropped],
                                "literalsMappedToStrings": report.input.mapped_literals,
                                "individualsDeclaredDifferent": report.input.distinct}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


@click.command("reason")
@click.option("--reasoner", type=click.Choice(REASONERS), default="hermit", show_default=True,
              help="hermit: OWL 2 DL reasoning with HermiT (needs Java); rules: the rule-based check (no Java).")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.001), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds HermiT may run; a longer run is stopped (exit 2).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder to reason over instead of the shipped data (repeatable).")
def reason_cmd(reasoner, fmt, timeout, output, data) -> int:
    """Check ontology + data for consistency and unsatisfiable classes.

    An inconsistency is reported with the individuals and axioms involved.
    Exit 0 consistent and every class satisfiable, 1 inconsistent or an
    unsatisfiable class, 2 error (no Java, reasoner crash or timeout).
    """
    graph = load_all(list(data) or None)
    report = reason(graph, reasoner=reasoner, timeout=timeout)
    if fmt == "json":
        emit(_reason_json(report, graph).encode("utf-8"), output)
    elif output is None:
        for line in _reason_text(report, graph):
            console().print(line)
    else:
        emit(text_of(*_reason_text(report, graph)), output)
    return 0 if report.ok else 1


@click.command("conflicts")
@click.option("-f", "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="table", show_default=True,
              help="table: one row per claimed value and source; json: every field; turtle: the conflicts, "
                   "claims and passages.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the list here.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder to read instead of the shipped data (repeatable).")
def conflicts_cmd(fmt, output, data) -> int:
    """List the facts on which the sources disagree, each value with its source.

    Exit 0 (disagreements are recorded, not errors), 2 on errors.
    """
    graph = load_all(list(data) or None)
    found = conflicts(graph)
    if fmt == "json":
        emit(to_json(found).encode("utf-8"), output)
    elif fmt == "turtle":
        emit(serialize(to_graph(found, graph), "ttl"), output)
    else:
        table = Table("resource", "property", "value", "source", "line", "conflict",
                      title="Facts on which the sources disagree")
        for col in table.columns:
            col.overflow = "fold"
        for row in rows(found, graph):
            table.add_row(*row)
        summary = (f"{len(found)} disagreement(s), {sum(len(d.claims) for d in found)} claimed value(s)"
                   if found else "no disagreements recorded")
        if output is None:
            console().print(table)
            console().print(summary)
        else:
            emit(text_of(table, summary), output)
    return 0
