"""Publishing under another base IRI moves every resource there (issue: one configurable base)."""

from rdflib import Graph, Literal, URIRef

from mougraph.publishing.site import DEFAULT_BASE, Site, rebase

NEW = "https://data.example.org/mougraph/"


def _graph() -> Graph:
    g = Graph()
    g.bind("gov", DEFAULT_BASE + "id/org/")
    seoul, sejong = URIRef(DEFAULT_BASE + "id/org/seoul"), URIRef(DEFAULT_BASE + "id/org/sejong")
    g.add((seoul, URIRef(DEFAULT_BASE + "ontology#cooperatesWith"), sejong))
    g.add((seoul, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("서울특별시", lang="ko")))
    g.add((seoul, URIRef("http://www.w3.org/2004/02/skos/core#exactMatch"), URIRef("http://www.wikidata.org/entity/Q8684")))
    return g


def test_rebase_moves_every_iri_under_the_default_base_and_nothing_else():
    moved = rebase(_graph(), NEW)
    assert len(moved) == 3
    assert not [t for triple in moved for t in triple if isinstance(t, URIRef) and t.startswith(DEFAULT_BASE)]
    seoul, sejong = URIRef(NEW + "id/org/seoul"), URIRef(NEW + "id/org/sejong")
    assert (seoul, URIRef(NEW + "ontology#cooperatesWith"), sejong) in moved
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
