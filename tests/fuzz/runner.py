"""Run fuzz cases (:mod:`tests.fuzz.generator`) through the Python API (a :mod:`tests.fuzz.worker` process,
restarted after a crash or a hang) and a few through the command line, and count what went wrong.

What counts as a failure (the table of issue 17):

- **crash**: the process died (a signal, e.g. SIGSEGV); **hang**: no answer within the per-input timeout while
  reading the input (a query still being *evaluated* after the timeout is counted apart, as ``slow``: a heavy query
  is no parsing fault; the endpoint bounds evaluation time);
- **internal error**: an exception that is not a ``MougraphError`` (on the CLI: "internal error" printed);
- **exit 0 on invalid input**: accepted, while the judge (Oxigraph's strict parser, for RDF and for SPARQL)
  rejects it;
- **invalid export**: accepted, and mougraph's N-Triples export of it does not read back strictly;
- **error without file** / **without line**: a refused RDF input whose message does not name the file, or
  names no line (``:N:`` or ``line N``).
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz.generator import ROOT, Case, cases

FAILURES = ["crash", "hang", "internal error", "exit 0 on invalid input", "invalid export", "error without file",
            "error without line"]
_LINE = re.compile(r":\d+:|\bline \d+")


class Worker:
    """The API worker process."""

    def __init__(self, startup: float = 180.0):
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.fuzz.worker"], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        ready = self._read(startup)
        if not ready or not ready.get("ready"):
            self.stop()
            raise RuntimeError("the fuzz worker did not start")

    def _read(self, timeout: float) -> dict | None:
        ready, _w, _x = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        return json.loads(line) if line else {"eof": True}

    def run(self, case: Case, backend: str, timeout: float) -> dict:
        request = {"index": case.index, "kind": case.kind, "fmt": case.fmt, "suffix": case.suffix,
                   "backend": backend, "data": base64.b64encode(case.data).decode()}
        try:
            self.proc.stdin.write((json.dumps(request) + "\n").encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            return {"outcome": "crash", "message": f"exit {self.proc.wait()}"}
        deadline = time.monotonic() + timeout
        phase = "reading"
        while True:
            answer = self._read(max(0.0, deadline - time.monotonic()))
            if answer is None or "phase" not in answer:
                break
            phase = answer["phase"]
        if answer is None:
            self.stop()
            if phase == "evaluating":  # the query was read: what takes time is running it
                return {"outcome": "slow", "message": f"query read, still evaluating after {timeout:g} s"}
            return {"outcome": "hang", "message": f"no answer in {timeout:g} s"}
        if answer.get("eof"):
            return {"outcome": "crash", "message": f"exit {self.proc.wait()}"}
        return answer

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def classify(case: Case, answer: dict) -> list[str]:
    """The failure kinds of one answer (none: mougraph behaved)."""
    outcome = answer["outcome"]
    if outcome in ("crash", "hang"):
        return [outcome]
    if outcome == "internal":
        return ["internal error"]
    found = []
    if outcome == "accepted":
        if answer.get("valid") is False:
            found.append("exit 0 on invalid input")
        if answer.get("export_reads_back") is False:
            found.append("invalid export")
    elif outcome == "error" and case.kind == "rdf":
        message = answer.get("message", "")
        if answer.get("name", "\0") not in message:
            found.append("error without file")
        if not _LINE.search(message):
            found.append("error without line")
    return found


def run_cli(case: Case, timeout: float) -> dict:
    """One case through ``mougraph check`` (RDF) or ``mougraph query`` (SPARQL), in a process of its own."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"case{case.index}{case.suffix}"
        path.write_bytes(case.data)
        data = sorted((ROOT / "data").glob("*.ttl"))[0]
        args = ["check", str(path)] if case.kind == "rdf" else ["query", str(path), "--data", str(data)]
        try:
            done = subprocess.run([sys.executable, "-m", "mougraph", *args], capture_output=True, timeout=timeout,
                                  cwd=ROOT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return {"outcome": "hang", "message": f"no exit in {timeout:g} s"}
        err = done.stderr.decode("utf-8", "replace")
        if done.returncode < 0:
            return {"outcome": "crash", "message": f"signal {-done.returncode}"}
        if "internal error" in err:
            return {"outcome": "internal", "message": err[-300:]}
        if done.returncode == 0:
            from tests.fuzz.worker import judge_rdf, judge_sparql

            valid = (judge_rdf(case.fmt, case.data, path.resolve().as_uri()) if case.kind == "rdf"
                     else judge_sparql(case.data))
            return {"outcome": "accepted", "valid": valid}
        return {"outcome": "error", "message": err, "name": path.name}


@dataclass
class Summary:
    """Counts per failure kind, and examples of each."""

    inputs: int = 0
    cli_inputs: int = 0
    outcomes: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, case: Case, answer: dict, where: str) -> None:
        self.outcomes[answer["outcome"]] += 1
        for kind in classify(case, answer):
            self.failures[kind] += 1
            example = f"#{case.index} {where} {case.kind}/{case.fmt} ({case.how}): {answer.get('message', '')}"
            self.examples.setdefault(kind, []).append(" ".join(example.split())[:300])

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def table(self) -> str:
        rows = [f"inputs: {self.inputs} through the API, {self.cli_inputs} through the CLI, in {self.seconds:.0f} s; "
                f"outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())), "",
                "| what | count | first example |", "|---|---|---|"]
        for kind in FAILURES:
            example = (self.examples.get(kind) or [""])[0].replace("|", "\\|")
            rows.append(f"| {kind} | {self.failures[kind]} | {example} |")
        return "\n".join(rows)


def run(seed: int, count: int, *, cli: int = 0, timeout: float = 10.0, progress=None) -> Summary:
    """Run ``count`` cases of ``seed`` through the API (backends alternating) and ``cli`` of them (spread over the
    run) through the command line."""
    summary = Summary()
    start = time.monotonic()
    worker = Worker()
    every = max(1, count // cli) if cli else 0
    try:
        for case in cases(seed, count):
            if not worker.alive:
                worker = Worker()
            backend = "oxigraph" if case.index % 2 == 0 else "memory"
            summary.add(case, worker.run(case, backend, timeout), f"api/{backend}")
            summary.inputs += 1
            if every and case.index % every == 0 and summary.cli_inputs < cli:
                summary.add(case, run_cli(case, timeout + 20), "cli")  # (the CLI's start-up is not the input's)
                summary.cli_inputs += 1
            if progress and summary.inputs % 100 == 0:
                progress(summary)
    finally:
        worker.stop()
    summary.seconds = time.monotonic() - start
    return summary
