"""Tables for a terminal: as wide as the terminal (80 columns when writing a file), never splitting a value
inside a word.

:func:`fit` gives each column at least its longest word (IRIs are prefixed names, so one word each) and drops
whole columns, lowest priority first, until those widths fit; rich then wraps the cells between words. The
columns dropped are named under the table. A cell longer than :data:`MAX_CELL` characters (a pasted document, an
IRI of megabytes) is shown as its start and end around an ellipsis: rich's wrapping of one such cell takes seconds
per megabyte, and no terminal shows it usefully. Machine formats (CSV, TSV, JSON, RDF) never go through here and
keep every value whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from mougraph.cli.output import t

#: rich's box: a border on each side and " | " between cells, one space of padding inside each border.
_BORDER, _BETWEEN = 4, 3
#: Longest cell shown whole in a table; a longer one keeps its first and last characters around "…".
MAX_CELL = 200


def shorten(cell: str, limit: int = MAX_CELL) -> str:
    """``cell`` (rich markup, escaped) cut to at most ``limit`` characters with "…" in the middle; whole if it fits.

    A cut never separates an escaping backslash from the ``[`` it escapes (that would turn text into markup).
    """
    cell = str(cell)
    if len(cell) <= limit:
        return cell
    keep = limit - 1
    head, tail = keep - keep // 2, len(cell) - keep // 2
    if cell[head - 1] == "\\":
        head -= 1
    if cell[tail - 1] == "\\":
        tail += 1  # the tail starts after the escape rather than at a bare "["
    return f"{cell[:head]}…{cell[tail:]}"


def _word_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in str(text).split()), default=0)


def _line_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in str(text).splitlines()), default=0)


def _widths(need: list[int], natural: list[int], room: int) -> list[int]:
    """Each column its natural width if all fit in ``room``, else its longest word and a share of what is left
    in proportion to what it lacks."""
    if sum(natural) <= room:
        return natural
    spare = room - sum(need)
    lack = [n - m for n, m in zip(natural, need, strict=True)]
    total = sum(lack) or 1
    widths = [m + spare * d // total for m, d in zip(need, lack, strict=True)]
    for i in sorted(range(len(widths)), key=lambda i: -lack[i])[: room - sum(widths)]:
        widths[i] += 1  # the rounding remainder
    return widths


def fit(headers: Sequence[str], rows: Sequence[Sequence[str]], *, width: int | None, drop_order: Sequence[int] = (),
        title: str | None = None, caption: str | None = None, styles: Sequence[str | None] | None = None):
    """A :class:`rich.table.Table` of ``rows`` no wider than ``width`` (None: as wide as its cells).

    ``drop_order``: the column indexes to drop first, in order; the other columns are dropped right to left
    after them (the first column last). A column is never narrower than its longest word.
    """
    from rich.table import Table

    rows = [[shorten(c) for c in row] for row in rows]
    n = len(headers)
    need = [max([_word_width(headers[i]), *(_word_width(r[i]) for r in rows)], default=1) for i in range(n)]
    order = [*drop_order, *(i for i in reversed(range(1, n)) if i not in drop_order)]
    natural = [max([_line_width(headers[i]), *(_line_width(r[i]) for r in rows)], default=1) for i in range(n)]
    if width is None:
        width = sum(natural) + _BORDER + _BETWEEN * (n - 1)
    shown = list(range(n))
    while len(shown) > 1 and sum(need[i] for i in shown) + _BORDER + _BETWEEN * (len(shown) - 1) > width:
        shown.remove(next(i for i in order if i in shown))
    dropped = [headers[i] for i in range(n) if i not in shown]
    room = width - _BORDER - _BETWEEN * (len(shown) - 1)
    fixed = dict(zip(shown, _widths([need[i] for i in shown], [natural[i] for i in shown], room), strict=True))
    notes = [c for c in (caption, t("columns_hidden", columns=", ".join(dropped)) if dropped else None) if c]
    table = Table(title=title, caption="\n".join(notes) or None, caption_justify="left")
    for i in shown:
        table.add_column(headers[i], width=max(1, fixed[i]), overflow="fold")
    for row in rows:
        cells = [row[i] for i in shown]
        if styles is not None:
            cells = [f"[{styles[i]}]{c}[/]" if styles[i] else c for i, c in zip(shown, cells, strict=True)]
        table.add_row(*cells)
    return table


def width_of(out) -> int | None:
    """The width to fit: the terminal's for stdout; none for a file, whose table keeps every column whole."""
    from mougraph.cli.output import console

    return console().width if out is None or out.to_stdout else None


# --- the tables of the commands -------------------------------------------------------------------------------

SEVERITY_STYLE = {"Violation": "bold red", "Warning": "yellow", "Info": "cyan"}


def validation_table(result, width: int | None, lang: str):
    """One row per SHACL result: severity, focus node, path, message in ``lang`` (path dropped first)."""
    from rich.markup import escape

    from mougraph.vocab import short

    nm = result.report_graph.namespace_manager
    rows = [(t(r.severity) if r.severity in SEVERITY_STYLE else r.severity, short(r.focus_node, nm),
             short(r.path, nm), r.message(lang)) for r in result.results]
    rows = [tuple(escape(c) for c in row) for row in rows]
    table = fit([t("severity"), t("focus_node"), t("path"), t("message")], rows, width=width, drop_order=(2, 0),
                title=t("validation_title"))
    return table


def label_priority(names: Sequence[str], lang: str) -> list[int]:
    """Columns of a query's answer to drop first: labels in the other language (``xEn`` when reading Korean),
    then IRIs that have a label beside them (``x`` beside ``xKo``)."""
    other = "En" if lang == "ko" else "Ko"
    first = [i for i, v in enumerate(names) if v.endswith(other) and len(v) > 2]
    labelled = [i for i, v in enumerate(names) if f"{v}Ko" in names or f"{v}En" in names]
    return first + [i for i in labelled if i not in first]


def select_table(run, width: int | None, lang: str):
    """A SELECT answer: values as prefixed names and lexical forms, fitted to ``width``."""
    from rich.markup import escape

    from mougraph.errors import MougraphError, QueryEvaluationError
    from mougraph.vocab import short

    nm = run.graph.namespace_manager if run.graph is not None else None
    names = run.vars
    try:
        rows = [tuple(escape(short(row.get(v), nm)) for v in run.result.vars) for row in run.result]
    except QueryEvaluationError as exc:
        raise MougraphError(f"{run.name}: {exc}") from exc
    return fit(names, rows, width=width, drop_order=label_priority(names, lang), title=run.name,
               caption=t("rows", n=len(rows)))
