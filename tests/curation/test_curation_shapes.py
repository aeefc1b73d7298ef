"""Tests of the curator rules (ontology/mougraph-curation.shacl.ttl), run with pySHACL directly.

Same conventions as tests/shapes (see its README.md and tests/curation/README.md): fixtures are validated with
tests/shapes/context.ttl and the ontology merged in, inference 'none', SHACL-SPARQL enabled; an invalid fixture
declares the shape, focus node, severity (and optionally the value) of the result it must produce, with
``<urn:test>`` triples that are removed before validating, and must produce no violation from any other shape
on its own nodes. The shapes are the three shipped files together, as ``mougraph validate`` loads them.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
CURATION = ONTOLOGY_DIR / "mougraph-curation.shacl.ttl"
SHAPES = [ONTOLOGY_DIR / "mougraph.shacl.ttl", ONTOLOGY_DIR / "mougraph-recommended.shacl.ttl", CURATION]
CONTEXT = ROOT / "tests" / "shapes" / "context.ttl"
VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))
OTHER_VALID = sorted((ROOT / "tests" / "shapes" / "valid").glob("*.ttl"))  # the core shapes' valid fixtures

MGSH = Namespace("https://w3id.org/mougraph/shapes#")
TEST = URIRef("urn:test")
EXPECT = {name: URIRef(f"urn:expect-{name}") for name in ("shape", "focus", "severity", "value")}


def parse(*paths) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=None)
def ontology() -> Graph:
    return parse(*sorted(ONTOLOGY_DIR.glob("*.owl.ttl")), *sorted(ONTOLOGY_DIR.glob("*.skos.ttl")))


@lru_cache(maxsize=None)
def shapes(curation_only: bool = False) -> Graph:
    return parse(CURATION) if curation_only else parse(*SHAPES)


def curation_rules() -> set:
    graph = parse(CURATION)
    return {s for s in graph.subjects(SH.sparql, None)} | {s for s in graph.subjects(SH.path, None)}


def validate(data: Graph, curation_only: bool = False) -> list[tuple]:
    """(severity, shape, focus, value) of every result; the ontology is merged into the data graph."""
    data_graph = Graph()
    data_graph += data
    data_graph += ontology()
    _conforms, report, _text = pyshacl.validate(data_graph, shacl_graph=shapes(curation_only), ont_graph=ontology(),
                                                inference="none", advanced=True, allow_warnings=True)
    return [(report.value(r, SH.resultSeverity), report.value(r, SH.sourceShape), report.value(r, SH.focusNode),
             report.value(r, SH.value)) for r in report.objects(None, SH.result)]


def load_fixture(path: Path) -> tuple[Graph, dict]:
    graph = parse(path)
    expect = {name: graph.value(TEST, predicate) for name, predicate in EXPECT.items()}
    graph.remove((TEST, None, None))
    return graph, expect


def nodes(graph: Graph) -> set:
    return {t for s, _p, o in graph for t in (s, o) if not isinstance(t, BNode)}


@lru_cache(maxsize=None)
def invalid_results() -> dict[str, list[tuple]]:
    """All invalid fixtures validated together with the context; each result attributed to the fixtures whose
    triples mention its focus node (the fixtures describe disjoint sets of resources, see the test below)."""
    data = parse(CONTEXT)
    owner = defaultdict(set)
    for path in INVALID:
        graph, _expect = load_fixture(path)
        data += graph
        for node in nodes(graph):
            owner[node].add(path.stem)
    attributed = defaultdict(list)
    for result in validate(data):
        for name in owner.get(result[2], {""}):
            attributed[name].append(result)
    return attributed


def test_every_shape_has_korean_and_english_messages_and_violation_severity():
    graph = parse(CURATION)
    rules = curation_rules()
    assert len(rules) == 3, rules
    for shape in rules:
        assert list(graph.objects(shape, SH.severity)) == [SH.Violation], shape
        for holder in [shape, *graph.objects(shape, SH.sparql)]:
            langs = sorted(m.language for m in graph.objects(holder, SH.message) if isinstance(m, Literal))
            assert langs == ["en", "ko"], (holder, langs)
        labels = sorted(m.language for m in graph.objects(shape, RDFS.label))
        assert labels == ["en", "ko"], shape


def test_shapes_use_the_shared_namespace_and_do_not_redefine_other_shapes():
    curation = parse(CURATION)
    others = parse(*SHAPES[:2])
    for shape in curation.subjects(RDF.type, SH.NodeShape):
        assert str(shape).startswith(str(MGSH)), shape
        assert (shape, None, None) not in others, f"{shape} is already defined in the other shapes files"


def test_invalid_fixtures_are_independent():
    owner = {}
    context_subjects = set(parse(CONTEXT).subjects())
    for path in INVALID:
        graph, _expect = load_fixture(path)
        for subject in set(graph.subjects()):
            if isinstance(subject, BNode):
                continue
            assert subject not in context_subjects, f"{path.name} adds triples about {subject}"
            assert subject not in owner, f"{path.name} and {owner[subject]} both describe {subject}"
            owner[subject] = path.name


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_breaks_the_declared_rule(path):
    graph, expect = load_fixture(path)
    assert expect["shape"] in curation_rules(), f"{path.name}: {expect['shape']} is not a curation rule"
    assert expect["focus"] in nodes(graph), f"{path.name}: focus {expect['focus']} not in the fixture"
    results = invalid_results().get(path.stem, [])
    listing = "\n  ".join(map(str, results)) or "(no results)"
    assert any(severity == expect["severity"] and shape == expect["shape"] and focus == expect["focus"]
               and (expect["value"] is None or value == expect["value"])
               for severity, shape, focus, value in results), f"{path.name}: expected {expect}; got:\n  {listing}"
    others = [r for r in results if r[0] == SH.Violation and r[1] != expect["shape"]]
    assert not others, f"{path.name}: violations from other shapes:\n  " + "\n  ".join(map(str, others))


def test_every_curation_rule_has_an_invalid_fixture():
    expected = {load_fixture(path)[1]["shape"] for path in INVALID}
    assert curation_rules() <= expected, curation_rules() - expected


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_has_no_violation(path):
    graph, expect = load_fixture(path)
    assert not any(expect.values()), f"{path.name}: a valid fixture declares no expectation"
    violations = [r for r in validate(parse(CONTEXT) + graph) if r[0] == SH.Violation]
    assert not violations, f"{path.name}:\n  " + "\n  ".join(map(str, violations))


def test_shipped_data_and_core_valid_fixtures_keep_the_curator_rules():
    """The shipped data, the context and the valid fixtures of tests/shapes (among them the general case: a
    renamed province, an acting head) give no result from the curation shapes."""
    data = parse(*sorted((ROOT / "data").glob("*.ttl")))
    results = validate(data, curation_only=True)
    assert not results, "shipped data:\n  " + "\n  ".join(map(str, results))
    together = parse(CONTEXT)
    for path in OTHER_VALID:
        together += load_fixture(path)[0]
    results = validate(together, curation_only=True)
    assert not results, "tests/shapes/valid:\n  " + "\n  ".join(map(str, results))


FX = "http://example.org/mougraph-test/"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
MG = Namespace("https://w3id.org/mougraph/ontology#")


def _renamed_later(graph: Graph) -> None:  # the new name now starts after the 2025 agreement
    name = URIRef(FX + "names-in-force-when-used/name-new")
    graph.set((name, MG.validFrom, Literal("2025-06-01", datatype=XSD_DATE)))


def _acting_period_ends_earlier(graph: Graph) -> None:  # the acting period now ends before the ceremony
    term = URIRef(FX + "signature-in-an-acting-term/acting-term")
    graph.set((term, MG.validUntil, Literal("2024-04-30", datatype=XSD_DATE)))


def _counterpart_removed(graph: Graph) -> None:
    graph.remove((None, MG.counterpart, None))


def _dated_a_month_earlier(graph: Graph) -> None:  # April 2031: before the term that starts on 15 May
    month = URIRef(FX + "dates-at-other-precisions/may")
    graph.set((month, URIRef("http://www.w3.org/2006/time#inXSDgYearMonth"),
               Literal("2031-04", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth"))))


@pytest.mark.parametrize("fixture, change, shape, focus", [
    ("names-in-force-when-used", _renamed_later, "NameInForceShape", "agreement-2025"),
    ("signature-in-an-acting-term", _acting_period_ends_earlier, "SignatoryInOfficeShape", "signature-acting"),
    ("mutual-donations-linked-once", _counterpart_removed, "MutualDonationShape", "donation-b-to-a"),
    ("dates-at-other-precisions", _dated_a_month_earlier, "SignatoryInOfficeShape", "signature-may"),
], ids=["name", "acting-term", "counterpart", "month"])
def test_each_valid_fixture_fails_once_its_key_fact_changes(fixture, change, shape, focus):
    """The valid fixtures are targeted by the rule they illustrate: one changed fact makes them fail it."""
    graph, _expect = load_fixture(HERE / "valid" / f"{fixture}.ttl")
    change(graph)
    results = validate(parse(CONTEXT) + graph)
    assert (SH.Violation, MGSH[shape], URIRef(f"{FX}{fixture}/{focus}")) in {r[:3] for r in results}, results
