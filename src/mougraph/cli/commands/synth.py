"""``mougraph synth``: a synthetic agreement graph written to a file (:mod:`mougraph.synth`)."""

from __future__ import annotations

import click

from mougraph.cli.options import lazy, output
from mougraph.cli.output import note, t


@click.command("synth")
@click.option("--triples", "triples", type=click.IntRange(min=1), required=True, help="About how many triples.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed and size, same bytes.")
@click.option("--error-rate", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Share of the eligible resources broken for each kind of violation (at least one each when > 0); "
                   "the injected violations are listed in FILE.injected.json (so -o must be a file then).")
@output(lazy("mougraph.formats", "export_formats"), what="the graph", required=True)
def synth_cmd(triples, seed, error_rate, out) -> int:
    """Write a realistic synthetic agreement graph (for benchmarks and tests).

    .nt gives sorted N-Triples, the other extensions an export format; with
    -o - give -f.
    """
    from mougraph.synth import synth

    fmt = out.format()
    if out.to_stdout:
        if error_rate > 0:
            raise click.UsageError("--error-rate writes FILE.injected.json beside the graph: give -o FILE")
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory(prefix="mougraph-synth-") as folder:
            result = synth(triples, Path(folder) / f"synth.{fmt}", seed=seed, fmt=fmt)
            out.write(result.path.read_bytes())
        note(t("synth_written", triples=result.triples, agreements=result.agreements,
               organisations=result.organisations, path="-"))
        return 0
    result = synth(triples, out.path, seed=seed, error_rate=error_rate, fmt=fmt)
    note(t("synth_written", triples=result.triples, agreements=result.agreements,
           organisations=result.organisations, path=result.path))
    if result.sidecar is not None:
        note(t("synth_injected", n=len(result.injected), path=result.sidecar))
    return 0
