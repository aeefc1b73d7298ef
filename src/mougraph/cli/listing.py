"""``mougraph query --list``: the shipped queries with their questions, as a table or as CSV, TSV or JSON."""

from __future__ import annotations

import csv
import io
import json

from mougraph.cli.output import settings, show, t

#: What the list can be written as.
LIST_FORMATS = ("table", "csv", "tsv", "json")


def list_queries(out) -> int:
    """Write the catalogue of shipped queries to ``out`` (an :class:`~mougraph.cli.options.Output`)."""
    from mougraph.query.catalogue import catalogue

    lang = settings().lang
    fmt = out.format(LIST_FORMATS, default="table")
    entries = catalogue()
    rows = [(q.name, q.role, q.question(lang), " ".join(name for name, _ in q.parameters)) for q in entries]
    if fmt == "json":
        doc = [{"name": q.name, "role": q.role, "question": q.questions,
                "parameters": [{"name": n, "description": d} for n, d in q.parameters]} for q in entries]
        out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    elif fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t",
                            lineterminator="\r\n" if fmt == "csv" else "\n")
        writer.writerow(("name", "role", "question", "parameters"))
        writer.writerows(rows)
        out.write(buffer.getvalue())
    else:
        from rich.markup import escape

        from mougraph.cli.tables import fit, width_of

        shown = [(escape(name), t(role) if role else "", escape(question), escape(params))
                 for name, role, question, params in rows]
        headers = [t("query_name"), t("role"), t("question"), t("parameters")]
        keep = [i for i in range(4) if i != 3 or any(r[3] for r in shown)]  # no parameters column when none has
        table = fit([headers[i] for i in keep], [[r[i] for i in keep] for r in shown], width=width_of(out),
                    drop_order=(1,), title=t("queries_title"), caption=t("queries_hint"))
        show(table, out=out)
    return 0
