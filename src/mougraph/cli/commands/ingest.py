"""``mougraph ingest``: a press release, a news article or a portal table to a draft graph; ``--score`` compares
a draft with gold.

Exit 0 with a draft (an empty one, with a note, when the document states no agreement) or a score; 2 for a
document or table that cannot be read (not UTF-8, empty, no layout fits) or a malformed option. Nothing is
written unless the whole run succeeds.
"""

from __future__ import annotations

from pathlib import Path

import click

from mougraph.cli.options import lazy, output
from mougraph.cli.output import note, show

#: Files read as tables (a .txt or .tsv file is a table only with --layout).
TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm")


@click.command("ingest")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--url", metavar="URL", default=None, help="Address of the document (foaf:page of the source).")
@click.option("--published", metavar="DATETIME", default=None,
              help="Publication date (YYYY-MM-DD or YYYY-MM-DDTHH:MM): relative dates ('10일(월)') are anchored to "
                   "it. Default: the date the document states ('입력 2023-04-10 11:15').")
@click.option("--publisher", metavar="NAME", default=None,
              help="Who published it: a local government is resolved with the gazetteer, else kept as text.")
@click.option("--layout", metavar="NAME|MAPPING.toml", default=None,
              help="A table's layout: a shipped layout's name or a mapping file (default: from the header).")
@click.option("--owner", metavar="NAME", default=None,
              help="The Korean local government of a table whose rows do not name it.")
@click.option("--sheet", metavar="NAME", default=None, help="A workbook's sheet (default: the first).")
@click.option("--score", "gold", metavar="GOLD", type=click.Path(path_type=Path), default=None,
              help="Compare the draft FILE with GOLD (a file or folder, e.g. data/) fact by fact instead.")
@output(lazy("mougraph.formats", "INGEST_FORMATS"), default="ttl", what="the draft graph (with --score: the scores)")
@click.option("--review", "review_path", metavar="FILE", type=click.Path(path_type=Path), default=None,
              help="Write the review page (HTML: each fact beside its passage, the open questions) to FILE.")
def ingest_cmd(file, url, published, publisher, layout, owner, sheet, gold, out, review_path) -> int:
    """A draft graph from FILE: a press release or an article (UTF-8 text, Korean or English), or a table of
    sister and friendship cities (.csv in UTF-8 or CP949, .xlsx).

    Every value cites the passage (line, or the table's row) that states it. Review it, then
    `mougraph validate data/ draft.ttl` and move it into data/ (docs/ingest.md, docs/ingest-tables.md).
    With --score GOLD, FILE is a draft to compare with GOLD (docs/ingest-tables.md#scoring-a-draft).
    """
    text_options = {"--url": url, "--published": published, "--publisher": publisher, "--review": review_path}
    table_options = {"--layout": layout, "--owner": owner, "--sheet": sheet}
    if gold is not None:
        _refuse({**text_options, **table_options}, "with --score")
        return _score(gold, file, out)
    if layout or owner or sheet or file.suffix.lower() in TABLE_SUFFIXES:
        _refuse(text_options, "for a table")
        return _table(file, layout, owner, sheet, out)
    out.format(names=("ttl",))
    from mougraph.ingest.graph import turtle
    from mougraph.ingest.review import html
    from mougraph.ingest.text import ingest_text
    from mougraph.ingest.writing import write_together

    draft = ingest_text(file, url=url, published=published, publisher=publisher)
    text = turtle(draft, file.name)
    page = html(draft, file.name) if review_path else None
    # the draft and its review page together or neither (a draft on stdout: the page first, then the draft)
    files = [] if out.to_stdout else [(out.path, text)]
    write_together(files + ([(review_path, page)] if page is not None else []))
    if out.to_stdout:
        out.write(text)
    note(f"{len(draft.agreements)} agreement(s), {sum(1 for f in draft.facts if f.claim)} fact(s), "
         f"{len(draft.questions)} open question(s)")
    for message in draft.notes:
        note(message)
    return 0


def _refuse(options: dict, where: str) -> None:
    given = [name for name, value in options.items() if value is not None]
    if given:
        raise click.UsageError(f"{', '.join(given)} cannot be used {where}; "
                               "see mougraph ingest --help for the options of each kind of input")


def _table(file: Path, layout: str | None, owner: str | None, sheet: str | None, out) -> int:
    out.format(names=("ttl",))
    from mougraph.export import serialize
    from mougraph.ingest.tables import ingest_table

    mapping = layout if layout and (layout.endswith(".toml") or Path(layout).is_file()) else None
    graph, notes = ingest_table(file, None if mapping else layout, mapping, owner=owner, sheet=sheet)
    out.write(serialize(graph, "ttl"))
    for message in notes:
        note(message)
    return 0


def _score(gold_path: Path, draft_path: Path, out) -> int:
    from mougraph.formats import SCORE_FORMATS

    fmt = out.format(names=SCORE_FORMATS, default="table")
    from mougraph.ingest.scope import documents, prepare
    from mougraph.ingest.score import ROW_HEADER, score
    from mougraph.store import data_files, load_files

    gold = load_files(data_files([gold_path]))
    draft = load_files(data_files([draft_path]))
    docs, _ = documents(gold, draft)
    gold, draft, notes = prepare(gold, draft)
    report = score(gold, draft, docs)
    if fmt == "json":
        out.write(report.to_json())
    else:
        from rich.markup import escape

        from mougraph.cli.tables import fit, width_of

        rows = [tuple(escape(str(c)) for c in row) for row in report.rows()]
        table = fit(ROW_HEADER, rows, width=width_of(out), title=f"{draft_path} against {gold_path}")
        differences = "\n".join(escape(str(d)) for d in report.differences + report.elsewhere)
        show(*((table, differences) if differences else (table,)), out=out)
    counts = report.agreements
    notes.append(f"agreements: gold {counts['gold']}, draft {counts['draft']}, matched {counts['matched']}")
    if docs:
        notes.append(f"gold facts not in this document (another source states them; not counted as missing): "
                     f"{len(report.elsewhere)}")
        if report.unsourced:
            notes.append(f"gold facts with no per-source information (counted as stated in this document, as "
                         f"before): {report.unsourced}")
    else:
        notes.append("every fact of gold is counted: the draft's source document is not one of gold's")
    for message in notes:
        note(message)
    return 0
