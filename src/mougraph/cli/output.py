"""What the commands print: the console, the SHACL results table, and writing a result to ``-o`` or stdout."""

from __future__ import annotations

import io
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from mougraph.io import atomic_write
from mougraph.validation import ValidationResult
from mougraph.vocab import short

SEVERITY_STYLE = {"Violation": "bold red", "Warning": "yellow", "Info": "cyan"}


def console(err: bool = False) -> Console:
    """The terminal (stdout, or stderr for notes beside a result written to stdout)."""
    return Console(stderr=err, highlight=False, soft_wrap=True)


def emit(data: bytes, output: Path | None) -> None:
    """Write ``data`` to ``output`` atomically, or to stdout."""
    if output is None:
        click.echo(data, nl=False)
    else:
        atomic_write(output, data)


def text_of(*renderables, width: int = 160) -> bytes:
    """``renderables`` as plain text, for a table or report written to ``-o``."""
    plain = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    for item in renderables:
        plain.print(item)
    return plain.file.getvalue().encode("utf-8")


def validation_table(result: ValidationResult) -> Table:
    """One row per SHACL result: severity, focus node, path, English message."""
    nm = result.report_graph.namespace_manager
    table = Table("severity", "focus node", "path", "message", title="SHACL validation results")
    for col in table.columns:
        col.overflow = "fold"
    for row in result.results:
        style = SEVERITY_STYLE.get(row.severity, "")
        table.add_row(f"[{style}]{row.severity}[/]" if style else row.severity,
                      short(row.focus_node, nm), short(row.path, nm), row.message("en"))
    return table
