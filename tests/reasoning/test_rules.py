"""The rule-based materialisation (mougraph.reasoning.rules) and diagnosis (mougraph.reasoning.diagnose).

No Java needed."""

from __future__ import annotations

from itertools import pairwise

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF

from mougraph import MougraphError
from mougraph.reasoning.diagnose import diagnose, unsatisfiable
from mougraph.reasoning.entailment import TYPE, graph_facts, scope_of
from mougraph.reasoning.rules import load_rules, materialise
from tests.reasoning.expected import COOPERATES_WITH, COVERS_DOMAIN, LINEAGE, MG, PARTY_TO, TYPES, agreement, pairs
from tests.reasoning.shipped import HERE, INCONSISTENT, check_culprits, shipped, with_fixture

CONSISTENT_DIR = HERE / "consistent"

@pytest.fixture(scope="module")
def materialised():
    graph = shipped()
    return graph, materialise(graph)


@pytest.fixture(scope="module")
def rule_facts(materialised):
    graph, result = materialised
    return graph_facts(scope_of(graph), graph, result.inferred)


def test_rules_are_sparql_construct_files():
    names = [rule.name for rule in load_rules()]
    assert names == sorted(names) and "20-cooperates-with" in names and "07-transitive" in names
    assert all(rule.text.lstrip().startswith("#") and "CONSTRUCT" in rule.text for rule in load_rules())


def test_inferred_graph_is_apart_new_and_a_fixpoint(materialised):
    graph, result = materialised
    inferred = result.inferred
    assert len(inferred) > 500
    assert not any(triple in graph for triple in inferred), "an asserted triple in the inferred graph"
    assert not any(isinstance(t, BNode) for triple in inferred for t in triple), "a blank node was inferred"
    assert (None, RDF.type, OWL.Thing) not in inferred
    again = materialise(graph + inferred)
    assert len(again.inferred) == 0, sorted(again.inferred)[:5]
    assert result.passes >= 2  # the last pass adds nothing


def test_expected_relations_are_inferred_exactly(rule_facts):
    assert pairs(rule_facts, MG + "cooperatesWith") == COOPERATES_WITH
    assert pairs(rule_facts, MG + "partyTo") == PARTY_TO
    assert pairs(rule_facts, MG + "descendsFrom") == LINEAGE
    assert pairs(rule_facts, MG + "buildsOn") == LINEAGE
    assert pairs(rule_facts, "http://www.w3.org/ns/prov#wasDerivedFrom") == LINEAGE
    assert pairs(rule_facts, MG + "coversDomain") == COVERS_DOMAIN
    assert {(s, o) for s, p, o in rule_facts if p == TYPE} >= TYPES


def test_no_one_cooperates_with_itself(materialised):
    _graph, result = materialised
    assert not [(s, o) for s, o in result.inferred.subject_objects(URIRef(MG + "cooperatesWith")) if s == o]


def test_transitive_lineage_goes_through_sub_properties():
    graph = with_fixture(CONSISTENT_DIR / "lineage-of-three-agreements.ttl", data=True)[0]
    inferred = materialise(graph).inferred
    descends = set(inferred.subject_objects(URIRef(MG + "descendsFrom")))
    a = URIRef(agreement("x-2020")), URIRef(agreement("x-2015")), URIRef(agreement("x-2010"))
    assert {(a[0], a[1]), (a[1], a[2]), (a[0], a[2])} <= descends


def test_longer_property_chains_are_refused():
    graph = shipped() + Graph().parse(data="""
        @prefix mg: <https://w3id.org/mougraph/ontology#> .
        mg:coversTheme <http://www.w3.org/2002/07/owl#propertyChainAxiom>
            ( mg:listsDomain mg:domainConcept <http://www.w3.org/2004/02/skos/core#broader> ) .
        """, format="turtle")
    with pytest.raises(MougraphError, match="chains of two only"):
        materialise(graph)


def test_shipped_graph_has_no_culprit_and_no_unsatisfiable_class():
    graph = shipped()
    assert diagnose(graph) == []
    assert unsatisfiable(graph) == []


@pytest.mark.parametrize("path", INCONSISTENT, ids=lambda p: p.stem)
def test_diagnosis_names_the_culprits_of_each_inconsistent_fixture(path):
    graph, expect = with_fixture(path)
    check_culprits(diagnose(graph), expect, path.name)


def test_culprit_check_can_fail():
    graph, expect = with_fixture(INCONSISTENT[0])
    with pytest.raises(AssertionError):
        check_culprits([], expect, "empty")
    other = next(p for p in INCONSISTENT if "two-dates" in p.name)
    with pytest.raises(AssertionError):
        check_culprits(diagnose(with_fixture(other)[0]), expect, "another fixture's culprits")


def test_queries_can_use_inferred_facts(run_cli, monkeypatch):
    """``mougraph query --inferred`` answers from the asserted and the inferred triples together."""
    from tests.reasoning.expected import SEOUL_PARTNERS

    monkeypatch.delenv("MOUGRAPH_HOME", raising=False)
    partners = ("PREFIX mg: <https://w3id.org/mougraph/ontology#> SELECT ?partner WHERE { "
                "<https://w3id.org/mougraph/id/org/seoul> mg:cooperatesWith ?partner } ORDER BY ?partner")
    assert run_cli("query", partners, "-f", "csv").stdout.split() == ["partner"]
    result = run_cli("query", partners, "-f", "csv", "--inferred")
    assert result.exit_code == 0, result.output
    assert set(result.stdout.split()[1:]) == SEOUL_PARTNERS
    # a shipped competency query gives its expected answer on the union too
    from mougraph.query import compare_expected, expected_path, query, resolve_query

    run = query("cq01", graph=shipped(), inferred=True)
    assert compare_expected(run, expected_path(resolve_query("cq01"))) is None


# --- the Oxigraph engine against the rdflib reference ------------------------------------------------------

def _triples(graph: Graph) -> set:
    return set(graph)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """Ontology + a synthetic graph of about 4,000 triples (agreements, lineage, donations, ...)."""
    from mougraph.synth import synth

    path = tmp_path_factory.mktemp("synth") / "synth.nt"
    synth(4000, path, seed=3)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_fast_engine_derives_what_the_reference_derives(synthetic, backend):
    from mougraph.store import load_files
    from tests.reasoning.shipped import ONTOLOGY

    graph = load_files([*ONTOLOGY, synthetic]) if backend == "oxigraph" else Graph().parse(synthetic)
    if backend == "memory":
        for path in ONTOLOGY:
            graph.parse(path)
    before = _triples(graph)
    fast, reference = materialise(graph), materialise(graph, engine="rdflib")
    assert _triples(graph) == before, "materialise changed its input graph"
    assert len(reference.inferred) > 1000
    assert _triples(fast.inferred) == _triples(reference.inferred)
    assert sum(fast.by_rule.values()) == len(fast.inferred)


@pytest.mark.slow
def test_fast_engine_on_a_persistent_store_leaves_it_as_it_was(synthetic, tmp_path):
    """A persistent store's graph is read with USING; nothing is written to it, no scratch graph is left."""
    import pyoxigraph as ox

    from mougraph import store as stores
    from tests.reasoning.shipped import ONTOLOGY

    with stores.using(stores.Backend(directory=tmp_path / "store")):
        graph = stores.load_files([*ONTOLOGY, synthetic])
        names = set(graph.store.inner.named_graphs())
        size = len(graph)
        result = materialise(graph)
        assert len(graph) == size and set(graph.store.inner.named_graphs()) == names
        assert graph.identifier != ox.DefaultGraph() and len(result.inferred) > 1000
        assert _triples(result.inferred) == _triples(materialise(graph, engine="rdflib").inferred)


def test_rules_that_are_not_one_triple_constructs_are_refused(tmp_path):
    (tmp_path / "01-two.rq").write_text("CONSTRUCT { ?s ?p ?o . ?o ?p ?s } WHERE { ?s ?p ?o }", encoding="utf-8")
    with pytest.raises(MougraphError, match="exactly one triple pattern"):
        materialise(shipped(), load_rules(tmp_path))


def test_linear_rules_are_told_apart():
    """Only rules with one data atom are evaluated on the new triples alone (semi-naive)."""
    linear = {rule.name: rule.linear for rule in load_rules()}
    assert linear["03-domain"] and linear["01-subclass"] and linear["05-inverse"]
    assert not linear["07-transitive"] and not linear["20-cooperates-with"] and not linear["08-property-chain"]


def test_unknown_engine_is_refused():
    with pytest.raises(MougraphError, match="unknown rule engine"):
        materialise(shipped(), engine="owlrl")


def test_transitive_closure_of_a_long_chain_needs_old_and_new_triples():
    """Eight agreements in a line: the fast engine must join derived links with asserted ones (all 28 pairs)."""
    from mougraph.store import load_files
    from tests.reasoning.shipped import ONTOLOGY

    graph = load_files(ONTOLOGY)
    chain = [URIRef(agreement(f"chain-{i}")) for i in range(8)]
    for later, earlier in pairwise(chain):
        graph.add((later, URIRef(MG + "descendsFrom"), earlier))
    inferred = materialise(graph).inferred
    descends = set(graph.subject_objects(URIRef(MG + "descendsFrom"))) | set(
        inferred.subject_objects(URIRef(MG + "descendsFrom")))
    assert descends == {(chain[i], chain[j]) for i in range(8) for j in range(i + 1, 8)}


def test_a_derived_literal_keeps_the_form_written_on_its_sub_property(tmp_path):
    """Regression: the written form came from any triple of the same subject and stored value."""
    from mougraph.store import load_files

    data = tmp_path / "literals.ttl"
    data.write_text("""
        @prefix ex: <http://example.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:sub rdfs:subPropertyOf ex:sup .
        ex:s ex:sub "1"^^xsd:decimal ; ex:other "1.0"^^xsd:decimal .
        ex:t ex:sub "1.0"^^xsd:decimal ; ex:other "1.00"^^xsd:decimal .
        """, encoding="utf-8")
    graph = load_files([data])
    fast, reference = materialise(graph), materialise(graph, engine="rdflib")
    assert _triples(fast.inferred) == _triples(reference.inferred)
    sup = URIRef("http://example.org/sup")
    assert {str(o) for o in fast.inferred.objects(None, sup)} == {"1", "1.0"}


def test_a_rule_with_a_path_over_data_is_not_linear(tmp_path):
    """Regression: ``?x ex:parent+ ?y`` was taken for one data atom, and chains of old and new links were lost."""

    ancestor = tmp_path / "a-ancestor.rq"
    ancestor.write_text("PREFIX ex: <http://example.org/>\n"
                        "CONSTRUCT { ?x ex:ancestor ?y } WHERE { ?x ex:parent+ ?y }", encoding="utf-8")
    mother = tmp_path / "b-mother.rq"
    mother.write_text("PREFIX ex: <http://example.org/>\n"
                      "CONSTRUCT { ?x ex:parent ?y } WHERE { ?x ex:mother ?y }", encoding="utf-8")
    rules = load_rules(tmp_path)
    assert [r.linear for r in rules] == [False, True]
    from mougraph.store import new_graph

    ex = "http://example.org/"
    graph = new_graph("oxigraph")
    for s, p, o in (("b", "parent", "c"), ("c", "parent", "d"), ("a", "mother", "b")):
        graph.add((URIRef(ex + s), URIRef(ex + p), URIRef(ex + o)))
    fast, reference = materialise(graph, rules), materialise(graph, rules, engine="rdflib")
    assert _triples(fast.inferred) == _triples(reference.inferred)
    assert (URIRef(ex + "a"), URIRef(ex + "ancestor"), URIRef(ex + "d")) in fast.inferred


def test_comments_around_a_rule_do_not_break_its_rewriting(tmp_path):
    (tmp_path / "01-commented.rq").write_text(
        "# CONSTRUCT { in a comment }\nPREFIX ex: <http://example.org/>\n"
        "CONSTRUCT { ?x ex:q ?y } WHERE { ?x ex:p ?y }\n# a comment after the rule\n", encoding="utf-8")
    from mougraph.store import new_graph

    graph = new_graph("oxigraph")
    graph.add((URIRef("http://example.org/a"), URIRef("http://example.org/p"), URIRef("http://example.org/b")))
    assert len(materialise(graph, load_rules(tmp_path)).inferred) == 1
