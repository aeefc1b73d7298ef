"""SPARQL that the grammar or its static rules reject is a user error (exit 2, a 400), never run by rdflib."""

import pytest

import mougraph
from mougraph import MougraphError, store

# Each is rejected by the SPARQL 1.1 grammar or its rules (section 18.2.1 and 19.8); rdflib's engine runs them all.
INVALID = {
    "a variable bound twice by BIND": "SELECT * WHERE { ?s ?p ?o BIND (1 AS ?o) }",
    "a VALUES row of the wrong width": "SELECT * WHERE { VALUES (?a ?b) { (1) } }",
    "an ungrouped variable projected": "SELECT ?s ?o WHERE { ?s ?p ?o } GROUP BY ?s",
    "a SELECT expression rebinding a variable": "SELECT (1 AS ?s) WHERE { ?s ?p ?o }",
}


@pytest.fixture(params=["oxigraph", "memory"])
def backend(request):
    with store.using(store.Backend(request.param)):
        yield request.param


@pytest.mark.parametrize("text", INVALID.values(), ids=INVALID.keys())
def test_invalid_sparql_is_an_error_with_its_position(backend, text):
    with pytest.raises(MougraphError, match=r"invalid SPARQL at line 1, column \d+"):
        mougraph.query(text)


@pytest.mark.parametrize("text", INVALID.values(), ids=INVALID.keys())
def test_the_cli_exits_2_on_invalid_sparql(run_cli, text):
    result = run_cli("query", text)
    assert result.exit_code == 2
    assert "invalid SPARQL at line 1" in result.stderr and "Traceback" not in result.output


def test_valid_sparql_still_runs_on_both_backends(backend):
    run = mougraph.query("SELECT ?x ?s WHERE { ?s ?p ?o } LIMIT 1")  # projecting an unbound ?x is allowed
    assert run.vars == ["x", "s"] and len(run.rows()) == 1
