"""Parameters of the shipped queries: no query names a particular thing of data/ in its text; values are bound
as a VALUES block, validated first; the command line's ``--param`` and the API's ``params`` give them."""

import csv
import io
import re

import pytest
from rdflib import Graph, URIRef

import mougraph
from mougraph.errors import QueryError
from mougraph.query import query_params
from mougraph.query.params import bind, declared
from tests.support.cli import invoke
from tests.support.paths import DATA_FILES, QUERIES

ID = "https://w3id.org/mougraph/id/"
AGR = ID + "agreement/"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


@pytest.fixture(scope="module")
def data_iris() -> set[str]:
    graph = Graph()
    for path in DATA_FILES:
        graph.parse(path, format="turtle")
    return {str(t) for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(ID)
            and "/id/scheme/" not in str(t) and "/id/domain/" not in str(t)}


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_no_shipped_query_names_a_thing_of_the_data(path, data_iris):
    """Outside its header (where parameters declare their defaults), no query names an agreement, body, person,
    event, instant, document or passage of data/, nor a date."""
    body = _body(path.read_text(encoding="utf-8"))
    prefixes = dict(re.findall(r"PREFIX\s+([\w-]*):\s*<([^>]*)>", body, re.IGNORECASE))
    iris = set(re.findall(r"<([^>\s]+)>", body))
    for prefix, local in re.findall(r"(?<![\w?$])([A-Za-z][\w-]*):([\w.-]+)", body):
        if prefix in prefixes:
            iris.add(prefixes[prefix] + local)
    named = sorted(iris & data_iris)
    assert not named, f"{path.name} names things of the data in its text: {named}; make them parameters"
    dates = re.findall(r"\"\d{4}(?:-\d\d){0,2}(?:T[\d:]+)?\"", body)
    assert not dates, f"{path.name} names a date in its text: {dates}; make it a parameter"


def test_the_scan_finds_a_named_agreement(data_iris):
    text = "PREFIX agr: <https://w3id.org/mougraph/id/agreement/>\nSELECT * { VALUES ?a { agr:seoul-sejong-2023 } }"
    prefixes = dict(re.findall(r"PREFIX\s+([\w-]*):\s*<([^>]*)>", text))
    found = {prefixes[p] + local for p, local in re.findall(r"(?<![\w?$])([A-Za-z][\w-]*):([\w.-]+)", text)
             if p in prefixes}
    assert found & data_iris == {AGR + "seoul-sejong-2023"}


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_declared_parameters_bind_with_their_defaults(path):
    text = path.read_text(encoding="utf-8")
    bound = bind(text, None, path.name)
    assert "UNDEF" not in _body(bound) or not declared(text, path.name)
    for param in declared(text, path.name):
        assert param.defaults, f"{path.name}: parameter {param.name} has no default"


def test_the_parameterised_questions_declare_what_they_ask_about():
    names = {p.name[:-3]: [q.name for q in query_params(p.name[:-3])] for p in QUERY_FILES}
    assert names["cq01-partners.report"] == ["party", "partnerClass"]
    assert names["cq02-agreement-domains.report"] == ["agreement"]
    assert names["cq03-shared-domains.report"] == ["first", "second"]
    assert names["cq06-schedule.report"] == ["day"]
    assert names["cq10-sources-agreement.report"] == ["document"]
    assert query_params("cq06")[0].as_dict() == {
        "name": "day", "type": "xsd:date", "many": False, "defaults": ["2023-04-10"],
        "description": "the day of the schedule ('*': every day with a programme)"}


def _csv(run) -> list[list[str]]:
    return [list(r) for r in run.rows()]


def test_another_agreement_by_prefixed_name_and_by_iri():
    """cq02 for the 2016 agreement: its three domains (from the 2016 agreement's list, cq04's expected answer)."""
    for value in ("agr:seoul-sejong-2016", f"<{AGR}seoul-sejong-2016>", f"{AGR}seoul-sejong-2016"):
        rows = _csv(mougraph.query("cq02", params={"agreement": value}))
        assert [(r[0], r[1], r[3]) for r in rows] == [
            (AGR + "seoul-sejong-2016", "1", "cultural exchange"),
            (AGR + "seoul-sejong-2016", "2", "sales support for agricultural specialities"),
            (AGR + "seoul-sejong-2016", "3", "personnel exchange")]


def test_several_values_and_any():
    two = _csv(mougraph.query("cq02", params={"agreement": ["agr:seoul-sejong-2016", "agr:seoul-daejeon-2015"]}))
    assert sorted({r[0] for r in two}) == [AGR + "seoul-daejeon-2015", AGR + "seoul-sejong-2016"]
    every = _csv(mougraph.query("cq02", params={"agreement": "*"}))
    assert len(every) == 7 + 7 + 2 + 3  # every listed domain of the shipped data


def test_another_day_has_no_schedule():
    assert _csv(mougraph.query("cq06", params={"day": "2023-04-11"})) == []
    assert len(_csv(mougraph.query("cq06", params={"day": "2023-04-10"}))) == 6


@pytest.mark.parametrize(("params", "message"), [
    ({"agreement": "<http://x> } SELECT * { ?s ?p ?o"}, "needs an IRI"),
    ({"agreement": 'http://x>" . }'}, "needs an IRI"),
    ({"agreement": "nope:seoul"}, "needs an IRI"),
    ({"agreement": "seoul sejong"}, "needs an IRI"),
    ({"colour": "red"}, "unknown parameter(s) colour; this query's parameters: agreement"),
])
def test_bad_values_are_refused_before_anything_runs(params, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        mougraph.query("cq02", params=params)


# a time or a zone after the day: rdflib alone would take the day and drop the rest (params.LEXICAL)
@pytest.mark.parametrize("day", ["2023-13-45", "2023-02-30", "yesterday", '2023-04-10"^^<x', "2023-04-10T09:00",
                                 "2023-04-10+09:00", "2023-04-10Z"])
def test_an_ill_typed_day_is_refused(day):
    with pytest.raises(QueryError, match="needs a value of xsd:date"):
        mougraph.query("cq06", params={"day": day})


def test_one_value_parameter_refuses_two():
    with pytest.raises(QueryError, match="takes one value; got 2"):
        mougraph.query("cq06", params={"day": ["2023-04-10", "2023-04-11"]})


def test_a_description_in_korean():
    text = ("# param: x IRI default <urn:a> -- an x\n# param-ko: x -- 어떤 x\n"
            "SELECT * WHERE { VALUES ?x { UNDEF } ?x ?p ?o }\n")
    assert [(p.description, p.description_ko) for p in declared(text)] == [("an x", "어떤 x")]
    with pytest.raises(QueryError, match=r"'# param-ko:' for undeclared parameter\(s\) y"):
        declared(text.replace("param-ko: x", "param-ko: y"))


def test_a_declaration_without_its_slot_is_an_error():
    text = "# param: x IRI default <urn:a> -- an x\nSELECT * WHERE { ?x ?p ?o } ORDER BY ?x\n"
    with pytest.raises(QueryError, match=r"no 'VALUES \?x \{ UNDEF \}'"):
        bind(text)


def test_cq01_lists_local_governments_unless_asked():
    """A public corporation party to an agreement with Seoul is listed only with partnerClass mg:Organisation."""
    extra = """
    @prefix mg: <https://w3id.org/mougraph/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <urn:x:corp> a mg:PublicBody ; rdfs:label "가상개발공사"@ko .
    <urn:x:agreement> a mg:Agreement ; mg:party <https://w3id.org/mougraph/id/org/seoul> , <urn:x:corp> .
    """
    graph = mougraph.load_all()
    graph.parse(data=extra, format="turtle")
    default = {r[0] for r in _csv(mougraph.query("cq01", graph=graph))}
    asked = {r[0] for r in _csv(mougraph.query("cq01", graph=graph, params={"partnerClass": "mg:Organisation"}))}
    assert "urn:x:agreement" not in default
    assert asked - default == {"urn:x:agreement"}


def test_command_line_param():
    result = invoke("query", "cq02", "--param", "agreement=agr:seoul-daejeon-2015", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [r[:2] for r in rows[1:]] == [[AGR + "seoul-daejeon-2015", "1"], [AGR + "seoul-daejeon-2015", "2"]]
    bad = invoke("query", "cq06", "--param", "day=2023-13-45")
    assert bad.exit_code == 2 and "needs a value of xsd:date" in bad.output
    malformed = invoke("query", "cq06", "--param", "2023-04-10")
    assert malformed.exit_code == 2 and "NAME=VALUE" in malformed.output
