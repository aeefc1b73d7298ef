"""SHACL fixtures and the expectations they declare, validated by one engine chosen for the whole run.

The engine is the fast one (mougraph's own, on Oxigraph) unless ``MOUGRAPH_SHAPES_ENGINE=pyshacl`` asks for
pySHACL, the reference, called directly. The default keeps the suite quick; CI (``.ci/run``) runs these tests a
second time on pySHACL, and ``tests/validate/test_fastshacl.py`` compares both engines fixture by fixture.

``tests/shapes`` (core and recommended shapes) and ``tests/curation`` (curator rules) share the conventions that
tests/shapes/README.md describes: a fixture is validated with ``tests/shapes/context.ttl`` and the ontology
merged in, inference 'none', SHACL-SPARQL enabled; an invalid fixture declares the result it must produce with
triples in the ``urn:`` namespace, which are removed before validating::

    <urn:test> <urn:expect-shape> mgsh:Agreement-party ;       # required: sh:sourceShape of the result
        <urn:expect-focus> fx:agreement ;                       # required: sh:focusNode (IRI or literal)
        <urn:expect-severity> sh:Violation ;                     # required
        <urn:expect-component> sh:MinCountConstraintComponent ;  # optional
        <urn:expect-path> mg:party ;                             # optional (IRI paths only)
        <urn:expect-value> ex:person-a .                         # optional

and must produce no violation from any other shape on its own nodes.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import SH

from mougraph.validation import validate as mougraph_validate
from tests.support.oracle import ontology, parse

MGSH = Namespace("https://w3id.org/mougraph/shapes#")
TEST = URIRef("urn:test")
#: What a fixture may declare, by name: ``<urn:test> <urn:expect-NAME> term``.
EXPECT = {name: URIRef(f"urn:expect-{name}") for name in ("shape", "focus", "severity", "component", "path", "value")}
REQUIRED = ("shape", "focus", "severity")
ENGINES = ("fast", "pyshacl")
ENGINE = os.environ.get("MOUGRAPH_SHAPES_ENGINE", "fast").lower()
if ENGINE not in ENGINES:
    raise SystemExit(f"MOUGRAPH_SHAPES_ENGINE={ENGINE!r}: use one of {', '.join(ENGINES)}")


@dataclass
class Fixture:
    path: Path
    graph: Graph  # without the <urn:test> triples
    expect: dict  # name ("shape", "focus", ...) -> the declared term; only what the fixture declares

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def nodes(self) -> set:
        """Every subject and object of the fixture's triples (blank nodes are the fixture's own)."""
        return {t for s, _p, o in self.graph for t in (s, o)}


def load_fixture(path: Path) -> Fixture:
    """The fixture without its ``<urn:test>`` triples, and what they declare."""
    graph = parse(path)
    names = {predicate: name for name, predicate in EXPECT.items()}
    expect = {}
    for p, o in graph.predicate_objects(TEST):
        assert p in names, f"{path.name}: unknown expectation predicate {p}"
        assert names[p] not in expect, f"{path.name}: {p} given twice"
        expect[names[p]] = o
    graph.remove((TEST, None, None))
    assert not any(str(t).startswith("urn:") for triple in graph for t in triple), (
        f"{path.name}: urn: terms left after removing the <urn:test> triples")
    return Fixture(path, graph, expect)


@dataclass(frozen=True)
class Result:
    severity: URIRef
    shape: URIRef | BNode
    focus: object
    path: object
    value: object
    component: URIRef
    messages: frozenset = frozenset()  # (language tag or "", text)

    def __str__(self) -> str:
        def short(term):
            text = str(term)
            return text.split("#")[-1] if text.startswith(str(SH)) or text.startswith(str(MGSH)) else text

        return (f"{short(self.severity)} {short(self.shape)} focus={self.focus} path={self.path} "
                f"value={self.value} component={short(self.component)}")


def validate(data: Graph, shapes: Graph) -> list[Result]:
    """The results of validating ``data`` + the shipped ontology and SKOS against ``shapes``, as the CLI does.

    The ontology is passed as ``ont_graph`` *and* merged into the data graph: pySHACL mixes only the RDFS/OWL
    axioms of the ``ont_graph`` into the data graph ("inoculation"), not the SKOS concepts, their schemes or
    skos:definition, which the shapes need to see.
    """
    data_graph = Graph()
    data_graph += data
    data_graph += ontology()
    if ENGINE == "fast":
        return _fast(data_graph, shapes)
    _conforms, report, _text = pyshacl.validate(data_graph, shacl_graph=shapes, ont_graph=ontology(),
                                                inference="none", advanced=True, allow_warnings=True)
    return [Result(severity=report.value(node, SH.resultSeverity), shape=report.value(node, SH.sourceShape),
                   focus=report.value(node, SH.focusNode), path=report.value(node, SH.resultPath),
                   value=report.value(node, SH.value), component=report.value(node, SH.sourceConstraintComponent),
                   messages=frozenset((m.language or "", str(m)) for m in report.objects(node, SH.resultMessage)))
            for node in report.objects(None, SH.result)]


def _fast(data_graph: Graph, shapes: Graph) -> list[Result]:
    outcome = mougraph_validate(data_graph, shapes_graph=shapes, ont_graph=ontology(), engine="fast")
    return [Result(severity=SH[row.severity], shape=row.source_shape, focus=row.focus_node,
                   path=row.path if isinstance(row.path, URIRef) else None, value=row.value,
                   component=row.constraint_component, messages=frozenset(row.messages.items()))
            for row in outcome.results]


def violations(results: Iterable[Result]) -> list[Result]:
    return [r for r in results if r.severity == SH.Violation]


def listing(results: Iterable[Result]) -> str:
    return "\n  ".join(map(str, results))


def attribute(results: Iterable[Result], fixtures: Mapping[str, Fixture]) -> dict[str, list[Result]]:
    """Each result under the name of every fixture whose triples mention its focus node.

    Results that belong to no fixture are under ``""`` (they concern the context or the ontology). This is how
    the fixtures validated together in one run, for speed, get the results each would get alone: they describe
    disjoint sets of resources (:func:`check_independent`).
    """
    by_node = defaultdict(set)
    for name, fixture in fixtures.items():
        for node in fixture.nodes:
            by_node[node].add(name)
    attributed = defaultdict(list)
    for result in results:
        for name in by_node.get(result.focus, {""}):
            attributed[name].append(result)
    return attributed


def check_independent(fixtures: Mapping[str, Fixture], context: Graph) -> None:
    """Assert that each fixture adds resources of its own: no subject in two fixtures, no triple about the context."""
    context_subjects = set(context.subjects())
    owner = {}
    for name, fixture in fixtures.items():
        for subject in set(fixture.graph.subjects()):
            if isinstance(subject, BNode):
                continue
            assert subject not in context_subjects, f"{name}: adds triples about the context's {subject}"
            assert subject not in owner, f"{name} and {owner.get(subject)} both describe {subject}"
            owner[subject] = name


def check_expectation(fixture: Fixture, results: list[Result]) -> None:
    """Assert that ``results`` (of the fixture's nodes) hold exactly the declared broken rule."""
    expect = fixture.expect
    for key in REQUIRED:
        assert key in expect, f"{fixture.name}: no {EXPECT[key]} declared"
    shape, focus, severity = expect["shape"], expect["focus"], expect["severity"]
    assert severity in (SH.Violation, SH.Warning, SH.Info), f"{fixture.name}: bad severity {severity}"
    assert focus in fixture.nodes, f"{fixture.name}: the expected focus node {focus} is not in the fixture"

    def matches(r: Result) -> bool:
        return (r.shape == shape and r.focus == focus and r.severity == severity
                and ("component" not in expect or r.component == expect["component"])
                and ("path" not in expect or r.path == expect["path"])
                and ("value" not in expect or r.value == expect["value"]))

    assert any(matches(r) for r in results), (
        f"{fixture.name}: expected a {severity} from {shape} on {focus}; got:\n  {listing(results) or '(no results)'}")
    others = [r for r in violations(results) if r.shape != shape]
    assert not others, f"{fixture.name}: violations from other shapes than {shape}:\n  {listing(others)}"
