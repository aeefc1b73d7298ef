"""The benchmark command runs (a tiny graph, one repetition, a few measurements); benchmarks are not tests."""

import importlib.util
import json
import math
import subprocess
import sys

import pytest

from mougraph.query import available_queries
from mougraph.synth import synth
from tests.support.paths import BENCHMARKS, ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", BENCHMARKS / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_graph(tmp_path):
    out = tmp_path / "bench"
    proc = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--sizes", "2000", "--repeat", "1",
         "--tasks", "load,reopen,queries,export-nt", "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    (size,) = results["sizes"]
    assert 2000 <= size["triples"] < 3000
    shipped = {f"query {name}" for name in available_queries()}
    assert any(name.endswith(".check") for name in available_queries())
    for side in ("mougraph", "baseline"):
        assert size[side]["load"]["median"] > 0 and size[side]["load"]["peak_mb"] > 0
        queries = {name for name in size[side] if name.startswith("query ")}
        assert queries == shipped and all(size[side][q]["median"] is not None for q in queries)
    assert size["mougraph"]["reopen"]["median"] > 0 and "n/a" in size["baseline"]["reopen"]["note"]
    table = (out / "results.md").read_text(encoding="utf-8")
    assert "| load |" in table and "speed-up 2k" in table
    assert all(f"| {name} |" in table for name in shipped)


@pytest.mark.slow
def test_baseline_skips_each_query_that_would_overrun(tmp_path):
    bench = _bench()
    data = tmp_path / "synth.nt"
    synth(2000, data, seed=1)
    first, *rest = [f"query {name}" for name in available_queries()]
    estimates = {first: 1e6, rest[0]: math.inf, rest[1]: 0.001}
    records, _peak, note = bench.run_worker("queries", "baseline", data, 300, estimates)
    assert note is None
    assert records[first]["skipped"].startswith("skipped: estimated 1000000 s > ")
    assert records[rest[0]]["skipped"].startswith("skipped: estimated > ")
    assert all(records[name]["seconds"] >= 0 for name in rest[1:])  # the budget left still measures the rest


def test_query_estimates_come_from_each_query_at_the_previous_size():
    bench = _bench()
    previous = {"triples": 1000, "baseline": {
        "queries": {"median": None, "note": "stopped after 600 s"},
        "query a.report": {"median": 2.0}, "query b.check": {"median": None, "note": "skipped: estimated 9 s > 5 s"},
        "load": {"median": 1.0}}}
    assert bench.query_estimates([previous], "baseline", 10_000) == {"query a.report": 20.0, "query b.check": math.inf}
    assert bench.query_estimates([], "baseline", 10_000) == {}


def test_query_estimates_follow_a_query_that_grows_faster_than_the_graph():
    bench = _bench()
    before = {"triples": 100, "baseline": {"query a.report": {"median": 0.02}, "query b.check": {"median": 0.5}}}
    previous = {"triples": 1000, "baseline": {"query a.report": {"median": 2.0}, "query b.check": {"median": 1.0}}}
    got = bench.query_estimates([before, previous], "baseline", 10_000)
    assert got["query a.report"] == pytest.approx(200.0)  # exponent 2 from 100 to 1000 triples
    assert got["query b.check"] == pytest.approx(10.0)  # exponent below 1: still estimated with 1


def test_the_query_target_names_the_slowest_query():
    bench = _bench()
    measured = {"load": {"median": 9.0}, "query a.report": {"median": 0.1}, "query b.check": {"median": 0.3}}
    assert bench.query_target(measured, 0.2) == ("- every shipped query median ≤ 0.2 s: slowest 0.300 s (b.check)"
                                                 " — NOT met")
    measured["query b.check"] = {"median": None, "note": "stopped after 600 s"}
    assert bench.query_target(measured, 0.2) == ("- every shipped query median ≤ 0.2 s: slowest 0.100 s (a.report); "
                                                 "no figure for b.check — NOT met")
    del measured["query b.check"]
    assert bench.query_target(measured, 0.2).endswith("slowest 0.100 s (a.report) — met")


def test_the_agreements_are_counted_as_synth_made_them(tmp_path):
    bench = _bench()
    made = synth(3000, tmp_path / "synth.nt", seed=2)
    assert bench.graph_counts(made.path) == (made.triples, made.agreements)


def test_the_table_says_how_much_faster_than_the_triples_the_agreements_grow():
    bench = _bench()
    sizes = [{"label": "100k", "triples": 100_000, "agreements": 400},
             {"label": "1M", "triples": 1_000_000, "agreements": 5_200}]
    assert bench.composition(sizes) == ("From 100k to 1M the agreements grow 13.0× (400 → 5200) for 10.0× the "
                                        "triples: a cost proportional to the number of agreements has exponent 1.11 "
                                        "in triples.")
    assert bench.composition(sizes[:1]) is None


def test_targets_of_tasks_not_run_get_no_verdict():
    """Regression: a run of only some tasks at 1M printed "validate peak memory … — NOT met" for a task not run."""
    bench = _bench()
    results = {"seed": 1, "repeat": 1, "sizes": [{"label": "1M", "triples": 1_000_000, "agreements": 10,
                                                  "mougraph": {"load": {"median": 2.0}}, "baseline": {}}]}
    targets = bench.markdown(results).split("Targets at 1M:", 1)[1]
    assert "- load ≤ 3.0 s: 2.000 s — met" in targets
    assert "NOT met" not in targets and "validate" not in targets and "query" not in targets
