"""The DL reasoner (mougraph.reasoning.hermit: owlready2 + HermiT) and ``mougraph reason``.

Which facts are compared with the rule engine is defined in mougraph.reasoning.entailment: class memberships of named
individuals in named classes, and object property values between named individuals for the ontology's object
properties and the properties they are declared sub-properties of. Both sets must be equal, exactly.
"""

from __future__ import annotations

import json
import sys

import owlready2
import pytest

from mougraph.errors import ReasonerError
from mougraph.reasoning.entailment import TYPE, graph_facts, scope_of
from mougraph.reasoning.hermit import reason, reasoner_input
from mougraph.reasoning.rules import materialise
from tests.reasoning.expected import (
    COOPERATES_WITH,
    COVERS_DOMAIN,
    LINEAGE,
    MG,
    PARTY_TO,
    SEOUL_PARTNERS,
    TYPES,
    org,
    pairs,
)
from tests.reasoning.shipped import (
    CONSISTENT,
    HERE,
    INCONSISTENT,
    check_culprits,
    shipped,
    strip_expectations,
    with_fixture,
)

UNSATISFIABLE_TTL = """
@prefix mg: <https://w3id.org/mougraph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/mougraph-test/reasoning/> .
ex:AgreementGovernment a owl:Class ; rdfs:subClassOf mg:Agreement , mg:LocalGovernment .
"""


@pytest.fixture(scope="module")
def hermit():
    return reason(shipped())


@pytest.fixture(scope="module")
def rule_facts():
    graph = shipped()
    return graph_facts(scope_of(graph), graph, materialise(graph).inferred)


def test_reasoner_input_maps_what_hermit_rejects():
    prepared = reasoner_input(shipped())
    datatypes = {o.datatype for _s, _p, o in prepared.graph if hasattr(o, "datatype") and o.datatype}
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert not datatypes & {f"{xsd}date", f"{xsd}gYear", f"{xsd}duration"}
    dropped = {(str(s), str(o)) for s, _p, o in prepared.dropped}
    assert (MG + "plannedDuration", f"{xsd}duration") in dropped
    assert (MG + "onProperty", "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property") in dropped
    assert prepared.mapped_literals > 10 and prepared.distinct > 200


@pytest.mark.java
def test_shipped_graph_is_consistent_and_coherent(hermit):
    assert hermit.consistent and hermit.coherent and hermit.ok
    assert hermit.unsatisfiable == [] and hermit.culprits == []


@pytest.mark.java
def test_reasoner_infers_the_facts_of_the_documents(hermit):
    facts = hermit.facts
    assert {o for s, o in pairs(facts, MG + "cooperatesWith") if s == org("seoul")} == SEOUL_PARTNERS
    assert pairs(facts, MG + "cooperatesWith") == COOPERATES_WITH
    assert pairs(facts, MG + "partyTo") == PARTY_TO
    assert pairs(facts, MG + "descendsFrom") == LINEAGE
    assert pairs(facts, MG + "coversDomain") == COVERS_DOMAIN
    assert {(s, o) for s, p, o in facts if p == TYPE} >= TYPES


@pytest.mark.java
def test_rule_inferences_equal_the_reasoners_exactly(hermit, rule_facts):
    only_rules, only_reasoner = rule_facts - hermit.facts, hermit.facts - rule_facts
    assert not only_rules and not only_reasoner, (
        f"rules only: {sorted(only_rules)[:10]}\nreasoner only: {sorted(only_reasoner)[:10]}")
    asserted = graph_facts(scope_of(shipped()), shipped())
    assert len(hermit.facts - asserted) > 300  # the comparison is about inferred facts, not only asserted ones


@pytest.mark.java
def test_reasoner_follows_lineage_through_sub_properties():
    graph = with_fixture(HERE / "consistent" / "lineage-of-three-agreements.ttl")[0]
    report = reason(graph)
    rules = graph_facts(scope_of(graph), graph, materialise(graph).inferred)
    agr = "https://w3id.org/mougraph/id/agreement/"
    assert (agr + "x-2020", MG + "descendsFrom", agr + "x-2010") in report.facts
    assert report.facts == rules


@pytest.mark.slow  # HermiT on every fixture
@pytest.mark.java
@pytest.mark.parametrize("path", CONSISTENT, ids=lambda p: p.stem)
def test_each_consistent_fixture_is_consistent_and_rules_agree(path):
    """HermiT finds each graph of consistent/ consistent and coherent, with exactly the rule engine's facts."""
    graph = with_fixture(path)[0]
    report = reason(graph)
    assert report.consistent and report.coherent, report.culprits
    assert report.facts == graph_facts(scope_of(graph), graph, materialise(graph).inferred)


def test_reserved_terms_as_object_property_values_are_left_out_of_the_reasoners_input():
    """Regression: a conflict about rdfs:label (an annotation property) made HermiT print rdfs:label abbreviated
    among mg:onProperty's values, and owlready2 crashed reading it back (ValueError: not enough values to
    unpack). Such values, reserved by OWL 2 DL, are dropped from HermiT's input; the claims themselves stay."""
    graph = with_fixture(HERE / "consistent" / "conflict-about-a-label.ttl")[0]
    prepared = reasoner_input(graph)
    rdfs_label = "http://www.w3.org/2000/01/rdf-schema#label"
    on_property = [(str(s), str(o)) for s, p, o in prepared.dropped if str(p) == MG + "onProperty"]
    assert on_property == [("https://w3id.org/mougraph/id/conflict/x-busan-ulsan-2024-name", rdfs_label)]
    assert not [t for t in prepared.graph.triples((None, None, None))
                if str(t[1]) == MG + "onProperty" and str(t[2]) == rdfs_label]
    predicates = {str(o) for s, p, o in prepared.graph if str(p).endswith("#predicate")}
    assert rdfs_label in predicates  # rdf:predicate is not an object property: the claims are kept as they are


@pytest.mark.java
def test_reason_on_a_conflict_about_a_label_exits_0(run_cli, tmp_path):
    fixture = strip_expectations(HERE / "consistent" / "conflict-about-a-label.ttl", tmp_path / "fixture.ttl")
    result = run_cli("reason", "-f", "json", fixture)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["consistent"] is True


class _Culprit:
    def __init__(self, doc):
        self.kind, self.individuals, self.message = doc["kind"], tuple(doc["individuals"]), doc["message"]


@pytest.mark.slow  # HermiT on every fixture
@pytest.mark.java
@pytest.mark.parametrize("path", INCONSISTENT, ids=lambda p: p.stem)
def test_reason_exits_1_on_each_inconsistent_fixture_naming_the_culprits(path, run_cli, tmp_path):
    """``mougraph reason --data FIXTURE``: HermiT finds it inconsistent; individuals and axioms are named."""
    _graph, expect = with_fixture(path)
    result = run_cli("reason", "-f", "json", strip_expectations(path, tmp_path / path.name))
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert doc["reasoner"] == "HermiT" and doc["consistent"] is False
    check_culprits([_Culprit(c) for c in doc["culprits"]], expect, path.name)


@pytest.mark.java
def test_unsatisfiable_class_is_named_and_exits_1(run_cli, tmp_path):
    path = tmp_path / "unsat.ttl"
    path.write_text(UNSATISFIABLE_TTL, encoding="utf-8")
    result = run_cli("reason", "-f", "json", path)
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    cls = "https://example.org/mougraph-test/reasoning/AgreementGovernment"
    assert doc["consistent"] is True and doc["coherent"] is False
    assert [c["class"] for c in doc["unsatisfiableClasses"]] == [cls]
    assert "below mg:Agreement and mg:Organisation" in doc["unsatisfiableClasses"][0]["reason"]
    table = run_cli("reason", path)
    assert table.exit_code == 1 and "1 unsatisfiable" in table.stdout and "ex:AgreementGovernment" in table.stdout


def test_cli_rule_based_check_needs_no_java(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    assert run_cli("reason", "--reasoner", "rules").exit_code == 0
    fixture = strip_expectations(HERE / "inconsistent" / "agreement-that-is-a-local-government.ttl",
                                 tmp_path / "fixture.ttl")
    result = run_cli("reason", "--reasoner", "rules", fixture)
    assert result.exit_code == 1
    assert "ex:busan-ulsan is both mg:Agreement (asserted) and mg:Organisation" in result.stdout


def test_without_java_reason_says_so_and_exits_2(run_cli, monkeypatch):
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    result = run_cli("reason")
    assert result.exit_code == 2
    assert "mougraph: error: Java was not found" in result.stderr
    assert "--reasoner rules" in result.stderr
    with pytest.raises(ReasonerError):
        reason(shipped())


def _fake_java(folder, body: str):
    """A stand-in for the java command (a Python script), so these tests need no Java."""
    fake = folder / "java"
    fake.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    fake.chmod(0o755)
    return str(fake)


def test_reasoner_crash_is_an_error_with_its_message(run_cli, monkeypatch, tmp_path):
    java = _fake_java(tmp_path, "sys.stderr.write('Exception in thread \"main\" java.lang.OutOfMemoryError: "
                                "Java heap space\\n'); sys.exit(3)")
    monkeypatch.setattr(owlready2, "JAVA_EXE", java)
    result = run_cli("reason")
    assert result.exit_code == 2
    assert "HermiT failed" in result.stderr and "OutOfMemoryError: Java heap space" in result.stderr


def test_reasoner_timeout_is_an_error(run_cli, monkeypatch, tmp_path):
    monkeypatch.setattr(owlready2, "JAVA_EXE", _fake_java(tmp_path, "time.sleep(5)"))
    result = run_cli("reason", "--timeout", "0.5")
    assert result.exit_code == 2
    assert "did not finish within 0.5 s" in result.stderr


IMPORTS_TTL = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://example.org/mougraph-test/reasoning/onto> a owl:Ontology ; owl:imports <{url}/imported.owl> .
"""


def test_owl_imports_are_left_out_and_never_downloaded(listener):
    from rdflib import Graph
    from rdflib.namespace import OWL

    from mougraph.reasoning.hermit import load_world

    graph = Graph().parse(data=IMPORTS_TTL.format(url=listener.url), format="turtle")
    prepared = reasoner_input(graph)
    assert (None, OWL.imports, None) not in prepared.graph
    assert [str(o) for _s, p, o in prepared.dropped if p == OWL.imports] == [f"{listener.url}/imported.owl"]
    load_world(prepared.graph).close()
    assert listener.connections() == 0


@pytest.mark.java
def test_reason_notes_the_imports_it_leaves_out(tmp_path, listener, run_cli, monkeypatch):
    monkeypatch.setenv("MOUGRAPH_HOME", str(HERE.parents[1]))
    path = tmp_path / "imports.ttl"
    path.write_text(IMPORTS_TTL.format(url=listener.url), encoding="utf-8")
    result = run_cli("reason", path)
    assert listener.connections() == 0
    assert result.exit_code == 0, result.stderr
    assert f"note: owl:imports <{listener.url}/imported.owl> left out" in result.stderr
