"""``mougraph push``: a graph of a SPARQL 1.1 server replaced with ontology + data (:mod:`mougraph.export.remote`)."""

from __future__ import annotations

from pathlib import Path

import click

from mougraph.cli.output import console
from mougraph.store import load_all
from mougraph.vocab import DATA_GRAPH


@click.command("push")
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
    console().print(f"pushed {count} triples to {'the default graph' if graph_iri == 'default' else graph_iri} "
                    f"at {endpoint} ({protocol})")
    return 0
