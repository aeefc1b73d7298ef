"""The scorer on the hand-curated data/ against itself and against copies with one fact changed.

The expected counts come from the seed documents as data/ records them: the two 2023 MOUs list seven domains
each (press release lines 25 and 38), the 2016 Seoul–Sejong agreement three and the 2015 Seoul–Daejeon one two
(lines 26 and 39); the seeds mention no gift.
"""

import hashlib
import json

import pytest
from rdflib import Graph, Literal, URIRef, namespace as ns

from mougraph import store
from mougraph.ingest.score import KINDS, ROW_HEADER, score
from mougraph.vocab import ID, MG

AGR = f"{ID}agreement/"
SEOUL_SEJONG = URIRef(f"{AGR}seoul-sejong-2023")
SCOPE = "서울특별시+세종특별자치시 2023-04-10"


@pytest.fixture(scope="module")
def gold() -> Graph:
    return store.load_data()


def copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def test_gold_against_itself_scores_one_for_every_kind_present(gold):
    report = score(gold, gold)
    present = {k.kind for k in report.kinds}
    assert present == set(KINDS) - {"gift"}
    assert all(k.f1 == 1.0 for k in report.kinds)
    assert report.total.f1 == 1.0 and report.differences == ()
    assert report.kind("domain").gold == 7 + 7 + 3 + 2
    assert report.agreements == {"gold": 7, "draft": 7, "matched": 7}


def test_a_removed_domain_item_lowers_domain_recall_only(gold):
    draft = copy(gold)
    draft.remove((SEOUL_SEJONG, MG.listsDomain, URIRef(f"{AGR}seoul-sejong-2023/domain-3")))
    report = score(gold, draft)
    domain = report.kind("domain")
    assert (domain.gold, domain.draft, domain.matched) == (19, 18, 18)
    assert domain.precision == 1.0 and domain.recall == pytest.approx(18 / 19)
    assert [str(d) for d in report.differences] == [
        f"missing domain [{SCOPE}]: domain:carbon-neutral-cooperation"]
    assert all(k.f1 == 1.0 for k in report.kinds if k.kind != "domain")


def test_a_changed_party_lowers_parties_and_names_both(gold):
    draft = copy(gold)
    draft.remove((SEOUL_SEJONG, MG.party, URIRef(f"{ID}org/sejong")))
    draft.add((SEOUL_SEJONG, MG.party, URIRef(f"{ID}org/gwangju")))
    report = score(gold, draft)
    assert report.kind("party").matched == report.kind("party").gold - 1
    assert sorted(str(d) for d in report.differences) == [
        f"extra party [{SCOPE}]: 광주광역시",
        f"missing party [{SCOPE}]: 세종특별자치시",
    ]
    # the agreement is still paired with Seoul–Sejong 2023, so its other facts match
    assert all(k.f1 == 1.0 for k in report.kinds if k.kind != "party")


def test_a_date_at_a_lower_precision_is_a_date_difference(gold):
    draft = copy(gold)
    month = URIRef(f"{ID}instant/2023-04")
    draft.set((SEOUL_SEJONG, MG.date, month))
    draft.add((month, ns.RDF.type, ns.TIME.Instant))
    draft.add((month, ns.TIME.inXSDgYearMonth, Literal("2023-04", datatype=ns.XSD.gYearMonth)))
    report = score(gold, draft)
    assert [str(d) for d in report.differences] == [
        f"extra date [{SCOPE}]: 2023-04", f"missing date [{SCOPE}]: 2023-04-10"]
    assert report.kind("date").recall < 1.0
    assert all(k.f1 == 1.0 for k in report.kinds if k.kind != "date")


def test_an_acting_flag_is_part_of_the_signatory(gold):
    draft = copy(gold)
    term = URIRef(f"{ID}office/sejong-mayor-choi-min-ho")
    draft.set((term, MG.acting, Literal(True)))
    report = score(gold, draft)
    assert {d.side for d in report.differences if d.kind == "signatory"} == {"missing", "extra"}
    assert any("최민호" in d.fact and "acting" in d.fact for d in report.differences if d.side == "extra")
    assert {d.kind for d in report.differences} == {"signatory"}


def test_renamed_iris_still_score_one(gold):
    def rename(term):
        text = str(term)
        if isinstance(term, URIRef) and text.startswith(str(ID)) and not any(
                text.startswith(f"{ID}{folder}/") for folder in ("kind", "status", "domain", "action", "tier")):
            return URIRef(f"http://example.org/renamed/{hashlib.sha1(text.encode()).hexdigest()}")
        return term

    draft = Graph()
    for s, p, o in gold:
        draft.add((rename(s), p, rename(o)))
    assert not set(draft.subjects(ns.RDF.type, MG.Agreement)) & set(gold.subjects(ns.RDF.type, MG.Agreement))
    report = score(gold, draft)
    assert report.total.f1 == 1.0 and report.differences == ()


def test_a_party_is_the_gazetteer_body_it_names_whatever_its_iri_or_spelling(gold):
    draft = copy(gold)
    sejong = URIRef(f"{ID}org/sejong")
    draft.remove((sejong, ns.RDFS.label, None))  # the gazetteer's IRI alone names the body
    other = URIRef("http://example.org/draft/seoul")
    draft.remove((SEOUL_SEJONG, MG.party, URIRef(f"{ID}org/seoul")))
    draft.add((SEOUL_SEJONG, MG.party, other))
    draft.add((other, ns.RDFS.label, Literal("서울시", lang="ko")))  # a short form of 서울특별시
    assert score(gold, draft).kind("party").f1 == 1.0
    draft.set((other, ns.RDFS.label, Literal("고성군", lang="ko")))  # ambiguous: stays as written
    report = score(gold, draft)
    assert [str(d) for d in report.differences if d.kind == "party"] == [
        f"extra party [{SCOPE}]: 고성군", f"missing party [{SCOPE}]: 서울특별시"]


def test_rows_and_json(gold):
    draft = copy(gold)
    draft.remove((SEOUL_SEJONG, MG.listsDomain, URIRef(f"{AGR}seoul-sejong-2023/domain-3")))
    report = score(gold, draft)
    rows = report.rows()
    assert rows[-1][0] == "total" and len(rows[0]) == len(ROW_HEADER)
    domain_row = next(r for r in rows if r[0] == "domain")
    assert domain_row[1:4] == (19, 18, 18) and domain_row[5] == round(18 / 19, 3)
    data = json.loads(report.to_json())
    assert data["kinds"]["domain"]["recall"] == round(18 / 19, 3)
    assert data["differences"][0]["side"] == "missing"
    assert report.to_json() == score(gold, draft).to_json()
