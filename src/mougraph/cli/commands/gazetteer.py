"""``mougraph resolve``: which local government a name written in a document refers to.

Exit 0 with one or more candidates (a note on stderr when the answer is ambiguous), 1 with none (like grep),
2 for a malformed date or another user error.
"""

from __future__ import annotations

import csv
import io
import json

import click

from mougraph.cli.options import lazy, output
from mougraph.cli.output import note, show


@click.command("resolve")
@click.argument("name", nargs=-1, required=True)
@click.option("--on", "on", metavar="DATE", default=None,
              help="Date of the document (YYYY-MM-DD, YYYY-MM or YYYY): names in force then are preferred.")
@click.option("--near", multiple=True, metavar="NAME",
              help="A place named near it in the document (repeatable): its province, districts, neighbours.")
@output(lazy("mougraph.formats", "RESOLVE_FORMATS"), default="table", what="the candidates")
def resolve_cmd(name, on, near, out) -> int:
    """The local governments NAME may refer to, best first, with why each matched.

    NAME as the document writes it: 서울시, 전북, 경남 고성군, 광주시, Jongno-gu. Uses the reference graph
    data/reference/ (docs/gazetteer.md).
    """
    from mougraph.gazetteer.resolution import resolve

    result = resolve(" ".join(name), on=on, near=tuple(near))
    fmt = out.format()
    rows = [(str(rank), c.full_name, c.tier, f"{c.valid_from or '?'} – {c.valid_until or ''}", str(c.score),
             "; ".join(c.why), c.key) for rank, c in enumerate(result.candidates, 1)]
    headers = ("#", "local government", "tier", "in force", "score", "why", "key")
    if fmt == "json":
        out.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    elif fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerows([headers, *rows])
        out.write(buffer.getvalue())
    elif result.candidates:
        from rich.markup import escape

        from mougraph.cli.tables import fit, width_of

        title = result.query + (f" (on {result.on})" if result.on else "")
        show(fit(headers, [tuple(escape(c) for c in row) for row in rows], width=width_of(out),
                 drop_order=(6, 4, 3), title=title), out=out)
    if result.note:
        note(result.note)
    return 0 if result.candidates else 1
