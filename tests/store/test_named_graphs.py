"""Every load reads the triples of every named graph (TriG, N-Quads, JSON-LD) into the graph loaded: none is dropped."""

import pytest
from rdflib import Literal, URIRef

from mougraph import store
from mougraph.export import FORMATS, SUFFIXES, export, serialize

MG = "https://w3id.org/mougraph/ontology#"
ID = "https://w3id.org/mougraph/id/"
# the only violation (an agreement without parties and label) sits in a named graph
BAD_TRIG = f"""@prefix mg: <{MG}> . @prefix mgid: <{ID}> .
mgid:busan a mg:LocalGovernment .
mgid:extra-graph {{ mgid:bad-agreement a mg:Agreement . }}
"""
BAD_NQ = f"""<{ID}busan> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{MG}LocalGovernment> .
<{ID}bad-agreement> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{MG}Agreement> <{ID}graph/extra> .
"""
EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
# literals Oxigraph stores in another form ("1.50" as "1.5", a time stamp as xsd:dateTime, a nonNegativeInteger as
# xsd:integer), in named graphs
REWRITTEN = [
    (URIRef(EX + "a"), URIRef(EX + "p"), Literal("1.50", datatype=URIRef(XSD + "decimal"))),
    (URIRef(EX + "a"), URIRef(EX + "q"), Literal("2023-04-10T11:10:00+09:00", datatype=URIRef(XSD + "dateTimeStamp"))),
    (URIRef(EX + "b"), URIRef(EX + "p"), Literal("1", datatype=URIRef(XSD + "nonNegativeInteger"))),
]
REWRITTEN_NQ = f"""<{EX}a> <{EX}p> "1.50"^^<{XSD}decimal> <{EX}g1> .
<{EX}a> <{EX}q> "2023-04-10T11:10:00+09:00"^^<{XSD}dateTimeStamp> <{EX}g2> .
<{EX}b> <{EX}p> "1"^^<{XSD}nonNegativeInteger> .
<{EX}b> <{EX}p> "1"^^<{XSD}nonNegativeInteger> <{EX}g1> .
"""
REWRITTEN_TRIG = f"""@prefix ex: <{EX}> . @prefix xsd: <{XSD}> .
ex:g1 {{ ex:a ex:p "1.50"^^xsd:decimal . ex:b ex:p "1"^^xsd:nonNegativeInteger . }}
_:g2 {{ ex:a ex:q "2023-04-10T11:10:00+09:00"^^xsd:dateTimeStamp . }}
ex:b ex:p "1"^^xsd:nonNegativeInteger .
"""
BACKENDS = ["oxigraph", "memory", "persistent"]


def use(backend: str, tmp_path) -> list[str]:
    """Configure ``backend``; the global options that choose it on the command line."""
    if backend == "persistent":
        store.configure(directory=tmp_path / "store")
        return ["--store", str(tmp_path / "store")]
    store.configure(backend=backend)
    return ["--backend", backend]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name, text", [("bad.trig", BAD_TRIG), ("bad.nq", BAD_NQ)])
def test_a_violation_in_a_named_graph_is_found(home, tmp_path, run_cli, backend, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_cli(*use(backend, tmp_path), "validate", path)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "bad-agreement" in result.stdout and "does not conform" in result.stdout


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name, text", [("rewritten.nq", REWRITTEN_NQ), ("rewritten.trig", REWRITTEN_TRIG)])
def test_literals_in_named_graphs_read_back_as_written(tmp_path, backend, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    use(backend, tmp_path)
    for _ in range(2):  # a persistent store: loaded, then reopened
        graph = store.load_files([path])
        assert sorted(graph) == sorted(REWRITTEN)
        assert len(graph) == 3
        lines = serialize(graph, "nt").decode()
        assert '"1.50"^^' in lines and "nonNegativeInteger" in lines and "dateTimeStamp" in lines


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_quad_exports_of_the_shipped_data_load_back_as_the_same_graph(tmp_path, backend, fmt):
    store.configure(backend="oxigraph")
    shipped = store.load_all()
    path = tmp_path / f"mougraph{SUFFIXES[fmt]}"
    export(shipped, fmt, path)
    use(backend, tmp_path)
    again = store.load_files([path])
    assert len(again) == len(shipped)
    assert serialize(again, "nt") == serialize(shipped, "nt")  # canonical N-Triples: isomorphic


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_format_loads_back_as_the_same_graph(home, tmp_path, run_cli, backend, fmt):
    path = tmp_path / f"export{SUFFIXES[fmt]}"
    assert run_cli("--backend", backend, "export", "-f", fmt, "-o", path).exit_code == 0
    store.configure(backend=backend)
    exported, again = store.load_all(), store.load_files([path])
    assert len(again) == len(exported)
    assert serialize(again, "nt") == serialize(exported, "nt")


def test_the_quad_export_with_inferred_triples_loads_as_their_union(home, tmp_path, run_cli):
    from mougraph.reasoning.rules import materialise

    path = tmp_path / "inferred.nq"
    assert run_cli("export", "--inferred", "-o", path).exit_code == 0
    asserted = store.load_all()
    inferred = materialise(asserted).inferred
    assert len(inferred) > 0
    assert len(store.load_files([path])) == len(asserted) + len(inferred)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_json_ld_named_graph_is_read(tmp_path, backend):
    path = tmp_path / "named.jsonld"
    path.write_text('{"@context": {"ex": "http://example.org/"}, "@id": "ex:g", "ex:p": "in the default graph", '
                    '"@graph": [{"@id": "ex:c", "ex:p": {"@id": "ex:d"}}]}', encoding="utf-8")
    use(backend, tmp_path)
    assert sorted(store.load_files([path])) == [
        (URIRef(EX + "c"), URIRef(EX + "p"), URIRef(EX + "d")),
        (URIRef(EX + "g"), URIRef(EX + "p"), Literal("in the default graph"))]
