"""Inferred triples in ``mougraph build`` exports, ``mougraph export --inferred`` and ``mougraph query --inferred``.

Runs on the test project (tests/fixtures/home): two agreements of Seoul, with Busan and with Daejeon, so the
rules infer that Seoul cooperates with Busan and Daejeon (and they with Seoul), nothing else.
"""

from rdflib import Dataset, Graph, URIRef

from mougraph import build

ID = "https://w3id.org/mougraph/id/"
COOPERATES = URIRef("https://w3id.org/mougraph/ontology#cooperatesWith")
DATA_GRAPH, INFERRED_GRAPH = URIRef(f"{ID}graph/data"), URIRef(f"{ID}graph/inferred")
PAIRS = {(URIRef(f"{ID}seoul"), URIRef(f"{ID}busan")), (URIRef(f"{ID}busan"), URIRef(f"{ID}seoul")),
         (URIRef(f"{ID}seoul"), URIRef(f"{ID}daejeon")), (URIRef(f"{ID}daejeon"), URIRef(f"{ID}seoul"))}


def _graphs(path):
    ds = Dataset()
    ds.parse(path, format="nquads" if path.suffix == ".nq" else "trig")
    return {g.identifier: g for g in ds.graphs() if len(g)}


def test_build_keeps_inferred_triples_in_their_own_named_graph(run_cli, home, tmp_path):
    result = run_cli("build", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "triples inferred by the rules" in result.stdout
    for name in ("mougraph.nq", "mougraph.trig"):
        graphs = _graphs(tmp_path / "out" / name)
        assert set(graphs) == {DATA_GRAPH, INFERRED_GRAPH}, name
        assert set(graphs[INFERRED_GRAPH].subject_objects(COOPERATES)) == PAIRS
        assert not set(graphs[DATA_GRAPH].subject_objects(COOPERATES))
        assert not any(t in graphs[DATA_GRAPH] for t in graphs[INFERRED_GRAPH])
    merged = Graph().parse(tmp_path / "out" / "mougraph.ttl")
    assert set(merged.subject_objects(COOPERATES)) == PAIRS
    assert len(merged) == len(Graph().parse(tmp_path / "out" / "mougraph.nt"))


def test_build_without_inferred_triples(run_cli, home, tmp_path):
    result = run_cli("build", "--no-inferred", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert set(_graphs(tmp_path / "out" / "mougraph.nq")) == {DATA_GRAPH}
    assert not set(Graph().parse(tmp_path / "out" / "mougraph.ttl").subject_objects(COOPERATES))
    report = build(tmp_path / "again", inferred=False)
    assert report.inferred is None


def test_export_and_query_take_inferred_on_request(run_cli, home):
    plain = run_cli("export", "-f", "nq")
    assert plain.exit_code == 0 and str(INFERRED_GRAPH) not in plain.stdout
    inferred = run_cli("export", "-f", "nq", "--inferred")
    assert inferred.exit_code == 0 and f"<{INFERRED_GRAPH}>" in inferred.stdout

    sparql = ("PREFIX mg: <https://w3id.org/mougraph/ontology#> "
              "SELECT ?partner WHERE { <https://w3id.org/mougraph/id/seoul> mg:cooperatesWith ?partner } "
              "ORDER BY ?partner")
    assert run_cli("query", sparql, "-f", "csv").stdout.split() == ["partner"]
    answer = run_cli("query", sparql, "-f", "csv", "--inferred")
    assert answer.exit_code == 0, answer.output
    assert answer.stdout.split() == ["partner", f"{ID}busan", f"{ID}daejeon"]
