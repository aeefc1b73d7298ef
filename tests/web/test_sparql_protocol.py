"""The /sparql endpoint against the SPARQL 1.1 Protocol: methods, media types, status codes, limits."""

from __future__ import annotations

import csv
import io
import threading
import time
import xml.etree.ElementTree as ET

import httpx
import pytest
from rdflib import Graph, Namespace, URIRef

from mougraph.export.results import render
from mougraph.publishing.server.sparql import execute
from mougraph.query import query
from mougraph.query.params import bind
from tests.support.cli import invoke
from tests.web.web_support import query_files

MG = Namespace("https://w3id.org/mougraph/ontology#")
SEOUL = URIRef("https://w3id.org/mougraph/id/org/seoul")
AGREEMENTS = ("PREFIX mg: <https://w3id.org/mougraph/ontology#>\n"
              "SELECT ?a WHERE { ?a a mg:Agreement } ORDER BY ?a")
CONSTRUCT = ("PREFIX mg: <https://w3id.org/mougraph/ontology#>\n"
             "CONSTRUCT { ?a mg:party ?p } WHERE { ?a a mg:Agreement ; mg:party ?p }")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SRX = "{http://www.w3.org/2005/sparql-results#}"
ACCEPT = {"csv": "text/csv", "tsv": "text/tab-separated-values", "json": "application/sparql-results+json",
          "nt": "application/n-triples", "ttl": "text/turtle", "jsonld": "application/ld+json"}


def media(response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


# --- SELECT results by Accept ---------------------------------------------

def test_get_without_accept_gives_sparql_json(client):
    r = client.get("/sparql", params={"query": AGREEMENTS})
    assert r.status_code == 200
    assert media(r) == "application/sparql-results+json"
    doc = r.json()
    assert doc["head"]["vars"] == ["a"]
    iris = [b["a"]["value"] for b in doc["results"]["bindings"]]
    assert "https://w3id.org/mougraph/id/agreement/seoul-sejong-2023" in iris
    assert iris == sorted(iris)


@pytest.mark.parametrize("accept, expected", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
])
def test_select_result_format_follows_accept(client, accept, expected):
    r = client.get("/sparql", params={"query": AGREEMENTS}, headers={"Accept": accept})
    assert r.status_code == 200
    assert media(r) == expected
    if expected.endswith("json"):
        rows = [b["a"]["value"] for b in r.json()["results"]["bindings"]]
    elif expected.endswith("xml"):
        root = ET.fromstring(r.content)
        rows = [u.text for u in root.iter(f"{SRX}uri")]
    elif expected == "text/csv":
        table = list(csv.reader(io.StringIO(r.text)))
        assert table[0] == ["a"]
        rows = [row[0] for row in table[1:]]
    else:
        lines = r.text.splitlines()
        assert lines[0] == "?a"
        rows = [line.strip("<>") for line in lines[1:]]
    assert "https://w3id.org/mougraph/id/agreement/seoul-daejeon-2023" in rows
    assert len(rows) >= 7


def test_post_form_and_post_sparql_query_give_the_same_answer(client):
    by_get = client.get("/sparql", params={"query": AGREEMENTS}, headers={"Accept": "text/csv"})
    by_form = client.post("/sparql", data={"query": AGREEMENTS}, headers={"Accept": "text/csv"})
    by_body = client.post("/sparql", content=AGREEMENTS.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert by_get.status_code == by_form.status_code == by_body.status_code == 200
    assert by_get.content == by_form.content == by_body.content


def test_ask_gives_a_boolean(client):
    r = client.post("/sparql", data={"query": f"ASK {{ <{SEOUL}> ?p ?o }}"})
    assert r.status_code == 200 and r.json()["boolean"] is True


# --- graphs by Accept -----------------------------------------------------

@pytest.mark.parametrize("accept, rdf_format", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt"),
])
@pytest.mark.parametrize("query", [CONSTRUCT, f"DESCRIBE <{SEOUL}>"], ids=["construct", "describe"])
def test_graph_results_follow_accept(client, accept, rdf_format, query):
    r = client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert r.status_code == 200
    assert media(r) == accept
    g = Graph().parse(data=r.content, format=rdf_format)
    assert len(g) > 0
    if query == CONSTRUCT:
        assert (URIRef("https://w3id.org/mougraph/id/agreement/seoul-sejong-2023"), MG.party, SEOUL) in g
    else:
        assert (SEOUL, MG.adminAgencyCode, None) in g


def test_construct_defaults_to_turtle(client):
    r = client.get("/sparql", params={"query": CONSTRUCT})
    assert r.status_code == 200 and media(r) == "text/turtle"


# --- no query: the service description ------------------------------------

def test_get_without_query_gives_the_service_description(client, server):
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and media(r) == "text/turtle"
    g = Graph().parse(data=r.text, format="turtle")
    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = next(g.subjects(sd.endpoint, URIRef("https://w3id.org/mougraph/sparql")))  # {base}sparql
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in g


def test_browsers_asking_the_endpoint_get_the_query_page(client):
    r = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 303 and r.headers["location"] == "/query.html"
    r = client.get("/sparql", headers={"Accept": "text/html", "Accept-Language": "en"}, follow_redirects=True)
    assert r.status_code == 200 and media(r) == "text/html"
    assert str(r.url).endswith("/query.en.html")
    assert 'id="yasgui"' in r.text


# --- errors ---------------------------------------------------------------

def test_malformed_query_gets_400_with_the_parsers_message(client):
    r = client.get("/sparql", params={"query": "SELEC ?x WHERE { ?x ?y ?z }"})
    assert r.status_code == 400
    assert "Malformed query" in r.text and "Expected" in r.text and "col:1" in r.text


@pytest.mark.parametrize("request_kwargs", [
    {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"content": b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "headers": {"Content-Type": "application/sparql-update"}},
    {"data": {"query": "DELETE WHERE { ?s ?p ?o }"}},
], ids=["update-form", "update-body", "update-as-query"])
def test_updates_are_forbidden(client, request_kwargs):
    r = client.post("/sparql", **request_kwargs)
    assert r.status_code == 403
    assert "read-only" in r.text
    assert client.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"}).json()["boolean"] is False


# A query whose bytes are not UTF-8 was run with U+FFFD in place of the bytes (another query, answered 200).
NOT_UTF8 = b'ASK { ?s ?p "caf\xe9" }'


@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_a_query_that_is_not_utf8_gets_400_naming_the_byte(client, how):
    from urllib.parse import quote_from_bytes
    encoded = quote_from_bytes(NOT_UTF8)
    if how == "get":
        r = client.get("/sparql?query=" + encoded)
    elif how == "form":
        r = client.post("/sparql", content=b"query=" + encoded.encode(),
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        r = client.post("/sparql", content=NOT_UTF8, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400
    assert "not UTF-8" in r.text and "0xe9" in r.text
    ok = client.get("/sparql", params={"query": NOT_UTF8.decode("latin-1")})  # the same text, as UTF-8
    assert ok.status_code == 200


def test_unsupported_post_body_gets_415(client):
    r = client.post("/sparql", content=AGREEMENTS.encode(), headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_unacceptable_result_type_gets_406(client):
    r = client.get("/sparql", params={"query": AGREEMENTS}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "text/csv" in r.text


def test_two_queries_or_a_dataset_get_400(client):
    assert client.get("/sparql", params=[("query", AGREEMENTS), ("query", AGREEMENTS)]).status_code == 400
    r = client.get("/sparql", params={"query": AGREEMENTS, "default-graph-uri": "urn:x"})
    assert r.status_code == 400


# --- limits: body size, result size, time ----------------------------------

def test_oversized_body_gets_413(tight):
    big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 5000
    r = httpx.post(tight.url + "/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    r = httpx.post(tight.url + "/sparql", data={"query": big})
    assert r.status_code == 413

    def chunks():  # no Content-Length: the limit applies while the body streams in
        for _ in range(10):
            yield b"x" * 500

    r = httpx.post(tight.url + "/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_results_are_cut_at_the_limit(tight):
    r = httpx.get(tight.url + "/sparql", params={"query": AGREEMENTS}, headers={"Accept": "text/csv"})
    assert r.status_code == 200
    assert len(r.text.strip().splitlines()) == 1 + 3
    assert r.headers["mougraph-result-limit"] == "3; truncated"


def test_execute_limits_select_and_construct(in_web_home):
    from mougraph import load_all

    graph = load_all()
    out = execute(graph, AGREEMENTS, "text/csv", 2)
    assert out.status == 200 and len(out.body.decode().strip().splitlines()) == 3
    out = execute(graph, CONSTRUCT, "application/n-triples", 5)
    assert out.status == 200 and len(out.body.decode().strip().splitlines()) == 5
    assert execute(graph, AGREEMENTS, "text/csv", 1000).headers == {}


def test_execute_runs_queries_with_oxigraphs_engine_on_an_oxigraph_graph(in_web_home, monkeypatch):
    """rdflib's engine over Oxigraph's triples is what the endpoint used to do: 10-100x slower on a large graph."""
    import rdflib.plugins.sparql.processor as processor

    from mougraph import load_all
    from mougraph.store import is_oxigraph

    graph = load_all()
    assert is_oxigraph(graph)
    expected = execute(graph, AGREEMENTS, "text/csv", 1000).body

    def refuse(*args, **kwargs):
        raise AssertionError("rdflib's SPARQL engine was used")

    monkeypatch.setattr(processor, "evalQuery", refuse)
    out = execute(graph, AGREEMENTS, "text/csv", 1000)
    assert out.status == 200 and out.body == expected and out.body.count(b"\n") > 1


def test_execute_answers_400_for_a_query_that_fails_while_evaluated(in_web_home):
    from mougraph import load_all

    out = execute(load_all(), "SELECT * WHERE { ?s ?p ?o FILTER(<urn:x-no-such-function:>(?o)) }", "text/csv", 10)
    assert out.status == 400 and b"the query failed" in out.body


def test_execute_converts_only_the_rows_it_keeps(in_web_home, monkeypatch):
    """A SELECT cut to the row limit reads one row more than it keeps from Oxigraph, not the whole answer."""
    from mougraph import load_all
    from mougraph.store import results as oxigraph_results  # where SELECT rows become rdflib terms

    graph = load_all()
    converted = []

    def counting(term, _from_ox=oxigraph_results.from_ox):
        converted.append(term)
        return _from_ox(term)

    monkeypatch.setattr(oxigraph_results, "from_ox", counting)
    out = execute(graph, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "text/csv", 5)
    assert out.status == 200 and out.headers == {"Mougraph-Result-Limit": "5; truncated"}
    assert len(out.body.decode().strip().splitlines()) == 6
    assert 0 < len(converted) <= 6 * 3 < len(graph)


def test_slow_query_is_stopped_while_the_server_keeps_answering(tight):
    """The tight server stops queries after 2 s; meanwhile a page and another query are answered at once."""
    answers = {}
    started = time.monotonic()

    def slow():
        answers["slow"] = httpx.post(tight.url + "/sparql", data={"query": SLOW}, timeout=30)
        answers["slow_done"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    page = httpx.get(tight.url + "/id/org/seoul", headers={"Accept": "text/turtle"}, timeout=10, follow_redirects=True)
    quick = httpx.get(tight.url + "/sparql", params={"query": f"ASK {{ <{SEOUL}> ?p ?o }}"}, timeout=10)
    quick_done = time.monotonic() - started
    thread.join(timeout=30)
    assert page.status_code == 200 and quick.status_code == 200 and quick.json()["boolean"] is True
    slow_answer = answers["slow"]
    assert slow_answer.status_code == 503
    assert "time limit of 2 s" in slow_answer.text
    assert 1.8 < answers["slow_done"] < 6, "the slow query was not cut at the time limit"
    assert quick_done + 0.8 < answers["slow_done"], "the server stalled while a heavy query ran"
    # the stopped worker is replaced: queries still work afterwards
    again = httpx.get(tight.url + "/sparql", params={"query": f"ASK {{ <{SEOUL}> ?p ?o }}"}, timeout=30)
    assert again.status_code == 200


# --- every shipped query gives what `mougraph query` gives -----------------

@pytest.fixture(scope="module")
def graph(web_home):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOUGRAPH_HOME", str(web_home))
        from mougraph import load_all

        return load_all()


@pytest.mark.parametrize("path", query_files(), ids=lambda p: p.name)
def test_endpoint_answers_each_shipped_query_as_the_cli_does(client, in_web_home, graph, path):
    """`mougraph query NAME -f csv|nt` (the CLI) and every other format (the same renderer) match /sparql."""
    name = path.name[: -len(".rq")]
    text = bind(path.read_text(encoding="utf-8"))  # the text the CLI runs: parameters bound to their defaults
    run = query(name, graph=graph)
    main_fmt, others = (("nt", ["ttl", "jsonld"]) if run.type in ("CONSTRUCT", "DESCRIBE")
                        else ("csv", ["tsv", "json"]))
    cli_run = invoke("query", name, "-f", main_fmt)
    assert cli_run.exit_code == 0, cli_run.output
    expected = {main_fmt: cli_run.stdout_bytes, **{fmt: render(run, fmt) for fmt in others}}
    for fmt, body in expected.items():
        r = client.post("/sparql", data={"query": text}, headers={"Accept": ACCEPT[fmt]})
        assert r.status_code == 200, r.text
        assert r.content == body, f"{name} as {fmt} differs from `mougraph query -f {fmt}`"
