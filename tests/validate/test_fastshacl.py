"""The fast SHACL engine (mougraph.validation.fast) against pySHACL, the reference engine.

Both engines validate the same Oxigraph graph against the shipped shapes (``ontology/*.shacl.ttl``) with the
shipped ontology visible, as ``mougraph.validation`` runs them. Their results are compared as multisets of
(severity, focus node, path, value, source shape, constraint component), paths by their structure; where the
result's shape or SPARQL constraint states ``sh:message``, the messages must be the same too. A difference
fails the test unless it is of a kind documented in ``docs/validation-engines.md``; ``documented_kind`` tells
the kinds that show in result rows, and the ``test_documented_difference_*`` tests show each kind (and that
anything else is not excused).

These tests read the repository's own ontology, shapes, data and ``tests/shapes`` fixtures (not the ``home``
test project), like ``tests/shapes/test_shapes.py``.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

import mougraph.validation  # noqa: F401 (the module, not the function re-exported by the package)
from mougraph.errors import MougraphError
from mougraph.store import load_files, new_graph
from mougraph.store.literals import canonical
from mougraph.synth import synth
from mougraph.validation import fast as fastshacl
from tests.support.paths import DATA_FILES, ONTOLOGY_FILES, ROOT, SHAPE_FIXTURES, SHAPES_CONTEXT, SHAPES_FILES
from tests.support.shape_fixtures import EXPECT, TEST

V = sys.modules["mougraph.validation"]
CONTEXT = SHAPES_CONTEXT
VALID = sorted((SHAPE_FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((SHAPE_FIXTURES / "invalid").glob("*.ttl"))


def oxigraph(*files) -> Graph:
    return load_files(files, graph=new_graph("oxigraph"))


@cache
def shapes() -> Graph:
    return oxigraph(*SHAPES_FILES)


@cache
def ontology() -> Graph:
    return oxigraph(*ONTOLOGY_FILES)


def without_expectations(*files) -> Graph:
    """The files in one Oxigraph graph, without the ``<urn:test>`` expectation triples of the fixtures."""
    graph = oxigraph(*files)
    graph.remove((TEST, None, None))
    return graph


# ----------------------------------------------------------------------------------------------------
# Comparing the engines
# ----------------------------------------------------------------------------------------------------


def key(row, report: Graph) -> tuple:
    """What is compared of a result; blank-node paths by their structure, blank-node shapes not told apart."""
    path = fastshacl.path_text(report, row.path) if isinstance(row.path, BNode) else row.path
    shape = "_:" if isinstance(row.source_shape, BNode) else row.source_shape
    return (row.severity, row.focus_node, path, row.value, shape, row.constraint_component)


def keyed(result) -> Counter:
    return Counter(key(row, result.report_graph) for row in result.results)


def neighbourhood(graph: Graph, node, steps: int = 2) -> set:
    """The literals at most ``steps`` triples away from ``node`` (either direction)."""
    seen, frontier, literals = {node}, {node}, set()
    for _ in range(steps):
        nxt = set()
        for n in frontier:
            if isinstance(n, Literal):
                continue
            for o in graph.objects(n, None):
                (literals if isinstance(o, Literal) else nxt).add(o)
            nxt |= set(graph.subjects(None, n))
        frontier = nxt - seen
        seen |= nxt
    return literals


def comparable(a: Literal, b: Literal) -> bool:
    """Can SPARQL order the two literals (Oxigraph's answer; rdflib orders nearly anything)?"""
    query = f"SELECT ?r WHERE {{ BIND ({fastshacl.sparql_term(a)} < {fastshacl.sparql_term(b)} AS ?r) }}"
    return next(iter(fastshacl.ox.Store().query(query)))[0] is not None


def documented_kind(side: str, k: tuple, data: Graph, shapes_graph: Graph, messages=()) -> str | None:
    """The documented kind (docs/validation-engines.md) of a result found by one engine only, or None.

    ``messages``: the texts of the result's messages (the values a SPARQL constraint bound show there).
    """
    severity, focus, _path, value, shape, component = k
    if component == SH.DatatypeConstraintComponent and side == "fast" \
            and (shape, SH.datatype, RDFS.Literal) in shapes_graph:
        return "3. sh:datatype rdfs:Literal"
    near = neighbourhood(data, focus) | ({value} if isinstance(value, Literal) else set())
    if component == SH.SPARQLConstraintComponent and side == "pyshacl":
        # a value the query bound (the result's value, or a literal its message shows) that is ill-typed, or
        # that SPARQL cannot compare with another literal the query could have reached
        bound = {lit for lit in near if lit == value or any(str(lit) in m for m in messages)}
        if any(lit.ill_typed for lit in bound) or any(not comparable(x, y) and not comparable(y, x)
                                                      for x in bound for y in near if x != y):
            return "1. ill-typed comparison in sh:sparql"
    if component in (SH.InConstraintComponent, SH.HasValueConstraintComponent, SH.EqualsConstraintComponent,
                     SH.DisjointConstraintComponent, SH.SPARQLConstraintComponent):
        if any(lit.datatype is not None and canonical(str(lit), str(lit.datatype)) is not None for lit in near):
            return "2. term comparisons see Oxigraph's stored form"
    return None


def compare(data: Graph, shapes_graph: Graph | None = None, ont_graph: Graph | None = None):
    """Validate ``data`` with both engines; the two results, after asserting that they agree."""
    shapes_graph = shapes() if shapes_graph is None else shapes_graph
    ont_graph = ontology() if ont_graph is None else ont_graph
    reference = V.validate(data, engine="pyshacl", shapes_graph=shapes_graph, ont_graph=ont_graph)
    fast = V.validate(data, engine="fast", shapes_graph=shapes_graph, ont_graph=ont_graph)
    assert reference.engine == "pyshacl" and fast.engine == "fast"
    assert_agree(reference, fast, data, shapes_graph)
    return reference, fast


def assert_agree(reference, fast, data: Graph, shapes_graph: Graph) -> None:
    a, b = keyed(reference), keyed(fast)
    plain = Graph()
    for triple in data:
        plain.add(triple)
    texts = {}
    for result in (reference, fast):
        for row in result.results:
            texts.setdefault(key(row, result.report_graph), set()).update(row.messages.values())
    undocumented = [("pyshacl only", k) for k in (a - b)
                    if documented_kind("pyshacl", k, plain, shapes_graph, texts.get(k, ())) is None]
    undocumented += [("fast only", k) for k in (b - a)
                     if documented_kind("fast", k, plain, shapes_graph, texts.get(k, ())) is None]
    assert not undocumented, "the engines differ:\n  " + "\n  ".join(f"{side}: {k}" for side, k in undocumented)
    assert reference.conforms == fast.conforms or (a != b)
    common = set(a) & set(b)

    def messages(result) -> Counter:
        return Counter((k, tuple(sorted(row.messages.items()))) for row in result.results
                       if (k := key(row, result.report_graph)) in common and has_own_message(row, shapes_graph))

    ma, mb = messages(reference), messages(fast)
    assert ma == mb, "messages differ:\n  " + "\n  ".join(
        [f"pyshacl: {m}" for m in ma - mb] + [f"fast: {m}" for m in mb - ma])


def has_own_message(row, shapes_graph: Graph) -> bool:
    return ((row.source_shape, SH.message, None) in shapes_graph
            or row.constraint_component == SH.SPARQLConstraintComponent)


# ----------------------------------------------------------------------------------------------------
# The engines agree on the shipped data, the shape fixtures and synthetic graphs
# ----------------------------------------------------------------------------------------------------


def test_engines_agree_on_the_shipped_data():
    reference, fast = compare(oxigraph(*DATA_FILES))
    assert not fast.fallback
    assert fast.results, "the shipped data has warnings: the comparison is not between two empty reports"


@pytest.mark.slow
def test_engines_agree_on_the_invalid_fixtures():
    reference, fast = compare(without_expectations(CONTEXT, *INVALID))
    assert len(fast.results) >= len(INVALID)
    found = {(r.source_shape, r.focus_node) for r in fast.results}
    for path in INVALID:  # every fixture's declared result is there (so the agreement is not vacuous)
        declared = Graph().parse(path, format="turtle")
        shape = declared.value(TEST, EXPECT["shape"])
        focus = declared.value(TEST, EXPECT["focus"])
        assert (shape, focus) in found, f"{path.name}: {shape} on {focus} not reported by the fast engine"


@pytest.mark.slow  # pySHACL on every fixture; CI runs it
@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_engines_agree_on_each_valid_fixture(path):
    _reference, fast = compare(without_expectations(CONTEXT, path))
    assert not [r for r in fast.results if r.severity == "Violation"]


@pytest.mark.slow
@pytest.mark.parametrize("triples, seed, rate", [(4000, 7, 1.0), (3000, 11, 0.2)])
def test_engines_agree_on_synthetic_data_with_injected_errors(tmp_path, triples, seed, rate):
    made = synth(triples, tmp_path / "g.nt", seed=seed, error_rate=rate)
    _reference, fast = compare(oxigraph(made.path))
    injected = {(i["shape"], i["focus"]) for i in json.loads(made.sidecar.read_text(encoding="utf-8"))["injected"]}
    violations = {(str(r.source_shape), str(r.focus_node)) for r in fast.results if r.severity == "Violation"}
    assert injected and violations == injected


# ----------------------------------------------------------------------------------------------------
# The documented differences, one example each
# ----------------------------------------------------------------------------------------------------

PREFIXES = """@prefix ex: <http://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def tiny(data: str, shapes_ttl: str):
    graph = new_graph("oxigraph")
    graph.parse(data=PREFIXES + data, format="turtle")
    shapes_graph = Graph().parse(data=PREFIXES + shapes_ttl, format="turtle")
    return graph, shapes_graph


def one_sided(data: str, shapes_ttl: str, side: str) -> tuple:
    """Both engines on a tiny graph: the one result found by ``side`` only (and its documented kind)."""
    graph, shapes_graph = tiny(data, shapes_ttl)
    reference = V.validate(graph, engine="pyshacl", shapes_graph=shapes_graph, ont_graph=Graph())
    fast = V.validate(graph, engine="fast", shapes_graph=shapes_graph, ont_graph=Graph())
    a, b = keyed(reference), keyed(fast)
    only = list((a - b) if side == "pyshacl" else (b - a))
    assert len(only) == 1 and not ((b - a) if side == "pyshacl" else (a - b)), (a, b)
    plain = Graph()
    for triple in graph:
        plain.add(triple)
    assert_agree(reference, fast, graph, shapes_graph)  # the difference is excused...
    texts = [m for r in (reference.results if side == "pyshacl" else fast.results) for m in r.messages.values()]
    return only[0], documented_kind(side, only[0], plain, shapes_graph, texts)


def test_documented_difference_ill_typed_comparison_in_sparql():
    found, kind = one_sided('ex:a ex:deadline "2020-05-01"^^xsd:date ; ex:done "2020-01-01" .', '''
        ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:done ; sh:sparql [ sh:message "done after the deadline" ;
            sh:select """SELECT $this ?value WHERE {
                $this <http://example.org/deadline> ?d ; <http://example.org/done> ?value .
                FILTER (?value > ?d) }""" ] .''',
                             "pyshacl")
    assert found[1] == URIRef("http://example.org/a") and kind.startswith("1.")


def test_documented_difference_term_comparison_of_stored_forms():
    found, kind = one_sided('ex:a ex:n "1"^^xsd:int .',
                            "ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:n ; sh:path ex:n ; sh:in ( 1 ) .",
                            "pyshacl")
    assert found[5] == SH.InConstraintComponent and kind.startswith("2.")


def test_documented_difference_datatype_rdfs_literal():
    found, kind = one_sided('ex:a ex:n "x" .',
                            "ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:n ; "
                            "sh:path ex:n ; sh:datatype rdfs:Literal .",
                            "fast")
    assert found[3] == Literal("x") and kind.startswith("3.")


def test_documented_difference_regular_expressions():
    graph, shapes_graph = tiny('ex:a ex:n "abc1" .',
                               'ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:n ; '
                               'sh:path ex:n ; sh:pattern "^\\\\p{L}+$" .')
    with pytest.raises(MougraphError, match="could not run"):  # Python's re has no \p{L}
        V.validate(graph, engine="pyshacl", shapes_graph=shapes_graph, ont_graph=Graph())
    fast = V.validate(graph, engine="fast", shapes_graph=shapes_graph, ont_graph=Graph())
    found = [(r.value, r.constraint_component) for r in fast.results]
    assert found == [(Literal("abc1"), SH.PatternConstraintComponent)]
    # a look-ahead, which Oxigraph does not read: pySHACL validates that shape, for both engines
    graph, shapes_graph = tiny('ex:a ex:n "abc" .',
                               'ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:n ; '
                               'sh:path ex:n ; sh:pattern "(?=a)abd" .')
    reference, fast = compare(graph, shapes_graph, Graph())
    assert list(fast.fallback) == ["http://example.org/S"] and len(fast.results) == 1


def test_documented_difference_failure_binding():
    graph, shapes_graph = tiny('ex:a ex:n "abc" .', '''ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:n ;
        sh:sparql [ sh:select """SELECT $this (true AS ?failure) WHERE { $this <http://example.org/n> ?v }""" ] .''')
    assert len(V.validate(graph, engine="pyshacl", shapes_graph=shapes_graph, ont_graph=Graph()).results) == 1
    with pytest.raises(MougraphError, match="failure"):
        V.validate(graph, engine="fast", shapes_graph=shapes_graph, ont_graph=Graph())


def test_other_differences_are_not_excused():
    """The comparison fails on a difference of no documented kind (here: a result dropped from one report)."""
    reference, fast = compare(without_expectations(CONTEXT, SHAPE_FIXTURES / "invalid" / "agreement-one-party.ttl"))
    fast.results = [r for r in fast.results if r.constraint_component != SH.MinCountConstraintComponent]
    with pytest.raises(AssertionError, match="the engines differ"):
        assert_agree(reference, fast, Graph(), shapes())
    k = key(reference.results[0], reference.report_graph)
    assert documented_kind("pyshacl", k, Graph(), shapes()) is None


# ----------------------------------------------------------------------------------------------------
# Fallback, the caller's graph, the report, the engine choice, errors
# ----------------------------------------------------------------------------------------------------

CUSTOM_COMPONENT = '''
ex:LangComponent a sh:ConstraintComponent ;
    sh:parameter [ sh:path ex:lang ] ;
    sh:propertyValidator [ a sh:SPARQLSelectValidator ; sh:select """
        SELECT DISTINCT $this ?value WHERE { $this $PATH ?value . FILTER (!langMatches(lang(?value), $lang)) }""" ] .
ex:Custom a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:label ; ex:lang "ko" ] .
ex:Core a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:label ; sh:minCount 2 ] .
'''


def test_shapes_the_fast_engine_does_not_cover_are_validated_by_pyshacl():
    graph, shapes_graph = tiny('ex:a a ex:C ; ex:label "one"@en .', CUSTOM_COMPONENT)
    reference, fast = compare(graph, shapes_graph, Graph())
    assert list(fast.fallback) == ["http://example.org/Custom"]
    assert "custom constraint component" in fast.fallback["http://example.org/Custom"]
    assert sorted(str(r.constraint_component).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for r in fast.results) == [
        "LangComponent", "MinCountConstraintComponent"]


def test_the_callers_graph_and_store_are_left_as_they_were():
    graph = oxigraph(CONTEXT, SHAPE_FIXTURES / "invalid" / "agreement-one-party.ttl")
    before = (len(graph), sorted(str(g) for g in graph.store.inner.named_graphs()), len(graph.store.inner))
    V.validate(graph, engine="fast", shapes_graph=shapes(), ont_graph=ontology())
    assert (len(graph), sorted(str(g) for g in graph.store.inner.named_graphs()), len(graph.store.inner)) == before


def test_a_data_graph_in_a_named_graph_of_a_shared_store():
    source = oxigraph(CONTEXT, SHAPE_FIXTURES / "invalid" / "agreement-one-party.ttl")
    named = Graph(store=source.store, identifier=URIRef("urn:x-test:elsewhere"))
    assert len(named) == 0
    assert V.validate(named, engine="fast", shapes_graph=shapes(), ont_graph=ontology()).results == []
    result = V.validate(source, engine="fast", shapes_graph=shapes(), ont_graph=ontology())
    assert any(r.constraint_component == SH.MinCountConstraintComponent for r in result.results)


def test_the_report_graph_is_a_deterministic_validation_report():
    graph = without_expectations(CONTEXT, *INVALID[:12])
    first = V.validate(graph, engine="fast", shapes_graph=shapes(), ont_graph=ontology())
    second = V.validate(graph, engine="fast", shapes_graph=shapes(), ont_graph=ontology())
    assert first.to_turtle() == second.to_turtle() and first.to_json() == second.to_json()
    report = Graph().parse(data=first.to_turtle(), format="turtle")
    root = report.value(None, RDF.type, SH.ValidationReport)
    assert report.value(root, SH.conforms) == Literal(False)
    results = list(report.objects(root, SH.result))
    assert len(results) == len(first.results) > 0
    for node in results:
        assert report.value(node, SH.resultSeverity) in (SH.Violation, SH.Warning)
        assert {m.language for m in report.objects(node, SH.resultMessage)} >= {"ko", "en"}
        assert report.value(node, SH.focusNode) is not None and report.value(node, SH.sourceShape) is not None
    for row in first.results:  # a blank-node path is the path in the report graph
        if isinstance(row.path, BNode):
            assert (row.path, None, None) in first.report_graph


def test_the_fast_engine_on_the_shipped_shapes_covers_everything():
    dataset_shapes = oxigraph(ROOT / "src" / "mougraph" / "publishing" / "shapes" / "dataset.shacl.ttl")
    for graph in (shapes(), dataset_shapes):
        parsed = fastshacl.ShapesGraph(graph)
        validator = fastshacl.Validator(parsed, fastshacl.Dataset(new_graph("oxigraph").store.inner,
                                                                  [fastshacl.ox.DefaultGraph()]))
        assert {s.node: validator.covered(s.node) for s in parsed.top_level()} == \
            {s.node: None for s in parsed.top_level()}
        used = {c.component for s in parsed.nodes for c in parsed.shape(s).constraints}
        assert used <= fastshacl.COVERED_COMPONENTS


@pytest.mark.slow  # two pySHACL runs
def test_engine_choice():
    data = oxigraph(CONTEXT)
    assert V.validate(data, shapes_graph=shapes(), ont_graph=ontology()).engine == "fast"
    assert V.validate(data, shapes_graph=shapes(), ont_graph=ontology(), inference="rdfs").engine == "pyshacl"
    memory = Graph()
    for triple in data:
        memory.add(triple)
    assert V.validate(memory, shapes_graph=shapes(), ont_graph=ontology()).engine == "pyshacl"
    assert V.validate(memory, shapes_graph=shapes(), ont_graph=ontology(), engine="fast").engine == "fast"


@pytest.mark.parametrize("kwargs, message", [
    ({"engine": "quick"}, "unknown engine 'quick'"),
    ({"engine": "fast", "inference": "rdfs"}, "inference 'none' only"),
])
def test_bad_engine_arguments_are_reported_clearly(kwargs, message):
    with pytest.raises(MougraphError, match=message):
        V.validate(oxigraph(CONTEXT), shapes_graph=shapes(), ont_graph=ontology(), **kwargs)


def test_invalid_shapes_are_a_clear_error():
    graph, shapes_graph = tiny('ex:a ex:n "x" .', '''ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:n ;
        sh:sparql [ sh:select """SELECT $this WHERE { $this undeclared:p ?v }""" ] .''')
    with pytest.raises(MougraphError, match="undeclared prefix 'undeclared:'"):
        V.validate(graph, engine="fast", shapes_graph=shapes_graph, ont_graph=Graph())


def test_sparql_constraints_are_bound_where_shacl_pre_binds_this():
    focus = "{ F }"
    text, _ = fastshacl.rewrite_select(
        "SELECT $this WHERE { { FILTER (false) } UNION { FILTER ($this = ex:x) } OPTIONAL { ?a ex:p ?b } "
        "FILTER NOT EXISTS { $this ex:q ?c } }", {"ex": "http://example.org/"}, focus)
    assert text.count(focus) == 2  # the WHERE group and the UNION branch that uses $this; not EXISTS
    assert "<http://example.org/x>" in text
    for query, error in [("SELECT $this WHERE { $this ?p ?o MINUS { $this ?p 1 } }", fastshacl.ShapesError),
                         ("SELECT $this WHERE { BIND (1 AS $this) }", fastshacl.ShapesError),
                         ("SELECT $this WHERE { { SELECT ?o WHERE { ?s ?p ?o } } }", fastshacl.ShapesError),
                         ("SELECT $this WHERE { $this ?p ?o } LIMIT 1", fastshacl.Uncovered),
                         ("SELECT $this (COUNT(*) AS ?n) WHERE { $this ?p ?o }", fastshacl.Uncovered)]:
        with pytest.raises(error):
            fastshacl.rewrite_select(query, {}, focus)


def test_datatype_follows_rdflib_for_literals_as_written():
    assert fastshacl.datatype_ok(Literal("2023-04-10T11:10:00+09:00", datatype=XSD.dateTimeStamp), XSD.dateTimeStamp)
    assert not fastshacl.datatype_ok(Literal("2023-02-30", datatype=XSD.date), XSD.date)
    assert not fastshacl.datatype_ok(Literal("1", datatype=XSD.int), XSD.integer)
    assert fastshacl.datatype_ok(Literal("x"), XSD.string)
    assert fastshacl.datatype_ok(Literal("x", lang="ko"), RDF.langString)
    assert not fastshacl.datatype_ok(URIRef("http://example.org/x"), XSD.string)


def test_cli_engine_option(run_cli, home):
    violation = Path(__file__).parent / "fixtures" / "violation.ttl"
    outputs = {}
    for engine in ("fast", "pyshacl", "auto"):
        result = run_cli("validate", violation, "--engine", engine, "-f", "json")
        assert result.exit_code == 1, result.output
        outputs[engine] = re.sub(r'"_:[^"]*"', '"_:"', result.stdout)  # blank nodes are named per run
    assert outputs["fast"] == outputs["pyshacl"] == outputs["auto"]
    assert json.loads(outputs["fast"])["counts"]["Violation"] == 1
    bad = run_cli("validate", "--engine", "turbo")
    assert bad.exit_code == 2 and "turbo" in bad.stderr
    assert run_cli("validate", "--engine", "fast", "--inference", "rdfs").exit_code == 2
