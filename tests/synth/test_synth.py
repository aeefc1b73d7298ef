"""Tests of `mougraph synth`: deterministic, conforming graphs, and injected violations found exactly."""

import json
import re

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

import mougraph
from mougraph.store import data_files, load_data
from mougraph.synth import DOMAINS, INJECTIONS, LOWER_COUNTS, UPPER, Generator, generate, synth
from tests.support.paths import DATA, ONTOLOGY

ID = "https://w3id.org/mougraph/id/"
MGSH = "https://w3id.org/mougraph/shapes#"


def test_same_seed_same_bytes_other_seed_other_graph(tmp_path):
    a, b, c = tmp_path / "a.nt", tmp_path / "b.nt", tmp_path / "c.nt"
    synth(3000, a, seed=4)
    synth(3000, b, seed=4)
    synth(3000, c, seed=5)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    lines = a.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines)), "N-Triples are written sorted, without duplicates"
    assert 3000 <= len(lines) < 3600  # about the size asked for (whole agreements are added)


def test_universe_has_every_local_government():
    assert len(UPPER) == 17
    assert sum(sum(counts) for counts in LOWER_COUNTS.values()) == 226
    _lines, gen, _ = generate(50, seed=1)
    governments = [o for o in gen.orgs if o.kind in ("upper", "lower")]
    assert len(governments) == 243
    assert len({o.admin_code for o in governments}) == 243 and len({o.dong_code for o in governments}) == 243
    # the six governments of data/organisations.ttl keep their IRIs and codes
    shipped = Graph().parse(DATA / "organisations.ttl")
    for org in governments:
        code = shipped.value(URIRef(ID + "org/" + org.slug), URIRef("https://w3id.org/mougraph/ontology#adminAgencyCode"))
        if code is not None:
            assert str(code) == org.admin_code
    lower = [o for o in governments if o.kind == "lower"]
    assert all(o.slug.startswith("synthetic-") for o in lower)


def test_vocabulary_used_exists_in_the_shipped_skos():
    skos = Graph().parse(ONTOLOGY / "mougraph.skos.ttl")
    concepts = set(skos.subjects(RDF.type, SKOS.Concept)) | {
        s for s, o in skos.subject_objects(RDF.type)
        if str(o).endswith(("AgreementKind", "AgreementStatus", "CommitmentAction"))}
    lines, _gen, _ = generate(4000, seed=2)
    used = set()
    for line in lines:
        for iri in re.findall(r"<(https://w3id\.org/mougraph/id/"
                              r"(?:domain|kind|status|tier|action|programme)/[^>]+)>", line):
            used.add(URIRef(iri))
    assert {URIRef(ID + "domain/" + d) for d in DOMAINS} <= concepts
    assert used and used <= concepts, sorted(used - concepts)


def test_injected_violations_are_exactly_those_the_validator_finds(tmp_path):
    """A small graph in which every eligible resource is broken once: the Violations are exactly the listed ones."""
    out = tmp_path / "broken.nt"
    made = synth(4000, out, seed=7, error_rate=1.0)
    sidecar = json.loads(made.sidecar.read_text(encoding="utf-8"))
    injected = {(i["shape"], i["focus"]) for i in sidecar["injected"]}
    assert len({i["kind"] for i in sidecar["injected"]}) >= 35
    result = mougraph.validate(paths=[out])
    found = {(r.to_dict()["sourceShape"], r.to_dict()["focusNode"])
             for r in result.results if r.severity == "Violation"}
    assert found == injected
    assert not result.conforms


def test_every_injection_kind_breaks_a_shipped_shape_that_the_validator_reports(tmp_path):
    """The registry and the shapes agree: each kind names shapes of ontology/*.shacl.ttl, and is found by them."""
    shapes = Graph()
    for path in sorted(ONTOLOGY.glob("*.shacl.ttl")):
        shapes.parse(path)
    declared = {str(s) for kind in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, kind)}
    for shape, injection in INJECTIONS.items():
        assert shape == injection.shape
        assert {MGSH + s for s in injection.shapes} <= declared, f"{injection.kind}: no shape mgsh:{shape} shipped"
    assert len({i.kind for i in INJECTIONS.values()}) == len(INJECTIONS), "one name per kind"
    out = tmp_path / "every-kind.nt"
    made = synth(6000, out, seed=1, error_rate=1.0)  # a graph with a target for every kind
    assert {i.kind for i in made.injected} == {i.kind for i in INJECTIONS.values()}
    result = mougraph.validate(paths=[out])
    found = {(r.to_dict()["sourceShape"], r.to_dict()["focusNode"])
             for r in result.results if r.severity == "Violation"}
    for injection in INJECTIONS.values():
        injected = {(i.shape, i.focus) for i in made.injected if i.kind == injection.kind}
        assert {shape for shape, _focus in injected} == {MGSH + s for s in injection.shapes}, injection.kind
        assert injected <= found, f"{injection.kind}: not reported {sorted(injected - found)}"
    assert found == {(i.shape, i.focus) for i in made.injected}


def test_cli_writes_turtle_through_the_export_and_the_sidecar(run_cli, tmp_path):
    out = tmp_path / "g.ttl"
    result = run_cli("synth", "--triples", 1500, "--seed", 3, "--error-rate", 0.5, "-o", out)
    assert result.exit_code == 0, result.output
    assert "synthetic graph:" in result.stderr and (tmp_path / "g.ttl.injected.json").is_file()
    graph = Graph().parse(out)
    nt = tmp_path / "g.nt"
    assert run_cli("synth", "--triples", 1500, "--seed", 3, "--error-rate", 0.5, "-o", nt).exit_code == 0
    assert len(graph) == len(Graph().parse(nt))
    assert run_cli("synth", "--triples", 0, "-o", nt).exit_code == 2


# A synthetic graph reuses IRIs of the shipped data (the upper-tier governments, instants): loaded together with
# data/ (`mougraph validate data/ big.nt`, `build --data`), it must not give those resources a second label per
# language, a second unit, code, Wikidata link... Its invented resources have IRIs of their own (regression: its
# Seoul division had data/'s IRI, org/seoul-external-cooperation-division, with other labels and another unit).

STATED_IN = URIRef("https://w3id.org/mougraph/ontology#statedIn")
DIVISION = URIRef(ID + "org/seoul-external-cooperation-division")
SYNTHETIC_DIVISION = URIRef(ID + "org/seoul-synthetic-external-cooperation-division")


def test_iris_shared_with_the_shipped_data_get_the_values_of_the_shipped_data():
    shipped = load_data()
    gen = Generator(8)
    for org in gen.upper:  # every government and division the generator can write, not only this seed's parties
        gen.emit_org(org)
    for _ in range(20):
        gen.agreement()
    for s in set(shipped.subjects()):  # the instants data/ names, as the generator would write them
        if str(s).startswith(ID + "instant/"):
            gen.instant(str(s)[len(ID + "instant/"):])
    graph = Graph().parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in gen.triples), format="nt")
    shared = set(graph.subjects()) & set(shipped.subjects())
    assert {URIRef(ID + "org/seoul"), URIRef(ID + "org/jeju"), URIRef(ID + "instant/2023-04-10")} <= shared
    assert SYNTHETIC_DIVISION in set(graph.subjects()) and DIVISION not in shared
    differ = []
    for s in sorted(shared):
        for p in sorted(set(graph.predicates(s)) - {STATED_IN}):  # statedIn adds up: the synthetic sources too
            ours, theirs = set(graph.objects(s, p)), set(shipped.objects(s, p))
            if theirs and ours != theirs:
                differ.append(f"{s} {p}: synth {sorted(ours)}, data/ {sorted(theirs)}")
    assert not differ, "\n".join(differ)
    union = graph + shipped
    for s in shared:
        labels = [o.language for o in union.objects(s, RDFS.label) if getattr(o, "language", None)]
        assert len(labels) == len(set(labels)), (
            f"{s} has two labels in one language: {sorted(union.objects(s, RDFS.label))}")


def test_synthetic_graph_validates_together_with_the_shipped_data(tmp_path):
    out = tmp_path / "g.nt"
    synth(3000, out, seed=4)
    assert f"<{SYNTHETIC_DIVISION}> <{RDF.type}>" in out.read_text(encoding="utf-8"), "the graph has a Seoul division"
    result = mougraph.validate(paths=[*data_files(), out])
    violations = [r.to_dict() for r in result.results if r.severity == "Violation"]
    assert not violations, json.dumps(violations, indent=1, ensure_ascii=False)
    assert result.conforms
    assert mougraph.validate(paths=[out]).conforms, "and alone, as before"
