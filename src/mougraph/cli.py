"""The ``mougraph`` command line.

Exit codes (as pySHACL): 0 success / data conforms, 1 data does not conform or
a build check failed, 2 error (bad input, unknown query, usage error, ...).
All mapping from exceptions to exit codes happens in :meth:`MougraphGroup.main`.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import traceback
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from . import __version__
from ._helpers import MougraphError, atomic_write, short
from .build import build
from .export import ALIASES as EXPORT_ALIASES, FORMATS as EXPORT_FORMATS, export, normalize_format as export_format
from .query import FORMATS as QUERY_FORMATS, normalize_format as query_format, query, render, rich_table
from .store import load_all
from .validate import FAIL_ON, INFERENCE, ValidationResult, validate

SEVERITY_STYLE = {"Violation": "bold red", "Warning": "yellow", "Info": "cyan"}


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("MOUGRAPH_DEBUG", "") not in ("", "0")


class MougraphGroup(click.Group):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command line; the one place that turns outcomes into exit codes."""
        argv = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(argv, prog_name or "mougraph", complete_var,
                                standalone_mode=False, **extra)
        except click.ClickException as exc:  # usage errors, bad option values
            exc.show()
            code = 2
        except click.Abort:
            click.echo("mougraph: aborted", err=True)
            code = 2
        except MougraphError as exc:
            click.echo(f"mougraph: error: {exc}", err=True)
            code = 2
        except BrokenPipeError:  # e.g. `mougraph export -f nt | head`: stop quietly
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError, io.UnsupportedOperation):
                pass
            code = 2
        except Exception as exc:
            if _debug_requested(argv):
                traceback.print_exc()
            click.echo(f"mougraph: internal error: {type(exc).__name__}: {exc}", err=True)
            if not _debug_requested(argv):
                click.echo("(run with --debug or MOUGRAPH_DEBUG=1 to see the traceback)", err=True)
            code = 2
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=True)


def _emit(data: bytes, output: Path | None) -> None:
    """Write ``data`` to ``output`` atomically, or to stdout."""
    if output is None:
        click.echo(data, nl=False)
    else:
        atomic_write(output, data)


def _text_of(*renderables, width: int = 160) -> bytes:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    for item in renderables:
        console.print(item)
    return console.file.getvalue().encode("utf-8")


@click.group(cls=MougraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mougraph")
@click.option("--debug", is_flag=True, help="Show the full traceback of unexpected errors.")
def cli(debug: bool) -> None:
    """Knowledge graph of cooperation agreements between Korean local governments.

    Exit codes: 0 success, 1 data does not conform / build checks failed, 2 error.
    Set MOUGRAPH_HOME to use ontology/, data/ and queries/ from another folder.
    """


# --- validate -------------------------------------------------------------

def validation_table(result: ValidationResult) -> Table:
    nm = result.report_graph.namespace_manager
    table = Table("severity", "focus node", "path", "message", title="SHACL validation results")
    for col in table.columns:
        col.overflow = "fold"
    for row in result.results:
        style = SEVERITY_STYLE.get(row.severity, "")
        table.add_row(f"[{style}]{row.severity}[/]" if style else row.severity,
                      short(row.focus_node, nm), short(row.path, nm), row.message("en"))
    return table


@cli.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "turtle", "json"]), default="table",
              show_default=True, help="Report format (turtle: the sh:ValidationReport graph).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="violation", show_default=True,
              help="Lowest severity that makes the data not conform (exit 1).")
@click.option("--inference", type=click.Choice(INFERENCE), default="none", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
def validate_cmd(files, fmt, fail_on, inference, output) -> int:
    """Validate data against the SHACL shapes.

    FILEs: data files or folders to validate (default: all shipped data).
    Exit 0 if the data conforms, 1 if not (see --fail-on), 2 on errors.
    """
    result = validate(paths=list(files) or None, fail_on=fail_on, inference=inference)
    if fmt == "table":
        table = validation_table(result) if result.results else None
        if output is None:
            if table is not None:
                _console().print(table)
            _console().print(result.summary())
            return 0 if result.conforms else 1
        data = _text_of(*([table] if table else []), result.summary())
    elif fmt == "json":
        data = result.to_json().encode("utf-8")
    else:
        data = result.to_turtle().encode("utf-8")
    _emit(data, output)
    _console(err=True).print(result.summary())
    return 0 if result.conforms else 1


# --- query ----------------------------------------------------------------

@cli.command("query")
@click.argument("query_ref", metavar="QUERY")
@click.option("-f", "--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
              help="Output format (default: table; from the -o extension when given).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the result here.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder to query instead of the shipped data (repeatable).")
def query_cmd(query_ref, fmt, output, data) -> int:
    """Run a SPARQL query on ontology + data.

    QUERY is a shipped query name (or its name without role, or a unique prefix
    such as cq01), a .rq file, or SPARQL text.
    """
    run = query(query_ref, data=list(data) or None)
    fmt = query_format(fmt, output, run)
    if fmt == "table" and output is None and run.type == "SELECT":
        _console().print(rich_table(run))
    else:
        _emit(render(run, fmt), output)
    return 0


# --- export ---------------------------------------------------------------

@cli.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(list(EXPORT_FORMATS) + sorted(EXPORT_ALIASES)),
              default=None, help="Output format (default: from the -o extension).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: stdout).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Data file or folder to export instead of the shipped data (repeatable).")
def export_cmd(fmt, output, data) -> int:
    """Export ontology + data (stable, diff-friendly output).

    N-Quads and TriG put the triples in the named graph
    https://w3id.org/mougraph/id/graph/data.
    """
    fmt = export_format(fmt, output)
    payload = export(load_all(list(data) or None), fmt, output)
    if output is None:
        _emit(payload, None)
    return 0


# --- build ----------------------------------------------------------------

@cli.command("build")
@click.option("--out", "out_dir", default="build", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="violation", show_default=True)
def build_cmd(out_dir, fail_on) -> int:
    """Validate, run and check all queries, write all exports.

    Exit 1 on SHACL violations, a report query differing from its
    .expected.csv, or a check query returning results.
    """
    report = build(out_dir, fail_on=fail_on)
    console = _console()
    v = report.validation
    if not v.conforms:
        console.print(validation_table(v))
    passed = sum(q.ok for q in report.queries)
    console.print(f"graph:      {report.triples} triples, {report.classes} classes, {report.instances} instances")
    console.print(f"validation: {v.summary()}")
    console.print(f"queries:    {passed}/{len(report.queries)} passed")
    for q in report.queries:
        if not q.ok:
            console.print(f"  [red]FAIL[/] {q.message}")
    console.print(f"files:      {len(report.files) + sum(q.output is not None for q in report.queries)} written to {out_dir}/")
    if report.ok:
        console.print("[green]build OK[/]")
        return 0
    console.print(f"[bold red]build FAILED[/] ({len(report.failures)} problem(s))")
    return 1


def main() -> None:
    """Console-script entry point."""
    # rdflib logs a traceback for every ill-typed literal it parses; the shapes report those as violations.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    cli.main(prog_name="mougraph")


if __name__ == "__main__":
    main()
