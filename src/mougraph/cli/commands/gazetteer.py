"""``mougraph resolve``: which local government a name written in a document refers to.

Exit 0 with one or more candidates (a note on stderr when the answer is ambiguous), 1 with none (like grep),
2 for a malformed date or another user error.
"""

from __future__ import annotations

import json

import click


@click.command("resolve")
@click.argument("name", nargs=-1, required=True)
@click.option("--on", "on", metavar="DATE", default=None,
              help="Date of the document (YYYY-MM-DD, YYYY-MM or YYYY): names in force then are preferred.")
@click.option("--near", multiple=True, metavar="NAME",
              help="A place named near it in the document (repeatable): its province, districts, neighbours.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def resolve_cmd(name, on, near, fmt) -> int:
    """The local governments NAME may refer to, best first, with why each matched.

    NAME as the document writes it: 서울시, 전북, 경남 고성군, 광주시, Jongno-gu. Uses the reference graph
    data/reference/ (docs/gazetteer.md).
    """
    from mougraph.cli.output import console
    from mougraph.gazetteer.resolution import resolve

    result = resolve(" ".join(name), on=on, near=tuple(near))
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        if result.candidates:
            _table(result, console())
    if result.note:
        console(err=True).print(f"note: {result.note}", markup=False)
    return 0 if result.candidates else 1


def _table(result, out) -> None:
    from rich.table import Table

    table = Table(title=f"{result.query}" + (f" (on {result.on})" if result.on else ""))
    for column in ("#", "local government", "tier", "in force", "score", "why", "key"):
        table.add_column(column)
    for rank, c in enumerate(result.candidates, 1):
        table.add_row(str(rank), c.full_name, c.tier, f"{c.valid_from or '?'} – {c.valid_until or ''}",
                      str(c.score), "; ".join(c.why), c.key)
    out.print(table)
