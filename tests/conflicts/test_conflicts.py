"""``mougraph conflicts`` lists the disagreements of the two source documents, each value with its source.

The expected disagreements were read off the documents (../shared/seeds/), not from the code:
- the press release's overview (line 60) ends the Seoul–Sejong ceremony at 11:30 (20 minutes), its own schedule
  (line 72) at 11:40 (30'); the article gives no end;
- the wording of domains 3 and 5 of Seoul–Sejong (press release line 25, article line 18) and of domain 3 of
  Seoul–Daejeon (press release line 38, article line 29; the article writes the separators as U+2024);
- the amateur sports exchange: '우수' (press release line 48) or '우호' (article line 35);
- who promotes the MICE programmes: Seoul (press release line 44) or Seoul and Daejeon (article line 33).
"""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from mougraph.reasoning.conflicts import conflicts
from mougraph.store import load_files
from tests.support.paths import DATA_FILES, ONTOLOGY_FILES, SEEDS

ID = "https://w3id.org/mougraph/id/"
MG = "https://w3id.org/mougraph/ontology#"
TIME = "http://www.w3.org/2006/time#"
PR, NA = f"{ID}source/press-release-2023-04-10", f"{ID}source/news-article-2023-04-10"
CEREMONY = f"{ID}event/2023-04-10-seoul-sejong-ceremony"
SS23, SD23 = f"{ID}agreement/seoul-sejong-2023/", f"{ID}agreement/seoul-daejeon-2023/"

EXPECTED = {
    (CEREMONY, TIME + "hasEnd"): {(f"{ID}instant/2023-04-10T11:30", PR, 60), (f"{ID}instant/2023-04-10T11:40", PR, 72)},
    (CEREMONY, MG + "plannedDuration"): {("PT20M", PR, 60), ("PT30M", PR, 72)},
    (SS23 + "domain-3", MG + "wording"): {("폐기물·건물·신재생에너지분야 공동협력을 통한 탄소중립 달성", PR, 25),
                                          ("폐기물·건물·신재생 에너지 분야 공동협력을 통한 탄소 중립 달성", NA, 18)},
    (SS23 + "domain-5", MG + "wording"): {("정원도시박람회 개최 및 정원 도시 조성", PR, 25),
                                          ("정원 도시박람회 개최 및 정원 도시 조성", NA, 18)},
    (SD23 + "domain-3", MG + "wording"): {("탄소중립 달성 위한 폐기물·건물·신재생 에너지 공동협력", PR, 38),
                                          ("탄소중립 달성 위한 폐기물\u2024건물\u2024신재생에너지 공동협력", NA, 29)},
    (SD23 + "commitment-6", MG + "wording"): {("생활체육 우수 교류", PR, 48), ("생활체육 우호 교류", NA, 35)},
    (SD23 + "commitment-4", MG + "committedBy"): {(f"{ID}org/seoul", PR, 44), (f"{ID}org/seoul", NA, 33),
                                                 (f"{ID}org/daejeon", NA, 33)},
}

UNRECORDED = """
@prefix mg: <https://w3id.org/mougraph/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix ex: <http://example.org/mougraph-test/conflicts/> .
ex:doc a mg:SourceDocument .
ex:p1 a mg:Passage ; mg:inDocument ex:doc ; mg:line 3 ; mg:quote "10시 시작"@ko .
ex:p2 a mg:Passage ; mg:inDocument ex:doc ; mg:line 9 ; mg:quote "11시 시작"@ko .
ex:claim-1 a mg:Claim ; rdf:subject ex:event ; rdf:predicate mg:openToPress ; rdf:object true ; mg:statedIn ex:p1 .
ex:claim-2 a mg:Claim ; rdf:subject ex:event ; rdf:predicate mg:openToPress ; rdf:object false ; mg:statedIn ex:p2 .
ex:claim-3 a mg:Claim ; rdf:subject ex:other ; rdf:predicate mg:openToPress ; rdf:object true ; mg:statedIn ex:p1 .
"""


def shipped() -> Graph:
    return load_files(ONTOLOGY_FILES + DATA_FILES)


def as_sets(found):
    return {(str(d.about), str(d.property)): {(str(c.value), str(s.document), s.line)
                                              for c in d.claims for s in c.sources}
            for d in found}


def test_lists_every_disagreement_of_the_documents_with_its_sources():
    found = conflicts(shipped())
    assert as_sets(found) == EXPECTED
    assert all(d.conflict is not None and d.labels.get("en") for d in found)


@pytest.mark.needs_shared("seeds")
def test_each_claimed_wording_is_on_its_line_of_the_document():
    files = {PR: SEEDS / "press-release-2023-04-10.txt", NA: SEEDS / "news-article-2023-04-10.txt"}
    lines = {doc: path.read_text(encoding="utf-8").splitlines() for doc, path in files.items()}
    for (_about, prop), claims in EXPECTED.items():
        if prop == MG + "wording":
            for value, doc, line in claims:
                assert value in lines[doc][line - 1], (value, doc, line)


def test_claims_outside_any_conflict_are_listed_when_they_disagree(tmp_path):
    graph = shipped() + Graph().parse(data=UNRECORDED, format="turtle")
    found = conflicts(graph)
    unrecorded = [d for d in found if d.conflict is None]
    assert len(unrecorded) == 1  # claim-3 alone does not disagree with anything
    assert str(unrecorded[0].about) == "http://example.org/mougraph-test/conflicts/event"
    assert {(c.value.toPython(), c.sources[0].line) for c in unrecorded[0].claims} == {(True, 3), (False, 9)}
    assert len(found) == len(EXPECTED) + 1


def test_cli_table_json_and_turtle(run_cli, tmp_path, monkeypatch):
    monkeypatch.delenv("MOUGRAPH_HOME", raising=False)
    table = run_cli("conflicts")
    assert table.exit_code == 0, table.output
    assert "7 disagreement(s), 15 claimed value(s)" in table.stdout
    wide = tmp_path / "conflicts.txt"  # a file gets a 160-column table, so no cell is folded
    assert run_cli("conflicts", "-o", wide).exit_code == 0
    text = wide.read_text(encoding="utf-8")
    for expected in ("2023-04-10T11:30", "2023-04-10T11:40", "time:hasEnd", "생활체육 우호 교류", "gov:daejeon",
                     "src:press-release-2023-04-10", "cfl:seoul-sejong-ceremony-end"):
        assert expected in text, expected

    doc = json.loads(run_cli("conflicts", "-f", "json").stdout)["disagreements"]
    assert {(d["about"], d["property"]) for d in doc} == set(EXPECTED)
    end = next(d for d in doc if d["property"] == TIME + "hasEnd")
    assert end["conflict"] == f"{ID}conflict/seoul-sejong-ceremony-end"
    quotes = {s["line"]: s["quote"] for c in end["claims"] for s in c["sources"]}
    assert sorted(quotes) == [60, 72]
    assert "11:10~11:30" in quotes[60] and "11:10~11:40(30')" in quotes[72]

    out = tmp_path / "conflicts.ttl"
    assert run_cli("conflicts", "-f", "turtle", "-o", out).exit_code == 0
    graph = Graph().parse(out)
    assert len(set(graph.subjects(RDF.type, URIRef(MG + "Conflict")))) == 7
    assert len(set(graph.subjects(RDF.type, URIRef(MG + "Claim")))) == 15
    assert (URIRef(f"{ID}source/press-release-2023-04-10/line-72"), URIRef(MG + "line"), Literal(72)) in graph
