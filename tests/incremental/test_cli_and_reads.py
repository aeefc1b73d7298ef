"""``mougraph --store DIR validate NEW --incremental``, and the reads of SPARQL queries it bounds."""

from __future__ import annotations

import pytest

from mougraph.synth import generate
from mougraph.validation.fast.reads import Read, Unbounded
from mougraph.validation.fast.sparql_reads import query_reads

MG = "https://w3id.org/mougraph/ontology#"
PREFIXES = {"mg": MG}


def test_cli_incremental_report_is_the_full_report(run_cli, tmp_path):
    lines, gen, _injected = generate(6000, seed=3, error_rate=0.03)
    before = set(gen.triples)
    gen.agreement()
    base, new = tmp_path / "base.nt", tmp_path / "new.nt"
    base.write_text("".join(lines), encoding="utf-8")
    new.write_text("".join(sorted({f"{s} {p} {o} .\n" for s, p, o in gen.triples if (s, p, o) not in before})),
                   encoding="utf-8")
    db = tmp_path / "db"
    loaded = run_cli("--store", db, "validate", base, "-o", tmp_path / "base.json")
    assert loaded.exit_code == 1, loaded.output  # the injected errors
    for name in ("first", "again"):  # the first run makes the baseline, the second reads it
        inc = run_cli("--store", db, "validate", new, "--incremental", "-o", tmp_path / f"{name}.json")
        assert inc.exit_code == 1, inc.output
        assert "incremental:" in inc.stderr
    assert (db / "mougraph-validation.json").is_file()
    full = run_cli("validate", base, new, "-o", tmp_path / "full.json")
    assert full.exit_code == 1
    expected = (tmp_path / "full.json").read_bytes()
    assert (tmp_path / "first.json").read_bytes() == expected
    assert (tmp_path / "again.json").read_bytes() == expected


def test_cli_incremental_needs_a_store_and_new_triples(run_cli, tmp_path):
    data = tmp_path / "new.ttl"
    data.write_text("# invented\n<urn:x:a> <urn:x:p> <urn:x:b> .\n", encoding="utf-8")
    assert run_cli("validate", data, "--incremental").exit_code == 2
    empty = run_cli("--store", tmp_path / "db", "validate", data, "--incremental")
    assert empty.exit_code == 2 and "holds no data" in empty.output
    assert run_cli("--store", tmp_path / "db", "validate", data, "--incremental", "--engine",
                   "pyshacl").exit_code == 2


def test_routes_from_this_through_patterns_and_unions():
    reads = query_reads("SELECT $this WHERE { $this mg:party ?p . ?p mg:hasName/mg:nameText ?n . "
                        "{ ?a mg:signature $this } UNION { BIND ($this AS ?a) } ?a mg:date ?d }", PREFIXES)
    assert Read(None, MG + "party", False) in reads
    assert Read(f"<{MG}party>", MG + "hasName", False) in reads
    assert Read(f"<{MG}party>/<{MG}hasName>", MG + "nameText", False) in reads
    assert Read(None, MG + "signature", True) in reads
    # ?a is reached in both branches, so its mg:date is read from both routes
    assert {r for r in reads if r.predicate == MG + "date"} == {
        Read(None, MG + "date", False), Read(f"^<{MG}signature>", MG + "date", False)}


@pytest.mark.parametrize("text", [
    "SELECT $this WHERE { $this mg:date ?d . ?other mg:date ?d2 FILTER (?d = ?d2) }",  # ?other: no route
    "SELECT $this WHERE { OPTIONAL { $this mg:party ?p } ?x mg:hasName ?p }",  # ?p may be unbound
    "SELECT $this WHERE { { $this mg:party ?p } UNION { $this mg:date ?d } ?p mg:hasName ?n }",  # one branch
    "SELECT $this WHERE { $this mg:party ?p . GRAPH ?g { ?p mg:hasName ?n } }",
    "SELECT $this WHERE { $this mg:party ?p { SELECT ?p WHERE { ?p mg:hasName ?n } } }",  # no $this inside
])
def test_what_no_route_reaches_is_unbounded(text):
    with pytest.raises(Unbounded):
        query_reads(text, PREFIXES)


def test_a_variable_predicate_reads_any_predicate():
    reads = query_reads("SELECT $this WHERE { $this mg:refines ?v ; mg:subject ?s ; mg:predicate ?p . "
                        "FILTER NOT EXISTS { ?s ?p ?v } }", PREFIXES)
    # read from ?s (out of it) or from ?v (into it), with any predicate
    assert {r for r in reads if r.predicate is None} & {Read(f"<{MG}subject>", None, False),
                                                        Read(f"<{MG}refines>", None, True)}


def test_a_changed_store_gets_a_new_baseline(tmp_path):
    from mougraph import store
    from mougraph.validation.incremental import validate_incremental

    lines, _gen, _injected = generate(3000, seed=5, error_rate=0.05)
    base, new = tmp_path / "base.nt", tmp_path / "new.nt"
    base.write_text("".join(lines[1:]), encoding="utf-8")
    new.write_text(lines[0], encoding="utf-8")
    db = tmp_path / "db"
    with store.using(store.Backend(directory=db)):
        store.load_data([base])
        first = validate_incremental([new], store=db)
        again = validate_incremental([new], store=db)
        assert first.incremental.baseline_written and not again.incremental.baseline_written
        base.write_text("".join(lines[2:]), encoding="utf-8")  # the file changes: loaded again, a new baseline
        store.load_data([base])
        changed = validate_incremental([new], store=db)
        assert changed.incremental.baseline_written
        full = store.merge(store.load_data([base]), store.load_files([new]))
    from mougraph.validation import validate

    assert changed.to_json() == validate(full).to_json()
