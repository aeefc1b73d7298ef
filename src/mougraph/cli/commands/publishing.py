"""``mougraph serve`` and ``publish``: the graph as linked data, live (:mod:`mougraph.publishing.server`) or as a
static site (:mod:`mougraph.publishing.publish`); both are imported only when their command runs."""

from __future__ import annotations

import click

from mougraph.cli.options import inputs, output_folder
from mougraph.cli.output import console, settings, t

_BASE_HELP = "(default: https://w3id.org/mougraph/, the base of the data's own IRIs)"


def _base(base_iri: str | None) -> str:
    from mougraph.publishing.site import DEFAULT_BASE

    return base_iri or DEFAULT_BASE


@click.command("serve")
@inputs()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--base-iri", default=None,
              help="Base IRI of the dataset: {base}id/... are the resources served at /id/..., "
                   "{base}ontology at /ontology " + _BASE_HELP + ".")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a SPARQL query may run; a slower one is stopped and gets 503.")
@click.option("--limit", default=10000, show_default=True, type=click.IntRange(min=1),
              help="Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) a query returns.")
@click.option("--max-body", default=1_000_000, show_default=True, type=click.IntRange(min=1),
              help="Largest request body in bytes; a larger one gets 413.")
@click.option("--query-workers", default=None, type=click.IntRange(1, 64),
              help="Worker processes that run SPARQL queries.  [default: one per CPU, 2 to 8]")
@click.option("--queue-size", default=64, show_default=True, type=click.IntRange(min=0),
              help="Queries that may wait for a worker; one more gets 503 at once.")
@click.option("--queue-timeout", default=5.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may wait for a worker before it gets 503.")
@click.option("--client-queries", default=4, show_default=True, type=click.IntRange(min=0),
              help="Queries one client (address and User-Agent) may have running or waiting; 429 beyond (0: no limit).")
@click.option("--max-cost", default=1e7, show_default=True, type=click.FloatRange(min=0),
              help="Estimated intermediate rows a query may cost; a costlier one gets 400 unrun (0: no budget).")
@click.option("--query-memory", default=1024, show_default=True, type=click.IntRange(min=0),
              help="MB a query may allocate in its worker; beyond, 503 and a fresh worker (0: no limit).")
@click.option("--client-timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a client has to send a request's head, and its body; 408 beyond.")
@click.option("--answer-cache", default=64, show_default=True, type=click.IntRange(min=0),
              help="MB of answers kept for queries asked again (the data does not change while serving; 0: none).")
def serve_cmd(data, host, port, base_iri, timeout, limit, max_body, query_workers, queue_size, queue_timeout,
              client_queries, max_cost, query_memory, client_timeout, answer_cache) -> int:
    """Serve the graph as linked data, with a SPARQL endpoint at /sparql.

    Every resource IRI {base}id/... is served at /id/... by content negotiation
    (HTML in Korean or English, Turtle, JSON-LD, N-Triples); the query page is
    /query.html. Stop with Ctrl-C.
    """
    from mougraph.publishing.server.app import ServerConfig, serve

    config = ServerConfig(base=_base(base_iri), timeout=timeout, limit=limit, max_body=max_body,
                          workers=query_workers, data=[str(p) for p in data] if data else None,
                          queue_size=queue_size, queue_timeout=queue_timeout, per_client=client_queries,
                          max_cost=max_cost, memory_mb=query_memory, client_timeout=client_timeout,
                          answers_mb=answer_cache)
    serve(host, port, config=config)
    return 0


@click.command("publish")
@inputs()
@output_folder(None, what="the static site")
@click.option("--base-iri", default=None,
              help="Base IRI the site is published under (resources {base}id/..., endpoint {base}sparql) "
                   + _BASE_HELP + ".")
def publish_cmd(data, out_dir, base_iri) -> int:
    """Write the site as static files: pages, RDF of every resource, downloads, docs, VoID/DCAT.

    Exit 1 when the dataset description does not conform to the DCAT/VoID shapes
    (nothing is written then).
    """
    from mougraph.cli.commands.data import summary_line
    from mougraph.cli.tables import validation_table
    from mougraph.publishing.publish import publish

    report = publish(out_dir, base=_base(base_iri), data=data)
    out = console()
    summary = summary_line(report.description, report.description.fail_on)
    if not report.ok:
        out.print(validation_table(report.description, out.width, settings().lang), soft_wrap=False)
        out.print(f"[bold red]{t('publish_failed', summary=summary)}[/]", markup=True)
        return 1
    out.print(t("publish_site", n=len(report.files), folder=out_dir, resources=report.resources), markup=False)
    out.print(t("publish_base", base=report.base), markup=False)
    out.print(t("publish_description", summary=summary), markup=False)
    out.print(t("publish_hosting", folder=out_dir), markup=False)
    out.print(f"[green]{t('publish_ok', index=out_dir / 'index.html')}[/]")
    return 0
