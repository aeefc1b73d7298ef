"""Bodies under the name in force on a date, and a local government's history (issue 13 item 5).

Expected values come from data/reference/README.md and docs/gazetteer.md, which cite the legal district registry
(vos-data-utils 1.0.19): 전라남도 and 광주광역시 end on 2026-06-30, both succeeded by 전남광주통합특별시; 전라북도
became 전북특별자치도 on 2024-01-18 (tests/gazetteer/test_history.py). Dates are written as docs/dates.md and the
catalogue say ("2026년 6월 30일", "30 Jun 2026"). The agreements and the small town below are invented.
"""

from __future__ import annotations

import re

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, TIME, XSD

MG = Namespace("https://w3id.org/mougraph/ontology#")
GOV = Namespace("https://w3id.org/mougraph/id/org/")
AGR = Namespace("https://w3id.org/mougraph/id/agreement/")
INST = Namespace("https://w3id.org/mougraph/id/instant/")


def section(html: str, anchor: str) -> str:
    found = re.search(rf'<h2 id="{anchor}">.*?(?=<h2 |</section>)', html, re.S)
    assert found, f"no section {anchor}"
    return found.group(0)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def invented(graph) -> None:
    """Invented: Seoul's agreements with 전북 in 2015, 2025 and 2024 (the year of the rename), and with a town
    whose own names over time are in the data graph."""
    graph.add((GOV["lg-45000"], RDF.type, MG.LocalGovernment))
    graph.add((GOV["lg-45000"], RDFS.label, Literal("전북특별자치도", lang="ko")))
    graph.add((GOV["lg-45000"], RDFS.label, Literal("Jeonbuk State", lang="en")))
    town = GOV["invented-town"]
    graph.add((town, RDF.type, MG.LocalGovernment))
    graph.add((town, RDFS.label, Literal("새마을시", lang="ko")))
    graph.add((town, RDFS.label, Literal("Saemaeul City", lang="en")))
    for n, name, start, until in ((1, "옛마을군", "2000-01-01", "2019-12-31"), (2, "새마을시", "2020-01-01", None)):
        node = GOV[f"invented-town-name-{n}"]
        graph.add((town, MG.hasName, node))
        graph.add((node, MG.nameText, Literal(name, lang="ko")))
        graph.add((node, MG.validFrom, Literal(start, datatype=XSD.date)))
        if until:
            graph.add((node, MG.validUntil, Literal(until, datatype=XSD.date)))
    for year in ("2015", "2024", "2025"):
        graph.add((INST[year], RDF.type, TIME.Instant))
        graph.add((INST[year], TIME.inXSDgYear, Literal(year, datatype=XSD.gYear)))
    for key, party, day in (("jeonbuk-2015", GOV["lg-45000"], INST["2015"]),
                            ("jeonbuk-2024", GOV["lg-45000"], INST["2024"]),
                            ("jeonbuk-2025", GOV["lg-45000"], INST["2025"]),
                            ("town-2015", town, INST["2015"])):
        agreement = AGR["invented-seoul-" + key]
        graph.add((agreement, RDF.type, MG.Agreement))
        graph.add((agreement, RDFS.label, Literal(f"invented {key}", lang="ko")))
        graph.add((agreement, MG.party, GOV.seoul))
        graph.add((agreement, MG.party, party))
        graph.add((agreement, MG.date, day))


@pytest.fixture(scope="module")
def pages(web_home):
    import os

    from mougraph.publishing.documents import Publication
    from mougraph.store import load_all

    before = os.environ.get("MOUGRAPH_HOME")
    os.environ["MOUGRAPH_HOME"] = str(web_home)
    try:
        graph = load_all()
        invented(graph)
        pub = Publication(graph, static=True)
    finally:
        if before is None:
            os.environ.pop("MOUGRAPH_HOME")
        else:
            os.environ["MOUGRAPH_HOME"] = before

    def render(iri: URIRef, lang: str) -> str:
        path = "/" + str(iri).removeprefix("https://w3id.org/mougraph/")
        return pub.pages.resource(iri, lang, path + ("/index.html" if lang == "ko" else "/index.en.html"))
    return render


@pytest.mark.parametrize("lang, until, ended", [("ko", "2026년 6월 30일", "2026년 6월 30일까지 존속"),
                                                ("en", "30 Jun 2026", "Existed until 30 Jun 2026")])
def test_history_of_jeollanam_do_names_its_end_and_successor(pages, lang, until, ended):
    history = section(pages(GOV["jeollanam-do"], lang), "history")
    shown = text(history)
    assert "전라남도" in shown and "4600000000" in shown
    assert until in shown and ended in shown
    assert "전남광주통합특별시" in shown.split(ended, 1)[1]  # named as the successor, after the end


def test_history_of_a_renamed_body_shows_both_names_and_the_day(pages):
    shown = text(section(pages(GOV["lg-45000"], "en"), "history"))
    assert "전라북도" in shown and "전북특별자치도" in shown
    assert "17 Jan 2024" in shown and "18 Jan 2024" in shown  # the last day of the old name, the first of the new


def test_a_body_the_reference_graph_does_not_know_has_no_history(pages):
    assert '<h2 id="history">' not in pages(GOV["invented-town"], "en")
    assert '<h2 id="history">' not in pages(GOV["seoul-hrd-institute"], "en")


@pytest.mark.parametrize("lang, now", [("ko", "현 전북특별자치도"), ("en", "now Jeonbuk State")])
def test_a_renamed_party_shows_the_name_in_force_on_the_agreements_date(pages, lang, now):
    parties = re.search(r'<dd class="parties">(.*?)</dd>', pages(AGR["invented-seoul-jeonbuk-2015"], lang)).group(1)
    assert f"전라북도 ({now})" in text(parties)
    unchanged = re.search(r'<dd class="parties">(.*?)</dd>', pages(AGR["invented-seoul-jeonbuk-2025"], lang)).group(1)
    assert "전라북도" not in unchanged and "(" not in text(unchanged)
    # 2024 holds both names (renamed on 18 January): no name is claimed for the whole year
    both = re.search(r'<dd class="parties">(.*?)</dd>', pages(AGR["invented-seoul-jeonbuk-2024"], lang)).group(1)
    assert "전라북도" not in both


@pytest.mark.parametrize("lang, now", [("ko", "현 새마을시"), ("en", "now Saemaeul City")])
def test_the_data_graphs_own_names_come_first(pages, lang, now):
    parties = re.search(r'<dd class="parties">(.*?)</dd>', pages(AGR["invented-seoul-town-2015"], lang)).group(1)
    assert f"옛마을군 ({now})" in text(parties)


def test_the_partner_column_of_a_government_page_uses_the_name_then(pages):
    agreements = section(pages(GOV.seoul, "en"), "agreements")
    row = re.search(r"<tr>(?:(?!</tr>).)*invented jeonbuk-2015.*?</tr>", agreements, re.S).group(0)
    assert "전라북도 (now Jeonbuk State)" in text(row)
