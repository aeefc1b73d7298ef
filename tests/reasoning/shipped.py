"""Shared helpers of the reasoning tests: the shipped graph, fixtures and the culprits they expect.

The tests that run HermiT carry the marker ``java`` (skipped without Java, except on CI: tests/conftest.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef

from mougraph.store import load_files
from tests.support.paths import DATA_FILES as DATA, ONTOLOGY_FILES as ONTOLOGY

HERE = Path(__file__).resolve().parent
INCONSISTENT = sorted((HERE / "inconsistent").glob("*.ttl"))
CONSISTENT = sorted((HERE / "consistent").glob("*.ttl"))
TEST = URIRef("urn:test")

ID = "https://w3id.org/mougraph/id/"
MG = "https://w3id.org/mougraph/ontology#"

@cache
def shipped() -> Graph:
    """Ontology + SKOS + data of the repository (read from the checkout, whatever MOUGRAPH_HOME says)."""
    return load_files([*ONTOLOGY, *DATA])


def with_fixture(path: Path, *, data: bool = False) -> tuple[Graph, Graph]:
    """(ontology [+ shipped data] + fixture without its <urn:test> triples, the expectation triples)."""
    graph = load_files([*ONTOLOGY, *(DATA if data else [])])
    fixture = Graph().parse(path)
    expect = Graph()
    for triple in fixture.triples((TEST, None, None)):
        expect.add(triple)
    fixture.remove((TEST, None, None))
    for prefix, ns in fixture.namespaces():
        graph.bind(prefix, ns, override=True)
    graph += fixture
    return graph, expect


def strip_expectations(path: Path, target: Path) -> Path:
    """Write the fixture without its <urn:test> triples to ``target`` (for the command line)."""
    fixture = Graph().parse(path)
    fixture.remove((TEST, None, None))
    fixture.serialize(target, format="turtle")
    return target


def _expectations(expect: Graph) -> tuple[str, set, list]:
    kind = str(expect.value(URIRef("urn:test"), URIRef("urn:expect-kind")))
    individuals = {str(o) for o in expect.objects(None, URIRef("urn:expect-individual"))}
    mentions = [str(o) for o in expect.objects(None, URIRef("urn:expect-mention"))]
    return kind, individuals, mentions


def check_culprits(culprits, expect: Graph, name: str) -> None:
    kind, individuals, mentions = _expectations(expect)
    listing = "\n  ".join(c.message for c in culprits) or "(none)"
    matching = [c for c in culprits if c.kind == kind and individuals <= set(c.individuals)]
    assert matching, f"{name}: no {kind} culprit naming {individuals}; got:\n  {listing}"
    for text in mentions:
        assert any(text in c.message for c in matching), f"{name}: no culprit says '{text}'; got:\n  {listing}"
