"""The web server sends no request elsewhere on a client's behalf, and takes nothing from the request's headers."""

from __future__ import annotations

import pytest

from mougraph.web.sparql import execute

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
