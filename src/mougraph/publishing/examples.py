"""The shipped queries as the query page shows them: each with its question and precomputed answer.

A query's leading comment is its question (shown above the editor, not in it); the rest is what goes into
the editor. Answers are kept as RDF terms, so the page shows each in the reader's language (labels, values).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal

from mougraph.errors import MougraphError
from mougraph.publishing.negotiation import LANGUAGES
from mougraph.query import available_queries, run_sparql
from mougraph.query.params import bind, browser_form

MAX_RESULT_ROWS = 60


@dataclass
class Example:
    """A shipped query shown on the query page."""

    name: str
    titles: dict[str, str]
    text: str
    vars: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)  # RDF terms (None when unbound)
    comment: str = ""  # the leading comment block, without its "#"
    body: str = ""  # the query without its leading comment
    total: int = 0
    error: str | None = None
    form: dict | None = None  # its parameters as the page's form binds them (params.browser_form), if any


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


def split_comment(text: str) -> tuple[str, str]:
    """(the leading comment block without its ``#``, the rest of the query)."""
    lines = text.splitlines()
    n = 0
    while n < len(lines) and (lines[n].strip().startswith("#") or not lines[n].strip()):
        n += 1
    comment = "\n".join(line.strip()[1:].rstrip() for line in lines[:n] if line.strip())
    return comment.strip("\n"), "\n".join(lines[n:]).strip("\n") + "\n"


def comment_in(comment: str, lang: str) -> str:
    """The comment with its first paragraph (the question, often in both languages) in ``lang`` only.

    Korean is told by its script; an indented line goes with the line above it.
    """
    first, _, rest = comment.strip("\n").partition("\n\n")
    lines = first.splitlines()
    if not any(_hangul(line) == (lang == "ko") for line in lines if not line.startswith("  ")):
        return comment.strip("\n")
    kept, keep = [], True
    for line in lines:
        if not line.startswith("  "):
            keep = _hangul(line) == (lang == "ko")
        if keep:
            kept.append(line)
    return "\n".join(kept + ([""] + [rest] if rest else []))


def run_examples(data_graph: Graph) -> list[Example]:
    """Every shipped query run on ``data_graph``: reports first, then graphs, then checks."""
    examples = []
    roles = {"report": 0, "construct": 1, "describe": 1, "check": 2}
    shipped = sorted(available_queries().items(),
                     key=lambda item: (roles.get(item[0].rsplit(".", 1)[-1], 1), item[0]))
    for name, path in shipped:
        text = path.read_text(encoding="utf-8")
        form = None
        try:  # the text shown is the one run: its parameters bound to their defaults
            form = browser_form(text, split_comment(text)[1], name)
            text = bind(text, None, name)
        except MougraphError:
            pass
        comment, body = split_comment(text)
        example = Example(name=name, titles={lg: query_title(text, lg) or name for lg in LANGUAGES}, text=text,
                          comment=comment, body=body, form=form)
        try:
            run = run_sparql(text, data_graph, name=name, path=path)
            if run.type == "SELECT":
                example.vars = run.vars
                rows = run.result.bindings
                example.total = len(rows)
                example.rows = [[row.get(v) for v in run.result.vars] for row in rows[:MAX_RESULT_ROWS]]
            elif run.type == "ASK":
                example.vars, example.total = ["ASK"], 1
                example.rows = [[Literal(bool(run.result.askAnswer))]]
            else:
                example.vars, example.total = ["triples"], len(run.result.graph)
                example.rows = [[Literal(len(run.result.graph))]]
        except MougraphError as exc:
            example.error = str(exc)
        examples.append(example)
    return examples
