"""``validate``'s pySHACL options: -s (replacement shapes), --add-shapes, -e (an ontology mixed in), --focus and
--shape filters. Shapes and data below are invented for these tests; the SHACL specification says what each
must report (a sh:targetClass reaches the instances of its sub-classes, through rdfs:subClassOf in the data
graph, where -e puts the ontology)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.paths import ROOT

SHAPES = """\
# Invented for tests/cli: every ex:Thing needs an rdfs:label.
@prefix ex: <http://example.org/cli-test/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .
"""
DATA = """\
# Invented for tests/cli: one thing without a label, one of a sub-class without a label.
@prefix ex: <http://example.org/cli-test/> .
ex:plain a ex:Thing .
ex:special a ex:SpecialThing .
"""
ONTOLOGY = """\
# Invented for tests/cli.
@prefix ex: <http://example.org/cli-test/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:SpecialThing rdfs:subClassOf ex:Thing .
"""
#: a shipped-shapes fixture and what it breaks, as its own header says (tests/shapes/README.md)
FIXTURE = ROOT / "tests" / "shapes" / "invalid" / "agreement-commitment-untyped.ttl"
FIXTURE_FOCUS = "http://example.org/mougraph-test/agreement-commitment-untyped/agreement"
FIXTURE_SHAPE = "https://w3id.org/mougraph/shapes#Agreement-commitment"


def _files():
    for name, text in (("shapes.ttl", SHAPES), ("data.ttl", DATA), ("ontology.ttl", ONTOLOGY)):
        Path(name).write_text(text, encoding="utf-8")


def _focus_nodes(result) -> list[str]:
    return sorted(r["focusNode"] for r in json.loads(result.stdout)["results"])


def test_s_replaces_the_shipped_shapes(run_cli, home):
    _files()
    result = run_cli("validate", "data.ttl", "-s", "shapes.ttl", "-f", "json")
    assert result.exit_code == 1
    assert _focus_nodes(result) == ["http://example.org/cli-test/plain"]  # the shipped mini shapes are not used


def test_add_shapes_keeps_the_shipped_ones(run_cli, home):
    _files()
    Path("lonely.ttl").write_text(  # invented: breaks the mini shapes' mgsh:AgreementShape
        "@prefix mg: <https://w3id.org/mougraph/ontology#> .\n<http://example.org/cli-test/a> a mg:Agreement .\n",
        encoding="utf-8")
    result = run_cli("validate", "data.ttl", "lonely.ttl", "--add-shapes", "shapes.ttl", "-f", "json")
    # the mini shapes: two parties, a label (mini.shacl.ttl), a signing date (mini-recommended); and ours
    assert _focus_nodes(result) == ["http://example.org/cli-test/a"] * 3 + ["http://example.org/cli-test/plain"]
    assert run_cli("validate", "data.ttl", "-s", "shapes.ttl", "--add-shapes", "shapes.ttl").exit_code == 2


def test_e_mixes_an_ontology_in(run_cli, home):
    _files()
    result = run_cli("validate", "data.ttl", "-s", "shapes.ttl", "-e", "ontology.ttl", "-f", "json")
    assert _focus_nodes(result) == ["http://example.org/cli-test/plain", "http://example.org/cli-test/special"]


def test_focus_and_shape_filters(run_cli):
    focus = run_cli("validate", FIXTURE, "--focus", FIXTURE_FOCUS, "-f", "json", "--fail-on", "info")
    assert {r["focusNode"] for r in json.loads(focus.stdout)["results"]} == {FIXTURE_FOCUS}
    shape = run_cli("validate", FIXTURE, "--shape", "mgsh:Agreement-commitment", "-f", "json")
    assert shape.exit_code == 1
    assert [r["sourceShape"] for r in json.loads(shape.stdout)["results"]] == [FIXTURE_SHAPE]
    report = run_cli("validate", FIXTURE, "--shape", FIXTURE_SHAPE, "-f", "ttl")
    assert report.stdout.count("sh:ValidationResult") == 1
    unknown = run_cli("validate", FIXTURE, "--focus", "nosuchprefix:x")
    assert unknown.exit_code == 2 and "neither a full IRI nor a prefixed name" in unknown.stderr


def test_no_result_left_means_it_conforms(run_cli):
    result = run_cli("validate", FIXTURE, "--focus", "http://example.org/nothing-here", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["results"] == []
