"""``mougraph validate``, ``query`` and ``export``: the graph checked, asked and written out.

Each works on the local graph (shipped data or ``--data``) or, with ``--endpoint``, on a graph of a SPARQL
server (:mod:`mougraph.export.remote`, imported only then).
"""

from __future__ import annotations

from pathlib import Path

import click

from mougraph.cli.output import console, emit, text_of, validation_table
from mougraph.export import export
from mougraph.export.results import FORMATS as QUERY_FORMATS, normalize_format as query_format, render, rich_table
from mougraph.formats import export_choices, export_format
from mougraph.query import query
from mougraph.query.params import parse_assignments
from mougraph.reasoning.rules import materialise
from mougraph.store import load_all
from mougraph.validation import ENGINES, FAIL_ON, INFERENCE, validate
from mougraph.vocab import DATA_GRAPH

_ENDPOINT_HELP = ("SPARQL 1.1 query endpoint to use instead of the local graph (e.g. http://localhost:7878/query); "
                  "see --graph.")
_GRAPH_HELP = ("With --endpoint: the graph of the server to use, sent as default-graph-uri ('default': the "
               "server's default graph).")


def _remote_graph(endpoint: str, graph: str):
    from mougraph.export.remote import fetch_graph

    return fetch_graph(endpoint, graph)


@click.command("validate")
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
        console(err=True).print(f"note: pySHACL validated {shape}: {why}", markup=False)
    if fmt == "table":
        table = validation_table(result) if result.results else None
        if output is None:
            if table is not None:
                console().print(table)
            console().print(result.summary())
            return 0 if result.conforms else 1
        data = text_of(*([table] if table else []), result.summary())
    elif fmt == "json":
        data = result.to_json().encode("utf-8")
    else:
        data = result.to_turtle().encode("utf-8")
    emit(data, output)
    console(err=True).print(result.summary())
    return 0 if result.conforms else 1


@click.command("query")
@click.argument("query_ref", metavar="QUERY")
@click.option("-f", "--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
              help="Output format (default: table; from the -o extension when given).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the result here.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder to query instead of the shipped data (repeatable).")
@click.option("--inferred", is_flag=True,
              help="Query the inferred triples too (mg:cooperatesWith, mg:partyTo, mg:descendsFrom, "
                   "super-classes, ...).")
@click.option("--endpoint", metavar="URL", default=None, help=_ENDPOINT_HELP)
@click.option("--graph", "graph_iri", metavar="IRI", default=str(DATA_GRAPH), show_default=True, help=_GRAPH_HELP)
@click.option("--allow-service", "allow_service", metavar="HOST", multiple=True,
              help="Let SERVICE clauses call this host (name, or name:port; repeatable). Without it a query with "
                   "SERVICE is refused: it would make mougraph send requests to other hosts.")
@click.option("--param", "param", metavar="NAME=VALUE", multiple=True,
              help="A value for a parameter the query declares (repeatable; e.g. --param "
                   "agreement=agr:seoul-sejong-2023, --param day=2023-04-10; '*' for any). Others take their defaults.")
def query_cmd(query_ref, fmt, output, data, inferred, endpoint, graph_iri, allow_service, param) -> int:
    """Run a SPARQL query on ontology + data.

    QUERY is a shipped query name (or its name without role, or a unique prefix
    such as cq01), a .rq file, or SPARQL text. With --endpoint it runs on the
    SPARQL server. SERVICE is refused unless --allow-service names its hosts.
    """
    if endpoint:
        if data or inferred:
            raise click.UsageError("--data and --inferred are for the local graph; not with --endpoint")
        from mougraph.export.remote import query_endpoint

        run = query_endpoint(query_ref, endpoint, graph_iri, allow_service=allow_service,
                             params=parse_assignments(param))
    else:
        run = query(query_ref, data=list(data) or None, inferred=inferred, allow_service=allow_service,
                    params=parse_assignments(param))
    fmt = query_format(fmt, output, run)
    if fmt == "table" and output is None and run.type == "SELECT":
        console().print(rich_table(run))
    else:
        emit(render(run, fmt), output)
    return 0


@click.command("export")
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
        emit(payload, None)
    return 0
