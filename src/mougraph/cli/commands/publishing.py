"""``mougraph serve`` and ``publish``: the graph as linked data, live (:mod:`mougraph.publishing.server`) or as a
static site (:mod:`mougraph.publishing.publish`); both are imported only when their command runs."""

from __future__ import annotations

from pathlib import Path

import click

from mougraph.cli.output import console, validation_table
from mougraph.publishing.site import DEFAULT_BASE


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of the dataset: {base}id/... are the resources served at /id/..., "
                   "{base}ontology at /ontology.")
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


@click.command("publish")
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
    out = console()
    if not report.ok:
        out.print(validation_table(report.description))
        out.print(f"[bold red]publish FAILED[/]: the dataset description does not conform "
                  f"({report.description.summary()})")
        return 1
    out.print(f"site:        {len(report.files)} files written to {out_dir}/ ({report.resources} resources)")
    out.print(f"base IRI:    {report.base}")
    out.print(f"description: {report.description.summary()}")
    out.print(f"web server:  {out_dir}/.htaccess (Apache) or {out_dir}/nginx-mougraph.conf (nginx) make a host "
              f"answer each IRI by content negotiation (docs/publishing.md)")
    out.print(f"[green]publish OK[/]: open {out_dir / 'index.html'}")
    return 0
