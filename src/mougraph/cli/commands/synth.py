"""``mougraph synth``: a synthetic agreement graph written to a file (:mod:`mougraph.synth`)."""

from __future__ import annotations

from pathlib import Path

import click

from mougraph.cli.output import console


@click.command("synth")
@click.option("--triples", "triples", type=click.IntRange(min=1), required=True, help="About how many triples.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed and size, same bytes.")
@click.option("--error-rate", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Share of the eligible resources broken for each kind of violation (at least one each when > 0); "
                   "the injected violations are listed in OUTPUT.injected.json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Output file; .nt gives sorted N-Triples, other extensions an export format.")
def synth_cmd(triples, seed, error_rate, output) -> int:
    """Write a realistic synthetic agreement graph (for benchmarks and tests)."""
    from mougraph.synth import synth

    result = synth(triples, output, seed=seed, error_rate=error_rate)
    out = console()
    out.print(f"synthetic graph: {result.triples} triples, {result.agreements} agreements, "
              f"{result.organisations} organisations -> {result.path}")
    if result.sidecar is not None:
        out.print(f"injected:        {len(result.injected)} violations -> {result.sidecar}")
    return 0
