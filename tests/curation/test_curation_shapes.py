"""Tests of the curator rules (ontology/mougraph-curation.shacl.ttl), run with pySHACL directly.

Same conventions as tests/shapes (see its README.md and tests/curation/README.md), shared with it through
:mod:`tests.support.shape_fixtures`: fixtures are validated with tests/shapes/context.ttl and the ontology merged
in, and an invalid fixture must produce the result it declares and no violation from any other shape on its own
nodes. The shapes are the three shipped files together, as ``mougraph validate`` loads them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH

from tests.support.oracle import parse
from tests.support.paths import (
    CORE_SHAPES,
    CURATION_SHAPES,
    DATA_FILES,
    RECOMMENDED_SHAPES,
    SHAPE_FIXTURES,
    SHAPES_CONTEXT,
)
from tests.support.shape_fixtures import (
    MGSH,
    Fixture,
    Result,
    attribute,
    check_expectation,
    check_independent,
    listing,
    load_fixture,
    validate as validate_with,
    violations,
)

HERE = Path(__file__).resolve().parent
CURATION = CURATION_SHAPES
SHAPES = [CORE_SHAPES, RECOMMENDED_SHAPES, CURATION]
VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))
OTHER_VALID = sorted((SHAPE_FIXTURES / "valid").glob("*.ttl"))  # the core shapes' valid fixtures


@cache
def shapes(curation_only: bool = False) -> Graph:
    return parse(CURATION) if curation_only else parse(*SHAPES)


def curation_rules() -> set:
    graph = parse(CURATION)
    return {s for s in graph.subjects(SH.sparql, None)} | {s for s in graph.subjects(SH.path, None)}


def validate(data: Graph, curation_only: bool = False) -> list[Result]:
    """The results of validating ``data``; the ontology is merged into the data graph."""
    return validate_with(data, shapes(curation_only))


@cache
def invalid_fixtures() -> dict[str, Fixture]:
    return {path.stem: load_fixture(path) for path in INVALID}


@cache
def invalid_results() -> dict[str, list[Result]]:
    """All invalid fixtures validated together with the context; each result attributed to the fixtures whose
    triples mention its focus node (the fixtures describe disjoint sets of resources, see the test below)."""
    data = parse(SHAPES_CONTEXT)
    for fixture in invalid_fixtures().values():
        data += fixture.graph
    return attribute(validate(data), invalid_fixtures())


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
    check_independent(invalid_fixtures(), parse(SHAPES_CONTEXT))


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_breaks_the_declared_rule(path):
    fixture = invalid_fixtures()[path.stem]
    shape = fixture.expect.get("shape")
    assert shape in curation_rules(), f"{path.name}: {shape} is not a curation rule"
    check_expectation(fixture, invalid_results().get(path.stem, []))


def test_every_curation_rule_has_an_invalid_fixture():
    expected = {fixture.expect.get("shape") for fixture in invalid_fixtures().values()}
    assert curation_rules() <= expected, curation_rules() - expected


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_has_no_violation(path):
    fixture = load_fixture(path)
    assert not fixture.expect, f"{path.name}: a valid fixture declares no expectation"
    found = violations(validate(parse(SHAPES_CONTEXT) + fixture.graph))
    assert not found, f"{path.name}:\n  " + listing(found)


@pytest.mark.slow
def test_shipped_data_and_core_valid_fixtures_keep_the_curator_rules():
    """The shipped data, the context and the valid fixtures of tests/shapes (among them the general case: a
    renamed province, an acting head) give no result from the curation shapes."""
    data = parse(*DATA_FILES)
    results = validate(data, curation_only=True)
    assert not results, "shipped data:\n  " + listing(results)
    together = parse(SHAPES_CONTEXT)
    for path in OTHER_VALID:
        together += load_fixture(path).graph
    results = validate(together, curation_only=True)
    assert not results, "tests/shapes/valid:\n  " + listing(results)


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
    graph = load_fixture(HERE / "valid" / f"{fixture}.ttl").graph
    change(graph)
    results = validate(parse(SHAPES_CONTEXT) + graph)
    found = {(r.severity, r.shape, r.focus) for r in results}
    assert (SH.Violation, MGSH[shape], URIRef(f"{FX}{fixture}/{focus}")) in found, results
