"""``mougraph synth``: a realistic synthetic agreement graph of a chosen size, for benchmarks and tests.

The graph follows the patterns of ``data/*.ttl``: every Korean local government (the 17 upper-tier ones under
their real names, codes from the administrative code lists, and 226 lower-tier ones with invented names, marked
synthetic), foreign partner cities and public bodies, offices held by people over terms (some acting heads),
agreements of two or more parties with a kind, a status, a date at its precision (year, day), listed domains,
commitments, signatures in office, a signing ceremony in a room of a building, talks, mutual Hometown Love
donations, lineage (strengthens / renews / supersedes an earlier agreement of the same parties), planned expos,
and for every fact the passages (``mg:quote``, ``mg:line``) of a source document (``mg:sourceFile``) that state
it; where a press release and a news article disagree on a ceremony's end, an ``mg:Conflict`` with both claims.
Instants are named by their value (``instant/2016``, ``instant/2023-04-10``, ``instant/2023-04-10T11:10``).

Everything except the upper-tier governments' names and codes is invented: labels carry "(가상)" /
"(synthetic)" and every resource is stated in synthetic documents (``source/synthetic/...``).

The output is deterministic for a seed: N-Triples are written sorted (same bytes for the same seed and size),
other formats through :func:`mougraph.export.serialize`. With ``error_rate > 0``, violations of the shipped
SHACL shapes are injected (each kind at that rate of its eligible targets, at least once) and listed in a
sidecar JSON (``<output>.injected.json``): the shape (``sh:sourceShape``) and the focus node of each
``sh:Violation`` the validator must report, and nothing else of severity Violation.

The modules: :mod:`~mougraph.synth.universe` (the organisations, the same for every seed),
:mod:`~mougraph.synth.writer` (triples, documents, instants, and each organisation with its offices, people and
buildings), :mod:`~mougraph.synth.generator` (the agreements, until the size asked for),
:mod:`~mougraph.synth.injection` (the kinds of violation, keyed by the shape each breaks) and
:mod:`~mougraph.synth.injector` (which applies them); :mod:`~mougraph.synth.terms` writes RDF terms as text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mougraph.errors import MougraphError
from mougraph.export import normalize_format, serialize
from mougraph.io import atomic_write
from mougraph.store import parse_bytes
from mougraph.synth.generator import DOMAINS, Agreement, Generator
from mougraph.synth.injection import INJECTIONS
from mougraph.synth.injector import Injected, Injector
from mougraph.synth.universe import LOWER_COUNTS, UPPER, Org

__all__ = ["DOMAINS", "INJECTIONS", "LOWER_COUNTS", "UPPER", "Agreement", "Generator", "Injected", "Injector", "Org",
           "SynthResult", "generate", "synth"]


@dataclass
class SynthResult:
    path: Path
    triples: int
    agreements: int
    organisations: int
    injected: list[Injected]
    sidecar: Path | None


def generate(triples: int, seed: int = 0, error_rate: float = 0.0) -> tuple[list[str], Generator, list[Injected]]:
    """The sorted, de-duplicated N-Triples lines of a synthetic graph of about ``triples`` triples."""
    if triples < 1:
        raise MougraphError(f"--triples must be at least 1 (got {triples})")
    if not 0.0 <= error_rate <= 1.0:
        raise MougraphError(f"--error-rate must be between 0 and 1 (got {error_rate})")
    gen = Generator(seed)
    while len(gen.triples) < triples:
        gen.agreement()
    injected: list[Injected] = []
    rows = gen.triples
    if error_rate > 0:
        injector = Injector(gen, error_rate)
        injected = injector.run()
        rows = injector.remaining()
    lines = sorted({f"{s} {p} {o} .\n" for s, p, o in rows})
    return lines, gen, injected


def synth(triples: int, out: str | Path, *, seed: int = 0, error_rate: float = 0.0, fmt: str | None = None) -> SynthResult:
    """Write a synthetic graph to ``out`` (N-Triples when it ends in .nt, else any export format).

    With ``error_rate > 0`` also writes ``<out>.injected.json`` listing the injected violations.
    """
    out = Path(out)
    lines, gen, injected = generate(triples, seed, error_rate)
    data = "".join(lines).encode("utf-8")

    fmt = normalize_format(fmt, out)
    if fmt != "nt":
        data = serialize(parse_bytes(data, "nt"), fmt)
    atomic_write(out, data)
    sidecar = None
    if error_rate > 0:
        sidecar = out.with_name(out.name + ".injected.json")
        doc = {"generator": "mougraph synth", "seed": seed, "triples": len(lines), "errorRate": error_rate,
               "file": out.name, "injected": [i.to_dict() for i in injected]}
        atomic_write(sidecar, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return SynthResult(out, len(lines), len(gen.agreements), sum(o.emitted for o in gen.orgs), injected, sidecar)
