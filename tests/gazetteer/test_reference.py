"""The committed reference graph (data/reference/) against the source files.

Expected values were read in the pinned packages' files (vos-data-utils 1.0.19 bjd.txt of 20260930,
PublicDataReader 1.1.1.post2 raw/code_bdong.json), not taken from the generator's output.
"""

from collections import Counter

import pytest

from mougraph.gazetteer.index import load
from mougraph.gazetteer.resolution import resolve

DAY = "2026-09-30"


@pytest.fixture(scope="module")
def bodies():
    return load()


def _one(name: str, **kw):
    result = resolve(name, **kw)
    assert result.candidates and not result.ambiguous, (name, result.as_dict())
    return result.candidates[0].key


def test_counts_per_tier_on_the_last_snapshot(bodies):
    tiers = Counter(b.period_on(DAY).tier for b in bodies.values() if b.period_on(DAY))
    upper = sum(n for t, n in tiers.items() if t not in ("city", "county", "autonomous-district"))
    assert upper == 16
    assert (tiers["autonomous-district"], tiers["city"], tiers["county"]) == (70, 75, 82)


def _periods(body):
    return [(p.code, p.valid_from, p.valid_until) for p in body.periods]


def test_seoul(bodies):
    assert _periods(bodies["seoul"]) == [("1100000000", "1988-04-23", None)]


def test_sejong_created_2012_from_yeongi(bodies):
    # vos has no creation day for 3611000000 and no 3600000000 row; PublicDataReader gives 20120701 for both.
    assert _periods(bodies["sejong"]) == [("3611000000", "2012-07-01", None)]
    yeongi = bodies[_one("연기군")]
    # vos gives 연기군 the deletion day 1988-04-23 (a fault); PublicDataReader 20120701.
    assert _periods(yeongi) == [("4473000000", "1988-04-23", "2012-06-30")]
    assert yeongi.successors == ["sejong"]


def test_jeonbuk_renamed_2024(bodies):
    body = bodies[_one("전북특별자치도")]
    assert _periods(body) == [("4500000000", "1988-04-23", "2024-01-17"), ("5200000000", "2024-01-18", None)]
    assert [(n.text, n.valid_until) for n in body.names] == [("전라북도", "2024-01-17"), ("전북특별자치도", None)]


def test_gangwon_renamed_2023(bodies):
    body = bodies[_one("강원특별자치도")]
    assert _periods(body) == [("4200000000", "1988-04-23", "2023-06-08"), ("5100000000", "2023-06-09", None)]


def test_gunwi_transferred_to_daegu(bodies):
    body = bodies[_one("군위군")]
    # The registry's day is 2023-06-30 (deletion in 경북, creation in 대구); the Act's is 2023-07-01 (README).
    assert _periods(body) == [("4772000000", "1988-04-23", "2023-06-29"), ("2772000000", "2023-06-30", None)]
    assert [bodies[p.parent].names[-1].text for p in body.periods] == ["경상북도", "대구광역시"]


def test_cheongju_absorbs_cheongwon(bodies):
    body = bodies[_one("청주시")]
    assert _periods(body) == [("4311000000", "1988-04-23", None)]  # creation day from PublicDataReader
    cheongwon = bodies[_one("청원군")]
    assert _periods(cheongwon) == [("4371000000", "1988-04-23", "2014-06-30")]
    assert cheongwon.successors == [body.key]


def test_hwaseong_continues_with_its_districts(bodies):
    body = bodies[_one("화성시")]
    # 화성군 4175000000 (deleted 2001-03-21) became 화성시 4159000000; vos deletes 4159000000 on 2026-02-01, the
    # day its four districts (4159100000 ...) were created, which the generator reads as a continuing city.
    assert _periods(body) == [("4175000000", "1988-04-23", "2001-03-20"), ("4159000000", "2001-03-21", None)]


def test_gwangju_in_gyeonggi(bodies):
    body = bodies[_one("경기도 광주시")]
    assert _periods(body) == [("4179000000", "1988-04-23", "2001-03-20"), ("4161000000", "2001-03-21", None)]


def test_the_two_goseong(bodies):
    gangwon, gyeongnam = bodies[_one("강원 고성군")], bodies[_one("경남 고성군")]
    assert _periods(gangwon) == [("4282000000", "1988-04-23", "2023-06-08"), ("5182000000", "2023-06-09", None)]
    assert _periods(gyeongnam) == [("4882000000", "1988-04-23", None)]


def test_seeds_end_in_the_2026_merger(bodies):
    merged = bodies[_one("전남광주통합특별시")]
    assert _periods(merged) == [("1200000000", "2026-07-01", None)]
    for key in ("jeollanam-do", "gwangju"):
        assert bodies[key].end == "2026-06-30"
        assert bodies[key].successors == [merged.key]


def test_incheon_redrawn(bodies):
    names = {bodies[k].names[-1].text for k in bodies["lg-23110"].successors + bodies["lg-23260"].successors}
    assert names == {"제물포구", "영종구", "서해구", "검단구"}


CHANGES = """
PREFIX mg: <https://w3id.org/mougraph/ontology#>
SELECT ?change ?day (GROUP_CONCAT(DISTINCT STRAFTER(STR(?kind), "change-kind/"); separator=" ") AS ?kinds)
       (GROUP_CONCAT(DISTINCT ?fromName; separator=" ") AS ?from) (GROUP_CONCAT(DISTINCT ?toName; separator=" ") AS ?to)
WHERE {
    ?change a mg:AdministrativeChange ; mg:changeDate ?day ; mg:changeKind ?kind .
    OPTIONAL { ?change mg:changeFrom/mg:hasName/mg:nameText ?fromName }
    OPTIONAL { ?change mg:changeTo/mg:hasName/mg:nameText ?toName }
} GROUP BY ?change ?day
"""


@pytest.fixture(scope="module")
def changes():
    from mougraph.gazetteer.index import reference_files
    from mougraph.store import load_files

    graph = load_files(reference_files())
    return {(str(r.day), " ".join(sorted(str(r.to).split()))): (set(str(r.kinds).split()),
                                                                 set(str(r["from"]).split()))
            for r in graph.query(CHANGES)}


def test_one_change_for_the_2026_merger(changes):
    kinds, before = changes[("2026-07-01", "전남광주통합특별시")]
    assert before == {"전라남도", "광주광역시", "광주직할시"} and "merger" in kinds


def test_incheon_redrawn_as_one_change(changes):
    kinds, before = changes[("2026-07-01", "영종구 제물포구")]
    assert before == {"중구", "동구"} and {"merger", "split"} <= kinds
    kinds, before = changes[("2026-07-01", "검단구 서해구")]
    assert before == {"서구"} and "split" in kinds


def test_gunwi_transfer_and_changwon_merger(changes):
    assert changes[("2023-06-30", "군위군")][0] == {"transfer", "code-change"}
    kinds, before = changes[("2010-07-01", "창원시")]
    assert before == {"창원시", "마산시", "진해시"} and kinds == {"merger", "abolition"}  # the three end


def test_agency_codes_only_where_two_copies_agree():
    from rdflib import Literal, URIRef

    from mougraph.gazetteer.index import reference_files
    from mougraph.store import load_files
    from mougraph.vocab import MG

    graph = load_files(reference_files())
    jongno = URIRef(_iri := resolve("종로구").candidates[0].iri)
    assert graph.value(jongno, MG.adminAgencyCode) == Literal("3000000"), _iri
    # 부산 해운대구: one copy only (3330000 in find_pet), so no code
    haeundae = URIRef(resolve("해운대구").candidates[0].iri)
    assert graph.value(haeundae, MG.adminAgencyCode) is None
    assert graph.value(haeundae, MG.unconfirmedAdminAgencyCode) == Literal("3330000")  # marked, not a fact
    # 부산광역시 6260000: petner's orgCd and find_pet's uprCd of Busan's districts agree
    busan = URIRef(resolve("부산광역시").candidates[0].iri)
    assert graph.value(busan, MG.adminAgencyCode) == Literal("6260000")
    # 경기도 6410000: petner only, so no code
    gyeonggi = URIRef(resolve("경기도").candidates[0].iri)
    assert graph.value(gyeonggi, MG.adminAgencyCode) is None
    assert graph.value(gyeonggi, MG.unconfirmedAdminAgencyCode) == Literal("6410000")
    gangwon = URIRef(resolve("강원특별자치도").candidates[0].iri)
    assert graph.value(gangwon, MG.unconfirmedAdminAgencyCode) == Literal("6530000")
    gunwi = URIRef(resolve("군위군", on="2024-01-01").candidates[0].iri)
    assert graph.value(gunwi, MG.unconfirmedAdminAgencyCode) == Literal("5141000")
    # the other metropolitan cities' 50 districts and counties (find_pet), 경기도 and 강원특별자치도 (petner)
    unconfirmed = list(graph.subject_objects(MG.unconfirmedAdminAgencyCode))
    assert len(unconfirmed) == 50 + 2
    assert not {s for s, _ in unconfirmed} & {s for s, _ in graph.subject_objects(MG.adminAgencyCode)}
    codes = list(graph.subject_objects(MG.adminAgencyCode))
    # Seoul's 25 districts, 부산, 대구, 인천, 울산, and the six bodies of data/organisations.ttl
    assert len(codes) == 25 + 4 + 6


def test_special_case_cities_with_their_first_day():
    """특례시: 수원, 고양, 용인, 창원 from 2022-01-13 and 화성 from 2025-01-01, as two news articles each state
    (the articles are named in mougraph/gazetteer/curated.py); no other body, and the tier stays 시."""
    from mougraph.gazetteer.index import reference_files
    from mougraph.store import load_files
    from mougraph.vocab import MG

    graph = load_files(reference_files())
    found = {}
    for body, designation in graph.subject_objects(MG.hasDesignation):
        assert graph.value(designation, MG.validUntil) is None
        found[str(graph.value(body, MG.legalDongCode))] = (str(graph.value(designation, MG.validFrom)),
                                                           str(graph.value(body, MG.tier)).rsplit("/", 1)[-1])
    assert found == {"4111000000": ("2022-01-13", "city"), "4128000000": ("2022-01-13", "city"),
                     "4146000000": ("2022-01-13", "city"), "4812000000": ("2022-01-13", "city"),
                     "4159000000": ("2025-01-01", "city")}
