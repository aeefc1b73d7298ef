"""The review page of a draft (HTML, Korean first, then English): every fact beside its passage, with the quoted
words marked, its confidence, and the open questions."""

from __future__ import annotations

from pathlib import Path

import jinja2

from mougraph.ingest.model import Draft, Lit

TEMPLATES = Path(__file__).with_name("templates")


def _short(value) -> str:
    if isinstance(value, Lit):
        return value.value
    return value.rsplit("/", 1)[-1].rsplit("#", 1)[-1] if value.startswith("http") else value


def html(draft: Draft, file_name: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)
    rows = []
    for f in draft.facts:
        if not f.claim:
            continue
        text = f.passage.text
        at = text.find(f.quote) if f.quote else -1
        before, quote, after = (text[:at], f.quote, text[at + len(f.quote):]) if at >= 0 else (text, "", "")
        what = f.what + (" (불일치 / disputed)" if f.disputed else "")
        rows.append({"what": what, "subject": f.s.removeprefix(draft.base), "value": _short(f.o),
                     "confidence": f.confidence, "line": f.passage.line, "before": before, "quote": quote,
                     "after": after})
    rows.sort(key=lambda r: (r["line"], r["subject"], r["what"], r["value"]))
    return env.get_template("review.html").render(file=file_name, facts=rows, questions=draft.questions,
                                                  notes=draft.notes)
