"""SPARQL 1.1 Protocol: run one query and answer it in the negotiated format; the service description.

:func:`execute` runs inside a query worker process (see :mod:`mougraph.publishing.server.workers`)
and returns an :class:`Outcome` (status, media type, body). Results are written by
:func:`mougraph.export.results.render`, so the endpoint gives the same bytes as
``mougraph query -f csv|tsv|json|ttl|nt|jsonld|xml``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, VOID, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.query import Result

from mougraph import formats, limits, sparql_guard
from mougraph.errors import MougraphError
from mougraph.export.results import render
from mougraph.publishing.i18n import translations
from mougraph.publishing.negotiation import GRAPH_TYPES, MEDIA_TYPES, TABLE_TYPES, acceptable, best_format
from mougraph.publishing.server.cost import CostModel, Estimate
from mougraph.query import run_sparql
from mougraph.store.results import SelectResult
from mougraph.vocab import FORMATS_NS as FORMATS, SD

TEXT = "text/plain; charset=utf-8"
QUERY_TYPES = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


@dataclass
class Outcome:
    """What the endpoint answers: picklable, so that a worker process can send it back."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    remember: float = 0.0  # seconds the server answers the same query text this way without running it
    retire: bool = False  # the worker must be replaced (it ran out of memory)

    @classmethod
    def error(cls, status: int, message: str, *, retry_after: float | None = None, remember: float = 0.0) -> Outcome:
        headers = {"Retry-After": str(max(1, math.ceil(retry_after)))} if retry_after is not None else {}
        return cls(status, TEXT, (message.rstrip() + "\n").encode("utf-8"), headers, remember)


def _utf8(raw: bytes, what: str) -> str | Outcome:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Outcome.error(400, f"The {what} is not UTF-8: byte 0x{exc.object[exc.start]:02x} at offset "
                                  f"{exc.start} ({exc.reason}). Send the query as UTF-8 (percent-encoded in a URL "
                                  f"or a form).")


def _form(raw: bytes, what: str) -> list[tuple[str, str]] | Outcome:
    """The pairs of a query string or form; refused when a value is not UTF-8 once percent-decoded (by default
    the standard library replaces such bytes with U+FFFD, and the endpoint would run another query)."""
    text = _utf8(raw, what)
    if isinstance(text, Outcome):
        return text
    try:
        return parse_qsl(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as exc:
        return _utf8(exc.object, f"percent-encoded text of the {what}")


def protocol_params(query_string: bytes, body: bytes | None, media: str) -> list[tuple[str, str]] | Outcome:
    """The parameters of a SPARQL Protocol request (GET when ``body`` is None, else POST with the body of
    media type ``media``), or the answer refusing it (403 update, 415 media type, 400 not UTF-8)."""
    params = _form(query_string, "URL")
    if body is None or isinstance(params, Outcome):
        return params
    if media == "application/sparql-update":
        return Outcome.error(403, "SPARQL Update is not allowed: this endpoint is read-only.")
    if media == "application/x-www-form-urlencoded":
        return _form(body, "form")
    if media == "application/sparql-query":
        text = _utf8(body, "query")
        return text if isinstance(text, Outcome) else [("query", text), *params]
    return Outcome.error(415, "Unsupported Media Type: POST a form (application/x-www-form-urlencoded) or "
                              "application/sparql-query.")


def is_update(text: str) -> bool:
    """True when ``text`` parses as a SPARQL Update request."""
    try:
        with limits.headroom():
            parseUpdate(text)
    except Exception:
        return False
    return True


def _truncate(result: Result, kind: str, limit: int) -> bool:
    if isinstance(result, SelectResult) and result.unread:  # Oxigraph's rows: only those kept become rdflib terms
        return result.truncate(limit)
    if kind == "SELECT" and len(result.bindings) > limit:
        result.bindings = result.bindings[:limit]
        return True
    if kind in ("CONSTRUCT", "DESCRIBE") and len(result.graph) > limit:  # at most limit + 1: see run_sparql
        kept = Graph(bind_namespaces="none")
        for prefix, ns in result.graph.namespaces():
            kept.bind(prefix, ns, override=True, replace=True)
        for i, triple in enumerate(sorted(result.graph)):
            if i >= limit:
                break
            kept.add(triple)
        result.graph = kept
        return True
    return False


@dataclass(frozen=True)
class Analysis:
    """What the endpoint needs from rdflib's reading of a query: its form, or why it is refused."""

    kind: str = "SELECT"
    algebra: object = None
    refusal: Outcome | None = None


def analyse(text: str) -> Analysis:
    """rdflib's reading of ``text``, remembered for the texts of up to 64 kB that were read last."""
    return _analyse_remembered(text) if len(text) <= 65536 else _analyse(text)


def _analyse(text: str) -> Analysis:
    try:
        sparql_guard.check_depth(text, "query")  # before any parser: deeper, they would run out of stack
        with limits.headroom():  # rdflib's parser needs more than Python's default for ~40 nested groups
            prepared = prepareQuery(text)
    except MougraphError as exc:
        return Analysis(refusal=Outcome.error(400, str(exc)))
    except Exception as exc:
        if is_update(text):
            return Analysis(refusal=Outcome.error(403, "SPARQL Update is not allowed: this endpoint is read-only."))
        return Analysis(refusal=Outcome.error(400, f"Malformed query: {exc}"))
    return Analysis(QUERY_TYPES.get(prepared.algebra.name, "SELECT"), prepared.algebra)


_analyse_remembered = lru_cache(maxsize=256)(_analyse)  # rdflib takes 0.1-0.4 s a query; clients repeat texts


def too_costly(estimate: Estimate, limit: int, max_cost: float) -> Outcome | None:
    """The 400 for a query whose estimated cost passes ``max_cost`` rows (0: no budget), or None."""
    cost = estimate.cost(limit)
    if max_cost <= 0 or cost <= max_cost:
        return None
    return Outcome.error(
        400, f"The query was not run: its estimated cost, about {cost:.3g} intermediate rows, is over this "
             f"endpoint's budget of {max_cost:.3g}. Patterns that share no variable multiply (a cartesian product), "
             f"and an aggregate, ORDER BY, DISTINCT or FILTER reads all of them. Join the patterns on a shared "
             f"variable or make them more specific.", remember=3600.0)


def execute(graph: Graph, text: str, accept: str | None, limit: int, *, model: CostModel | None = None,
            max_cost: float = 0) -> Outcome:
    """Parse, run and serialise one query. Never raises: every failure is an :class:`Outcome`.

    With a ``model`` of the graph, a query whose estimated cost passes ``max_cost`` is refused before it runs
    (:mod:`mougraph.publishing.server.cost`). Results are cut at ``limit`` while they are produced.
    """
    analysis = analyse(text)
    if analysis.refusal is not None:
        return analysis.refusal
    kind = analysis.kind
    offers = TABLE_TYPES if kind in ("SELECT", "ASK") else GRAPH_TYPES
    fmt = best_format(accept, offers)
    if fmt is None:
        return Outcome.error(406, f"Cannot answer a {kind} query in {accept!r}; {acceptable(offers)}.")
    if model is not None:
        try:
            estimate = model.estimate(analysis.algebra, key=text if len(text) <= 65536 else None)
        except Exception:  # noqa: BLE001 (an algebra the estimate does not know: the time and memory limits remain)
            estimate = None
        refusal = too_costly(estimate, limit, max_cost) if estimate is not None else None
        if refusal is not None:
            return refusal
    try:
        run = run_sparql(text, graph, limit=limit)  # as `mougraph query` runs it: Oxigraph's engine on its graph
        result = run.result
        truncated = _truncate(result, kind, limit)  # reads the rows: an evaluation error shows here
    except MougraphError as exc:  # evaluation errors (bad function arguments, an unreachable SERVICE, ...)
        return Outcome.error(400, str(exc))
    headers = {"Mougraph-Result-Limit": f"{limit}; truncated"} if truncated else {}
    if fmt == "srx":
        body = result.serialize(format=formats.get("srx").serializer, encoding="utf-8")
    else:
        body = render(run, fmt)
    return Outcome(200, MEDIA_TYPES[fmt], body, headers)


def service_description(endpoint: str, triples: int, limit: int, timeout: float) -> Graph:
    """A SPARQL 1.1 Service Description of the endpoint at ``endpoint`` (an absolute URL)."""
    g = Graph(bind_namespaces="core")
    g.bind("sd", SD)
    g.bind("void", VOID)
    g.bind("formats", FORMATS)
    service = URIRef(endpoint + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in ("json", "srx", "csv", "tsv", "ttl", "jsonld", "nt", "xml"):
        g.add((service, SD.resultFormat, FORMATS[formats.get(name).w3c_name]))
    dataset, default = BNode("dataset"), BNode("default-graph")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(triples, datatype=XSD.integer)))
    for lang, comment in translations("service_limits", timeout=timeout, limit=limit).items():
        g.add((service, RDFS.comment, Literal(comment, lang=lang)))
    return g
