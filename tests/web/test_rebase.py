"""Publishing under another base IRI moves every resource there (issue: one configurable base).

Only the data's resources move (``{base}id/...``); the ontology's terms keep their IRIs, so the pages still
know a government from an agreement (issue 15: under another base they had fallen back to the generic page).
"""

import re

import pytest
from rdflib import Graph, Literal, URIRef

from mougraph.publishing.site import DEFAULT_BASE, Site, rebase
from mougraph.vocab import MG
from tests.support.cli import invoke

NEW = "https://data.example.org/mougraph/"


def _graph() -> Graph:
    g = Graph()
    g.bind("gov", DEFAULT_BASE + "id/org/")
    seoul, sejong = URIRef(DEFAULT_BASE + "id/org/seoul"), URIRef(DEFAULT_BASE + "id/org/sejong")
    g.add((seoul, URIRef(DEFAULT_BASE + "ontology#cooperatesWith"), sejong))
    g.add((seoul, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("서울특별시", lang="ko")))
    g.add((seoul, URIRef("http://www.w3.org/2004/02/skos/core#exactMatch"), URIRef("http://www.wikidata.org/entity/Q8684")))
    return g


def test_rebase_moves_the_data_and_keeps_the_ontology_terms():
    moved = rebase(_graph(), NEW)
    assert len(moved) == 3
    assert not [t for triple in moved for t in triple if isinstance(t, URIRef) and t.startswith(DEFAULT_BASE + "id/")]
    seoul, sejong = URIRef(NEW + "id/org/seoul"), URIRef(NEW + "id/org/sejong")
    assert (seoul, MG.cooperatesWith, sejong) in moved
    assert not [t for triple in moved for t in triple if isinstance(t, URIRef) and t.startswith(NEW + "ontology")]
    assert (URIRef(NEW + "id/org/seoul"), None, URIRef("http://www.wikidata.org/entity/Q8684")) in moved
    assert dict(moved.namespaces())["gov"] == URIRef(NEW + "id/org/")


def test_rebased_graph_has_its_resources_at_the_new_base():
    site = Site(rebase(_graph(), NEW), base=NEW)
    assert set(site.resources) == {"/id/org/seoul"}  # resources are the subjects
    assert Site(_graph(), base=NEW).resources == {}  # without rebasing nothing would be published


def test_rebase_to_the_default_base_is_the_same_graph():
    g = _graph()
    assert rebase(g, DEFAULT_BASE) is g


def test_rebased_graph_is_in_the_configured_store():
    """The endpoint of a site published under another base answers with Oxigraph's engine, as without one."""
    from mougraph.store import backend, is_oxigraph

    assert backend() != "oxigraph" or is_oxigraph(rebase(_graph(), NEW))


# Each kind of page and the sections the issue asks of it, by element id and heading, in Korean and English.
# The pages are the seeds' (data/): Seoul, the Seoul-Sejong agreement of 2023, Seoul's mayor who signed it,
# the press release it is read from, and the theme "culture, arts and sports" that its domains fall under.
KIND_PAGES = {
    "id/org/seoul": {"history": ("연혁", "History"), "agreements": ("협약", "Its agreements"),
                     "signers": ("서명한 사람", "People who signed for it")},
    "id/agreement/seoul-sejong-2023": {"domains": ("협력 분야", "Cooperation domains"),
                                       "commitments": ("약속", "Commitments"),
                                       "signatures": ("서명", "Signatures"), "lineage": ("계승", "Lineage")},
    "id/person/oh-se-hoon": {"terms": ("맡은 직위", "Offices held"), "signed": ("서명한 협약", "Agreements signed")},
    "id/source/press-release-2023-04-10": {"passages": ("문서의 줄", "Its passages")},
    "id/domain/culture-sports": {"agreements": ("이 분야의 협약", "Agreements in this domain"),
                                 "parties": ("이 분야의 당사자", "Parties in this domain")},
}


def _headings(html: str) -> dict[str, str]:
    """Section id -> its heading's text (tags stripped)."""
    return {m[1]: re.sub(r"<[^>]+>", "", m[2]) for m in re.finditer(r'<h[23] id="([^"]+)">(.*?)</h[23]>', html, re.S)}


def _assert_sections(pages: dict[str, tuple[str, str]]) -> None:
    for path, sections in KIND_PAGES.items():
        for lang_index, html in enumerate(pages[path]):
            found = _headings(html)
            for section, words in sections.items():
                assert section in found, (path, lang_index, section, sorted(found))
                assert words[lang_index] in found[section], (path, section, found[section])


@pytest.mark.slow
def test_published_under_another_base_every_kind_keeps_its_sections(web_home, tmp_path, monkeypatch):
    monkeypatch.setenv("MOUGRAPH_HOME", str(web_home))
    out = tmp_path / "site"
    result = invoke("publish", "--base-iri", NEW, "-o", out)
    assert result.exit_code == 0, result.output
    pages = {path: ((out / path / "index.html").read_text(), (out / path / "index.en.html").read_text())
             for path in KIND_PAGES}
    _assert_sections(pages)
    turtle = (out / "id/org/seoul/index.ttl").read_text()
    assert f"<{NEW}id/org/seoul>" in turtle or "gov:seoul" in turtle
    assert DEFAULT_BASE + "id/" not in turtle  # the data moved; the ontology's terms (mg:) did not
    assert 'href="../../../ontology/index.html#LocalGovernment"' in pages["id/org/seoul"][0]


def test_served_under_another_base_every_kind_keeps_its_sections(in_web_home):
    """``serve --base-iri`` renders from the same Publication, without the static site's extras."""
    from mougraph import load_all
    from mougraph.publishing.documents import Publication

    pub = Publication(load_all(), base=NEW, static=False)
    pages = {path: tuple(pub.resource_html(URIRef(NEW + path), lang, f"/{path}/{name}").decode()
                         for lang, name in (("ko", "index.html"), ("en", "index.en.html")))
             for path in KIND_PAGES}
    _assert_sections(pages)
