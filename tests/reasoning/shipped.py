"""Shared helpers of the reasoning tests: the shipped graph, fixtures, and whether Java may be missing."""

from __future__ import annotations

import os
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from mougraph.store import load_files

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ONTOLOGY = sorted((ROOT / "ontology").glob("*.owl.ttl")) + sorted((ROOT / "ontology").glob("*.skos.ttl"))
DATA = sorted((ROOT / "data").glob("*.ttl"))
INCONSISTENT = sorted((HERE / "inconsistent").glob("*.ttl"))
CONSISTENT = sorted((HERE / "consistent").glob("*.ttl"))
TEST = URIRef("urn:test")

ID = "https://w3id.org/mougraph/id/"
MG = "https://w3id.org/mougraph/ontology#"

#: Tests that run HermiT need Java. Without it they skip, except on CI (CI=true), where Java must be there
#: (.ci/run installs default-jre-headless when it is missing).
needs_java = pytest.mark.skipif(
    shutil.which("java") is None and os.environ.get("CI") != "true",
    reason="Java not found: HermiT (owlready2) runs on Java; install default-jre-headless to run this test "
           "(on CI, with CI=true, the test runs and fails instead)")


@lru_cache(maxsize=None)
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
