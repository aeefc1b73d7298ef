"""The web server of ``mougraph serve``: a Starlette ASGI app, run by uvicorn.

- ``/sparql``: SPARQL 1.1 Protocol (GET; POST as form or ``application/sparql-query``),
  read-only (updates get 403), queries in worker processes with a time limit
  (:mod:`mougraph.publishing.server.workers`) and a result limit; without a query, the service
  description (or, for browsers, the query page);
- ``/id/...`` and ``/ontology``: every resource by content negotiation (HTML in Korean or
  English, Turtle, JSON-LD, N-Triples), unknown ones 404;
- every document of the static site at the same path (:mod:`mougraph.publishing.documents`).

Request bodies over ``max_body`` bytes get 413; paths never reach the file system except
``/static`` (Starlette's StaticFiles, which refuses to leave its folder). The limits that keep a few
heavy or slow clients from starving the others (queue, per-client, cost, memory, slow and oversized
requests) are in :mod:`~mougraph.publishing.server.workers` and :mod:`~mougraph.publishing.server.connections`,
and described in docs/endpoint-limits.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import ipaddress
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from urllib.parse import quote

import uvicorn
from rdflib import Graph
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from mougraph.errors import MougraphError
from mougraph.export import serialize
from mougraph.publishing.documents import Publication
from mougraph.publishing.negotiation import (
    GRAPH_TYPES,
    LANGUAGES,
    MEDIA_TYPES,
    RESOURCE_TYPES,
    acceptable,
    best_format,
    best_language,
)
from mougraph.publishing.pages import static_dir
from mougraph.publishing.server.connections import SlowBodies, departure, limited_h11, log_departure
from mougraph.publishing.server.sparql import Outcome, protocol_params, service_description
from mougraph.publishing.server.workers import GONE, MB, QueryPool
from mougraph.publishing.site import DEFAULT_BASE, RDF_DOCUMENTS, lang_file, page_name
from mougraph.store import load_all

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'")


@dataclass
class ServerConfig:
    base: str = DEFAULT_BASE
    timeout: float = 10.0  # seconds a query may run
    limit: int = 10000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned at most
    max_body: int = 1_000_000  # bytes of a request body
    workers: int | None = None  # query worker processes (None: from the machine, see limits.default_workers)
    data: list[str] | None = field(default=None)
    queue_size: int = 64  # queries that may wait for a worker; one more gets 503 at once
    queue_timeout: float = 5.0  # seconds a query may wait for a worker
    per_client: int = 4  # queries a client may have running or waiting (0: no limit)
    max_cost: float = 1e7  # estimated intermediate rows a query may cost (0: no budget)
    memory_mb: int = 1024  # MB a worker may allocate for a query (0: no limit)
    client_timeout: float = 10.0  # seconds for a request's head, and for its body
    answers_mb: int = 64  # MB of answers remembered for queries asked again (0: none)
    max_head: int = 64 * 1024  # bytes of a request line and headers (414/431 beyond)


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: 413 for a body over ``max_bytes`` (by Content-Length, or while it streams in)."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def _refuse(self) -> Response:
        return PlainTextResponse(f"Request body too large: the limit is {self.max_bytes} bytes.\n", status_code=413)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None and length.strip().isdigit() and int(length) > self.max_bytes:
            await self._refuse()(scope, receive, send)
            return
        received = 0
        started = False

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse()(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware: nosniff on every response, a strict Content-Security-Policy on HTML."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                content_type = dict(headers).get(b"content-type", b"")
                if content_type.startswith(b"text/html"):
                    headers.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: Media types of the RDF documents (resources, downloads, the JSON-LD context, the VoID description).
RDF_MEDIA_TYPES = {"text/turtle", "application/ld+json", "application/n-triples", "application/n-quads",
                   "application/trig", "application/rdf+xml"}
CORS_HEADERS = [(b"access-control-allow-origin", b"*"),
                (b"access-control-expose-headers", b"Content-Location, Link, Mougraph-Result-Limit, Retry-After")]
PREFLIGHT_HEADERS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST",
                     "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "600",
                     "Allow": "GET, POST, OPTIONS"}


class PublicDataCors:
    """ASGI middleware: any web page may read the SPARQL endpoint's answers and the RDF documents; nothing else.

    Those are public, read-only linked data, meant to be used by scripts on other sites (as Fuseki's and Wikidata's
    endpoints are): every answer of ``/sparql`` (errors too) and every RDF document carries
    ``Access-Control-Allow-Origin: *``, and ``/sparql`` answers the preflight of a cross-origin POST. The headers are
    fixed: nothing is taken from the request (``Origin`` is never echoed, credentials are never allowed, so a
    cookie changes nothing). HTML pages and the other files get no CORS header: other sites' scripts cannot read them.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        endpoint = scope["path"] == "/sparql"
        if endpoint and scope["method"] == "OPTIONS":
            await Response(status_code=204, headers=PREFLIGHT_HEADERS)(scope, receive, send)
            return

        async def send_with_cors(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                media = dict(headers).get(b"content-type", b"").split(b";")[0].strip().lower().decode("latin-1")
                location = dict(headers).get(b"location", b"").decode("latin-1")
                to_rdf = message.get("status") == 303 and location.endswith(tuple(RDF_DOCUMENTS.values()))
                if endpoint or media in RDF_MEDIA_TYPES or to_rdf:  # a script may follow a thing's 303 to its RDF
                    message = {**message, "headers": headers + CORS_HEADERS}
            await send(message)

        await self.app(scope, receive, send_with_cors)


#: Documents change only when the server restarts with other data: caches may keep them an hour.
CACHE_CONTROL = "public, max-age=3600"


def _doc_response(doc, headers: dict | None = None, request: Request | None = None,
                  modified: str | None = None) -> Response:
    """A document with its validators (ETag from its bytes, Last-Modified the server's start); 304 when unchanged."""
    etag = '"' + hashlib.sha256(doc.body).hexdigest()[:32] + '"'
    headers = {**(headers or {}), "ETag": etag, "Cache-Control": CACHE_CONTROL}
    if modified:
        headers["Last-Modified"] = modified
    if request is not None:
        match = request.headers.get("if-none-match")
        if match and (match.strip() == "*" or etag in [m.strip().removeprefix("W/") for m in match.split(",")]):
            return Response(status_code=304, headers=headers)
    return Response(doc.body, media_type=doc.media_type, headers=headers)


def create_app(data_graph: Graph, config: ServerConfig | None = None, *, pool: QueryPool | None = None) -> Starlette:
    """The ASGI app serving ``data_graph`` (ontology + data) as linked data with a SPARQL endpoint."""
    config = config or ServerConfig()
    pub = Publication(data_graph, base=config.base, static=False)
    site = pub.site
    pool = pool or QueryPool(size=config.workers, timeout=config.timeout, limit=config.limit, data=config.data,
                             base=config.base, queue_size=config.queue_size, queue_timeout=config.queue_timeout,
                             per_client=config.per_client, memory=config.memory_mb * MB, max_cost=config.max_cost,
                             answers=config.answers_mb * MB)

    def not_found(request: Request, lang: str | None = None) -> Response:
        fmt = best_format(request.headers.get("accept"), RESOURCE_TYPES)
        if fmt == "html":
            lang = lang or best_language(request.headers.get("accept-language"), request.query_params.get("lang"))
            body = pub.pages.not_found(lang, request.url.path)
            return Response(body, status_code=404, media_type=MEDIA_TYPES["html"])
        return PlainTextResponse(f"Not found: {request.url.path}\n", status_code=404)

    started = formatdate(time.time(), usegmt=True)

    def alternates(folder: str) -> str:
        """The ``Link`` header of a resource: its page in each language and its RDF documents."""
        pages = [f'<{quote(folder)}/{page_name(lg)}>; rel="alternate"; type="text/html"; hreflang="{lg}"'
                 for lg in LANGUAGES]
        rdf = [f'<{quote(folder)}/{name}>; rel="alternate"; type="{MEDIA_TYPES[f].split(";")[0]}"'
               for f, name in RDF_DOCUMENTS.items()]
        return ", ".join(pages + rdf)

    def negotiated(request: Request, iri, folder: str) -> Response:
        """The resource at ``folder`` (``/id/org/seoul`` or ``/ontology``) in the format the client prefers.

        A thing's IRI (``/id/...``) answers 303 See Other to the document that describes it (W3C "Cool URIs
        for the Semantic Web"): the thing is not the document. The ontology's IRI names the ontology document
        itself (its terms are hash IRIs), so ``/ontology`` answers with the document.
        """
        fmt = best_format(request.headers.get("accept"), RESOURCE_TYPES)
        vary = {"Vary": "Accept, Accept-Language", "Link": alternates(folder)}
        if fmt is None:
            return PlainTextResponse(f"Not acceptable; {acceptable(RESOURCE_TYPES)}\n", status_code=406, headers=vary)
        lang = best_language(request.headers.get("accept-language"), request.query_params.get("lang"))
        name = page_name(lang) if fmt == "html" else RDF_DOCUMENTS[fmt]
        if folder != "/ontology":
            return Response(status_code=303, headers={**vary, "Location": quote(f"{folder}/{name}")})
        if fmt == "html":
            return Response(pub.ontology_html(lang, folder), media_type=MEDIA_TYPES["html"],
                            headers={**vary, "Content-Language": lang, "Cache-Control": CACHE_CONTROL,
                                     "Last-Modified": started})
        doc = pub.document(f"{folder}/{name}")
        return _doc_response(doc, {**vary, "Content-Location": quote(f"{folder}/{name}")}, request, started)

    def resource_document(request: Request, path: str, doc) -> Response:
        """A document of a resource (``/id/org/seoul/index.ttl``), with its alternates."""
        folder, _, name = path.rpartition("/")
        headers = {"Link": alternates(folder)} if folder in site.resources else {}
        for lg in LANGUAGES:
            if name == page_name(lg):
                headers["Content-Language"] = lg
        return _doc_response(doc, headers, request, started)

    def resource(request: Request) -> Response:
        path = "/id/" + request.path_params["path"]
        if path in site.resources:
            return negotiated(request, site.resources[path], path)
        if path.endswith("/") and path.rstrip("/") in site.resources:
            return RedirectResponse(request.url.path.rstrip("/"), status_code=301)
        if path == "/id/" or path in {f"/id/{kind}/" for kind in pub.pages.kinds()}:  # an index page
            lang = best_language(request.headers.get("accept-language"), request.query_params.get("lang"))
            return resource_document(request, path + page_name(lang), pub.document(path + page_name(lang)))
        doc = pub.document(path)
        return resource_document(request, path, doc) if doc is not None else not_found(request)

    def ontology(request: Request) -> Response:
        return negotiated(request, site.ontology_iri, "/ontology")

    def home(request: Request) -> Response:
        lang = best_language(request.headers.get("accept-language"), request.query_params.get("lang"))
        doc = pub.document("/" + lang_file("index", lang))
        return _doc_response(doc, {"Vary": "Accept-Language", "Content-Language": lang}, request, started)

    def document(request: Request) -> Response:
        doc = pub.document(request.scope["path"])
        return _doc_response(doc, None, request, started) if doc is not None else not_found(request)

    async def sparql(request: Request) -> Response:
        accept = request.headers.get("accept")
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body() if request.method == "POST" else None
        params = protocol_params(request.scope.get("query_string", b""), body, media)
        if isinstance(params, Outcome):
            return Response(params.body, status_code=params.status, media_type=params.media_type)
        names = [name for name, _ in params]
        if "update" in names:
            return PlainTextResponse("SPARQL Update is not allowed: this endpoint is read-only.\n", status_code=403)
        if "default-graph-uri" in names or "named-graph-uri" in names:
            return PlainTextResponse("default-graph-uri and named-graph-uri are not supported: the endpoint has "
                                     "one default graph (ontology + data).\n", status_code=400)
        queries = [value for name, value in params if name == "query"]
        if len(queries) > 1:
            return PlainTextResponse("Give exactly one query parameter.\n", status_code=400)
        if not queries:
            if request.method == "POST":
                return PlainTextResponse("No query: send a query parameter or an application/sparql-query body.\n",
                                         status_code=400)
            return describe_service(request)
        if not queries[0].strip():
            return PlainTextResponse("Malformed query: the query is empty.\n", status_code=400)
        gone = asyncio.ensure_future(departure(request))
        try:
            outcome: Outcome = await pool.run(queries[0], accept, client_key(request), gone)
        finally:
            if not gone.done():
                gone.cancel()
        if gone.done() and not gone.cancelled():
            log_departure(request, ran=outcome is not GONE)
        headers = {"Vary": "Accept", **outcome.headers}
        return Response(outcome.body, status_code=outcome.status, media_type=outcome.media_type, headers=headers)

    def describe_service(request: Request) -> Response:
        accept = request.headers.get("accept")
        if best_format(accept, RESOURCE_TYPES) == "html" and accept and "text/html" in accept:
            lang = best_language(request.headers.get("accept-language"), request.query_params.get("lang"))
            return RedirectResponse("/" + lang_file("query", lang), status_code=303)
        fmt = best_format(accept, GRAPH_TYPES)
        if fmt is None:
            return PlainTextResponse(f"Not acceptable; {acceptable(GRAPH_TYPES)}\n", status_code=406)
        endpoint = pub.base + "sparql"  # where it is published (--base-iri), never from the request's Host
        graph = service_description(endpoint, pool.triples or len(data_graph), config.limit, config.timeout)
        return Response(serialize(graph, fmt), media_type=MEDIA_TYPES[fmt], headers={"Vary": "Accept"})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    routes = [
        Route("/", home),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/ontology", ontology),
        Route("/id/{path:path}", resource),
        Mount("/static", StaticFiles(directory=static_dir()), name="static"),
        Route("/{path:path}", document),
    ]
    middleware = [
        Middleware(SlowBodies, seconds=config.client_timeout),
        Middleware(BodyLimit, max_bytes=config.max_body),
        Middleware(SecurityHeaders),
        Middleware(PublicDataCors),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.publication = pub
    app.state.pool = pool
    return app


def client_key(request: Request) -> str | None:
    """Who sent ``request``, for the per-client limit: its address and User-Agent (see limits.Clients)."""
    if request.client is None:
        return None
    return f"{request.client.host} {request.headers.get('user-agent', '')}"


def is_loopback(host: str) -> bool:
    """True when ``host`` is an address (or the name localhost) only this machine can reach."""
    if host.strip().lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def settle() -> None:
    """The app's half a million objects kept out of the collector's full passes (a page waited a tenth of a second
    for one now and then); called once the app is made, by ``serve`` and ``benchmarks/pages.py``."""
    gc.collect()
    gc.freeze()


def serve(host: str = "127.0.0.1", port: int = 8000, *, config: ServerConfig | None = None,
          data: Iterable[str | Path] | None = None) -> None:
    """Load the graph and run the server until interrupted."""
    if not is_loopback(host):
        print(f"warning: listening on {host}:{port}: the server is reachable from other machines; anyone who can "
              f"connect to it can read the data and run SPARQL queries. Use --host 127.0.0.1 to serve this "
              f"machine only.", file=sys.stderr, flush=True)
    config = config or ServerConfig()
    config.data = [str(p) for p in data] if data else config.data
    app = create_app(load_all(config.data), config)
    settle()
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False,
                    http=limited_h11(config.client_timeout, config.max_head), timeout_keep_alive=5,
                    h11_max_incomplete_event_size=config.max_head)
    except SystemExit as exc:  # uvicorn exits when it cannot listen or the app cannot start
        if exc.code not in (0, None):
            raise MougraphError(f"the server could not start on {host}:{port} (see the messages above)") from exc
