"""Every fact in data/ is traceable to the passage that states it, and the passages are the documents' own words.

The seed documents are read from ../shared/seeds (beside the repository); the tests that need them are marked
``needs_shared("seeds")`` and skip without it. The data is read with plain rdflib (:mod:`tests.support.oracle`).
"""

import pytest
import rdflib
from rdflib import RDF, Literal, Namespace

from tests.support.oracle import parse
from tests.support.paths import DATA_FILES, SEEDS

MG = Namespace("https://w3id.org/mougraph/ontology#")

needs_seeds = pytest.mark.needs_shared("seeds")


@pytest.fixture(scope="module")
def data() -> rdflib.Graph:
    return parse(*DATA_FILES)


def _seed_passages(g):
    for passage in g.subjects(RDF.type, MG.Passage):
        doc = g.value(passage, MG.inDocument)
        source_file = g.value(doc, MG.sourceFile)
        if source_file is not None:
            yield passage, str(source_file), int(g.value(passage, MG.line)), str(g.value(passage, MG.quote))


@needs_seeds
def test_every_passage_quotes_its_line_verbatim(data):
    passages = list(_seed_passages(data))
    assert len(passages) > 60
    lines = {}
    for passage, source_file, line, quote in passages:
        text = lines.setdefault(source_file, (SEEDS / source_file).read_text(encoding="utf-8").split("\n"))
        assert 1 <= line <= len(text), f"{passage}: line {line} is outside {source_file}"
        assert text[line - 1].strip() == quote, f"{passage}: quote differs from {source_file} line {line}"


@needs_seeds
def test_every_non_clutter_line_of_the_documents_is_a_passage(data):
    """Every line that carries text in the press release, and in the news article up to its last paragraph, is in
    the graph; the rest of the article is page clutter (see the document's skos:note)."""
    have = {(f, line) for _, f, line, _ in _seed_passages(data)}
    press = (SEEDS / "press-release-2023-04-10.txt").read_text(encoding="utf-8").split("\n")
    news = (SEEDS / "news-article-2023-04-10.txt").read_text(encoding="utf-8").split("\n")
    expected = {("press-release-2023-04-10.txt", i) for i, t in enumerate(press, 1) if t.strip()}
    expected |= {
        ("news-article-2023-04-10.txt", i)
        for i, t in enumerate(news[:37], 1)
        if t.strip() and not t.strip().startswith("•")
    }
    assert expected - have == set()


def test_every_passage_is_cited(data):
    uncited = [p for p in data.subjects(RDF.type, MG.Passage) if (None, MG.statedIn, p) not in data]
    assert uncited == []


def test_every_cited_source_is_a_passage_or_a_document(data):
    kinds = {MG.Passage, MG.SourceDocument, MG.PressRelease, MG.NewsArticle}
    bad = [(s, o) for s, o in data.subject_objects(MG.statedIn) if not set(data.objects(o, RDF.type)) & kinds]
    assert bad == []


def _quotes_by_document(g, resource):
    by_doc = {}
    for passage in g.objects(resource, MG.statedIn):
        doc = g.value(passage, MG.inDocument)
        if doc is not None:
            by_doc.setdefault(doc, []).append(str(g.value(passage, MG.quote)))
    return by_doc


def test_asserted_wordings_are_in_every_document_that_states_them(data):
    """A wording asserted on a resource (not disputed) is found verbatim in each document citing the resource."""
    checked = 0
    for resource, wording in data.subject_objects(MG.wording):
        for doc, quotes in _quotes_by_document(data, resource).items():
            assert any(str(wording) in q for q in quotes), f"{resource}: {wording!r} not in any passage of {doc}"
            checked += 1
    assert checked >= 20


def test_claimed_wordings_are_in_the_claims_passage(data):
    claims = list(data.subjects(RDF.type, MG.Claim))
    assert len(claims) >= 10
    for claim in claims:
        value = data.value(claim, RDF.object)
        if isinstance(value, Literal) and value.language:  # a wording, quoted from the passage
            quotes = [q for qs in _quotes_by_document(data, claim).values() for q in qs]
            assert any(str(value) in q for q in quotes), f"{claim}: {value!r} is not in its passage"


def test_disputed_values_are_not_asserted(data):
    """Where sources disagree, the resource carries no value of the disputed property other than those every
    claim's source agrees on."""
    for conflict in data.subjects(RDF.type, MG.Conflict):
        about, prop = data.value(conflict, MG.about), data.value(conflict, MG.onProperty)
        claims = list(data.objects(conflict, MG.claimOf))
        per_source = {}
        for claim in claims:
            doc_lines = tuple(sorted(str(p) for p in data.objects(claim, MG.statedIn)))
            per_source.setdefault(doc_lines, set()).add(data.value(claim, RDF.object))
        agreed = set.intersection(*per_source.values())
        asserted = set(data.objects(about, prop))
        assert asserted <= agreed, f"{conflict}: {about} asserts a disputed {prop}: {asserted - agreed}"
