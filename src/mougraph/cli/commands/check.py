"""``mougraph check FILE…``: syntax and well-typed literals, no shapes (as Jena's ``riot --validate``;
the logic: :mod:`mougraph.store.check`).

Exit codes: 0 when every file is clean, 1 when any has an error (a syntax error, an IRI or language tag RDF does not
allow, an ill-typed literal), 2 when a file cannot be read at all (missing, unknown format) or on a usage error.
With ``mougraph --lenient``, what strict reading refuses but a lenient parser reads is a warning (exit 0).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from mougraph.cli.options import LazyChoice, lazy


@click.command("check")
@click.argument("files", nargs=-1, required=True)
@click.option("--input-format", type=LazyChoice(lazy("mougraph.formats", "INPUT_FORMATS")), default=None,
              help="Format of standard input (FILE '-'); required with '-'.")
def check_cmd(files, input_format) -> int:
    """Check RDF files: strict syntax and well-typed literals, no shapes.

    Exit 0 when all are clean, 1 when any has an error (each printed with its file and line), 2 when a file
    cannot be read. FILE '-' reads standard input (give --input-format).
    """
    from mougraph import formats
    from mougraph.errors import MougraphError
    from mougraph.store.check import CheckReport, check_file

    report = CheckReport()
    for name in files:
        if name == "-":
            if input_format is None:
                raise MougraphError("check -: give the format of standard input with --input-format "
                                    f"({', '.join(formats.export_formats())})")
            suffix = formats.get(formats.export_format(input_format)).suffix
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"stdin{suffix}"
                path.write_bytes(sys.stdin.buffer.read())
                triples, problems = check_file(path, shown="<stdin>")
        else:
            triples, problems = check_file(name)
        report.files.append(name)
        report.triples += triples
        report.problems.extend(problems)
    for problem in report.problems:
        click.echo(f"mougraph: error: {problem}", err=True)
    status = "ok" if report.ok else f"{len(report.problems)} error(s)"
    click.echo(f"checked {len(report.files)} file(s), {report.triples} triple(s): {status}")
    return 0 if report.ok else 1
