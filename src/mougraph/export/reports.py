"""A SHACL validation report in every format ``mougraph validate -o`` writes but the table: the
``sh:ValidationReport`` graph (Turtle, JSON-LD), its results as JSON, CSV or TSV rows, and a page for people
(HTML, Markdown). Same result, same bytes.
"""

from __future__ import annotations

import csv
import html
import io

from mougraph.errors import MougraphError
from mougraph.export import serialize
from mougraph.validation import SEVERITIES, ValidationResult
from mougraph.validation.result import term_text

#: The columns of the CSV and TSV rows: SHACL's names for the fields of a result, then its message.
COLUMNS = ("severity", "focusNode", "resultPath", "value", "sourceShape", "sourceConstraintComponent", "message")
FORMATS = ("ttl", "jsonld", "json", "csv", "tsv", "html", "md")


def _rows(result: ValidationResult, lang: str) -> list[tuple[str, ...]]:
    return [(r.severity, term_text(r.focus_node), term_text(r.path), term_text(r.value), term_text(r.source_shape),
             term_text(r.constraint_component), r.message(lang)) for r in result.results]


def _counts(result: ValidationResult) -> str:
    counts = result.counts
    return ", ".join(f"{counts.get(s, 0)} {s.lower()}(s)" for s in reversed(SEVERITIES))


def _tsv(value: str) -> str:
    """A TSV cell: the tab, the line ends and the backslash escaped, as in SPARQL's TSV results."""
    for a, b in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        value = value.replace(a, b)
    return value


def _markdown(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render(result: ValidationResult, fmt: str, *, lang: str = "en") -> bytes:
    """The report of ``result`` as bytes in ``fmt`` (one of :data:`FORMATS`); messages in ``lang``."""
    if fmt == "ttl":
        return result.to_turtle().encode("utf-8")  # the bytes of build's validation-report.ttl
    if fmt == "jsonld":
        return serialize(result.report_graph, "jsonld")
    if fmt == "json":
        return result.to_json().encode("utf-8")
    rows = _rows(result, lang)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, as SPARQL's CSV results
        writer.writerow(COLUMNS)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(COLUMNS), *("\t".join(_tsv(c) for c in row) for row in rows)]
        return ("\n".join(lines) + "\n").encode("utf-8")
    verdict = "conforms" if result.conforms else "does not conform"
    if fmt == "md":
        lines = ["# SHACL validation report", "", f"**{verdict}**: {_counts(result)} (fail on {result.fail_on})", ""]
        if rows:
            lines += ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
            lines += ["| " + " | ".join(_markdown(c) for c in row) + " |" for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "html":
        head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>\n" for row in rows)
        page = (f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head><meta charset="utf-8">'
                f"<title>SHACL validation report</title>\n"
                "<style>table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .4em;"
                "text-align:left;vertical-align:top}</style></head>\n<body>\n<h1>SHACL validation report</h1>\n"
                f"<p><strong>{verdict}</strong>: {html.escape(_counts(result))} (fail on {result.fail_on})</p>\n"
                + (f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n" if rows else "")
                + "</body>\n</html>\n")
        return page.encode("utf-8")
    raise MougraphError(f"unknown validation report format '{fmt}'; use one of table, {', '.join(FORMATS)}")
