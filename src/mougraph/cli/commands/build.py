"""``mougraph build``: the report of :func:`mougraph.build.build`, line by line."""

from __future__ import annotations

import click

from mougraph.cli.options import fail_on, inputs, output_folder
from mougraph.cli.output import console, settings, t


@click.command("build")
@inputs()
@output_folder("build", legacy="--out", what="the exports, the query answers and the validation report")
@fail_on("Lowest severity that fails the build (exit 1); none: validation results never fail it (the queries "
         "still do).")
@click.option("--inferred/--no-inferred", default=True, show_default=True,
              help="Put the inferred triples in the exports (own named graph in nq/trig).")
def build_cmd(data, out_dir, fail_on, inferred) -> int:
    """Validate, run and check all queries, infer, write all exports.

    Exit 1 on SHACL violations, a report query differing from its
    .expected.csv, or a check query returning results. The folder is written
    whole or not at all: a failed or interrupted build leaves it as it was.
    """
    from mougraph.build import build
    from mougraph.cli.commands.data import summary_line
    from mougraph.cli.tables import validation_table

    report = build(out_dir, data=data, fail_on="violation" if fail_on == "none" else fail_on, inferred=inferred)
    out = console()
    v = report.validation
    if not v.conforms:
        out.print(validation_table(v, out.width, settings().lang), soft_wrap=False)
    passed = sum(q.ok for q in report.queries)
    out.print(t("build_graph", triples=report.triples, classes=report.classes, instances=report.instances),
              markup=False)
    out.print(t("build_validation", summary=summary_line(v, fail_on)), markup=False)
    out.print(t("build_queries", passed=passed, total=len(report.queries))
              + (t("build_not_compared") if data else ""), markup=False)
    if report.inferred is not None:
        out.print(t("build_inference", n=report.inferred, seconds=report.inference_seconds), markup=False)
    for q in report.queries:
        if not q.ok:
            out.print(f"  [red]{t('fail')}[/] ", end="")
            out.print(q.message, markup=False)
    written = len(report.files) + sum(q.output is not None for q in report.queries)
    out.print(t("build_files", n=written, folder=out_dir), markup=False)
    failed = [q for q in report.queries if not q.ok]
    ok = not failed and (v.conforms or fail_on == "none")
    if ok:
        out.print(f"[green]{t('build_ok')}[/]")
        return 0
    out.print(f"[bold red]{t('build_failed', n=len(failed) + (0 if v.conforms else 1))}[/]")
    return 1
