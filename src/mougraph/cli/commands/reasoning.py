"""``mougraph reason`` and ``conflicts``: what the graph entails, contradicts, and where its sources disagree.

The reasoning itself lives in :mod:`mougraph.reasoning.hermit` and :mod:`mougraph.reasoning.conflicts`; this
module turns their reports into text, JSON or tables.
"""

from __future__ import annotations

import click

from mougraph.cli.options import LazyChoice, inputs, lazy, output
from mougraph.cli.output import show, t


def _reason_text(report, graph) -> list:
    from rdflib import URIRef
    from rich.markup import escape

    from mougraph.reasoning.entailment import graph_facts, scope_of
    from mougraph.vocab import short

    nm = graph.namespace_manager
    name = t("reasoner_rules") if report.reasoner == "rules" else t("reasoner_dl", name=report.reasoner)
    lines = [t("reasoner_line", name=escape(name), seconds=report.seconds)]
    if not report.consistent:
        lines.append(t("inconsistent", n=len(report.culprits)))
        for i, culprit in enumerate(report.culprits, 1):
            lines.append(f"  {i}. {escape(culprit.message)}")
        if not report.culprits:
            lines.append("  " + t("no_culprit"))
        return lines
    lines.append(t("consistent_yes"))
    if report.unsatisfiable:
        lines.append(t("unsatisfiable", n=len(report.unsatisfiable)))
        for iri in report.unsatisfiable:
            why = report.reasons.get(iri)
            lines.append(f"  - {escape(short(URIRef(iri), nm))}" + (f": {escape(why)}" if why else ""))
    else:
        lines.append(t("all_satisfiable"))
    if report.facts:
        asserted = graph_facts(scope_of(graph), graph)
        lines.append(t("entailed", n=len(report.facts), new=len(report.facts - asserted)))
    return lines


def _reason_json(report, graph) -> str:
    import json

    from mougraph.reasoning.entailment import graph_facts, scope_of

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
@inputs()
@click.option("--reasoner", type=LazyChoice(lazy("mougraph.reasoning.hermit", "REASONERS")), default="hermit",
              show_default=True,
              help="hermit: OWL 2 DL reasoning with HermiT (needs Java); rules: the rule-based check (no Java).")
@output(lazy("mougraph.formats", "REASONER_FORMATS"), default="table", what="the report")
@click.option("--timeout", type=click.FloatRange(min=0.001), default=None,
              help="Seconds HermiT may run; a longer run is stopped (exit 2). Default: the limit of "
                   "mougraph.reasoning.hermit (5 minutes).")
def reason_cmd(data, reasoner, out, timeout) -> int:
    """Check ontology + data for consistency and unsatisfiable classes.

    An inconsistency is reported with the individuals and axioms involved.
    Exit 0 consistent and every class satisfiable, 1 inconsistent or an
    unsatisfiable class, 2 error (no Java, reasoner crash or timeout).
    """
    from mougraph.reasoning.hermit import DEFAULT_TIMEOUT, reason
    from mougraph.store import load_all

    fmt = out.format()
    graph = load_all(data)
    report = reason(graph, reasoner=reasoner, timeout=DEFAULT_TIMEOUT if timeout is None else timeout)
    if fmt == "json":
        out.write(_reason_json(report, graph))
    else:
        show(*_reason_text(report, graph), out=out)
    return 0 if report.ok else 1


@click.command("conflicts")
@inputs()
@output(lazy("mougraph.formats", "REPORT_FORMATS"), default="table", what="the list")
def conflicts_cmd(data, out) -> int:
    """List the facts on which the sources disagree, each value with its source.

    table: one row per claimed value and source; json: every field; ttl: the
    conflicts, claims and passages as a graph. Exit 0 (disagreements are
    recorded, not errors), 2 on errors.
    """
    from mougraph.export import serialize
    from mougraph.reasoning.conflicts import conflicts, rows, to_graph, to_json
    from mougraph.store import load_all

    fmt = out.format()
    graph = load_all(data)
    found = conflicts(graph)
    if fmt == "json":
        out.write(to_json(found))
    elif fmt == "ttl":
        out.write(serialize(to_graph(found, graph), "ttl"))
    else:
        from rich.markup import escape

        from mougraph.cli.tables import fit, width_of

        headers = [t(k) for k in ("resource", "property", "value", "source", "line", "conflict")]
        table = fit(headers, [[escape(str(c)) for c in row] for row in rows(found, graph)], width=width_of(out),
                    drop_order=(5, 4, 1), title=t("conflicts_title"))
        summary = (t("conflicts_summary", n=len(found), claims=sum(len(d.claims) for d in found))
                   if found else t("no_conflicts"))
        show(table, summary, out=out)
    return 0
