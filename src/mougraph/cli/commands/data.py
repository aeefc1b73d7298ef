"""``mougraph validate``, ``query`` and ``export``: the graph checked, asked and written out.

Each works on the local graph (the shipped data, or the INPUT files) or, with ``--endpoint``, on a graph of a
SPARQL server (:mod:`mougraph.export.remote`). The engines are imported when a command runs, not at start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mougraph.cli.options import LazyChoice, fail_on, inputs, lazy, output
from mougraph.cli.output import info, note, settings, show, stdin_read, t

_ENDPOINT_HELP = ("SPARQL 1.1 query endpoint to use instead of the local graph (e.g. http://localhost:7878/query); "
                  "see --graph.")
_GRAPH_HELP = ("With --endpoint: the graph of the server to use, sent as default-graph-uri ('default': the "
               "server's default graph; default: mougraph's data graph).")


def _remote_graph(endpoint: str, graph: str | None):
    from mougraph.export.remote import fetch_graph

    return fetch_graph(endpoint, _graph_iri(graph))


def _graph_iri(graph: str | None) -> str:
    from mougraph.vocab import DATA_GRAPH

    return graph or str(DATA_GRAPH)


def _expand(values, nm, option: str) -> set:
    """IRIs of ``values``: full IRIs, or prefixed names with a prefix the data or the shapes bind."""
    from rdflib import URIRef

    found = set()
    for value in values:
        if "://" in value or value.startswith(("urn:", "mailto:")):
            found.add(URIRef(value))
            continue
        try:
            found.add(URIRef(nm.expand_curie(value)))
        except ValueError as exc:
            raise click.BadParameter(f"'{value}' is neither a full IRI nor a prefixed name with a known prefix",
                                     param_hint=option) from exc
    return found


def summary_line(result, fail_on: str) -> str:
    """The one-line verdict of a validation, in the run's language."""
    counts = result.counts
    key = "summary_never" if fail_on == "none" else "summary"
    return t(key, verdict=t("conforms" if result.conforms else "does_not_conform"),
             violation=counts.get("Violation", 0), warning=counts.get("Warning", 0), info=counts.get("Info", 0),
             fail_on=fail_on)


@click.command("validate")
@inputs()
@click.option("-s", "--shapes", "shapes", multiple=True, type=click.Path(path_type=Path), metavar="SHAPES",
              help="Validate against these shapes (file or folder; repeatable) INSTEAD of the shipped ones, as "
                   "pySHACL's -s. To add shapes to the shipped ones, use --add-shapes.")
@click.option("--add-shapes", "add_shapes", multiple=True, type=click.Path(path_type=Path), metavar="SHAPES",
              help="Shapes to use beside the shipped ones (file or folder; repeatable).")
@click.option("-e", "--ont-graph", "ontology", multiple=True, type=click.Path(path_type=Path), metavar="ONTOLOGY",
              help="Ontology mixed in with the data beside the shipped one, as pySHACL's -e (repeatable).")
@click.option("--focus", multiple=True, metavar="IRI",
              help="Report only the results on this focus node (IRI or prefixed name; repeatable).")
@click.option("--shape", "shape_filter", multiple=True, metavar="IRI",
              help="Report only the results of this shape (IRI or prefixed name, e.g. mgsh:AgreementShape).")
@output(lazy("mougraph.formats", "VALIDATION_FORMATS"), default="table", what="the report")
@fail_on()
@click.option("--inference", type=LazyChoice(lazy("mougraph.validation", "INFERENCE")), default="none",
              show_default=True)
@click.option("--engine", type=LazyChoice(lazy("mougraph.validation", "ENGINES")), default="auto", show_default=True,
              help="fast: the shapes as set-wise SPARQL on Oxigraph (pySHACL for what it does not cover); "
                   "pyshacl: the reference engine; auto: fast for the Oxigraph store with inference none.")
@click.option("--endpoint", metavar="URL", default=None, help=_ENDPOINT_HELP)
@click.option("--graph", "graph_iri", metavar="IRI", default=None, help=_GRAPH_HELP)
@click.option("--incremental", is_flag=True,
              help="With --store DIR: INPUT holds new triples; validate the store + them, checking again only "
                   "what they can change (the store's own results are kept in DIR). See docs/scale.md.")
def validate_cmd(data, shapes, add_shapes, ontology, focus, shape_filter, out, fail_on, inference, engine, endpoint,
                 graph_iri, incremental) -> int:
    """Validate data against the SHACL shapes (ontology mixed in).

    The report goes to the terminal as a table, or to -o in the format of its
    extension: .ttl/.jsonld (the sh:ValidationReport graph), .json, .csv, .tsv,
    .html, .md. Exit 0 if the data conforms, 1 if not (see --fail-on), 2 on errors.
    """
    from mougraph.store import expand_paths, load_files, load_ontology, load_shapes, merge
    from mougraph.validation import validate

    fmt = out.format()
    if endpoint and data:
        raise click.UsageError("give INPUT files or --endpoint, not both")
    if shapes and add_shapes:
        raise click.UsageError("-s replaces the shipped shapes, --add-shapes adds to them: give one of the two")
    data_graph = _remote_graph(endpoint, graph_iri) if endpoint else None
    shapes_graph = None
    if shapes or add_shapes:
        shapes_graph = load_files(expand_paths(shapes or add_shapes))
        if add_shapes:
            shapes_graph = merge(load_shapes(), shapes_graph)
    ont_graph = merge(load_ontology(), load_files(expand_paths(ontology))) if ontology else None
    if incremental:
        not_data = [*expand_paths(shapes or add_shapes), *expand_paths(ontology)]
        result = _validate_incremental(data, endpoint, inference, engine, fail_on, shapes_graph, ont_graph, not_data)
    else:
        result = validate(data_graph, paths=data, fail_on="violation" if fail_on == "none" else fail_on,
                          inference=inference, engine=engine, shapes_graph=shapes_graph, ont_graph=ont_graph)
    info(f"engine: {result.engine}, {len(result.results)} result(s) before filters")
    for shape, why in result.fallback.items():
        note(t("fallback", shape=shape, why=why))
    if focus or shape_filter:
        nm = result.report_graph.namespace_manager
        total = len(result.results)
        result = result.only(_expand(focus, nm, "'--focus'"), _expand(shape_filter, nm, "'--shape'"),
                             shapes_graph=(shapes_graph or load_shapes()) if shape_filter else None)
        note(t("filtered", kept=len(result.results), total=total))
    summary = summary_line(result, fail_on)
    if fmt == "table":
        from mougraph.cli.tables import validation_table, width_of

        show(*([validation_table(result, width_of(out), settings().lang)] if result.results else []), summary, out=out)
        if not out.to_stdout:
            note(summary)
    else:
        from mougraph.export.reports import render

        out.write(render(result, fmt, lang=settings().lang))
        note(summary)
    return 0 if result.conforms or fail_on == "none" else 1


def _validate_incremental(data, endpoint, inference, engine, fail_on, shapes_graph, ont_graph, not_data):
    """``validate --incremental``: the persistent store + the new triples of ``data``."""
    from mougraph.store import store_directory
    from mougraph.validation.incremental import validate_incremental

    directory = store_directory()
    if directory is None:
        raise click.UsageError("--incremental validates a persistent store: give --store DIR before 'validate'")
    if endpoint or not data:
        raise click.UsageError("--incremental needs INPUT files holding the new triples (and no --endpoint)")
    if inference != "none" or engine == "pyshacl":
        raise click.UsageError("--incremental runs the fast engine with --inference none")
    result = validate_incremental(data, store=directory, fail_on="violation" if fail_on == "none" else fail_on,
                                  shapes_graph=shapes_graph, ont_graph=ont_graph, not_data=not_data)
    plan = result.incremental
    if plan.full_run:
        note(t("incremental_full", why=plan.full_run))
    else:
        again = sum(1 for n in plan.focus.values() if n is None)
        note(t("incremental", nodes=sum(n for n in plan.focus.values() if n), shapes=again,
               seconds=f"{plan.seconds['total']:.2f}"))
    return result


def _sparql_from_stdin() -> str:
    text = sys.stdin.read()
    if not text.strip():
        raise click.UsageError("QUERY '-' reads the query from stdin, which was empty")
    return text


@click.command("query")
@click.argument("query_ref", metavar="QUERY", required=False)
@inputs()
@click.option("--list", "list_queries", is_flag=True,
              help="List the shipped queries: name, role, the question (in --lang), parameters.")
@output(lazy("mougraph.export.results", "FORMATS"), what="the answer")
@click.option("--inferred", is_flag=True,
              help="Query the inferred triples too (mg:cooperatesWith, mg:partyTo, mg:descendsFrom, "
                   "super-classes, ...).")
@click.option("--endpoint", metavar="URL", default=None, help=_ENDPOINT_HELP)
@click.option("--graph", "graph_iri", metavar="IRI", default=None, help=_GRAPH_HELP)
@click.option("--allow-service", "allow_service", metavar="HOST", multiple=True,
              help="Let SERVICE clauses call this host (name, or name:port; repeatable). Without it a query with "
                   "SERVICE is refused: it would make mougraph send requests to other hosts.")
@click.option("--param", "param", metavar="NAME=VALUE", multiple=True,
              help="A value for a parameter the query declares (repeatable; e.g. --param "
                   "agreement=agr:seoul-sejong-2023, --param day=2023-04-10; '*' for any). Others take their defaults.")
def query_cmd(query_ref, data, list_queries, out, inferred, endpoint, graph_iri, allow_service, param) -> int:
    """Run a SPARQL query on ontology + data.

    QUERY is a shipped query name (or its name without role, or a unique prefix
    such as cq01), a .rq file, SPARQL text, or '-' (read from stdin); the other
    arguments are data. `mougraph query --list` lists the shipped queries. A
    SELECT answer is a table for the terminal, or -o/-f csv, tsv, json; a
    CONSTRUCT graph is Turtle or -o/-f nt, jsonld, xml.
    """
    if list_queries:
        from mougraph.cli.listing import list_queries as show_list

        if query_ref is not None:
            raise click.UsageError("--list takes no QUERY")
        return show_list(out)
    if query_ref is None:
        raise click.UsageError("missing QUERY (a shipped name such as cq01, a .rq file, SPARQL text or '-'); "
                               "mougraph query --list shows the shipped queries")
    if query_ref == "-":
        if data and any(p.name.startswith("stdin.") and stdin_read() for p in data):
            raise click.UsageError("'-' is the query here: the data cannot come from stdin too")
        query_ref = _sparql_from_stdin()
    if endpoint:
        if data or inferred:
            raise click.UsageError("INPUT files and --inferred are for the local graph; not with --endpoint")
        from mougraph.export.remote import query_endpoint
        from mougraph.query.params import parse_assignments

        run = query_endpoint(query_ref, endpoint, _graph_iri(graph_iri), allow_service=allow_service,
                             params=parse_assignments(param))
    else:
        from mougraph.query import query
        from mougraph.query.params import parse_assignments

        run = query(query_ref, data=data, inferred=inferred, allow_service=allow_service,
                    params=parse_assignments(param))
    from mougraph.export.results import normalize_format, render

    fmt = normalize_format(out.requested, out.path, run)
    if fmt == "table" and run.type == "SELECT":
        from mougraph.cli.tables import select_table, width_of

        show(select_table(run, width_of(out), settings().lang), out=out)
    else:
        out.write(render(run, fmt))
    return 0


@click.command("export")
@inputs()
@output(lazy("mougraph.formats", "export_formats"), what="the graph")
@click.option("--inferred", is_flag=True, help="Add the inferred triples (own named graph in nq/trig).")
@click.option("--endpoint", metavar="URL", default=None, help=_ENDPOINT_HELP)
@click.option("--graph", "graph_iri", metavar="IRI", default=None, help=_GRAPH_HELP)
def export_cmd(data, out, inferred, endpoint, graph_iri) -> int:
    """Export ontology + data (stable, diff-friendly output).

    The format comes from -f or -o's extension (.ttl .nt .nq .trig .jsonld .rdf).
    N-Quads and TriG put the triples in the named graph
    https://w3id.org/mougraph/id/graph/data, and with --inferred the inferred
    ones in https://w3id.org/mougraph/id/graph/inferred.
    """
    from mougraph.export import serialize
    from mougraph.reasoning.rules import materialise
    from mougraph.store import load_all

    fmt = out.format()
    if endpoint and data:
        raise click.UsageError("give INPUT files or --endpoint, not both")
    graph = _remote_graph(endpoint, graph_iri) if endpoint else load_all(data)
    out.write(serialize(graph, fmt, inferred=materialise(graph).inferred if inferred else None))
    return 0
