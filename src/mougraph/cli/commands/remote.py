"""``mougraph push``: a graph of a SPARQL 1.1 server replaced with ontology + data (:mod:`mougraph.export.remote`)."""

from __future__ import annotations

import click

from mougraph.cli.options import inputs
from mougraph.cli.output import note, t


@click.command("push")
@inputs()
@click.option("--endpoint", metavar="URL", required=True,
              help="Graph Store Protocol endpoint (--protocol gsp, e.g. http://localhost:7878/store) or SPARQL "
                   "Update endpoint (--protocol update, e.g. http://localhost:7878/update).")
@click.option("--graph", "graph_iri", metavar="IRI", default=None,
              help="The graph to replace on the server ('default': the server's default graph; default: "
                   "mougraph's data graph).")
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="gsp: one PUT of the whole graph; update: INSERT DATA into a temporary graph, then MOVE.")
def push_cmd(data, endpoint, graph_iri, protocol) -> int:
    """Replace a graph of a SPARQL 1.1 server with ontology + data, all or nothing.

    Then `mougraph query|validate|export --endpoint QUERY-URL` use it.
    Exit 0 pushed, 2 on errors (unreachable server, HTTP error: the old graph stays).
    """
    from mougraph.export.remote import push
    from mougraph.store import load_all
    from mougraph.vocab import DATA_GRAPH

    graph_iri = graph_iri or str(DATA_GRAPH)
    count = push(load_all(data), endpoint, graph_iri, protocol)
    note(t("pushed", n=count, graph=t("default_graph") if graph_iri == "default" else graph_iri,
           endpoint=endpoint, protocol=protocol))
    return 0
