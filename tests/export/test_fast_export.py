"""The fast exports: sorted N-Triples lines through pyoxigraph's serialisers (ttl, trig, xml) and our JSON-LD
compactor, read back by rdflib.

Most tests run on the shipped ontology and data (not the ``home`` fixture), with the triples the rules infer.
"""

import difflib
import importlib
import json
import os
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from mougraph import MougraphError, store
from mougraph.export.jsonld import Compactor, Unsupported
from mougraph.export.ntriples import Source
from mougraph.export.writers import rdflib_jsonld
from mougraph.reasoning import rules
from mougraph.synth import synth

# the module, not the function mougraph.export re-exports
export_module = importlib.import_module("mougraph.export")
DATA_GRAPH, INFERRED_GRAPH, FORMATS = export_module.DATA_GRAPH, export_module.INFERRED_GRAPH, export_module.FORMATS
serialize, export, export_many = export_module.serialize, export_module.export, export_module.export_many

READ_BACK = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}
EX = "http://example.org/t/"
#: Literals as written, escapes, blank nodes (shared, nested, in lists), RDF lists (one as a type), an empty list,
#: IRIs that need escaping in Turtle local names, language maps with several values.
EDGE_TTL = r'''@prefix ex: <http://example.org/t/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
ex:a ex:p "tab\there \\ \"q\"\r\nnl" , "01"^^xsd:integer , "1.50"^^xsd:decimal , "1"^^xsd:nonNegativeInteger ,
    "2023-04-10T11:10:00+09:00"^^xsd:dateTimeStamp , "20x6"^^xsd:gYear , "PT10M"^^xsd:duration , "0"^^xsd:boolean ,
    "plain" , "한국어"@ko , "x _:y ."@en , """multi
line "quoted" text""" , [ ex:q "b" ] ;
    ex:list ( ex:x "y" ( ex:z ) 3 ) ; ex:empty () ;
    rdfs:label "A"@en , "가"@ko , "plain label" , "B"@en .
_:n ex:p _:m . _:m ex:p "1"^^xsd:int .
ex:c a owl:Class , ex:D ; owl:unionOf ( ex:d ex:e ) .
ex:odd a ( ex:t ) .
ex:shared ex:p _:s . ex:other ex:p _:s . _:s ex:q "shared" .
<urn:isbn:0451450523> ex:p <http://example.org/t/a%20b> , <http://example.org/t/a/b#c> .
<http://example.org/t/über> ex:p "ü" .
'''


@pytest.fixture(scope="module")
def shipped():
    """The shipped ontology + data (Oxigraph) and the triples the rules infer from them."""
    graph = store.load_all()
    inferred = rules.infer(graph)
    assert len(inferred) and store.is_oxigraph(graph)
    return graph, inferred


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / "g.nt"
    synth(3000, path, seed=5)
    return store.load_data([path])


def union(*graphs: Graph) -> Graph:
    out = Graph()
    for graph in graphs:
        out += graph
    return out


def named_graphs(data: bytes, fmt: str) -> dict:
    ds = Dataset()
    ds.parse(data=data, format=READ_BACK[fmt])
    return {g.identifier: g for g in ds.graphs() if len(g)}


def read_back(data: bytes, fmt: str) -> Graph:
    if fmt in ("nq", "trig"):
        graphs = named_graphs(data, fmt)
        assert set(graphs) == {DATA_GRAPH}
        return graphs[DATA_GRAPH]
    return Graph().parse(data=data, format=READ_BACK[fmt])


def edge_graph(tmp_path, backend: str, text: str = EDGE_TTL) -> Graph:
    path = tmp_path / "edge.ttl"
    path.write_text(text, encoding="utf-8")
    store.configure(backend=backend)
    return store.load_files([path])


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_shipped_data_with_inferred_triples_reads_back_isomorphic(shipped, fmt):
    graph, inferred = shipped
    data = serialize(graph, fmt, inferred=inferred)
    if fmt in ("nq", "trig"):
        graphs = named_graphs(data, fmt)
        assert set(graphs) == {DATA_GRAPH, INFERRED_GRAPH}
        assert isomorphic(graphs[DATA_GRAPH], graph)
        assert isomorphic(graphs[INFERRED_GRAPH], inferred)
    else:
        assert isomorphic(Graph().parse(data=data, format=READ_BACK[fmt]), union(graph, inferred))
    assert serialize(graph, fmt, inferred=inferred) == data  # the same bytes again


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_synthetic_graph_reads_back_isomorphic(synthetic, fmt):
    data = serialize(synthetic, fmt)
    assert isomorphic(read_back(data, fmt), synthetic)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_both_backends_give_the_same_bytes_and_read_back(tmp_path, fmt):
    graphs = {backend: edge_graph(tmp_path, backend) for backend in ("memory", "oxigraph")}
    outputs = {backend: serialize(graph, fmt) for backend, graph in graphs.items()}
    assert outputs["memory"] == outputs["oxigraph"]
    for graph in graphs.values():
        assert isomorphic(read_back(outputs["memory"], fmt), graph)


def test_control_characters_survive_where_the_format_can_hold_them(tmp_path):
    graph = edge_graph(tmp_path, "oxigraph", EDGE_TTL + 'ex:bell ex:p "\\u0007bell \\u000cff" .\n')
    for fmt in ("ttl", "nt", "trig", "jsonld"):  # XML 1.0 cannot hold U+0007
        assert isomorphic(read_back(serialize(graph, fmt), fmt), graph), fmt


def test_trig_and_nquads_with_inferred_triples_are_the_same_bytes_in_every_process():
    """Regression: TriG put the named graphs in an order that changed with the hash seed."""
    code = ("import sys, mougraph; from mougraph import store; from mougraph.reasoning import rules; "
            "g = store.load_all(); i = rules.infer(g); "
            "sys.stdout.buffer.write(b''.join(mougraph.export(g, f, inferred=i) for f in ('trig', 'nq', 'jsonld')))")
    outputs = [subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                              capture_output=True, check=True).stdout for seed in ("1", "3")]  # 3 flipped them
    assert outputs[0] == outputs[1]
    trig = outputs[0].decode("utf-8")
    assert 0 < trig.index(f"<{DATA_GRAPH}> {{") < trig.index(f"<{INFERRED_GRAPH}> {{")  # in the order of the names


def test_jsonld_compaction_agrees_with_rdflib(shipped):
    """Our compactor writes what rdflib's JSON-LD serialiser writes with the same context, but in sorted order."""
    graph, _inferred = shipped
    context = export_module.load_context()
    ours = json.loads(serialize(graph, "jsonld"))
    theirs = json.loads(rdflib_jsonld(export_module.stable_graph(graph), context))

    def normal(value):
        if isinstance(value, dict):
            return {k: normal(v) for k, v in value.items()}
        if isinstance(value, list):
            return sorted((normal(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        return value

    assert ours["@context"] == theirs["@context"] == context
    assert normal(ours["@graph"]) == normal(theirs["@graph"])
    text = serialize(graph, "jsonld").decode("utf-8")
    assert '"@list": [' in text  # OWL lists folded, as rdflib does
    assert '"label": {' in text and '"@type": "Agreement"' in text


def test_jsonld_falls_back_to_rdflib_for_a_context_it_does_not_compact(tmp_path):
    graph = edge_graph(tmp_path, "oxigraph")
    vocab = {"@vocab": EX, "xsd": "http://www.w3.org/2001/XMLSchema#"}
    data = serialize(graph, "jsonld", context=vocab)
    assert data == rdflib_jsonld(export_module.stable_graph(graph), vocab)
    assert isomorphic(read_back(data, "jsonld"), graph)
    # "urn" as a term would make <urn:isbn:...> read back as a compact IRI: rdflib writes that graph
    ambiguous = {"urn": "http://example.org/urn/", "ex": EX}
    with pytest.raises(Unsupported):
        Compactor(ambiguous).nodes(Source(graph).lines())
    assert serialize(graph, "jsonld", context=ambiguous) == rdflib_jsonld(
        export_module.stable_graph(graph), ambiguous)


def test_turtle_is_sorted_and_diff_friendly(tmp_path):
    graph = edge_graph(tmp_path, "oxigraph")
    before = serialize(graph, "ttl").decode("utf-8").splitlines()
    header = [line for line in before if line.startswith("PREFIX ")]
    assert header == sorted(header) and before[len(header)] == ""
    assert "PREFIX sh:" not in "\n".join(header)  # bound on the graph, not used
    graph.add((URIRef(EX + "c"), URIRef(EX + "note"), Literal("added")))
    after = serialize(graph, "ttl").decode("utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) <= 3, changed  # one predicate per line: the subject's last line and a new one


def test_export_many_writes_what_export_writes(shipped, tmp_path):
    graph, inferred = shipped
    targets = {fmt: tmp_path / f"g{export_module.SUFFIXES[fmt]}" for fmt in FORMATS}
    written = export_many(graph, targets, inferred=inferred)
    assert written == targets
    for fmt, path in targets.items():
        assert path.read_bytes() == export(graph, fmt, inferred=inferred), fmt
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in targets.values())  # no temp files


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_empty_graph(fmt):
    store.configure(backend="oxigraph")
    assert len(read_back(serialize(store.new_graph(), fmt), fmt) if fmt not in ("nq", "trig") else
               Dataset().parse(data=serialize(store.new_graph(), fmt), format=READ_BACK[fmt])) == 0


def test_xml_refuses_a_property_that_has_no_xml_name():
    graph = Graph()
    graph.add((URIRef(EX + "s"), URIRef("http://example.org/123"), Literal("x")))
    with pytest.raises(MougraphError, match="RDF/XML cannot name the property <http://example.org/123>"):
        serialize(graph, "xml")
