"""``mougraph build``: the report of :func:`mougraph.build.build`, line by line."""

from __future__ import annotations

from pathlib import Path

import click

from mougraph.build import build
from mougraph.cli.output import console, validation_table
from mougraph.validation import FAIL_ON


@click.command("build")
@click.option("--out", "out_dir", default="build", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="violation", show_default=True)
@click.option("--inferred/--no-inferred", default=True, show_default=True,
              help="Put the inferred triples in the exports (own named graph in nq/trig).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder instead of the shipped data/ (repeatable), e.g. a synthetic graph.")
def build_cmd(out_dir, fail_on, inferred, data) -> int:
    """Validate, run and check all queries, infer, write all exports.

    Exit 1 on SHACL violations, a report query differing from its
    .expected.csv, or a check query returning results.
    """
    report = build(out_dir, data=list(data) or None, fail_on=fail_on, inferred=inferred)
    out = console()
    v = report.validation
    if not v.conforms:
        out.print(validation_table(v))
    passed = sum(q.ok for q in report.queries)
    out.print(f"graph:      {report.triples} triples, {report.classes} classes, {report.instances} instances")
    out.print(f"validation: {v.summary()}")
    out.print(f"queries:    {passed}/{len(report.queries)} passed"
              + (" (report queries not compared: their expected answers are for the shipped data)" if data else ""))
    if report.inferred is not None:
        out.print(f"inference:  {report.inferred} triples inferred by the rules "
                  f"({report.inference_seconds:.1f} s), exported with the asserted ones")
    for q in report.queries:
        if not q.ok:
            out.print(f"  [red]FAIL[/] {q.message}")
    written = len(report.files) + sum(q.output is not None for q in report.queries)
    out.print(f"files:      {written} written to {out_dir}/")
    if report.ok:
        out.print("[green]build OK[/]")
        return 0
    out.print(f"[bold red]build FAILED[/] ({len(report.failures)} problem(s))")
    return 1
