"""SERVICE is refused: no query makes mougraph send a request to another host (a local listener counts them)."""

import json

import pytest

from mougraph import MougraphError, query, store, validate
from mougraph.sparql_guard import service_count

PREFIXES = "PREFIX ex: <http://example.org/> PREFIX mg: <https://w3id.org/mougraph/ontology#>\n"
SERVICE_ANSWER = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
    {"x": {"type": "uri", "value": "http://example.org/from-the-service"}}]}}).encode()


def refused(url: str) -> dict[str, str]:
    """Queries calling ``url`` by SERVICE, written the ways an engine still reads as SERVICE."""
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{url}/x> {{ ?s ?p ?o }} }}",
        "lower case": f"select * where {{ service <{url}/x> {{ ?s ?p ?o }} }}",
        "mixed case": f"SELECT * WHERE {{ SeRvIcE <{url}/x> {{ ?s ?p ?o }} }}",
        "codepoint escape": "SELECT * WHERE { \\u0053ERVICE <" + url + "/x> { ?s ?p ?o } }",
        "long escape": "SELECT * WHERE { SERVIC\\U00000045 <" + url + "/x> { ?s ?p ?o } }",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT <{url}/x> {{ ?s ?p ?o }} }}",
        "no spaces": f"SELECT * WHERE {{ SERVICE<{url}/x>{{ ?s ?p ?o }} }}",
        "silent glued": f"SELECT * WHERE {{ SERVICESILENT<{url}/x>{{ ?s ?p ?o }} }}",
        "prefixed target": f"PREFIX svc: <{url}/> SELECT * WHERE {{ SERVICE svc:x {{ ?s ?p ?o }} }}",
        "after a number": f"SELECT * WHERE {{ ?a ?b 1SERVICE <{url}/x> {{ ?s ?p ?o }} }}",
        "comments around": f"SELECT * WHERE {{ SERVICE # why\n <{url}/x> # not\n {{ ?s ?p ?o }} }}",
        "less-than then quote":
            f"SELECT * WHERE {{ BIND('a' AS ?a) FILTER(?a<'x>') SERVICE <{url}/x> {{ ?s ?p ?o }} }}",
        "less-than then comment": f"SELECT * WHERE {{ BIND(1 AS ?a) FILTER(?a<2)SERVICE#>\n<{url}/x>{{ ?s ?p ?o }} }}",
    }


RUNS = {
    "?service variable": "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "$service variable": "SELECT $service WHERE { $service ?p ?o } LIMIT 1",
    "ex:service": PREFIXES + "SELECT * WHERE { ?s ex:service ?o . ex:SERVICE ?p ?x }",
    "in a string": 'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o }" }',
    "in a long string": "SELECT * WHERE { ?s ?p '''SERVICE <http://127.0.0.1:9/x>\n{ ?s ?p ?o }''' }",
    "in a comment": "SELECT * WHERE { # SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o }\n ?s ?p ?o } LIMIT 1",
    "in an IRI": "SELECT * WHERE { ?s <http://127.0.0.1:9/SERVICE> ?o }",
    "in a hash IRI": "SELECT * WHERE { ?s a <http://www.w3.org/ns/sparql-service-description#Service> }",
    "blank node": "SELECT * WHERE { _:service ?p ?o } LIMIT 1",
}


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
@pytest.mark.parametrize("variant", list(refused("http://h")))
def test_service_is_refused_and_nothing_is_sent(home, listener, backend, variant):
    store.configure(backend=backend)
    text = refused(listener.url)[variant]
    with pytest.raises(MougraphError) as info:
        query(text).rows()
    message = str(info.value)
    assert "SERVICE is refused" in message and "another host" in message and "--allow-service" in message
    assert listener.connections() == 0


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
@pytest.mark.parametrize("variant", list(RUNS))
def test_service_as_a_name_string_comment_or_iri_still_runs(home, backend, variant):
    store.configure(backend=backend)
    assert service_count(RUNS[variant]) == 0
    query(RUNS[variant]).rows()


def test_the_cli_refuses_service_with_exit_2(home, listener, run_cli):
    result = run_cli("query", refused(listener.url)["codepoint escape"])
    assert result.exit_code == 2
    assert result.stderr.startswith("mougraph: error: <query>: SERVICE is refused")
    assert "--allow-service HOST" in result.stderr and "Traceback" not in result.stderr
    assert listener.connections() == 0


def test_allow_service_lets_the_named_host_be_called(home, run_cli, make_listener):
    answering = make_listener(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: "
                         + str(len(SERVICE_ANSWER)).encode() + b"\r\nConnection: close\r\n\r\n" + SERVICE_ANSWER)
    text = f"SELECT ?x WHERE {{ SERVICE <{answering.url}/sparql> {{ ?x ?p ?o }} }}"
    result = run_cli("query", text, "-f", "csv", "--allow-service", f"127.0.0.1:{answering.port}")
    assert answering.connections() == 1
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["x", "http://example.org/from-the-service"]


@pytest.mark.parametrize("target, allowed, why", [
    ("<{url}/x>", "other.example", "is not on an allowed host"),
    ("<{url}/x>", "127.0.0.1:1", "is not on an allowed host"),  # the host, but another port
    ("?where", "127.0.0.1", "?where"),
])
def test_allow_service_refuses_other_hosts_and_variables(home, listener, run_cli, target, allowed, why):
    service = target.format(url=listener.url)
    text = f"SELECT * WHERE {{ BIND(<{listener.url}/x> AS ?where) SERVICE {service} {{ ?s ?p ?o }} }}"
    result = run_cli("query", text, "--allow-service", allowed)
    assert result.exit_code == 2 and "SERVICE is refused" in result.stderr and why in result.stderr
    assert listener.connections() == 0


def test_allow_service_refuses_a_query_whose_services_it_cannot_all_see(home, listener, run_cli):
    # rdflib sees one SERVICE (to the allowed host); Oxigraph's reading of "1SERVICE" is a second one
    text = (f"SELECT * WHERE {{ SERVICE <http://allowed.example/x> {{ ?s ?p ?o }} "
            f"?a ?b 1SERVICE <{listener.url}/x> {{ ?s ?p ?o }} }}")
    result = run_cli("query", text, "--allow-service", "allowed.example")
    assert result.exit_code == 2 and "SERVICE is refused" in result.stderr
    assert listener.connections() == 0


def test_from_on_the_memory_backend_fetches_nothing(home, listener, run_cli):
    text = f"SELECT * FROM <{listener.url}/g> WHERE {{ ?s ?p ?o }}"
    result = run_cli("--backend", "memory", "query", text, "-f", "csv")
    assert listener.connections() == 0
    assert result.exit_code == 0, result.stderr


def test_from_on_an_rdflib_dataset_fetches_nothing(home, listener):
    from rdflib import Dataset

    # rdflib's engine loads the FROM graphs of a query on a Dataset, unless told not to (mougraph.store does)
    query(f"SELECT * FROM <{listener.url}/g> WHERE {{ ?s ?p ?o }}", graph=Dataset()).rows()
    assert listener.connections() == 0


def test_shapes_with_service_are_refused(home, listener):
    (home / "ontology" / "remote.shacl.ttl").write_text(f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:RemoteShape a sh:NodeShape ; sh:targetClass <https://w3id.org/mougraph/ontology#Agreement> ;
  sh:sparql [ sh:select "SELECT $this WHERE {{ SERVICE <{listener.url}/x> {{ $this ?p ?o }} }}" ] .
""", encoding="utf-8")
    with pytest.raises(MougraphError, match="shapes graph.*SERVICE is refused"):
        validate()
    assert listener.connections() == 0


def test_rules_with_service_are_refused(home, listener, tmp_path):
    from mougraph.reasoning.rules import Rule, materialise

    path = tmp_path / "remote.rq"
    text = f"CONSTRUCT {{ ?s a ?c }} WHERE {{ SERVICE <{listener.url}/x> {{ ?s a ?c }} }}"
    with pytest.raises(MougraphError, match="remote.rq: SERVICE is refused"):
        materialise(store.load_all(), [Rule("remote", path, text)])
    assert listener.connections() == 0


@pytest.mark.parametrize("text", [
    "SELECT * { ?a ?b '''a'''' AS ?x) SERVICE <http://h/> { } } # '''",  # a long string closed greedily
    "SELECT * { # x\u2028 '''\nSERVICE <http://h/> { } } # '''",  # a comment ended by LF, not by U+2028
    "SELECT * { # x\r'''\nSERVICE <http://h/> { } } # '''",  # a comment ended by CR (rdflib: only LF)
    "PREFIX ex: <http://e/> SELECT * { ?a ?b ex:a.SERVICE <http://h/> { } }",  # '.' may end a prefixed name
    'SELECT * { ?a ?b "x"@en.SERVICE <http://h/> { } }',  # a language tag, then the keyword
    "SELECT * { ?a ?b trueSERVICE <http://h/> { } }",
    "SELECT * { \\u0022 SERVICE <http://h/> { } \\u0022 }",  # escaped quotes: a string only once unescaped
])
def test_readings_that_may_hold_service_are_counted(text):
    assert service_count(text) == 1


def test_a_query_for_a_sparql_server_with_service_is_refused_before_any_request(listener):
    from mougraph.export.remote import query_endpoint

    text = f"SELECT * WHERE {{ SERVICE <{listener.url}/x> {{ ?s ?p ?o }} }}"
    with pytest.raises(MougraphError, match="SERVICE is refused"):
        query_endpoint(text, f"{listener.url}/sparql")  # the endpoint is the listener too: nothing may reach it
    assert listener.connections() == 0
