"""The ``mougraph`` command line.

Exit codes (as pySHACL): 0 success / data conforms, 1 data does not conform or
a build check failed, 2 error (bad input, unknown query, usage error, ...).
All mapping from exceptions to exit codes happens in :meth:`MougraphGroup.main`.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import traceback
from pathlib import Path

import click
from rdflib import URIRef
from rich.console import Console
from rich.table import Table

from mougraph import __version__
from mougraph.errors import MougraphError
from mougraph.io import atomic_write
from mougraph.vocab import short
from mougraph.build import build
from mougraph.formats import REPORT_FORMATS, export_choices, export_format
from mougraph.export import DATA_GRAPH, export
from mougraph.query import query
from mougraph.export.results import FORMATS as QUERY_FORMATS, normalize_format as query_format, render, rich_table
from mougraph.reasoning.hermit import DEFAULT_TIMEOUT, REASONERS, ReasonerReport, reason
from mougraph.reasoning.rules import materialise
from mougraph.store import BACKENDS, configure as configure_store, load_all
from mougraph.validation import ENGINES, FAIL_ON, INFERENCE, ValidationResult, validate
from mougraph.publishing.site import DEFAULT_BASE

SEVERITY_STYLE = {"Violation": "bold red", "Warning": "yellow", "Info": "cyan"}


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("MOUGRAPH_DEBUG", "") not in ("", "0")


class MougraphGroup(click.Group):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command line; the one place that turns outcomes into exit codes."""
        argv = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(argv, prog_name or "mougraph", complete_var,
                                standalone_mode=False, **extra)
        except click.ClickException as exc:  # usage errors, bad option values
            exc.show()
            code = 2
        except click.Abort:
            click.echo("mougraph: aborted", err=True)
            code = 2
        except MougraphError as exc:
            click.echo(f"mougraph: error: {exc}", err=True)
            code = 2
        except BrokenPipeError:  # e.g. `mougraph export -f nt | head`: stop quietly
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError, io.UnsupportedOperation):
                pass
            code = 2
        except Exception as exc:
            if _debug_requested(argv):
                traceback.print_exc()
            click.echo(f"mougraph: internal error: {type(exc).__name__}: {exc}", err=True)
            if not _debug_requested(argv):
                click.echo("(run with --debug or MOUGRAPH_DEBUG=1 to see the traceback)", err=True)
            code = 2
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=True)


def _emit(data: bytes, output: Path | None) -> None:
    """Write ``data`` to ``output`` atomically, or to stdout."""
    if output is None:
        click.echo(data, nl=False)
    else:
        atomic_write(output, data)


def _text_of(*renderables, width: int = 160) -> bytes:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    for item in renderables:
        console.print(item)
    return console.file.getvalue().encode("utf-8")


@click.group(cls=MougraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mougraph")
@click.option("--debug", is_flag=True, help="Show the full traceback of unexpected errors.")
@click.option("--backend", type=click.Choice(BACKENDS), default=None,
              help="Store behind every graph: oxigraph or rdflib's memory (default: $MOUGRAPH_STORE, else oxigraph).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Persistent Oxigraph store: files are loaded into it once and reopened at once while unchanged "
                   "(default: $MOUGRAPH_STORE_DIR).")
def cli(debug: bool, backend: str | None, store_dir: Path | None) -> None:
    """Knowledge graph of cooperation agreements between Korean local governments.

    Exit codes: 0 success, 1 data does not conform / build checks failed, 2 error.
    Set MOUGRAPH_HOME to use ontology/, data/ and queries/ from another folder.
    """
    configure_store(backend, store_dir)


_ENDPOINT_HELP = ("SPARQL 1.1 query endpoint to use instead of the local graph (e.g. http://localhost:7878/query); "
                  "see --graph.")
_GRAPH_HELP = ("With --endpoint: the graph of the server to use, sent as default-graph-uri ('default': the "
               "server's default graph).")


def _remote_graph(endpoint: str, graph: str):
    from mougraph.export.remote import fetch_graph

    return fetch_graph(endpoint, graph)


# --- validate -------------------------------------------------------------

def validation_table(result: ValidationResult) -> Table:
    nm = result.report_graph.namespace_manager
    table = Table("severity", "focus node", "path", "message", title="SHACL validation results")
    for col in table.columns:
        col.overflow = "fold"
    for row in result.results:
        style = SEVERITY_STYLE.get(row.severity, "")
        table.add_row(f"[{style}]{row.severity}[/]" if style else row.severity,
                      short(row.focus_node, nm), short(row.path, nm), row.message("en"))
    return table


@cli.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "turtle", "json"]), default="table",
              show_default=True, help="Report format (turtle: the sh:ValidationReport graph).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="violation", show_default=True,
              help="Lowest severity that makes the data not conform (exit 1).")
@click.option("--inference", type=click.Choice(INFERENCE), default="none", show_default=True)
@click.option("--engine", type=click.Choice(ENGINES), default="auto", show_default=True,
              help="fast: the shapes as set-wise SPARQL on Oxigraph (pySHACL for what it does not cover); "
                   "pyshacl: the reference engine; auto: fast for the Oxigraph store with inference none.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--endpoint", metavar="URL", default=None, help=_ENDPOINT_HELP)
@click.option("--graph", "graph_iri", metavar="IRI", default=str(DATA_GRAPH), show_default=True, help=_GRAPH_HELP)
def validate_cmd(files, fmt, fail_on, inference, engine, output, endpoint, graph_iri) -> int:
    """Validate data against the SHACL shapes.

    FILEs: data files or folders to validate (default: all shipped data).
    With --endpoint, the graph read from the SPARQL server instead.
    Exit 0 if the data conforms, 1 if not (see --fail-on), 2 on errors.
    """
    if endpoint and files:
        raise click.UsageError("give FILEs or --endpoint, not both")
    data_graph = _remote_graph(endpoint, graph_iri) if endpoint else None
    result = validate(data_graph, paths=list(files) or None, fail_on=fail_on, inference=inference, engine=engine)
    for shape, why in result.fallback.items():
        _console(err=True).print(f"note: pySHACL validated {shape}: {why}", markup=False)
    if fmt == "table":
        table = validation_table(result) if result.results else None
        if output is None:
            if table is not None:
                _console().print(table)
            _console().print(result.summary())
            return 0 if result.conforms else 1
        data = _text_of(*([table] if table else []), result.summary())
    elif fmt == "json":
        data = result.to_json().encode("utf-8")
    else:
        data = result.to_turtle().encode("utf-8")
    _emit(data, output)
    _console(err=True).print(result.summary())
    return 0 if result.conforms else 1


# --- query ----------------------------------------------------------------

@cli.command("query")
@click.argument("query_ref", metavar="QUERY")
@click.option("-f", "--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
              help="Output format (default: table; from the -o extension when given).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the result here.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder to query instead of the shipped data (repeatable).")
@click.option("--inferred", is_flag=True,
              help="Query the inferred triples too (mg:cooperatesWith, mg:partyTo, mg:descendsFrom, super-classes, ...).")
@click.option("--endpoint", metavar="URL", default=None, help=_ENDPOINT_HELP)
@click.option("--graph", "graph_iri", metavar="IRI", default=str(DATA_GRAPH), show_default=True, help=_GRAPH_HELP)
def query_cmd(query_ref, fmt, output, data, inferred, endpoint, graph_iri) -> int:
    """Run a SPARQL query on ontology + data.

    QUERY is a shipped query name (or its name without role, or a unique prefix
    such as cq01), a .rq file, or SPARQL text. With --endpoint it runs on the
    SPARQL server.
    """
    if endpoint:
        if data or inferred:
            raise click.UsageError("--data and --inferred are for the local graph; not with --endpoint")
        from mougraph.export.remote import query_endpoint

        run = query_endpoint(query_ref, endpoint, graph_iri)
    else:
        run = query(query_ref, data=list(data) or None, inferred=inferred)
    fmt = query_format(fmt, output, run)
    if fmt == "table" and output is None and run.type == "SELECT":
        _console().print(rich_table(run))
    else:
        _emit(render(run, fmt), output)
    return 0


# --- export ---------------------------------------------------------------

@cli.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(export_choices()),
              default=None, help="Output format (default: from the -o extension).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: stdout).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder to export instead of the shipped data (repeatable).")
@click.option("--inferred", is_flag=True, help="Add the inferred triples (own named graph in nq/trig).")
@click.option("--endpoint", metavar="URL", default=None, help=_ENDPOINT_HELP)
@click.option("--graph", "graph_iri", metavar="IRI", default=str(DATA_GRAPH), show_default=True, help=_GRAPH_HELP)
def export_cmd(fmt, output, data, inferred, endpoint, graph_iri) -> int:
    """Export ontology + data (stable, diff-friendly output).

    N-Quads and TriG put the triples in the named graph
    https://w3id.org/mougraph/id/graph/data, and with --inferred the inferred
    ones in https://w3id.org/mougraph/id/graph/inferred.
    """
    fmt = export_format(fmt, output)
    if endpoint and data:
        raise click.UsageError("give --data or --endpoint, not both")
    graph = _remote_graph(endpoint, graph_iri) if endpoint else load_all(list(data) or None)
    payload = export(graph, fmt, output, inferred=materialise(graph).inferred if inferred else None)
    if output is None:
        _emit(payload, None)
    return 0


# --- build ----------------------------------------------------------------

@cli.command("build")
@click.option("--out", "out_dir", default="build", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="violation", show_default=True)
@click.option("--inferred/--no-inferred", default=True, show_default=True,
              help="Put the inferred triples in the exports (own named graph in nq/trig).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder instead of the shipped data/ (repeatable), e.g. a synthetic graph.")
def build_cmd(out_dir, fail_on, inferred, data) -> int:
    """Validate, run and check all queries, infer, write all exports.

    Exit 1 on SHACL violations, a report query differing from its
    .expected.csv, or a check query returning results.
    """
    report = build(out_dir, data=list(data) or None, fail_on=fail_on, inferred=inferred)
    console = _console()
    v = report.validation
    if not v.conforms:
        console.print(validation_table(v))
    passed = sum(q.ok for q in report.queries)
    console.print(f"graph:      {report.triples} triples, {report.classes} classes, {report.instances} instances")
    console.print(f"validation: {v.summary()}")
    console.print(f"queries:    {passed}/{len(report.queries)} passed"
                  + (" (report queries not compared: their expected answers are for the shipped data)" if data else ""))
    if report.inferred is not None:
        console.print(f"inference:  {report.inferred} triples inferred by the rules "
                      f"({report.inference_seconds:.1f} s), exported with the asserted ones")
    for q in report.queries:
        if not q.ok:
            console.print(f"  [red]FAIL[/] {q.message}")
    console.print(f"files:      {len(report.files) + sum(q.output is not None for q in report.queries)} written to {out_dir}/")
    if report.ok:
        console.print("[green]build OK[/]")
        return 0
    console.print(f"[bold red]build FAILED[/] ({len(report.failures)} problem(s))")
    return 1


# --- reason ---------------------------------------------------------------

def _reason_text(report: ReasonerReport, graph) -> list:
    from mougraph.reasoning.entailment import graph_facts, scope_of

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


@cli.command("reason")
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
        _emit(_reason_json(report, graph).encode("utf-8"), output)
    elif output is None:
        for line in _reason_text(report, graph):
            _console().print(line)
    else:
        _emit(_text_of(*_reason_text(report, graph)), output)
    return 0 if report.ok else 1


# --- conflicts ------------------------------------------------------------

@cli.command("conflicts")
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
    from mougraph.reasoning.conflicts import conflicts, rows, to_graph, to_json
    from mougraph.export import serialize

    graph = load_all(list(data) or None)
    found = conflicts(graph)
    if fmt == "json":
        _emit(to_json(found).encode("utf-8"), output)
    elif fmt == "turtle":
        _emit(serialize(to_graph(found, graph), "ttl"), output)
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
            _console().print(table)
            _console().print(summary)
        else:
            _emit(_text_of(table, summary), output)
    return 0


# --- push, synth ----------------------------------------------------------

@cli.command("push")
@click.option("--endpoint", metavar="URL", required=True,
              help="Graph Store Protocol endpoint (--protocol gsp, e.g. http://localhost:7878/store) or SPARQL "
                   "Update endpoint (--protocol update, e.g. http://localhost:7878/update).")
@click.option("--graph", "graph_iri", metavar="IRI", default=str(DATA_GRAPH), show_default=True,
              help="The graph to replace on the server ('default': the server's default graph).")
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="gsp: one PUT of the whole graph; update: INSERT DATA into a temporary graph, then MOVE.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder to push instead of the shipped data (repeatable).")
def push_cmd(endpoint, graph_iri, protocol, data) -> int:
    """Replace a graph of a SPARQL 1.1 server with ontology + data, all or nothing.

    Then `mougraph query|validate|export --endpoint QUERY-URL` use it.
    Exit 0 pushed, 2 on errors (unreachable server, HTTP error: the old graph stays).
    """
    from mougraph.export.remote import push

    count = push(load_all(list(data) or None), endpoint, graph_iri, protocol)
    _console().print(f"pushed {count} triples to {'the default graph' if graph_iri == 'default' else graph_iri} "
                     f"at {endpoint} ({protocol})")
    return 0


@cli.command("synth")
@click.option("--triples", "triples", type=click.IntRange(min=1), required=True, help="About how many triples.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed and size, same bytes.")
@click.option("--error-rate", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Share of the eligible resources broken for each kind of violation (at least one each when > 0); "
                   "the injected violations are listed in OUTPUT.injected.json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Output file; .nt gives sorted N-Triples, other extensions an export format.")
def synth_cmd(triples, seed, error_rate, output) -> int:
    """Write a realistic synthetic agreement graph (for benchmarks and tests)."""
    from mougraph.synth import synth

    result = synth(triples, output, seed=seed, error_rate=error_rate)
    console = _console()
    console.print(f"synthetic graph: {result.triples} triples, {result.agreements} agreements, "
                  f"{result.organisations} organisations -> {result.path}")
    if result.sidecar is not None:
        console.print(f"injected:        {len(result.injected)} violations -> {result.sidecar}")
    return 0


# --- serve and publish ----------------------------------------------------

@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of the dataset: {base}id/... are the resources served at /id/..., {base}ontology at /ontology.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a SPARQL query may run; a slower one is stopped and gets 503.")
@click.option("--limit", default=10000, show_default=True, type=click.IntRange(min=1),
              help="Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) a query returns.")
@click.option("--max-body", default=1_000_000, show_default=True, type=click.IntRange(min=1),
              help="Largest request body in bytes; a larger one gets 413.")
@click.option("--query-workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes that run SPARQL queries.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder to serve instead of the shipped data (repeatable).")
def serve_cmd(host, port, base_iri, timeout, limit, max_body, query_workers, data) -> int:
    """Serve the graph as linked data, with a SPARQL endpoint at /sparql.

    Every resource IRI {base}id/... is served at /id/... by content negotiation
    (HTML in Korean or English, Turtle, JSON-LD, N-Triples); the query page is
    /query.html. Stop with Ctrl-C.
    """
    from mougraph.publishing.server.app import ServerConfig, serve

    config = ServerConfig(base=base_iri, timeout=timeout, limit=limit, max_body=max_body,
                          workers=query_workers, data=[str(p) for p in data] or None)
    serve(host, port, config=config)
    return 0


@cli.command("publish")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the static site into.")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True,
              help="Base IRI the site is published under (resources {base}id/..., endpoint {base}sparql).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder to publish instead of the shipped data (repeatable).")
def publish_cmd(out_dir, base_iri, data) -> int:
    """Write the site as static files: pages, RDF of every resource, downloads, docs, VoID/DCAT.

    Exit 1 when the dataset description does not conform to the DCAT/VoID shapes
    (nothing is written then).
    """
    from mougraph.publishing.publish import publish

    report = publish(out_dir, base=base_iri, data=list(data) or None)
    console = _console()
    if not report.ok:
        console.print(validation_table(report.description))
        console.print(f"[bold red]publish FAILED[/]: the dataset description does not conform "
                      f"({report.description.summary()})")
        return 1
    console.print(f"site:        {len(report.files)} files written to {out_dir}/ ({report.resources} resources)")
    console.print(f"base IRI:    {report.base}")
    console.print(f"description: {report.description.summary()}")
    console.print(f"[green]publish OK[/]: open {out_dir / 'index.html'}")
    return 0


def main() -> None:
    """Console-script entry point."""
    # rdflib logs a traceback for every ill-typed literal it parses; the shapes report those as violations.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    cli.main(prog_name="mougraph")
