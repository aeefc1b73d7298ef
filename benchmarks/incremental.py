"""Benchmark: incremental validation of one new agreement against a persistent store (issue 18, item 3).

    .venv/bin/python benchmarks/incremental.py --triples 1000000 --out build/bench-incremental

Writes a synthetic graph of about N triples (``base.nt``) and the triples of one more agreement made by the same
generator (``new.nt``), loads the base into a persistent store (``store/``, once: later runs reuse it), then runs
``mougraph --store DIR validate new.nt --incremental -o inc.json`` twice (the first run computes the store's
baseline; the second is the daily loop that is timed) and ``mougraph validate base.nt new.nt -o full.json``
(the full run), each in its own process. The two reports must be the same bytes. ``--in-memory`` also times
the Python API with the base in an in-memory store (``validate_incremental(..., base=[graph])``). Prints the
times (wall clock of each process, and of the validation inside it) and the load average (``uptime``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

MOUGRAPH = [sys.executable, "-m", "mougraph"]


def write_graphs(triples: int, seed: int, out: Path) -> None:
    from mougraph.synth import generate

    base, new = out / "base.nt", out / "new.nt"
    if base.exists() and new.exists():
        return
    lines, gen, _injected = generate(triples, seed=seed)
    before = set(gen.triples)
    gen.agreement()  # one more agreement, with whatever it brings (people, events, passages)
    added = sorted({f"{s} {p} {o} .\n" for s, p, o in gen.triples if (s, p, o) not in before})
    base.write_text("".join(lines), encoding="utf-8")
    new.write_text("".join(added), encoding="utf-8")


def run(args: list, label: str) -> dict:
    """Run mougraph with ``args`` in a child process: its wall time, peak RSS and stderr."""
    started = time.perf_counter()
    proc = subprocess.run(MOUGRAPH + args, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode not in (0, 1):
        sys.exit(f"{label} failed ({proc.returncode}):\n{proc.stderr}")
    return {"label": label, "seconds": round(seconds, 3), "peak_rss_mb_so_far": round(rss), "stderr": proc.stderr}


_IN_MEMORY = """
import json, sys, time
import mougraph
from mougraph.store import load_files, merge, new_graph
from mougraph.validation import validate
from mougraph.validation.incremental import validate_incremental
out = sys.argv[1]
base = mougraph.load_data([out + "/base.nt"])
added = load_files([out + "/new.nt"], new_graph("oxigraph"))
validate_incremental(added, base=[base], baseline=out + "/baseline-memory.json", base_key="bench")  # the baseline
started = time.perf_counter()
result = validate_incremental(added, base=[base], baseline=out + "/baseline-memory.json", base_key="bench")
seconds = time.perf_counter() - started
same = result.to_json() == validate(merge(base, added)).to_json()
print(json.dumps({"seconds": seconds, "identical": same, "parts": result.incremental.seconds}))
"""


def in_memory(out: Path) -> dict:
    """The Python API with the base in an in-memory Oxigraph store (baseline made first, then timed)."""
    proc = subprocess.run([sys.executable, "-c", _IN_MEMORY, str(out)], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("build/bench-incremental"))
    parser.add_argument("--in-memory", action="store_true",
                        help="also time the Python API with the base in an in-memory Oxigraph store")
    opts = parser.parse_args()
    out = opts.out / str(opts.triples)
    out.mkdir(parents=True, exist_ok=True)
    write_graphs(opts.triples, opts.seed, out)
    store = out / "store"
    runs = []
    if not (store / "mougraph-store.json").exists():
        runs.append(run(["--store", str(store), "validate", str(out / "base.nt"), "-o", str(out / "base.json"),
                         "--fail-on", "none"], "load the store (and validate it in full)"))
    inc = ["--store", str(store), "validate", str(out / "new.nt"), "--incremental", "--fail-on", "none", "-o"]
    runs.append(run(inc + [str(out / "inc-first.json")], "incremental (first: computes the baseline if needed)"))
    runs.append(run(inc + [str(out / "inc.json")], "incremental (timed)"))
    runs.append(run(["validate", str(out / "base.nt"), str(out / "new.nt"), "-o", str(out / "full.json"),
                     "--fail-on", "none"], "full validation of base + new (no store)"))
    same = (out / "inc.json").read_bytes() == (out / "full.json").read_bytes()
    results = json.loads((out / "full.json").read_text(encoding="utf-8"))["counts"]
    load = os.getloadavg()
    for r in runs:
        print(f"{r['seconds']:8.2f} s  {r['label']}")
        for line in r["stderr"].splitlines():
            if "incremental" in line:
                print(f"           {line}")
    print(f"identical reports: {same}; result counts: {results}")
    memory = in_memory(out) if opts.in_memory else None
    if memory:
        print(f"{memory['seconds']:8.2f} s  incremental, base in memory (Python API, in the process); "
              f"identical to the full run: {memory['identical']}")
        same = same and memory["identical"]
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    (out / "results.json").write_text(json.dumps({"triples": opts.triples, "runs": runs, "identical": same,
                                                  "in_memory": memory, "load": load}, indent=1) + "\n",
                                      encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
