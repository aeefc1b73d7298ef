"""Values one document states differently: an mg:Conflict of two claims and an open question, neither asserted.

The invented press release (tests/ingest/documents/invented-conflicting-times-2025.txt, marked invented) says the
ceremony is on the 21st (Friday; line 13, "21일(금) 오후 2시"), its overview says 2025. 3. 20.(목) 14:00~14:40
(line 22), and its schedule 14:00~14:30(30') (line 30): the day, the start (its day), the end and the duration
are each disputed. The seed press release's overview says 11:10~11:30 for the Seoul–Sejong ceremony (line 60),
its schedule 11:10~11:40(30') (line 72): data/conflicts.ttl records the end and the duration as disputed, and the
expectation is read from there.
"""

from __future__ import annotations

import pytest
from rdflib import Graph

from mougraph.ingest.conflicts import raise_conflicts
from mougraph.ingest.graph import turtle
from mougraph.ingest.model import Draft, Passage
from mougraph.ingest.review import html
from mougraph.ingest.text import ingest_text
from mougraph.io import resource_dir
from tests.ingest.conftest import DOCUMENTS, seeds_folder

P = """PREFIX mg: <https://w3id.org/mougraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX time: <http://www.w3.org/2006/time#>
"""
CONFLICTS = P + """SELECT ?about ?property ?value ?line WHERE {
    ?c a mg:Conflict ; mg:about ?about ; mg:onProperty ?property ; mg:claimOf ?claim .
    ?claim rdf:object ?value ; mg:statedIn ?passage . ?passage mg:line ?line }"""
INVENTED = DOCUMENTS / "invented-conflicting-times-2025.txt"


def _local(term) -> str:
    text = str(term)
    return text.rsplit("/instant/", 1)[-1].rsplit("#", 1)[-1]


def _conflicts(graph: Graph, about_suffix: str = "") -> set:
    return {(_local(p), _local(v), int(line)) for a, p, v, line in graph.query(CONFLICTS)
            if str(a).endswith(about_suffix)}


@pytest.fixture(scope="module")
def invented():
    draft = ingest_text(INVENTED, published="2025-03-18", publisher="청주시")
    return draft, Graph().parse(data=turtle(draft, INVENTED.name), format="turtle")


def test_the_invented_release_raises_each_disputed_value(invented):
    _, graph = invented
    # value -> the lines that state it (a claim may cite any of them)
    expected = {"date": {"2025-03-21": {10, 13}, "2025-03-20": {22}},
                "hasBeginning": {"2025-03-21T14:00": {13, 30}, "2025-03-20T14:00": {22}},
                "hasEnd": {"2025-03-20T14:40": {22}, "2025-03-21T14:30": {30}},
                "plannedDuration": {"PT40M": {22}, "PT30M": {30}}}
    found = _conflicts(graph)
    assert {(p, v) for p, v, _ in found} == {(p, v) for p, values in expected.items() for v in values}
    assert all(line in expected[p][v] for p, v, line in found), found


def test_a_disputed_value_is_not_asserted(invented):
    _, graph = invented
    for _about, prop, value, _line in graph.query(CONFLICTS):
        assert not list(graph.query(P + "ASK { ?s <%s> ?v . FILTER (sameTerm(?v, ?x)) }".replace("?x", value.n3())
                                    % prop)).pop(), (prop, value)
    agreement = graph.query(P + "SELECT ?d WHERE { ?a a mg:Agreement ; mg:date ?d . ?d a mg:UndeterminedInstant }")
    assert len(agreement) == 1  # the shapes want a date: one not determined until a curator settles it


def test_the_review_page_asks_which_value_is_right(invented):
    draft, _ = invented
    questions = [q for q in draft.questions if q.what == "conflict"]
    assert len(questions) == 4
    assert any("2025-03-21 (line 13)" in q.text_en and "2025-03-20 (line 22)" in q.text_en for q in questions)
    page = html(draft, INVENTED.name)
    assert page.count("<b>conflict</b>") == 4 and "disputed" in page


def test_the_invented_draft_validates_with_the_data(run_cli, tmp_path, invented):
    draft, _ = invented
    path = tmp_path / "draft.ttl"
    path.write_text(turtle(draft, INVENTED.name), encoding="utf-8")
    result = run_cli("validate", resource_dir("data"), path)
    assert result.exit_code == 0, result.output


def test_the_seed_release_disputes_what_data_disputes(drafts, data_graph):
    """End and duration of the Seoul–Sejong ceremony: the same values on the same lines as data/conflicts.ttl."""
    _, graph, _ = drafts["press-release"]
    expected = _conflicts(data_graph, "2023-04-10-seoul-sejong-ceremony")
    assert {p for p, _, _ in expected} == {"hasEnd", "plannedDuration"}
    assert _conflicts(graph, "/ceremony") == expected


@pytest.mark.parametrize("name", ["news-article", "korean", "english", "three-party", "abroad", "weekday",
                                  "english-abroad"])
def test_no_conflict_where_a_document_agrees_with_itself(drafts, name):
    draft, _, _ = drafts[name]
    assert draft.conflicts == [] and not any(f.disputed for f in draft.facts)


def test_a_day_and_a_time_on_it_agree():
    """'10일' in one passage and '11:10' on the 10th in another are one value at two precisions, not a conflict."""
    d = Draft("https://example.org/d/", "https://example.org/d/document", [])
    one, two = Passage(1, 0, "10일(월)"), Passage(2, 0, "11:10")
    begin = "http://www.w3.org/2006/time#hasBeginning"
    d.add("https://example.org/d/e", begin, "https://w3id.org/mougraph/id/instant/2023-04-10", one, "10일")
    d.add("https://example.org/d/e", begin, "https://w3id.org/mougraph/id/instant/2023-04-10T11:10", two, "11:10")
    raise_conflicts(d)
    assert d.conflicts == []
    d.add("https://example.org/d/e", begin, "https://w3id.org/mougraph/id/instant/2023-04-10T11:20", two, "11:20")
    raise_conflicts(d)
    assert len(d.conflicts) == 1


def test_seeds_are_here():
    assert (seeds_folder() / "press-release-2023-04-10.txt").is_file()
