"""Query results written out: SELECT tables as text, CSV, TSV or SPARQL JSON; graphs as any RDF format.

The same bytes serve ``mougraph query -f``, ``build``'s ``queries/*.csv`` and the web endpoint.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from rdflib import Literal

from mougraph import formats
from mougraph.errors import MougraphError, QueryEvaluationError
from mougraph.export import serialize
from mougraph.query import QueryRun
from mougraph.store.results import SelectResult
from mougraph.vocab import short

SELECT_FORMATS = formats.table_formats()
GRAPH_FORMATS = formats.graph_formats()
FORMATS = SELECT_FORMATS + GRAPH_FORMATS
EXTENSIONS = formats.extensions(FORMATS)


def normalize_format(fmt: str | None, out: str | Path | None, run: QueryRun) -> str:
    """The output format from ``fmt`` (a name or an alias), the extension of ``out`` (an unknown one is an error),
    or the query type: a table for SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE."""
    graph = run.type in ("CONSTRUCT", "DESCRIBE")
    fmt = formats.choose(fmt, out, FORMATS, default="ttl" if graph else "table", what="query output")
    if graph:
        if fmt == "table":
            return "ttl"
        if fmt not in GRAPH_FORMATS:
            raise MougraphError(f"a {run.type} query gives a graph; use -f {'|'.join(GRAPH_FORMATS)}")
    elif fmt in GRAPH_FORMATS:
        raise MougraphError(f"a {run.type} query gives a table; use -f {'|'.join(SELECT_FORMATS)}")
    return fmt


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        lexical = str(term)
        for a, b in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
            lexical = lexical.replace(a, b)
        suffix = f"@{term.language}" if term.language else (f"^^<{term.datatype}>" if term.datatype else "")
        return f'"{lexical}"{suffix}'
    return term.n3()


def rich_table(run: QueryRun):
    """A :class:`rich.table.Table` of a SELECT result, IRIs shortened with prefixes."""
    from rich.table import Table

    nm = run.graph.namespace_manager if run.graph is not None else None
    table = Table(*run.vars, title=run.name, caption=f"{len(run.result)} row(s)")
    for row in run.result:
        table.add_row(*(short(row.get(v), nm) for v in run.result.vars))
    return table


def render(run: QueryRun, fmt: str, *, width: int = 160) -> bytes:
    """The result of ``run`` as bytes in ``fmt`` (see :func:`normalize_format`)."""
    try:
        return _render(run, fmt, width)
    except QueryEvaluationError as exc:  # Oxigraph evaluates as the rows are read: see SelectResult
        raise MougraphError(f"{run.name}: {exc}") from exc


def _render(run: QueryRun, fmt: str, width: int) -> bytes:
    if run.type == "ASK" and fmt in ("table", "csv", "tsv"):
        return b"true\n" if run.result.askAnswer else b"false\n"
    if fmt in GRAPH_FORMATS:
        return serialize(run.result.graph, fmt)
    if fmt == "csv":
        native = run.result.serialize_csv() if isinstance(run.result, SelectResult) else None
        return native if native is not None else run.result.serialize(format=formats.get("csv").serializer,
                                                                      encoding="utf-8")
    if fmt == "json":
        doc = json.loads(run.result.serialize(format=formats.get("json").serializer, encoding="utf-8"))
        order = {v: i for i, v in enumerate(run.vars)}  # each binding's variables in SELECT order, whatever the engine
        for i, binding in enumerate(doc.get("results", {}).get("bindings", [])):
            doc["results"]["bindings"][i] = dict(sorted(binding.items(), key=lambda kv: order.get(kv[0], len(order))))
        return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in run.vars)]
        lines += ["\t".join(_tsv_term(row.get(v)) for v in run.result.vars) for row in run.result]
        return ("\n".join(lines) + "\n").encode("utf-8")
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None, soft_wrap=False)
    console.print(rich_table(run))
    return console.file.getvalue().encode("utf-8")
