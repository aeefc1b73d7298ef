"""The benchmark command runs (a tiny graph, one repetition, a few measurements); benchmarks are not tests."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_runs_on_a_tiny_graph(tmp_path):
    out = tmp_path / "bench"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "2000", "--repeat", "1",
         "--tasks", "load,reopen,queries,export-nt", "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    (size,) = results["sizes"]
    assert 2000 <= size["triples"] < 3000
    for side in ("mougraph", "baseline"):
        assert size[side]["load"]["median"] > 0 and size[side]["load"]["peak_mb"] > 0
        queries = [name for name in size[side] if name.startswith("query cq")]
        assert len(queries) >= 12 and all(size[side][q]["median"] is not None for q in queries)
    assert size["mougraph"]["reopen"]["median"] > 0 and "n/a" in size["baseline"]["reopen"]["note"]
    table = (out / "results.md").read_text(encoding="utf-8")
    assert "| load |" in table and "speed-up 2k" in table
