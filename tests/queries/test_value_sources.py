"""queries/value-sources.report.rq says which sources state a value, whatever kind of source it is.

Run on the shipped ontology, the shape tests' context and the valid fixture
tests/shapes/valid/provenance-per-value-and-later-sources.ttl (invented: a press release known by its citation and
an article known by its address, whose passages have a quote or a locator and no line). The expected rows are
written by hand from that fixture.
"""

import pytest

import mougraph
from tests.support.paths import ONTOLOGY_FILES, SHAPE_FIXTURES, SHAPES_CONTEXT

FX = "http://example.org/mougraph-test/provenance-per-value-and-later-sources/"
FIXTURE = SHAPE_FIXTURES / "valid" / "provenance-per-value-and-later-sources.ttl"


@pytest.fixture(scope="module")
def graph():
    g = mougraph.load_all([SHAPES_CONTEXT, FIXTURE])
    assert all(f.is_file() for f in ONTOLOGY_FILES)
    return g


def _rows(graph, subject, prop):
    return mougraph.query("value-sources", graph=graph, params={"subject": subject, "property": prop}).rows()


def test_the_date_and_its_refinement_each_with_its_source(graph):
    assert _rows(graph, f"<{FX}agreement>", "mg:date") == [
        ("2036", FX + "date-year", "recorded", FX + "release", "", "",
         "가시와 나군은 올해 문화·관광 2개 분야 협약을 맺었다"),
        ("2036-03-02", FX + "date-day", "refines", FX + "article", "", "3번째 문단",
         "2일 가시청에서 '가시-나군 관광협약'을 체결했다. 문화, 관광, 체육 3개 분야"),
    ]


def test_a_party_stated_by_a_caption_has_a_locator_and_no_quote(graph):
    rows = _rows(graph, f"<{FX}agreement>", "mg:party")
    # County B: by the article's photo caption (a claim); City A: no claim, the sources of the agreement
    assert ("County B", FX + "party-county-b", "recorded", FX + "article", "", "사진 설명", "") in rows
    city_a = [r for r in rows if r[0] == "City A"]
    assert {r[2] for r in city_a} == {"resource"} and {r[3] for r in city_a} == {FX + "release", FX + "article"}


def test_the_preferred_claim_and_the_other_are_both_kept(graph):
    assert [r[:4] for r in _rows(graph, f"<{FX}release-domain-1>", "mg:wording")] == [
        ("문화", FX + "wording-release", "preferred", FX + "release"),
        ("문화 교류", FX + "wording-article", "disputed", FX + "article"),
    ]


def test_a_misnomer_keeps_its_source(graph):
    assert _rows(graph, f"<{FX}county-b-head>", "skos:hiddenLabel") == [
        ("Governor of County B", FX + "misnomer", "recorded", FX + "english-article", "", "paragraph 2",
         "Governor Lee of County B")]
