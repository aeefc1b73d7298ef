"""The SPARQL text of SHACL-SPARQL: tokens, prefix declarations (``sh:prefixes``), and the rewriting of a
``sh:select`` query for set-wise evaluation (``$this`` pre-bound by a focus pattern, the syntax rules of
SHACL-SPARQL enforced)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import OWL, SH

from mougraph.errors import ForbiddenSparql, ShapesError
from mougraph.sparql_text import Tok, Unreadable, copies, render, tokenize as _tokenize
from mougraph.validation.fast.terms import Uncovered


def tokenize(text: str) -> list[Tok]:
    """The tokens of a SPARQL query of a shape (:func:`mougraph.sparql_text.tokenize`)."""
    try:
        return _tokenize(text)
    except Unreadable as exc:
        raise ShapesError(str(exc)) from None

def _expand_prefixes(tokens: list[Tok], prefixes: dict[str, str]) -> tuple[list[Tok], int]:
    """Read the prologue (PREFIX, BASE) into ``prefixes``; expand prefixed names; the index of the query."""
    i = 0
    while i < len(tokens) and tokens[i].is_("PREFIX", "BASE"):
        if tokens[i].is_("BASE"):
            raise Uncovered("BASE in a SPARQL query")
        if i + 2 >= len(tokens) or tokens[i + 1].kind != "pname" or tokens[i + 2].kind != "iri":
            raise ShapesError("malformed PREFIX declaration in a SPARQL query")
        prefixes[tokens[i + 1].text[:-1]] = tokens[i + 2].text[1:-1]
        i += 3
    for tok in tokens[i:]:
        if tok.kind == "pname":
            prefix, local = tok.text.split(":", 1)
            if prefix not in prefixes:
                raise ShapesError(f"undeclared prefix '{prefix}:' in a SPARQL query (declare it with sh:prefixes)")
            tok.kind, tok.text = "iri", "<" + prefixes[prefix] + re.sub(r"\\(.)", r"\1", local) + ">"
    return tokens, i


_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}


@dataclass
class _Group:
    kind: str  # 'where', 'normal', 'exists', 'wrapper'
    in_exists: bool
    open_index: int
    mentions: bool = False


def rewrite_select(select: str, prefixes: dict[str, str], focus: str, *, path: str | None = None,
                   current_shape: str | None = None, target: bool = False,
                   builtins: dict[str, str] | None = None, derivation: Iterable[str] = ()) -> tuple[str, list[str]]:
    """Rewrite a SHACL-SPARQL SELECT query for set-wise evaluation; the query and its projected variables.

    ``focus`` is a group graph pattern that binds ``?this`` to the focus nodes. It is joined into the query's
    WHERE group and into every group that uses ``$this`` outside EXISTS (SHACL-SPARQL's pre-binding). With
    ``target`` (a SPARQL-based target), the query is only checked and its prefixes expanded. ``builtins``
    replaces calls of built-in functions (upper-case name -> IRI of a custom function). ``derivation``: the
    variables ``focus`` binds besides ?this, projected and grouped by with it.
    Raises :class:`ShapesError` for the queries the specification forbids and :class:`Uncovered` for those
    this rewriting cannot make equivalent.
    """
    prefixes = dict(prefixes)
    tokens, start = _expand_prefixes(tokenize(select), prefixes)
    for index in range(start, len(tokens)):
        tok = tokens[index]
        if tok.kind == "var":
            name = tok.text[1:]
            if name == "PATH" and path is not None:
                tok.kind, tok.text = "path", path
            elif name == "currentShape":
                if current_shape is None:
                    raise Uncovered("$currentShape of a blank-node shape")
                tok.kind, tok.text = "iri", current_shape
            elif name == "shapesGraph":
                raise Uncovered("$shapesGraph in a SPARQL query")
            else:
                tok.text = "?" + name
        elif builtins and tok.kind == "name" and tok.text.upper() in builtins and index + 1 < len(tokens) \
                and tokens[index + 1].text == "(":
            tok.kind, tok.text = "iri", builtins[tok.text.upper()]
        elif tok.is_("MINUS", "SERVICE", "VALUES"):
            raise ForbiddenSparql(f"{tok.text.upper()} is not allowed in a SHACL-SPARQL query")
        elif tok.is_("LIMIT", "OFFSET", "GRAPH"):
            raise Uncovered(f"{tok.text.upper()} in a SPARQL constraint")
    for a, b in zip(tokens[start:], tokens[start + 1:], strict=False):
        if a.is_("AS") and b.kind == "var" and b.text == "?this":
            raise ForbiddenSparql("a SHACL-SPARQL query must not assign $this")
    if start >= len(tokens) or not tokens[start].is_("SELECT"):
        raise ShapesError("sh:select must hold a SELECT query")

    stack: list[_Group] = []
    selects: list[dict] = []  # the SELECT clauses, outermost first
    expect_where = None  # the select whose WHERE group is next
    groups: list[_Group] = []
    prev = None
    i = start
    while i < len(tokens):
        tok = tokens[i]
        if tok.is_("SELECT"):
            sel = {"outer": not stack, "star": False, "projected": set(), "aggregates": False, "select_index": i,
                   "group_by_index": None, "modifier_index": i, "wrapper": stack[-1] if stack else None}
            selects.append(sel)
            j = i + 1
            if j < len(tokens) and tokens[j].is_("DISTINCT", "REDUCED"):
                sel["modifier_index"] = j
                j += 1
            depth = 0
            while j < len(tokens) and not (depth == 0 and (tokens[j].is_("WHERE") or tokens[j].text == "{")):
                t = tokens[j]
                if t.text == "(":
                    depth += 1
                elif t.text == ")":
                    depth -= 1
                elif t.text == "*" and depth == 0:
                    sel["star"] = True
                elif t.kind == "var" and depth == 0:
                    sel["projected"].add(t.text)
                elif t.kind == "var" and tokens[j - 1].is_("AS"):
                    sel["projected"].add(t.text)
                elif t.kind == "name" and t.text.upper() in _AGGREGATES:
                    sel["aggregates"] = True
                j += 1
            expect_where = sel
            prev = tokens[j - 1]
            i = j
            continue
        if tok.text == "{":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            in_exists = stack[-1].in_exists if stack else False
            if expect_where is not None:
                group = _Group("where", False, i)
                expect_where["where"] = group
                expect_where = None
            elif prev is not None and prev.is_("EXISTS"):
                group = _Group("exists", True, i)
            elif nxt is not None and nxt.is_("SELECT"):
                group = _Group("wrapper", in_exists, i)
            else:
                group = _Group("normal", in_exists, i)
            stack.append(group)
            groups.append(group)
        elif tok.text == "}":
            if not stack:
                raise ShapesError("unbalanced braces in a SPARQL query")
            closed = stack.pop()
            for sel in selects:
                if sel.get("where") is closed:
                    sel["end_index"] = i
        elif tok.kind == "var" and tok.text == "?this" and stack:
            for group in reversed(stack):
                if group.kind in ("where", "normal") and not group.in_exists:
                    group.mentions = True
                    break
        elif tok.is_("GROUP") and i + 1 < len(tokens) and tokens[i + 1].is_("BY"):
            owner = _select_of(selects, stack)
            if owner is not None:
                owner["group_by_index"] = i + 1
        elif tok.kind == "name" and tok.text.upper() in _AGGREGATES and tokens[i + 1:i + 2] \
                and tokens[i + 1].text == "(":
            owner = _select_of(selects, stack)
            if owner is not None:
                owner["aggregates"] = True
        prev = tok
        i += 1
    if stack:
        raise ShapesError("unbalanced braces in a SPARQL query")
    if target:
        outer = selects[0]
        if not outer["star"] and "?this" not in outer["projected"]:
            raise ShapesError("a SPARQL target must project ?this")
        return render(select, tokens, start, {}), sorted(outer["projected"])
    inserts: dict[int, str] = {}
    extra = " ".join(derivation)
    for sel in selects:
        if "where" not in sel:
            raise ShapesError("a SELECT without a WHERE group")
        if not sel["outer"]:
            if sel["star"] or "?this" not in sel["projected"]:
                raise ForbiddenSparql("a sub-query of a SHACL-SPARQL query must project $this")
        if sel["aggregates"] and sel["group_by_index"] is None:
            raise Uncovered("aggregates without GROUP BY in a SPARQL constraint")
        if sel["group_by_index"] is not None:
            inserts[sel["group_by_index"]] = f"?this {extra}"
        inserts[sel["where"].open_index] = focus
        if not sel["star"]:
            missing = "" if "?this" in sel["projected"] else "?this"
            if missing or extra:
                inserts[sel["modifier_index"]] = f"{missing} {extra}"
    for group in groups:
        if group.kind == "normal" and group.mentions and not group.in_exists:
            inserts[group.open_index] = focus
    outer = selects[0]
    projected = sorted(outer["projected"] | {"?this"})
    return render(select, tokens, start, inserts), projected


def _select_of(selects, stack):
    """The select whose solution modifiers (after its WHERE group) are being read."""
    for sel in reversed(selects):
        if "end_index" not in sel:
            continue
        if sel["wrapper"] is None:
            return None if stack else sel
        if stack and stack[-1] is sel["wrapper"]:
            return sel
    return None



def restrict_target(text: str, only: str) -> str:
    """The SPARQL target query ``text`` (as :func:`rewrite_select` returns it with ``target``) keeping only
    the focus nodes ``only`` (SPARQL terms), restricted at the top of its WHERE group and, so that Oxigraph
    starts from these nodes rather than evaluating a UNION in full and joining it with them, by a ``VALUES
    ?this`` in each group below that binds ``?this`` (:func:`mougraph.sparql_text.values_in_branches`).

    The top restriction is a ``VALUES ?this`` where the WHERE group binds ``?this`` in every row; otherwise a
    FILTER, which drops the rows leaving ``?this`` unbound (they name no focus node) where a VALUES would
    give them each of the nodes."""
    tokens = tokenize(text)
    where = next((i for i, tok in enumerate(tokens) if tok.text == "{"), None)
    if where is None:
        return text
    values = f"VALUES ?this {{ {only} }}"
    inserts, always = copies(tokens, "?this", values, {where})
    inserts[where] = values if where in always else \
        f"VALUES ?_mougraph_focus {{ {only} }} FILTER (sameTerm(?this, ?_mougraph_focus))"
    return render(text, tokens, 0, inserts)


def declared_prefixes(graph: Graph, node) -> list[tuple[str, str]]:
    """The prefix declarations of the sh:prefixes of ``node`` (SHACL-SPARQL, prefix declarations)."""
    out = []
    ontologies, todo = [], list(graph.objects(node, SH.prefixes))
    while todo:  # the ontologies named and those they import
        ontology = todo.pop(0)
        if ontology not in ontologies:
            ontologies.append(ontology)
            todo.extend(graph.objects(ontology, OWL.imports))
    for ontology in ontologies:
        for declaration in graph.objects(ontology, SH.declare):
            prefix, namespace = graph.value(declaration, SH.prefix), graph.value(declaration, SH.namespace)
            if prefix is None or namespace is None:
                raise ShapesError(f"sh:declare of {ontology} without sh:prefix or sh:namespace")
            out.append((str(prefix), str(namespace)))
    return out
