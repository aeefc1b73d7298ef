"""The text of a SPARQL query: its tokens, and a bound ``VALUES`` block copied into the groups below it that
bind its variable (:func:`values_in_branches`), so that Oxigraph starts them from the values rather than
joining the values late. Used for the parameters of a query (:mod:`mougraph.query.params`) and the focus nodes
of an incremental validation in a SPARQL target (:mod:`mougraph.validation.fast.rewrite`)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass


class Unreadable(ValueError):
    """A text the tokenizer cannot read as SPARQL."""


_TOKEN_RE = re.compile(r'''
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[A-Za-z0-9_\u00C0-\uFFFF](?:[A-Za-z0-9_\-.\u00B7\u00C0-\uFFFF]*[A-Za-z0-9_\-\u00B7\u00C0-\uFFFF])?)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF](?:[A-Za-z0-9_\-.\u00B7\u00C0-\uFFFF]*[A-Za-z0-9_\-\u00B7\u00C0-\uFFFF])?)?:
               (?:(?:[A-Za-z0-9_:\-\u00B7\u00C0-\uFFFF]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])
                  (?:(?:[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])*
                     (?:[A-Za-z0-9_:\-\u00B7\u00C0-\uFFFF]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%]))?)?)
  | (?P<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;*+/|^!=<>?\-])
''', re.X)


@dataclass
class Tok:
    kind: str
    text: str
    start: int
    end: int

    def is_(self, *words) -> bool:
        return self.kind == "name" and self.text.upper() in words


def tokenize(text: str) -> list[Tok]:
    tokens, pos = [], 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m:
            raise Unreadable(f"cannot read the SPARQL query at {text[pos:pos + 30]!r}")
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            tokens.append(Tok(kind, m.group(), m.start(), m.end()))
        pos = m.end()
    return tokens


def render(text: str, tokens: list[Tok], start: int, inserts: dict[int, str]) -> str:
    """The query from token ``start`` on, with the (replaced) tokens and ``inserts`` after token indexes."""
    out, prev_end = [], tokens[start].start if start < len(tokens) else len(text)
    for i in range(start, len(tokens)):
        tok = tokens[i]
        out.append(text[prev_end:tok.start])
        out.append(tok.text)
        if i in inserts:
            out.append(" " + inserts[i] + " ")
        prev_end = tok.end
    out.append(text[prev_end:])
    return "".join(out)


def values_in_branches(text: str, name: str, values: str) -> str:
    """``text`` with a copy of its block ``VALUES ?name { values }`` (terms, no UNDEF) in each group below
    the group that holds it where a triple pattern binds ``?name``, so that Oxigraph starts such a group
    (a UNION branch) from these values rather than evaluating it in full and joining it with them late.

    The group's answers stay the same: join is distributive over UNION, and the copy is joined only where
    it is a mere restriction of rows that all bind ``?name`` already -- a group reached from the VALUES'
    group through group members and UNION branches alone (not OPTIONAL, MINUS, EXISTS, GRAPH, SERVICE or a
    sub-select, where it would make or keep other rows), whose first triple pattern naming ``?name`` comes
    before any BIND, OPTIONAL, MINUS, VALUES of ``?name`` or group of its own (one before it would see ``?name``
    bound). The copy names each value once, so that rows are not multiplied."""
    if re.search(r"\bUNDEF\b", values, re.IGNORECASE):
        return text
    try:
        tokens = tokenize(text)
    except Unreadable:
        return text
    anchors, stack, var = set(), [], "?" + name
    for i, tok in enumerate(tokens):
        if tok.text == "{":
            stack.append(i)
        elif tok.text == "}" and stack:
            stack.pop()
        elif tok.is_("VALUES") and stack and i + 1 < len(tokens) and is_var(tokens[i + 1], var):
            anchors.add(stack[-1])
    once = " ".join(dict.fromkeys(tokenize_terms(values)))
    inserts, _binding = copies(tokens, var, f"VALUES {var} {{ {once} }}", anchors)
    return render(text, tokens, 0, inserts) if inserts else text


def tokenize_terms(values: str) -> list[str]:
    """The terms of a VALUES block's row list ``values`` (one variable), each as written."""
    tokens, terms = tokenize(values), []
    for tok in tokens:
        if terms and (tok.kind == "langtag" or tok.text == "^^" or terms[-1].endswith("^^")):
            terms[-1] += tok.text
        else:
            terms.append(tok.text)
    return terms


def is_var(tok: Tok, var: str) -> bool:
    """Is ``tok`` the variable ``var`` (``?x`` and ``$x`` are one variable)?"""
    return tok.kind == "var" and tok.text[1:] == var[1:]


def copies(tokens: list[Tok], var: str, values: str, anchors: set) -> tuple[dict, set]:
    """The inserts (token index -> ``values``) into the groups below the groups opened at ``anchors`` that
    bind ``var`` (see :func:`values_in_branches`), and the groups (their open indexes) whose every row binds
    ``var``: by a triple pattern of their own, a group member that does, or a UNION whose branches all do."""
    frames: list[dict] = []
    inserts: dict[int, str] = {}
    always: set = set()
    paren, prev, pending = 0, None, False
    for i, tok in enumerate(tokens):
        frame = frames[-1] if frames else None
        if tok.text == "{":
            before2 = tokens[i - 2] if i >= 2 else None
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            member = frame is not None and paren == 0 and not pending \
                and not (prev is not None and prev.is_("OPTIONAL", "MINUS", "EXISTS")) \
                and not (before2 is not None and before2.is_("GRAPH", "SERVICE")) \
                and not (nxt is not None and nxt.is_("SELECT"))
            if frame is not None and paren == 0 and not pending and not (prev is not None and prev.is_("EXISTS")):
                frame["blocked"] = True  # a group or an OPTIONAL's, ...: before ?var if not yet
            frames.append({"open": i, "anchor": i in anchors, "member": member, "binds": False, "always": False,
                           "safe": member and (frame["anchor"] or frame["safe"]), "blocked": pending,
                           "paren": paren, "values": pending, "union": []})
            paren, pending = 0, False
        elif tok.text == "}" and frames:
            frame = frames.pop()
            paren = frame["paren"]
            if frame["binds"] and frame["safe"] and not frame["anchor"]:
                inserts[frame["open"]] = values
            if frame["always"]:
                always.add(frame["open"])
            if frame["member"] and frames:  # a group member, or a branch of a UNION of members
                outer = frames[-1]
                outer["union"].append(frame["always"])
                if not (i + 1 < len(tokens) and tokens[i + 1].is_("UNION")):
                    outer["always"] = outer["always"] or all(outer["union"])
                    outer["union"] = []
        elif tok.text == "(":
            paren += 1
        elif tok.text == ")":
            paren -= 1
        elif frame is not None and paren == 0 and tok.is_("BIND", "OPTIONAL", "MINUS", "GRAPH", "SERVICE"):
            frame["blocked"] = True
        elif frame is not None and paren == 0 and tok.is_("VALUES"):
            pending = True  # its rows' braces are no group; it binds ?var if ?var is among its variables
            names = itertools.takewhile(lambda t: t.text != "{", tokens[i + 1:])
            frame["blocked"] = frame["blocked"] or any(is_var(t, var) for t in names)
        elif frame is not None and paren == 0 and is_var(tok, var) and not frame["values"] and not pending \
                and not (prev is not None and prev.is_("VALUES", "SELECT", "DISTINCT", "REDUCED", "BY")):
            frame["always"] = True  # a term of a triple pattern (expressions are in parentheses)
            frame["binds"] = frame["binds"] or not frame["blocked"]
        prev = tok
    return inserts, always
