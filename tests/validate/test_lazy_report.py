"""The fast engine's report graph is made when first read; the rows name its copies of the shapes' blank nodes
as the graph does (``report_copies`` numbers them in the order ``report_graph`` copies them)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from mougraph.store import load_shapes
from mougraph.validation import fast, validate

INVALID = sorted((Path(__file__).parents[1] / "shapes" / "invalid").glob("*.ttl"))


def test_the_report_is_made_when_read_and_matches_the_rows():
    result = validate(paths=[str(p) for p in INVALID[:12]], fail_on="violation")
    assert result.engine == "fast" and result.results
    assert not isinstance(result._report, Graph)  # not made yet
    graph = result.report_graph
    assert isinstance(result._report, Graph) and result.report_graph is graph  # made once
    reported = {(row.focus_node, row.source_shape, row.path) for row in result.results}
    in_graph = {(graph.value(n, SH.focusNode), graph.value(n, SH.sourceShape), graph.value(n, SH.resultPath))
                for n in graph.objects(None, SH.result)}
    assert reported == in_graph


def test_report_copies_are_the_copies_of_report_graph():
    shapes = fast.ShapesGraph(load_shapes())
    data = Graph()
    for path in INVALID:
        data.parse(path)
    with fast.dataset_of(data, None) as dataset:
        outcome = fast.validate(dataset, shapes)
    for results in (outcome.results, list(reversed(outcome.results))):  # another order numbers them otherwise
        copies = fast.report_copies(results, shapes.graph)
        assert copies and copies == fast.report_graph(results, shapes.graph)[1]


def test_report_copies_number_shapes_paths_and_constraints_in_order():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix : <urn:x:> .
        :S sh:property [ sh:path ( :p [ sh:inversePath :q ] ) ; sh:sparql [ sh:select "SELECT $this WHERE {}" ] ] .
        :T sh:sparql [ sh:select "SELECT $this WHERE { $this :p ?x }" ] .
        """, format="turtle")
    prop = shapes.value(None, SH.path, any=False)
    [shape] = shapes.subjects(SH.path, prop)
    [own] = shapes.objects(shape, SH.sparql)
    other = next(c for c in shapes.objects(None, SH.sparql) if c != own)
    path = shapes.value(shape, SH.path)
    made = [fast.FastResult(SH.Violation, URIRef("urn:x:a"), None, None, URIRef("urn:x:T"),
                            SH.SPARQLConstraintComponent, (), other),
            fast.FastResult(SH.Violation, URIRef("urn:x:a"), path, None, shape, SH.SPARQLConstraintComponent,
                            (), own)]
    copies = fast.report_copies(made, shapes)
    assert len(copies) >= 6
    assert copies == fast.report_graph(made, shapes)[1]
