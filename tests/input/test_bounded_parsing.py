"""Parsing cannot crash or hang (issue 17, item 1): nesting is bounded, entities cannot expand, on both backends.

The inputs are invented. Where a segfault is possible (Oxigraph's SPARQL parser overflows the stack at a few
thousand nested groups) the command runs in a subprocess, so that a crash fails the test instead of killing it.
"""

import subprocess
import sys

import pytest

from mougraph import store
from mougraph.errors import LoadError, MougraphError
from mougraph.limits import MAX_QUERY_DEPTH, MAX_RDF_DEPTH

PREFIX = "@prefix ex: <http://example.org/invented/> .\n"
BACKENDS = ["memory", "oxigraph"]


def _load(path, backend):
    with store.using(store.Backend(backend)):
        return store.load_files([path])


@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000,
    "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "SELECT * WHERE { ?s ?p " + "[ ?p " * 5000 + "?o" + " ]" * 5000 + " }",
])
def test_deep_sparql_is_a_user_error_not_a_segfault(tmp_path, query):
    path = tmp_path / "deep.rq"
    path.write_text(query, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mougraph", "query", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])
    assert "line 1, column" in done.stderr and f"more than {MAX_QUERY_DEPTH} deep" in done.stderr


@pytest.mark.parametrize("backend", BACKENDS)
def test_forty_nested_groups_run_on_the_cli_and_the_endpoint(backend, home):
    from mougraph.publishing.server.sparql import execute
    from mougraph.query import query

    text = "SELECT ?s WHERE " + "{ " * 40 + "?s a ?o FILTER(isIRI(?s))" + " }" * 40
    with store.using(store.Backend(backend)):
        graph = store.load_all()
        expected = {str(s) for s, in graph.query("SELECT ?s WHERE { ?s a ?o FILTER(isIRI(?s)) }")}
        assert {row[0] for row in query(text, graph=graph).rows()} == expected
        outcome = execute(graph, text, "text/csv", 100000)
    assert outcome.status == 200, outcome.body[:300]
    assert set(outcome.body.decode().split("\r\n")[1:-1]) == expected


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name,text", [
    ("blank.ttl", PREFIX + "ex:s ex:p " + "[ ex:p " * 5000 + "ex:o" + " ]" * 5000 + " .\n"),
    ("list.ttl", PREFIX + "ex:s ex:p " + "( " * 100000 + "ex:o" + " )" * 100000 + " .\n"),
    ("blank.trig", PREFIX + "ex:g {\n ex:s ex:p " + "[ ex:p " * 5000 + "ex:o" + " ]" * 5000 + " . }\n"),
    ("deep.jsonld", '{"@id": "http://example.org/invented/s", ' + '"http://example.org/invented/p": {' * 5000
     + '"@id": "http://example.org/invented/o"' + "}" * 5001),
    ("deep.rdf", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     'xmlns:ex="http://example.org/invented/">\n<rdf:Description rdf:about="http://example.org/invented/s">'
     + "<ex:p><rdf:Description>" * 3000 + "</rdf:Description></ex:p>" * 3000 + "</rdf:Description></rdf:RDF>"),
])
def test_deep_rdf_is_refused_with_file_and_line(tmp_path, backend, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError, match=rf"{name}:\d+: .*(more than {MAX_RDF_DEPTH} deep|nest)"):
        _load(path, backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_nesting_under_the_limit_is_read(tmp_path, backend):
    path = tmp_path / "nested.ttl"
    depth = MAX_RDF_DEPTH - 6
    path.write_text(PREFIX + "ex:s ex:p " + "[ ex:p " * depth + "ex:o" + " ]" * depth + " .\n", encoding="utf-8")
    assert len(_load(path, backend)) == depth + 1


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/invented/">
<rdf:Description rdf:about="http://example.org/invented/s"><ex:p>&f;</ex:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("backend", BACKENDS)
def test_expanding_xml_entities_are_refused(tmp_path, backend):
    path = tmp_path / "laughs.rdf"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(LoadError, match=r"laughs.rdf:4: .*entity 'b' refers to other entities"):
        _load(path, backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_owl_style_entity_abbreviations_are_read(tmp_path, backend):
    path = tmp_path / "owl.rdf"
    path.write_text("""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/invented/"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/invented/">
<rdf:Description rdf:about="&ex;s"><ex:p rdf:resource="&ex;o"/></rdf:Description>
</rdf:RDF>
""", encoding="utf-8")
    graph = _load(path, backend)
    assert ("http://example.org/invented/s", "http://example.org/invented/o") in {
        (str(s), str(o)) for s, _p, o in graph}


def test_sparql_depth_check_error_is_a_query_error():
    from mougraph.sparql_guard import check_depth

    with pytest.raises(MougraphError, match=f"line 2, column {MAX_QUERY_DEPTH + 1}"):
        check_depth("SELECT * WHERE\n{" + "{" * MAX_QUERY_DEPTH + "}" * (MAX_QUERY_DEPTH + 1))


def test_the_endpoint_refuses_a_deep_query_with_400_before_any_parser(tmp_path):
    script = tmp_path / "deep_endpoint.py"
    script.write_text(
        "from rdflib import Graph\n"
        "from mougraph.publishing.server.sparql import execute\n"
        "text = 'SELECT * WHERE ' + '{ ' * 5000 + '?s ?p ?o' + ' }' * 5000\n"
        "outcome = execute(Graph(), text, 'text/csv', 10)\n"
        "print(outcome.status, outcome.body.decode())\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith("400 ") and "line 1, column" in done.stdout
