"""A SPARQL 1.1 server as the store: query it, read a graph from it, push a graph to it.

Works with any SPARQL 1.1 server (Oxigraph, Apache Jena Fuseki, Virtuoso, GraphDB, ...) over plain HTTP with
httpx:

- **query** (:func:`remote_query`): the SPARQL 1.1 Protocol, a POST of the query
  (``application/sparql-query``), the graph to query named by ``default-graph-uri``. SELECT and ASK results come
  back as SPARQL JSON results, CONSTRUCT and DESCRIBE as N-Triples, and are read into the same rdflib results
  as a local query, so every output format of ``mougraph query`` works unchanged.
- **read a graph** (:func:`fetch_graph`): ``CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }`` on that graph, for
  ``mougraph validate`` and ``mougraph export`` with ``--endpoint``.
- **push** (:func:`push`): replaces one graph of the server with the given graph, all or nothing:
  - ``gsp`` (SPARQL 1.1 Graph Store HTTP Protocol, the default): one ``PUT`` of the whole graph as N-Triples
    to ``?graph=IRI``. A PUT replaces the graph in one request, which the server applies in one transaction
    (Oxigraph, Fuseki, RDF4J/GraphDB): if the request fails or is refused, the old graph is still there.
  - ``update`` (SPARQL 1.1 Update only): the triples go into a temporary graph (``<IRI>-upload-<random>``) by
    ``INSERT DATA`` requests of at most :data:`CHUNK` triples (triples with blank nodes together in one, so a
    blank node keeps its identity), then one ``MOVE`` replaces the graph with it. Until the ``MOVE`` only the
    temporary graph holds partial data; it is dropped when anything fails.

Every failure (no connection, a timeout, an HTTP error status, a body that is not the results asked for)
raises :class:`~mougraph.MougraphError` naming the URL and the status, which the command line turns into exit
code 2. Credentials, when a server needs them, come from ``MOUGRAPH_ENDPOINT_USER`` and
``MOUGRAPH_ENDPOINT_PASSWORD`` (HTTP basic authentication; ``MOUGRAPH_ENDPOINT_AUTH=digest`` for digest, as
Virtuoso's ``/sparql-auth`` asks).
"""

from __future__ import annotations

import io
import os
import re
import uuid

from rdflib import Graph
from rdflib.query import Result

from mougraph import formats, sparql_guard
from mougraph.errors import MougraphError
from mougraph.export import serialize
from mougraph.query import QueryRun, parse_sparql, query_text
from mougraph.query.params import bind
from mougraph.store import new_graph
from mougraph.vocab import DATA_GRAPH, bind_prefixes

PROTOCOLS = ("gsp", "update")
#: ``--graph default``: the server's default graph instead of a named one.
DEFAULT = "default"
#: Triples per INSERT DATA request when pushing with SPARQL Update.
CHUNK = 20_000
TIMEOUT = 600.0
_ABSOLUTE_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$')


def _client():
    import httpx

    auth = None
    user = os.environ.get("MOUGRAPH_ENDPOINT_USER")
    if user:
        password = os.environ.get("MOUGRAPH_ENDPOINT_PASSWORD", "")
        digest = os.environ.get("MOUGRAPH_ENDPOINT_AUTH", "basic").lower() == "digest"
        auth = httpx.DigestAuth(user, password) if digest else httpx.BasicAuth(user, password)
    return httpx.Client(timeout=httpx.Timeout(TIMEOUT, connect=10.0), auth=auth, follow_redirects=True,
                        headers={"User-Agent": "mougraph"})


def _request(method: str, url: str, *, what: str, **kwargs):
    """Send one request; any failure is a MougraphError naming the URL (and the status, when there is one)."""
    import httpx

    try:
        with _client() as client:
            response = client.request(method, url, **kwargs)
    except httpx.TimeoutException as exc:
        raise MougraphError(f"{url}: no answer within the time limit ({what}): {exc}") from exc
    except httpx.HTTPError as exc:
        raise MougraphError(f"{url}: cannot reach the SPARQL server ({what}): {exc}") from exc
    if response.status_code >= 400:
        body = " ".join(response.text.split())[:500]
        raise MougraphError(f"{url}: the server refused the request ({what}): HTTP {response.status_code} "
                            f"{response.reason_phrase}" + (f": {body}" if body else ""))
    return response


def _graph_params(graph: str | None) -> dict:
    return {} if graph in (None, DEFAULT) else {"default-graph-uri": graph}


def _query_type(text: str) -> str:
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        name = parseQuery(text)[1].name
    except Exception as exc:  # pyparsing errors
        raise MougraphError(f"invalid SPARQL: {exc}") from exc
    return {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}.get(name, name)


def remote_query(text: str, endpoint: str, graph: str | None = str(DATA_GRAPH)) -> Result:
    """Run SPARQL ``text`` on ``endpoint`` (its graph ``graph``); an rdflib Result as a local query gives."""
    kind = _query_type(text)
    accept = formats.get("nt" if kind in ("CONSTRUCT", "DESCRIBE") else "json").media_type
    response = _request("POST", endpoint, what=f"{kind} query", params=_graph_params(graph),
                        content=text.encode("utf-8"),
                        headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept})
    try:
        if kind in ("CONSTRUCT", "DESCRIBE"):
            result = Result(kind)
            result.graph = Graph()
            result.graph.parse(data=response.content, format="nt")
            return result
        return Result.parse(io.BytesIO(response.content), format="json")
    except Exception as exc:  # noqa: BLE001 (a body that is not what was asked for)
        content_type = response.headers.get("content-type", "?")
        raise MougraphError(f"{endpoint}: the answer to the {kind} query is not {accept} "
                            f"(HTTP {response.status_code}, {content_type}): {exc}") from exc


def fetch_graph(endpoint: str, graph: str | None = str(DATA_GRAPH)) -> Graph:
    """Every triple of ``graph`` on ``endpoint`` (CONSTRUCT over the SPARQL protocol), with mougraph's prefixes."""

    result = remote_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", endpoint, graph)
    out = new_graph()
    out += result.graph
    return bind_prefixes(out)


def _graph_ref(graph: str) -> str:
    return "DEFAULT" if graph == DEFAULT else f"GRAPH <{graph}>"


def push(data: Graph, endpoint: str, graph: str = str(DATA_GRAPH), protocol: str = "gsp") -> int:
    """Replace ``graph`` on the server with ``data`` (see the module documentation); the triples sent."""
    if protocol not in PROTOCOLS:
        raise MougraphError(f"unknown push protocol '{protocol}'; use one of {', '.join(PROTOCOLS)}")
    if graph != DEFAULT and not _ABSOLUTE_IRI.match(graph):
        raise MougraphError(f"--graph {graph}: give an absolute IRI (or 'default' for the default graph)")
    body = serialize(data, "nt")
    count = body.count(b"\n")
    if protocol == "gsp":
        params = {"default": ""} if graph == DEFAULT else {"graph": graph}
        _request("PUT", endpoint, what=f"Graph Store PUT of {count} triples", params=params, content=body,
                 headers={"Content-Type": formats.get("nt").media_type})
        return count
    temporary = f"{graph if graph != DEFAULT else DATA_GRAPH}-upload-{uuid.uuid4().hex}"
    lines = body.decode("utf-8").splitlines(keepends=True)
    blank = [line for line in lines if "_:" in line]
    plain = [line for line in lines if "_:" not in line]
    chunks = ([blank] if blank else []) + [plain[i:i + CHUNK] for i in range(0, len(plain), CHUNK)]
    try:
        for chunk in chunks:
            _update(endpoint, f"INSERT DATA {{ GRAPH <{temporary}> {{\n{''.join(chunk)}}} }}",
                    what=f"INSERT DATA into the temporary graph <{temporary}>")
        _update(endpoint, f"MOVE SILENT GRAPH <{temporary}> TO {_graph_ref(graph)}",
                what=f"MOVE of the temporary graph to {_graph_ref(graph)}")
    except MougraphError:
        try:
            _update(endpoint, f"DROP SILENT GRAPH <{temporary}>", what="DROP of the temporary graph")
        except MougraphError:
            pass
        raise
    return count


def _update(endpoint: str, text: str, *, what: str) -> None:
    _request("POST", endpoint, what=what, content=text.encode("utf-8"),
             headers={"Content-Type": "application/sparql-update; charset=utf-8"})


def query_endpoint(ref, endpoint: str, graph: str | None = str(DATA_GRAPH), allow_service=(), params=None):
    """:func:`mougraph.query.query` on a SPARQL server: a shipped query name, a ``.rq`` path or SPARQL text.

    SERVICE is refused unless its hosts are in ``allow_service``, as locally: the server would send the requests.
    """
    name, path, text = query_text(ref)
    text = bind(text, params, name, branches=True)
    sparql_guard.check(text, name, allow_service)
    parse_sparql(text, name)  # the same checks and messages as a local query, before any request
    result = remote_query(text, endpoint, graph)
    return QueryRun(name=name, path=path, text=text, result=result)
