"""The drafts of the two seed documents against what the hand-curated data/ states of them.

Expectations are read from data/ with SPARQL (never from the extractor): the parties, dates, signatories,
domain concepts by position, earlier agreements and donations of the agreements that cite each document.
"""

from __future__ import annotations

import pytest

P = """PREFIX mg: <https://w3id.org/mougraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
DOC = {"press-release": "press-release-2023-04-10", "news-article": "news-article-2023-04-10"}
DRAFT = "https://w3id.org/mougraph/id/draft/"


def rows(graph, query, **bind):
    text = P + query
    for name, value in bind.items():
        text = text.replace(f"${name}", value)
    return {tuple(str(v) for v in row) for row in graph.query(text)}


def current_in_data(data_graph, doc):
    """The 2023 agreements of data/ that a passage of ``doc`` states (the earlier ones are dated before)."""
    return rows(data_graph, """SELECT ?a WHERE { ?a a mg:Agreement ; mg:statedIn ?p ; mg:date ?i .
        ?i time:inXSDDate ?d . ?p mg:inDocument ?doc . FILTER (STRENDS(STR(?doc), "$doc")) }""", doc=doc)


def parties_of(graph, agreements):
    out = {}
    for (a,) in agreements:
        out[a] = frozenset(p for (p,) in rows(graph, "SELECT ?p WHERE { <$a> mg:party ?p }", a=a))
    return out


def draft_agreements(graph, name):
    return rows(graph, """SELECT ?a WHERE { ?a a mg:Agreement ; mg:party ?x .
        FILTER (STRSTARTS(STR(?a), "$base") && CONTAINS(STR(?a), "/agreement-")) }""", base=DRAFT + DOC[name])


def matched(data_graph, graph, name):
    """data agreement -> draft agreement, matched by their parties."""
    ours = parties_of(graph, draft_agreements(graph, name))
    theirs = parties_of(data_graph, current_in_data(data_graph, DOC[name]))
    by_parties = {v: k for k, v in ours.items()}
    return {a: by_parties.get(p) for a, p in theirs.items()}


@pytest.mark.parametrize("name", sorted(DOC))
def test_parties(drafts, data_graph, name):
    _, graph, _ = drafts[name]
    pairs = matched(data_graph, graph, name)
    assert len(pairs) == 2 and all(pairs.values()), pairs
    assert len(draft_agreements(graph, name)) == 2


@pytest.mark.parametrize("name", sorted(DOC))
def test_dates(drafts, data_graph, name):
    _, graph, _ = drafts[name]
    for theirs, ours in matched(data_graph, graph, name).items():
        assert rows(graph, "SELECT ?i WHERE { <$a> mg:date ?i }", a=ours) == \
            rows(data_graph, "SELECT ?i WHERE { <$a> mg:date ?i }", a=theirs)


SIGNATORIES = "SELECT ?who ?org WHERE { <$a> mg:signature ?s . ?s mg:signatory ?who ; mg:onBehalfOf ?org }"


@pytest.mark.parametrize("name", sorted(DOC))
def test_signatories(drafts, data_graph, name):
    _, graph, _ = drafts[name]
    for theirs, ours in matched(data_graph, graph, name).items():
        expected = rows(data_graph, SIGNATORIES, a=theirs)
        assert expected and rows(graph, SIGNATORIES, a=ours) == expected


DOMAINS = "SELECT ?n ?c WHERE { <$a> mg:listsDomain ?l . ?l mg:position ?n ; mg:domainConcept ?c }"


@pytest.mark.parametrize("name", sorted(DOC))
def test_domain_items(drafts, data_graph, name):
    _, graph, _ = drafts[name]
    for theirs, ours in matched(data_graph, graph, name).items():
        expected = rows(data_graph, DOMAINS, a=theirs)
        assert len(expected) == 7
        assert rows(graph, DOMAINS, a=ours) == expected
        assert rows(graph, "SELECT ?n WHERE { <$a> mg:statedDomainCount ?n }", a=ours) == \
            rows(data_graph, "SELECT ?n WHERE { <$a> mg:statedDomainCount ?n }", a=theirs)


def test_earlier_agreements_link_to_the_graph(drafts, data_graph):
    """The press release's earlier agreements are those of data/ (no second 2016 Seoul–Sejong agreement)."""
    _, graph, _ = drafts["press-release"]
    expected = rows(data_graph, """SELECT ?a WHERE { ?a a mg:Agreement ; mg:statedIn ?p ; mg:date ?i .
        ?i time:inXSDgYear ?y . ?p mg:inDocument ?doc . FILTER (STRENDS(STR(?doc), "press-release-2023-04-10")) }""")
    assert len(expected) == 5
    found = rows(graph, "SELECT ?a WHERE { ?a a mg:Agreement . FILTER (!STRSTARTS(STR(?a), \"$d\")) }", d=DRAFT)
    assert found == expected
    minted = rows(graph, "SELECT ?a WHERE { ?a a mg:Agreement . FILTER (CONTAINS(STR(?a), \"/earlier-\")) }")
    assert minted == set()
    relations = "SELECT ?old WHERE { <$a> mg:strengthens ?old }"
    for theirs, ours in matched(data_graph, graph, "press-release").items():
        assert rows(graph, relations, a=ours) == rows(data_graph, relations, a=theirs)


DONATIONS = """SELECT ?donor ?to ?mutual WHERE { ?x a mg:Donation ; mg:donor ?donor ; mg:recipient ?to ;
    mg:atEvent ?e ; mg:mutual ?mutual . <$a> mg:signingEvent ?e }"""


@pytest.mark.parametrize("name", sorted(DOC))
def test_donations(drafts, data_graph, name):
    _, graph, _ = drafts[name]
    for theirs, ours in matched(data_graph, graph, name).items():
        expected = rows(data_graph, DONATIONS, a=theirs)
        assert len(expected) == 2
        assert rows(graph, DONATIONS, a=ours) == expected


def test_the_article_signed_sejong_and_announced_daejeon(drafts, data_graph):
    _, graph, _ = drafts["news-article"]
    for theirs, ours in matched(data_graph, graph, "news-article").items():
        assert rows(graph, "SELECT ?s WHERE { <$a> mg:status ?s }", a=ours) == \
            rows(data_graph, "SELECT ?s WHERE { <$a> mg:status ?s }", a=theirs)


def test_the_schedule_rows(drafts, data_graph):
    """The press release's schedule: the times of the talks and the arrival as data/ records them."""
    _, graph, _ = drafts["press-release"]
    query = """SELECT ?b ?end ?open WHERE { ?e a ?t ; time:hasBeginning ?b ; mg:openToPress ?open .
        OPTIONAL { ?e time:hasEnd ?end } VALUES ?t { mg:Meeting mg:Arrival } }"""
    assert rows(graph, query) == rows(data_graph, query)


def test_a_later_document_is_flagged_as_a_possible_duplicate(drafts):
    draft, _, _ = drafts["press-release"]
    assert sum(q.what == "duplicate" for q in draft.questions) == 2


def test_commitments_are_in_a_listed_domain_of_their_agreement(drafts, data_graph):
    """data/ records commitments in every listed domain of the Seoul–Sejong MOU; the draft finds them there."""
    _, graph, _ = drafts["press-release"]
    for theirs, ours in matched(data_graph, graph, "press-release").items():
        expected = rows(data_graph, """SELECT DISTINCT ?n WHERE { <$a> mg:commitment ?c . ?c mg:inDomain ?l .
            ?l mg:position ?n }""", a=theirs)
        found = rows(graph, """SELECT DISTINCT ?n WHERE { <$a> mg:commitment ?c . ?c mg:inDomain ?l .
            <$a> mg:listsDomain ?l . ?l mg:position ?n }""", a=ours)
        assert found and found <= expected
        assert len(found) >= len(expected) - 1
