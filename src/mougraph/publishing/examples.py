"""The shipped queries as the query page shows them: each with its question and precomputed answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph

from mougraph.errors import MougraphError
from mougraph.publishing.negotiation import LANGUAGES
from mougraph.query import available_queries, run_sparql
from mougraph.query.params import bind
from mougraph.vocab import short

MAX_RESULT_ROWS = 60


@dataclass
class Example:
    """A shipped query shown on the query page."""

    name: str
    titles: dict[str, str]
    text: str
    vars: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    total: int = 0
    error: str | None = None


def _hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def query_title(text: str, lang: str = "en") -> str:
    """The question a query answers, from its first comment paragraph, in ``lang`` when it has one.

    Each line of the paragraph starts an item (indented lines continue it); a query
    may give its question once per language (Korean is told by its script).
    """
    items: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        body = stripped[1:]
        if not body.strip():
            if items:
                break
            continue
        if body.startswith("  ") and items:
            items[-1] += " " + body.strip()
        else:
            items.append(body.strip())
    if not items:
        return ""
    wanted = [item for item in items if _hangul(item) == (lang == "ko")]
    return (wanted or items)[0]


def run_examples(data_graph: Graph) -> list[Example]:
    """Every shipped query run on ``data_graph``: reports first, then graphs, then checks."""
    examples = []
    roles = {"report": 0, "construct": 1, "describe": 1, "check": 2}
    shipped = sorted(available_queries().items(),
                     key=lambda item: (roles.get(item[0].rsplit(".", 1)[-1], 1), item[0]))
    for name, path in shipped:
        text = path.read_text(encoding="utf-8")
        try:  # the text shown is the one run: its parameters bound to their defaults
            text = bind(text, None, name)
        except MougraphError:
            pass
        example = Example(name=name, titles={lg: query_title(text, lg) or name for lg in LANGUAGES}, text=text)
        try:
            run = run_sparql(text, data_graph, name=name, path=path)
            if run.type == "SELECT":
                example.vars = run.vars
                rows = run.result.bindings
                example.total = len(rows)
                nm = data_graph.namespace_manager
                example.rows = [[short(row.get(v), nm) for v in run.result.vars] for row in rows[:MAX_RESULT_ROWS]]
            elif run.type == "ASK":
                example.vars, example.rows, example.total = ["ASK"], [[str(run.result.askAnswer).lower()]], 1
            else:
                example.vars, example.total = ["triples"], len(run.result.graph)
                example.rows = [[str(len(run.result.graph))]]
        except MougraphError as exc:
            example.error = str(exc)
        examples.append(example)
    return examples
