"""The web server sends no request elsewhere on a client's behalf, and takes nothing from the request's headers."""

from __future__ import annotations

import pytest

from mougraph.publishing.server.sparql import execute

SERVICE = "SELECT * WHERE {{ SERVICE <{url}/x> {{ ?s ?p ?o }} }}"


@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_the_endpoint_refuses_service_and_sends_nothing(client, listener, how):
    text = SERVICE.format(url=listener.url)
    if how == "get":
        r = client.get("/sparql", params={"query": text})
    elif how == "form":
        r = client.post("/sparql", data={"query": text})
    else:
        r = client.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400
    assert "SERVICE is refused" in r.text and "another host" in r.text
    assert listener.connections() == 0


def test_the_endpoint_refuses_escaped_service(client, listener):
    text = "SELECT * WHERE { \\u0053ERVICE SILENT <" + listener.url + "/x> { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": text})
    assert r.status_code == 400 and "SERVICE is refused" in r.text
    assert listener.connections() == 0


def test_the_endpoint_runs_a_query_with_a_service_variable(client):
    r = client.get("/sparql", params={"query": "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1"},
                   headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text.splitlines()[0] == "service"


def test_execute_refuses_service(in_web_home, listener):
    from mougraph import load_all

    out = execute(load_all(), SERVICE.format(url=listener.url), "text/csv", 10)
    assert out.status == 400 and b"SERVICE is refused" in out.body
    assert listener.connections() == 0


# --- nothing is taken from the request's headers ------------------------------------------------------------

EVIL = {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "gopher",
        "Forwarded": "host=evil.example", "Origin": "http://evil.example", "Cookie": "session=1",
        "Referer": "http://evil.example/"}


@pytest.mark.parametrize("path, accept", [
    ("/sparql", "text/turtle"), ("/sparql", "application/ld+json"), ("/sparql", "text/html"),
    ("/sparql?query=SELECT%20*%20WHERE%20%7B%20?s%20?p%20?o%20%7D%20LIMIT%201", "application/sparql-results+json"),
    ("/", "text/html"), ("/query.html", "text/html"), ("/id/org/seoul", "text/html"), ("/id/org/seoul", "text/turtle"),
    ("/id/org/seoul", "application/ld+json"), ("/id/org/seoul/", "text/html"), ("/ontology", "text/turtle"),
    ("/.well-known/void", "*/*"), ("/ontology/context.jsonld", "*/*"), ("/no/such/page", "text/html"),
    ("/no/such/page", "text/plain"),
])
def test_no_response_echoes_the_request_headers(client, path, accept):
    r = client.get(path, headers={**EVIL, "Accept": accept}, follow_redirects=False)
    assert r.status_code in (200, 301, 303, 404)
    sent = r.content + b"".join(name + b": " + value for name, value in r.headers.raw)
    assert b"evil.example" not in sent and b"gopher" not in sent
    assert r.headers.get("access-control-allow-origin") in (None, "*")
    assert "access-control-allow-credentials" not in r.headers


def test_the_service_description_names_the_endpoint_under_the_base_iri(in_web_home):
    import asyncio

    import httpx
    from rdflib import Graph, Namespace, URIRef

    from mougraph import load_all
    from mougraph.publishing.server.app import ServerConfig, create_app

    app = create_app(load_all(), ServerConfig(base="https://data.example.org/mg/"))  # (its query workers not started)

    async def get():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://evil.example") as c:
            return await c.get("/sparql", headers={**EVIL, "Accept": "text/turtle"})

    r = asyncio.run(get())
    assert r.status_code == 200 and b"evil.example" not in r.content
    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoints = set(Graph().parse(data=r.text, format="turtle").objects(None, sd.endpoint))
    assert endpoints == {URIRef("https://data.example.org/mg/sparql")}


def test_cors_allows_reading_the_endpoint_and_rdf_documents_only(client):
    origin = {"Origin": "http://other.example"}
    answer = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert answer.headers["access-control-allow-origin"] == "*"
    assert client.get("/sparql", params={"query": "NOT SPARQL"}, headers=origin).headers[
        "access-control-allow-origin"] == "*"  # a script can read why its query failed
    for path, accept in [("/id/org/seoul", "text/turtle"), ("/id/org/seoul", "application/ld+json"),
                         ("/downloads/mougraph.nt", "*/*"), ("/ontology/context.jsonld", "*/*")]:
        r = client.get(path, headers={**origin, "Accept": accept}, follow_redirects=True)
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*", path
        for hop in r.history:  # a thing's 303 to its RDF document: a script's fetch must be allowed to follow it
            assert hop.status_code == 303 and hop.headers["access-control-allow-origin"] == "*", path
    for path in ("/", "/query.html", "/id/org/seoul", "/static/mougraph.css"):
        r = client.get(path, headers={**origin, "Accept": "text/html"})
        assert "access-control-allow-origin" not in r.headers, path


def test_the_endpoint_answers_a_cors_preflight_with_fixed_headers(client):
    r = client.options("/sparql", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": "content-type, x-evil"})
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["access-control-allow-methods"] == "GET, POST"
    assert r.headers["access-control-allow-headers"] == "Accept, Content-Type"
    assert "evil" not in " ".join(r.headers.values())


# --- serve on an address other machines reach ----------------------------------------------------------------

@pytest.mark.parametrize("host, warned", [
    ("0.0.0.0", True), ("::", True), ("192.168.1.10", True), ("myhost.example", True),
    ("127.0.0.1", False), ("127.0.0.2", False), ("localhost", False), ("::1", False),
])
def test_serve_warns_when_other_machines_can_reach_it(home, run_cli, monkeypatch, host, warned):
    import uvicorn

    from mougraph.publishing.server import app

    ran = []
    monkeypatch.setattr(app, "create_app", lambda graph, config: "app")
    monkeypatch.setattr(uvicorn, "run", lambda application, **kwargs: ran.append(kwargs))
    result = run_cli("serve", "--host", host, "--port", "8123")
    assert result.exit_code == 0 and ran and ran[0]["host"] == host
    assert ("reachable from other machines" in result.stderr) is warned


def test_the_endpoint_answers_400_to_sparql_the_grammar_rejects(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o BIND (1 AS ?o) }"})
    assert r.status_code == 400 and "invalid SPARQL at line 1, column" in r.text
