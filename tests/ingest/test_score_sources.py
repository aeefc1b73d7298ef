"""Scoring per fact source: a gold fact counts only when gold's sources give it to the draft's own document.

The seed expectations below are read from the news article (shared/seeds/news-article-2023-04-10.txt), not from
the scorer. What the article states of the two 2023 MOUs:

- the parties, kind (교류강화 업무협약), the day (line 14: "10일", line 16: "이날"), the Seoul–Sejong status from its
  past tense (line 16: "전달했다") and the Seoul–Daejeon one as planned (line 31: "예정이다");
- the Seoul–Sejong ceremony in "세종시청 4층 한글사랑 세종책문화센터" at 11:10 (line 16), with no end;
  the Seoul–Daejeon ceremony "대전시청" at "오후 2시" (line 31): the building, not the room, and no end;
- both signatories of each (lines 16 and 31), the seven domains of each (lines 18 and 29), the mutual donations
  of each ceremony (lines 16 and 31).

It names no earlier agreement, and none of the schedule's arrival, talks or programme (press release lines
70-73). data/ gives the end 14:30 of the Daejeon ceremony no source of its own (no mg:Claim), so it counts with the
ceremony, which the article states: the one schedule fact the article's draft cannot match.
"""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, URIRef

from mougraph.ingest.scope import documents, prepare
from mougraph.ingest.score import score
from mougraph.io import resource_dir
from tests.ingest.conftest import seeds_folder

#: kind -> (gold facts the article states, of which the draft matches): from the reading above
ARTICLE = {"party": (4, 4), "kind": (2, 2), "status": (2, 2), "date": (2, 2), "place": (2, 2),
           "signatory": (4, 4), "domain": (14, 14), "donation": (4, 4), "schedule": (2, 1)}
#: gold facts of the press release only
NOT_IN_ARTICLE = {("earlier", "strengthens, 대전광역시+서울특별시, 2015"),
                  ("earlier", "strengthens, 서울특별시+세종특별자치시, 2016"),
                  ("schedule", "Arrival, 2023-04-10T10:55–"),
                  ("schedule", "Meeting, 2023-04-10T11:00–2023-04-10T11:10"),
                  ("schedule", "Meeting, 2023-04-10T13:50–2023-04-10T14:00"),
                  ("schedule", "Programme, 2023-04-10–")}


def _score(run_cli, tmp_path, draft) -> dict:
    out = tmp_path / "score.json"
    result = run_cli("ingest", "--score", resource_dir("data"), draft, "-o", out)
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8")), result.stderr


def test_the_article_is_scored_on_what_it_states(run_cli, tmp_path):
    draft = tmp_path / "article.ttl"
    assert run_cli("ingest", seeds_folder() / "news-article-2023-04-10.txt", "-o", draft).exit_code == 0
    scores, notes = _score(run_cli, tmp_path, draft)
    found = {kind: (s["gold"], s["matched"]) for kind, s in scores["kinds"].items()}
    assert found == ARTICLE
    assert {(d["kind"], d["fact"]) for d in scores["not_in_this_document"]} == NOT_IN_ARTICLE
    assert scores["unsourced"] == 0
    assert "not in this document" in notes and "not counted as missing): 6" in notes
    gold = sum(g for g, _ in ARTICLE.values())
    assert scores["total"]["gold"] == gold and scores["total"]["matched"] == gold - 1


@pytest.fixture(scope="module")
def data():
    from mougraph.store import load_data

    return load_data()


def test_a_value_claimed_by_another_document_is_not_a_miss(data):
    """data/ scored against itself as the article: a claim giving the Seoul–Sejong status to the press release
    only takes the status out of the article's facts (a resource-level source would have kept it)."""
    docs, how = documents(data, data)
    article = {d for d in docs if str(d).endswith("news-article-2023-04-10")}
    assert article and how == "file or address"
    gold, draft, _ = prepare(data, data)
    before = score(gold, draft, article)
    agr = URIRef("https://w3id.org/mougraph/id/agreement/seoul-sejong-2023")
    status = URIRef("https://w3id.org/mougraph/id/status/signed")
    claim = URIRef("https://example.org/invented/claim-status")
    mg = "https://w3id.org/mougraph/ontology#"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    for p, o in ((rdf + "type", URIRef(mg + "Claim")), (rdf + "subject", agr),
                 (rdf + "predicate", URIRef(mg + "status")), (rdf + "object", status),
                 (mg + "statedIn", URIRef("https://w3id.org/mougraph/id/source/press-release-2023-04-10/line-19"))):
        gold.add((claim, URIRef(p), o))
    after = score(gold, draft, article)
    assert ("status", "status:signed") in {(d.kind, d.fact) for d in after.elsewhere}
    assert after.kind("status").gold == before.kind("status").gold - 1


def test_gold_without_sources_is_counted_as_before(data):
    """A gold graph with no mg:statedIn at all: every fact counts, and the report says how many."""
    gold, draft, _ = prepare(data, data)
    bare = Graph()
    for s, p, o in gold:
        if str(p) != "https://w3id.org/mougraph/ontology#statedIn":
            bare.add((s, p, o))
    article = {d for d in documents(data, data)[0] if str(d).endswith("news-article-2023-04-10")}
    report = score(bare, draft, article)
    assert report.elsewhere == () and report.unsourced == report.total.gold > 0
    assert report.total.f1 == score(bare, draft).total.f1
