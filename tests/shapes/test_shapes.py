"""Tests of the SHACL shapes (ontology/*.shacl.ttl), run with pySHACL directly.

What is checked:

- the shapes themselves: every shape and SPARQL constraint has sh:message in @ko and @en, node shapes
  have rdfs:label and property shapes sh:name in both languages, every rule has the severity of its file
  (core: sh:Violation, recommended: sh:Warning), and no shape is left without a target or a user;
- the shipped data (data/*.ttl) and every fixture in valid/ conform: no sh:Violation (warnings are
  allowed and printed with ``pytest -s``);
- every fixture in invalid/ breaks exactly the rule it declares: the report has a result whose
  sh:sourceShape is the declared shape, on the declared focus node, with the declared severity (and, when
  declared, sh:resultPath, sh:sourceConstraintComponent and sh:value), and no sh:Violation from any other
  shape on the fixture's nodes;
- every rule (every shape that reports results under its own name) has at least one invalid fixture;
- every result carries a Korean and an English message;
- the general-case fixture (valid/general-case-jeonbuk-co-prosperity.ttl) uses no term the ontology lacks.

How a fixture is validated, and the expectation triples an invalid fixture declares: README.md beside this
file and :mod:`tests.support.shape_fixtures` (shared with tests/curation). Shapes = both shapes files.

For speed, the invalid fixtures are validated together in one run by default: each fixture only adds
resources of its own (the test checks that no two fixtures share a subject and that no fixture adds
triples about the context), and results are attributed to the fixture(s) whose triples mention the focus
node. Set ``MOUGRAPH_SHAPES_ISOLATED=1`` to validate every invalid fixture on its own instead.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from tests.support.oracle import ontology, parse
from tests.support.paths import CORE_SHAPES, DATA_FILES, RECOMMENDED_SHAPES, SHAPES_CONTEXT
from tests.support.shape_fixtures import (
    MGSH,
    Fixture,
    Result,
    attribute,
    check_expectation,
    check_independent,
    load_fixture,
    validate as validate_with,
    violations,
)

HERE = Path(__file__).resolve().parent
VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))

HANGUL = re.compile("[\uac00-\ud7a3]")
ISOLATED = os.environ.get("MOUGRAPH_SHAPES_ISOLATED", "").lower() in {"1", "true", "yes"}

# Parameters that make a shape report results under its own name (sh:property only delegates).
CONSTRAINT_PARAMETERS = {
    SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minInclusive, SH.maxInclusive,
    SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength, SH.pattern, SH.languageIn, SH.uniqueLang,
    SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals, SH["not"], SH["and"], SH["or"], SH.xone,
    SH.node, SH.qualifiedValueShape, SH.closed, SH.hasValue, SH["in"], SH.sparql,
}
TARGET_PREDICATES = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}


# ----------------------------------------------------------------------------------------------------
# Loading and validating
# ----------------------------------------------------------------------------------------------------


@cache
def shapes() -> Graph:
    return parse(CORE_SHAPES, RECOMMENDED_SHAPES)


@cache
def context() -> Graph:
    return parse(SHAPES_CONTEXT)


def validate(data: Graph) -> list[Result]:
    """Validate ``data`` (+ ontology and SKOS) against both shapes files; the results of the report."""
    return validate_with(data, shapes())


# ----------------------------------------------------------------------------------------------------
# Fixtures and their expectations
# ----------------------------------------------------------------------------------------------------


@cache
def invalid_fixtures() -> dict[str, Fixture]:
    return {path.stem: load_fixture(path) for path in INVALID}


@cache
def combined_results() -> dict[str, list[Result]]:
    """Validate context + all invalid fixtures in one run; the results attributed to each fixture.

    A result belongs to every fixture whose triples mention its focus node; results that belong to no
    fixture are returned under the key ``""`` (they concern the context or the ontology).
    """
    fixtures = invalid_fixtures()
    data = Graph()
    data += context()
    for fixture in fixtures.values():
        data += fixture.graph
    return attribute(validate(data), fixtures)


# ----------------------------------------------------------------------------------------------------
# The shapes themselves
# ----------------------------------------------------------------------------------------------------


def shape_nodes(graph: Graph) -> set:
    """Every shape of ``graph``: declared, used through sh:property / sh:node / sh:not /
    sh:qualifiedValueShape, members of sh:and / sh:or / sh:xone lists, or anything with sh:path."""
    found = set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))
    found |= set(graph.subjects(SH.path, None))
    for predicate in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape):
        found |= set(graph.objects(None, predicate))
    for predicate in (SH["and"], SH["or"], SH.xone):
        for head in graph.objects(None, predicate):
            found |= set(Collection(graph, head))
    return found


def has_any(graph: Graph, subject, predicates) -> bool:
    return any((subject, p, None) in graph for p in predicates)


def rule_shapes(graph: Graph) -> set:
    """Shapes that report results under their own name: targeted shapes with a constraint of their own,
    and the property shapes of targeted node shapes."""
    targeted = {s for s in shape_nodes(graph) if has_any(graph, s, TARGET_PREDICATES)}
    rules = set()
    for shape in targeted:
        if has_any(graph, shape, CONSTRAINT_PARAMETERS):
            rules.add(shape)
        rules |= set(graph.objects(shape, SH.property))
    return rules


def languages(graph: Graph, subject, predicate) -> list[str]:
    return sorted(o.language or "" for o in graph.objects(subject, predicate) if isinstance(o, Literal))


@pytest.mark.parametrize("path", [CORE_SHAPES, RECOMMENDED_SHAPES], ids=lambda p: p.name)
def test_every_shape_has_messages_in_korean_and_english(path):
    graph = parse(path)
    missing = []
    for shape in shape_nodes(graph):
        langs = languages(graph, shape, SH.message)
        if "ko" not in langs or "en" not in langs:
            missing.append(f"{shape}: sh:message {langs}")
        if isinstance(shape, URIRef):  # named shapes also carry a human-readable name
            name_predicate = SH.name if (shape, SH.path, None) in graph else RDFS.label
            names = languages(graph, shape, name_predicate)
            if "ko" not in names or "en" not in names:
                missing.append(f"{shape}: {name_predicate} {names}")
    for constraint in graph.objects(None, SH.sparql):
        langs = languages(graph, constraint, SH.message)
        if "ko" not in langs or "en" not in langs:
            missing.append(f"SPARQL constraint of {next(graph.subjects(SH.sparql, constraint))}: {langs}")
        assert (constraint, SH.select, None) in graph, f"{constraint}: SPARQL constraint without sh:select"
    assert shape_nodes(graph), f"{path.name}: no shapes found"
    assert not missing, "messages/names missing:\n" + "\n".join(sorted(missing))


@pytest.mark.parametrize("path, severity", [(CORE_SHAPES, SH.Violation), (RECOMMENDED_SHAPES, SH.Warning)],
                         ids=["core", "recommended"])
def test_every_rule_has_the_severity_of_its_file(path, severity):
    graph = parse(path)
    rules = rule_shapes(graph)
    assert rules, f"{path.name}: no rules found"
    wrong = sorted(f"{s}: {list(graph.objects(s, SH.severity))}" for s in rules
                   if list(graph.objects(s, SH.severity)) != [severity])
    assert not wrong, f"rules of {path.name} must have sh:severity {severity}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("path", [CORE_SHAPES, RECOMMENDED_SHAPES], ids=lambda p: p.name)
def test_every_shape_is_targeted_or_used(path):
    graph = parse(path)
    used = set()
    for predicate in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape):
        used |= set(graph.objects(None, predicate))
    for predicate in (SH["and"], SH["or"], SH.xone):
        for head in graph.objects(None, predicate):
            used |= set(Collection(graph, head))
    orphans = sorted(str(s) for s in shape_nodes(graph)
                     if s not in used and not has_any(graph, s, TARGET_PREDICATES))
    assert not orphans, "shapes with no target that no other shape uses:\n" + "\n".join(orphans)


def test_sparql_constraints_avoid_what_shacl_forbids():
    graph = shapes()
    for select in graph.objects(None, SH.select):
        text = str(select).upper()
        for word in ("VALUES", "MINUS", "SERVICE"):
            assert word not in text.split(), f"SPARQL constraint uses {word}:\n{select}"


# ----------------------------------------------------------------------------------------------------
# Conforming data
# ----------------------------------------------------------------------------------------------------


def test_context_conforms_without_any_result():
    results = validate(context())
    assert not results, "context.ttl must produce no result:\n  " + "\n  ".join(map(str, results))


@pytest.mark.slow
def test_shipped_data_has_no_violation():
    data = parse(*DATA_FILES)
    results = validate(data)
    for result in sorted(results, key=str):
        print(result)
    assert not violations(results), "violations in data/:\n  " + "\n  ".join(map(str, violations(results)))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_has_no_violation(path):
    fixture = load_fixture(path)
    assert not fixture.expect, f"{path.name}: a valid fixture declares no expectation"
    data = Graph()
    data += context()
    data += fixture.graph
    results = validate(data)
    for result in sorted(results, key=str):
        print(result)
    assert not violations(results), f"{path.name}:\n  " + "\n  ".join(map(str, violations(results)))


def test_general_case_fixture_needs_no_new_ontology_terms():
    """The general-case agreement uses only terms that the ontology and the standard vocabularies define."""
    fixture = load_fixture(HERE / "valid" / "general-case-jeonbuk-co-prosperity.ttl")
    mg = "https://w3id.org/mougraph/ontology#"
    declared = set(ontology().subjects(RDF.type, OWL.Class)) | set(ontology().subjects(RDF.type, OWL.ObjectProperty)) \
        | set(ontology().subjects(RDF.type, OWL.DatatypeProperty))
    used = {p for _s, p, _o in fixture.graph} | set(fixture.graph.objects(None, RDF.type))
    undeclared = sorted(str(t) for t in used if str(t).startswith(mg) and t not in declared)
    assert not undeclared, f"terms not in the ontology: {undeclared}"
    assert not any(fixture.graph.subjects(RDF.type, OWL.Class)), "the fixture must not declare classes"


# ----------------------------------------------------------------------------------------------------
# Invalid fixtures
# ----------------------------------------------------------------------------------------------------


def test_invalid_fixtures_are_independent():
    """Each fixture adds resources of its own: no subject in two fixtures, no triple about the context."""
    check_independent(invalid_fixtures(), context())


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_breaks_the_declared_rule(path):
    fixture = invalid_fixtures()[path.stem]
    if ISOLATED:
        data = Graph()
        data += context()
        data += fixture.graph
        results = validate(data)
    else:
        results = combined_results().get(fixture.name, [])
    check_expectation(fixture, results)


def test_combined_run_has_no_violation_outside_the_fixtures():
    if ISOLATED:
        pytest.skip("fixtures validated one by one")
    stray = violations(combined_results().get("", []))
    assert not stray, "violations on the context or the ontology:\n  " + "\n  ".join(map(str, stray))


def test_results_carry_messages_in_korean_and_english():
    """Every result of the invalid fixtures has a Korean and an English message.

    Results of SHACL Core constraints keep the language tags of sh:message. pySHACL 0.40.1 drops the tags of
    the messages of SHACL-SPARQL results (it rebuilds them as plain literals when it fills in {?var}), so for
    those the test only checks that both texts are there: one in Hangul, one without.
    """
    if ISOLATED:
        pytest.skip("fixtures validated one by one")
    results = [r for name, rs in combined_results().items() if name for r in rs]
    assert results
    for result in results:
        if result.component == SH.SPARQLConstraintComponent:
            texts = [text for _lang, text in result.messages]
            assert any(HANGUL.search(t) for t in texts) and any(not HANGUL.search(t) for t in texts), str(result)
        else:
            langs = {lang for lang, _text in result.messages}
            assert {"ko", "en"} <= langs, f"{result}: messages in {sorted(langs)}"


def test_every_rule_has_an_invalid_fixture():
    expected = {f.expect.get("shape") for f in invalid_fixtures().values()}
    uncovered = sorted(str(s) for s in rule_shapes(shapes()) if s not in expected)
    assert not uncovered, "rules without an invalid fixture:\n" + "\n".join(uncovered)
    unknown = sorted(str(s) for s in expected if s not in rule_shapes(shapes()))
    assert not unknown, "fixtures expect shapes that are not rules:\n" + "\n".join(unknown)


def test_the_checker_can_fail():
    """check_expectation rejects a report without the expected result and one with a stray violation."""
    fixture = invalid_fixtures()["agreement-one-party"]
    with pytest.raises(AssertionError):
        check_expectation(fixture, [])
    expected = Result(SH.Violation, fixture.expect["shape"], fixture.expect["focus"],
                      fixture.expect.get("path"), fixture.expect.get("value"),
                      fixture.expect.get("component", SH.MinCountConstraintComponent))
    check_expectation(fixture, [expected])
    stray = Result(SH.Violation, MGSH["Agreement-kind"], fixture.expect["focus"], None, None,
                   SH.MinCountConstraintComponent)
    with pytest.raises(AssertionError):
        check_expectation(fixture, [expected, stray])
