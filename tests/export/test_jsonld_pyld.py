"""Our JSON-LD compactor against PyLD, an implementation of the W3C JSON-LD 1.1 algorithms.

PyLD compacts the same graph with the same context file. Both documents are expanded and turned back into RDF
by PyLD, and compared with each other and with the graph as RDF graphs: on the shipped ontology and data, and
on a synthetic graph. PyLD reads the context from ``ontology/`` through a document loader that serves that one
file and refuses every other URL, so the test never reaches the network.
"""

import json

import pytest
from pyld import jsonld
from rdflib import Graph
from rdflib.compare import isomorphic

from mougraph import store
from mougraph.export import CONTEXT_FILE, serialize
from mougraph.io import resource_dir
from mougraph.synth import synth

CONTEXT_URL = "https://w3id.org/mougraph/ontology/context.jsonld"


def local_loader(url, options=None):
    """PyLD's document loader: the context file for :data:`CONTEXT_URL`, an error for any other URL."""
    if url != CONTEXT_URL:
        raise jsonld.JsonLdError(f"not loading {url}: only {CONTEXT_URL} is served, from the context file",
                                 "jsonld.LoadDocumentError", {"url": url}, code="loading document failed")
    document = json.loads((resource_dir("ontology") / CONTEXT_FILE).read_text(encoding="utf-8"))
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}


OPTIONS = {"documentLoader": local_loader}


@pytest.fixture(autouse=True)
def no_network_loader():
    """Whatever PyLD loads without our loader fails too."""
    default = jsonld.get_document_loader()
    jsonld.set_document_loader(jsonld.dummy_document_loader())
    yield
    jsonld.set_document_loader(default)


def as_rdf(document) -> Graph:
    """The RDF graph of a JSON-LD document, as PyLD reads it (expanded, then to N-Quads)."""
    nquads = jsonld.to_rdf(jsonld.expand(document, OPTIONS), {**OPTIONS, "format": "application/n-quads"})
    return Graph().parse(data=nquads, format="nt")  # a line in a named graph would not parse as N-Triples


def pyld_compacted(graph: Graph) -> dict:
    """PyLD's compaction of ``graph`` with the context file (read from its URL)."""
    expanded = jsonld.from_rdf(graph.serialize(format="nt"), {"format": "application/n-quads"})
    return jsonld.compact(expanded, CONTEXT_URL, OPTIONS)


def check_against_pyld(graph: Graph) -> None:
    ours = json.loads(serialize(graph, "jsonld"))
    theirs = pyld_compacted(graph)
    assert theirs["@context"] == CONTEXT_URL
    assert ours["@context"] == local_loader(CONTEXT_URL)["document"]["@context"]  # the same context, inline
    mine, pylds = as_rdf(ours), as_rdf(theirs)
    assert len(mine) == len(graph)
    assert isomorphic(mine, pylds)
    assert isomorphic(mine, graph)


def test_the_loader_serves_the_context_file_and_nothing_else():
    assert local_loader(CONTEXT_URL)["document"]["@context"]["mg"] == "https://w3id.org/mougraph/ontology#"
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://example.org/other.jsonld", "@id": "https://example.org/a"}, OPTIONS)
    with pytest.raises(jsonld.JsonLdError):  # nor does PyLD's default loader reach the network
        jsonld.expand({"@context": CONTEXT_URL, "@id": "https://example.org/a"})


def test_shipped_graph_compacts_as_pyld_compacts_it():
    check_against_pyld(store.load_all())


@pytest.mark.slow  # PyLD on a few thousand triples
def test_synthetic_graph_compacts_as_pyld_compacts_it(tmp_path):
    path = tmp_path / "g.nt"
    synth(3000, path, seed=11)
    graph = store.load_data([path])
    assert len(graph) > 2500
    check_against_pyld(graph)
