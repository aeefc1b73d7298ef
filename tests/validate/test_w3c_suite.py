"""The fast SHACL engine (mougraph.validation.fast) on the W3C SHACL test suite.

The suite is read from ``../shared/w3c-shacl-test-suite/`` beside the repository (its ``manifest.ttl``, which
includes ``core/`` and ``sparql/``); without that folder every test here is skipped (marker ``needs_shared``). It
is not copied into the project.

Each test file is read once with pyoxigraph's parser: the data graph goes into an Oxigraph store as
``mougraph.store`` would load it (literals as written remembered), the shapes graph and the expected report
become rdflib graphs with the literals as written (rdflib would read ``"1"^^xsd:boolean`` as ``true``). Blank
nodes keep one name across the three, so expected focus nodes and values match by identity; paths are
compared by their structure, and a blank-node source shape that the shapes graph does not describe (the
suite's ``[]`` placeholder) matches any.

As the suite's rules say, a test passes when the report has the expected conformance and the same results:
here, the same multiset of (focus node, path, value, source constraint component, source shape, severity),
and the expected messages where the test gives them. Tests that expect a failure pass when the engine
refuses the shapes (:class:`mougraph.validation.fast.ShapesError`). Tests whose shapes the fast engine does not
cover (SPARQL-based constraint components, ``$shapesGraph``) are skipped with the reason; every test of a
covered constraint component must pass.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

from mougraph.store.literals import canonical
from mougraph.store.oxigraph import OxigraphStore
from mougraph.store.terms import from_ox
from mougraph.validation import fast as fastshacl
from tests.support.paths import W3C_SHACL_SUITE as SUITE

pytestmark = pytest.mark.needs_shared("w3c-shacl-test-suite")

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")


def as_written(term):
    """A pyoxigraph term as an rdflib term, a literal keeping its lexical form."""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value != str(XSD.string):
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    return fastshacl.to_rdflib(term)


_files: dict = {}


def read(path: Path) -> tuple[list, Graph]:
    """The quads of a test file and the same as an rdflib graph (literals as written)."""
    path = path.resolve()
    if path not in _files:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri()))
        graph = Graph()
        for q in quads:
            graph.add((as_written(q.subject), as_written(q.predicate), as_written(q.object)))
        _files[path] = (quads, graph)
    return _files[path]


def local(iri) -> Path:
    return Path(str(iri).removeprefix("file://"))


def entries(manifest: Path):
    """(test name, manifest graph, entry node) of every test the manifest lists or includes."""
    _quads, graph = read(manifest)
    for included in sorted(graph.objects(None, MF.include)):
        yield from entries(local(included))
    for head in graph.objects(None, MF.entries):
        for entry in Collection(graph, head):
            name = str(local(entry).relative_to(SUITE)) if str(entry).startswith("file://") else str(entry)
            yield name, graph, entry


TESTS = list(entries(SUITE / "manifest.ttl")) if SUITE.is_dir() else []


def store_of(quads) -> OxigraphStore:
    """The quads in the default graph of a new store, literals as written remembered (as mougraph.store)."""
    store = OxigraphStore()
    for q in quads:
        o = q.object
        if isinstance(o, ox.Literal) and not o.language and o.datatype.value.startswith(str(XSD)):
            stored = canonical(o.value, o.datatype.value)
            if stored is not None:
                store.restore.remember(ox.Quad(q.subject, q.predicate, stored, ox.DefaultGraph()), from_ox(o))
        store.inner.add(ox.Quad(q.subject, q.predicate, o, ox.DefaultGraph()))
    return store


def normal(term):
    """Literals compared as rdflib reads them (both sides)."""
    if isinstance(term, Literal):
        return Literal(str(term), lang=term.language, datatype=term.datatype)
    return term


def expected_results(manifest: Graph, report) -> tuple[Counter, dict]:
    found, messages = Counter(), {}
    for r in manifest.objects(report, SH.result):
        k = (normal(manifest.value(r, SH.focusNode)), fastshacl.path_text(manifest, manifest.value(r, SH.resultPath)),
             normal(manifest.value(r, SH.value)), manifest.value(r, SH.sourceConstraintComponent),
             manifest.value(r, SH.sourceShape), manifest.value(r, SH.resultSeverity))
        found[k] += 1
        messages.setdefault(k, set()).update(str(m) for m in manifest.objects(r, SH.resultMessage))
    return found, messages


def run(name: str, manifest: Graph, entry):
    """(expected report node or sht:Failure, outcome or the error, shapes) of one test."""
    action = manifest.value(entry, MF.action)
    data_quads, _ = read(local(manifest.value(action, SHT.dataGraph)))
    _, shapes_graph = read(local(manifest.value(action, SHT.shapesGraph)))
    shapes = fastshacl.ShapesGraph(shapes_graph)
    store = store_of(data_quads)
    dataset = fastshacl.Dataset(store.inner, [ox.DefaultGraph()], store.restore)
    try:
        outcome = fastshacl.validate(dataset, shapes, strict=True)
    except fastshacl.ShapesError as exc:
        outcome = exc
    return manifest.value(entry, MF.result), outcome, shapes


@pytest.mark.parametrize("name, manifest, entry", TESTS or [("none", None, None)],
                         ids=[t[0] for t in TESTS] or ["none"])
def test_w3c(name, manifest, entry):
    expected, outcome, shapes = run(name, manifest, entry)
    if isinstance(outcome, fastshacl.FastOutcome) and outcome.fallback:
        pytest.skip("not covered by the fast engine: " + "; ".join(sorted(set(outcome.fallback.values()))))
    if expected == SHT.Failure:
        assert isinstance(outcome, fastshacl.ShapesError), f"{name}: a failure was expected, got {outcome}"
        return
    assert isinstance(outcome, fastshacl.FastOutcome), f"{name}: {outcome}"
    want, want_messages = expected_results(manifest, expected)
    got, got_messages = Counter(), {}
    for r in outcome.results:
        k = (normal(r.focus), fastshacl.path_text(shapes.graph, r.path), normal(r.value), r.component, r.shape,
             r.severity)
        got[k] += 1
        got_messages.setdefault(k, set()).update(str(m) for m in r.messages)

    def placeholder(k):  # an expected blank-node shape the shapes graph does not describe matches any
        shape = k[4]
        return k[:4] + ("*",) + k[5:] if isinstance(shape, BNode) and (shape, None, None) not in shapes.graph else k

    want = Counter({placeholder(k): n for k, n in want.items()})
    got = Counter({placeholder(k): n for k, n in got.items()})
    assert want == got, f"{name}:\n  missing: {sorted(map(str, want - got))}\n  extra: {sorted(map(str, got - want))}"
    conforms = manifest.value(expected, SH.conforms)
    assert conforms is not None and (str(conforms) == "true") == (not outcome.results)
    got_messages = {placeholder(k): m for k, m in got_messages.items()}
    for k, messages in want_messages.items():
        if messages:
            assert messages <= got_messages.get(placeholder(k), set()), \
                f"{name}: messages {messages} expected, got {got_messages.get(placeholder(k))}"


def test_every_covered_component_is_tested_by_the_suite():
    """Each component the fast engine claims to cover appears in a test of the suite that it runs."""
    exercised = set()
    for name, manifest, entry in TESTS:
        expected, outcome, shapes = run(name, manifest, entry)
        if isinstance(outcome, fastshacl.FastOutcome) and not outcome.fallback:
            exercised |= {c.component for node in shapes.nodes for c in shapes.shape(node).constraints}
            exercised |= {fastshacl.PROPERTY for node in shapes.nodes if shapes.shape(node).properties}
    missing = sorted(str(c) for c in fastshacl.COVERED_COMPONENTS - exercised)
    assert not missing, f"covered components no W3C test exercises: {missing}"
    assert len(TESTS) > 100
