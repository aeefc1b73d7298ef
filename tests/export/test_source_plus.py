"""``Source.plus``: a graph's sorted lines shared by documents that each add a few triples (a published
resource's four documents) give the bytes of serialising the graph with those triples added."""

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, RDF, RDFS

from mougraph.export import serialize, serialize_source
from mougraph.export.ntriples import Source
from mougraph.store import Backend, merge, using

EX = Namespace("https://w3id.org/mougraph/id/org/")


def described() -> Graph:
    g = Graph(bind_namespaces="none")
    g.bind("rdfs", RDFS)
    g.bind("foaf", FOAF)
    seoul, node = EX.seoul, BNode()
    g.add((seoul, RDFS.label, Literal("서울특별시", lang="ko")))
    g.add((seoul, RDFS.label, Literal("Seoul", lang="en")))
    g.add((seoul, EX.note, node))  # a blank node: its label must not change with the added lines
    g.add((node, RDFS.comment, Literal("line\none")))
    return g


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_a_source_plus_lines_is_the_graph_with_them(backend):
    with using(Backend(backend)):
        graph = merge(described())
        source = Source(graph)
        for fmt in ("ttl", "jsonld", "nt", "xml"):
            doc = URIRef(f"https://w3id.org/mougraph/id/org/seoul/index.{fmt}")
            extra = Graph(bind_namespaces="none")
            extra.add((doc, RDF.type, FOAF.Document))
            extra.add((doc, FOAF.primaryTopic, EX.seoul))
            whole = merge(graph, extra)
            for prefix, ns in graph.namespaces():
                whole.bind(prefix, ns, override=True, replace=True)
            assert serialize_source(source.plus(extra), fmt) == serialize(whole, fmt), fmt
        assert source.plus(Graph()).lines() == source.lines()
