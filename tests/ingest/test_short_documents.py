"""Short invented documents (written for these tests; the people and dates are made up), one form each: three
parties joined by "·", an announced agreement with a city abroad and one side's signatory, a company and a public
corporation with their heads, two provinces whose heads attend without a word of signing. The expected values are
read from each text by hand."""

from __future__ import annotations

import pytest

from mougraph.ingest.text import ingest_text
from tests.ingest.test_invented import by_parties, rows

HEADER = "[가상 문서 / INVENTED] 테스트를 위해 지어낸 기사다.\n"
DOCUMENTS = {
    "three-by-dots": ("입력 2024-03-12 10:00\n"
                      "충주시·제천시·단양군은 11일 제천시청에서 중부내륙 관광벨트 조성을 위한 "
                      "공동 업무협약을 체결했다.\n"
                      "조길형 충주시장, 김창규 제천시장, 김문근 단양군수가 협약서에 서명했다.\n"),
    "announced-abroad": ("입력 2024-09-02 15:20\n"
                         "부산광역시는 오는 10일 중국 상하이시와 우호협력도시 협정을 체결할 예정이라고 2일 밝혔다.\n"
                         "박형준 부산시장이 상하이시를 방문해 협정서에 서명할 계획이다.\n"),
    "company": ("입력 2024-07-09 11:00\n"
                "세종특별자치시는 8일 시청 집현실에서 ㈜한빛전자, 한국도로공사와 스마트 교통 실증을 위한 "
                "3자 업무협약을 체결했다.\n"
                "이날 협약식에는 최민호 세종시장, 이한빛 ㈜한빛전자 대표이사, 김도로 한국도로공사 사장이 "
                "참석해 서명했다.\n"),
    "attended-only": ("입력 2025-02-20 09:00\n"
                      "경기도와 강원특별자치도가 19일 도청 회의실에서 접경지역 발전을 위한 상생협력 협약을 맺었다.\n"
                      "이날 협약식에는 김동연 경기도지사와 김진태 강원특별자치도지사가 참석했다.\n"),
}
SIGNERS = "SELECT ?name WHERE { ?s mg:signatory ?p . ?p rdfs:label ?name }"


def _draft(tmp_path, name):
    from rdflib import Graph

    from mougraph.ingest.graph import turtle

    path = tmp_path / f"{name}.txt"
    path.write_text(HEADER + DOCUMENTS[name], encoding="utf-8")
    return Graph().parse(data=turtle(ingest_text(path), path.name), format="turtle")


@pytest.mark.parametrize(("name", "parties", "kind", "status", "date", "signers"), [
    ("three-by-dots", {"org/lg-43130", "org/lg-43150", "org/lg-43800"}, "kind/mou", "status/signed",
     "instant/2024-03-11", {("조길형",), ("김창규",), ("김문근",)}),
    ("announced-abroad", {"org/lg-21000", "abroad"}, "kind/friendship-exchange", "status/announced",
     "instant/2024-09-10", {("박형준",)}),
    ("company", {"org/sejong", "company", "corporation"}, "kind/mou", "status/signed", "instant/2024-07-08",
     {("최민호",), ("이한빛",), ("김도로",)}),
    ("attended-only", {"org/lg-41000", "org/lg-42000"}, "kind/co-prosperity", "status/signed",
     "instant/2025-02-19", set()),
])
def test_one_agreement_of_each_form(tmp_path, name, parties, kind, status, date, signers):
    graph = _draft(tmp_path, name)
    found = by_parties(graph)
    assert len(found) == 1
    (keys, (_agreement, got_kind, got_status, got_date)), = found.items()
    named = {"org-hanbitjeonja": "company", "org-hangukdorogongsa": "corporation"}
    assert {named.get(k.rsplit("/", 1)[-1], "abroad") if k.startswith("draft/") else k for k in keys} == parties
    assert (got_kind, got_status, got_date) == (kind, status, date)
    assert rows(graph, SIGNERS) == signers
