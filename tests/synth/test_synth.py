"""Tests of `mougraph synth`: deterministic, conforming graphs, and injected violations found exactly."""

import json
import re
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

import mougraph
from mougraph.synth import DOMAINS, LOWER_COUNTS, UPPER, generate, synth

ROOT = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/mougraph/id/"


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
    shipped = Graph().parse(ROOT / "data" / "organisations.ttl")
    for org in governments:
        code = shipped.value(URIRef(ID + "org/" + org.slug), URIRef("https://w3id.org/mougraph/ontology#adminAgencyCode"))
        if code is not None:
            assert str(code) == org.admin_code
    lower = [o for o in governments if o.kind == "lower"]
    assert all(o.slug.startswith("synthetic-") for o in lower)


def test_vocabulary_used_exists_in_the_shipped_skos():
    skos = Graph().parse(ROOT / "ontology" / "mougraph.skos.ttl")
    concepts = set(skos.subjects(RDF.type, SKOS.Concept)) | {
        s for s, o in skos.subject_objects(RDF.type) if str(o).endswith(("AgreementKind", "AgreementStatus", "CommitmentAction"))}
    lines, _gen, _ = generate(4000, seed=2)
    used = set()
    for line in lines:
        for iri in re.findall(r"<(https://w3id\.org/mougraph/id/(?:domain|kind|status|tier|action|programme)/[^>]+)>", line):
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
    found = {(r.to_dict()["sourceShape"], r.to_dict()["focusNode"]) for r in result.results if r.severity == "Violation"}
    assert found == injected
    assert not result.conforms


def test_cli_writes_turtle_through_the_export_and_the_sidecar(run_cli, tmp_path):
    out = tmp_path / "g.ttl"
    result = run_cli("synth", "--triples", 1500, "--seed", 3, "--error-rate", 0.5, "-o", out)
    assert result.exit_code == 0, result.output
    assert "synthetic graph:" in result.stdout and (tmp_path / "g.ttl.injected.json").is_file()
    graph = Graph().parse(out)
    nt = tmp_path / "g.nt"
    assert run_cli("synth", "--triples", 1500, "--seed", 3, "--error-rate", 0.5, "-o", nt).exit_code == 0
    assert len(graph) == len(Graph().parse(nt))
    assert run_cli("synth", "--triples", 0, "-o", nt).exit_code == 2
