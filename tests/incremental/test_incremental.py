"""Incremental validation gives exactly the results of a full validation of base + new triples.

The graphs come from ``mougraph.synth`` (seeded; some injected errors, so that the base has results of its own);
the expected answer of each case is the full run of the fast engine on base + new, which other tests hold to
pySHACL. Deltas: one more agreement made by the generator, random triples taken out of the graph and added back,
a value of the wrong type, a triple that makes an earlier valid node invalid through an inverse path, a node
whose type changes. Deletions are not supported (docs/scale.md).
"""

from __future__ import annotations

import random

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from mougraph.store import merge, parse_bytes
from mougraph.synth import generate
from mougraph.validation import validate
from mougraph.validation.incremental import validate_incremental

MG = "https://w3id.org/mougraph/ontology#"
MGSH = "https://w3id.org/mougraph/shapes#"
SIZE = 12_000


@pytest.fixture(scope="module")
def synthetic():
    lines, gen, _injected = generate(SIZE, seed=7, error_rate=0.02)
    return lines, gen


def _graph(lines) -> object:
    return parse_bytes("".join(lines).encode("utf-8"), "nt")


def _both(base_lines, added_lines, **kwargs):
    base, added = _graph(base_lines), _graph(added_lines)
    incremental = validate_incremental(added, base=[base], **kwargs)
    full = validate(merge(base, added))
    return incremental, full


def _same(incremental, full) -> None:
    assert incremental.incremental is not None and incremental.incremental.full_run is None
    assert incremental.to_json() == full.to_json()
    assert incremental.report_graph.isomorphic(full.report_graph) if len(full.results) < 200 else True


def _triple(s, p, o) -> str:
    return f"{s.n3()} {p.n3()} {o.n3()} .\n"


def _subjects(lines, cls: str) -> list[URIRef]:
    graph = _graph(lines)
    return sorted(graph.subjects(RDF.type, URIRef(MG + cls)))


def test_one_more_agreement(synthetic):
    lines, _gen = synthetic
    _lines, gen, _injected = generate(SIZE, seed=7, error_rate=0.02)
    before = set(gen.triples)
    gen.agreement()
    added = sorted({f"{s} {p} {o} .\n" for s, p, o in gen.triples if (s, p, o) not in before})
    assert added and not set(added) & set(lines)
    incremental, full = _both(lines, added)
    _same(incremental, full)
    assert full.results  # the injected errors of the base are kept from the baseline
    assert sum(n or 0 for n in incremental.incremental.focus.values()) > 0


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("count", [1, 8, 80])
def test_random_triples_added_back(synthetic, seed, count):
    lines, _gen = synthetic
    rng = random.Random(seed * 1000 + count)
    taken = set(rng.sample(range(len(lines)), count))
    base = [line for i, line in enumerate(lines) if i not in taken]
    added = [lines[i] for i in sorted(taken)]
    incremental, full = _both(base, added)
    _same(incremental, full)


def test_a_value_of_the_wrong_type(synthetic):
    lines, _gen = synthetic
    agreement = _subjects(lines, "Agreement")[3]
    added = [_triple(agreement, URIRef(MG + "party"), Literal("서울특별시")),
             _triple(agreement, URIRef(MG + "date"), URIRef(MG + "Agreement"))]
    incremental, full = _both(lines, added)
    _same(incremental, full)
    assert {(str(r.focus_node), str(r.source_shape)) for r in full.results} >= {
        (str(agreement), MGSH + "Agreement-party")}


def test_an_inverse_path_makes_an_earlier_valid_node_invalid(synthetic):
    lines, _gen = synthetic
    graph = _graph(lines)
    code = URIRef(MG + "legalDongCode")
    (holder, value), other = sorted(graph.subject_objects(code))[0], _subjects(lines, "LocalGovernment")[-1]
    assert holder != other
    # the code (the focus node) conformed: one holder; a second holder makes it invalid through ^mg:legalDongCode
    added = [_triple(other, code, value)]
    signature = _subjects(lines, "Signature")[0]
    agreements = _subjects(lines, "Agreement")
    owner = next(a for a in agreements if (a, URIRef(MG + "signature"), signature) not in graph)
    added.append(_triple(owner, URIRef(MG + "signature"), signature))  # a signature of two agreements
    incremental, full = _both(lines, added)
    _same(incremental, full)
    found = {(r.focus_node, str(r.source_shape)) for r in full.results}
    assert (value, MGSH + "LegalDongCodeUniqueShape") in found
    assert (signature, MGSH + "Signature-agreement") in found


def test_a_node_whose_type_changes(synthetic):
    lines, _gen = synthetic
    person = _subjects(lines, "Person")[0]
    added = [_triple(person, RDF.type, URIRef(MG + "Agreement")),
             _triple(person, RDF.type, URIRef(MG + "Commitment"))]
    incremental, full = _both(lines, added)
    _same(incremental, full)
    assert any(r.focus_node == person for r in full.results)


def test_the_baseline_is_kept_and_used_again(synthetic, tmp_path):
    lines, _gen = synthetic
    added = lines[:3]
    base = [line for line in lines if line not in set(added)]
    kept = tmp_path / "baseline.json"
    first, full = _both(base, added, baseline=kept, base_key="synthetic-7")
    assert kept.is_file() and first.incremental.baseline_written
    stamp = kept.stat().st_mtime_ns
    second, _full = _both(base, added, baseline=kept, base_key="synthetic-7")
    assert not second.incremental.baseline_written and kept.stat().st_mtime_ns == stamp
    _same(first, full)
    _same(second, full)
    # another key: the file is not used (it would hold another base's results)
    third = validate_incremental(_graph(lines[:1]), base=[_graph(lines[1:])], baseline=kept, base_key="other")
    assert third.incremental.baseline_written


def test_a_change_of_the_class_hierarchy_is_a_full_run(synthetic):
    lines, _gen = synthetic
    added = [_triple(URIRef(MG + "Person"), URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
                     URIRef(MG + "Agreement"))]
    incremental, full = _both(lines, added)
    assert "class hierarchy" in incremental.incremental.full_run
    assert incremental.to_json() == full.to_json()
