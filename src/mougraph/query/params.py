"""Parameters of a query: declared in its header comment, given by the user, bound as a ``VALUES`` block.

A query that asks about "an agreement" or "a day" names none in its text. It declares each parameter in its
header comment, one line each::

    # param: agreement IRI+ default agr:seoul-sejong-2023 agr:seoul-daejeon-2023 -- the agreements asked about
    # param: day xsd:date default 2023-04-10 -- the day of the programme

``IRI`` or an XSD datatype (``xsd:date``, ``xsd:string``, ...); ``+`` when several values may be given;
``default`` then the default values (an IRI as ``<...>`` or a prefixed name of the query's ``PREFIX`` lines, a
literal as its lexical form, ``*`` for "any"); after ``--`` what it means. What it means in Korean, for the
Korean query page, may follow on its own line: ``# param-ko: day -- 일정의 날짜``. In the query's body each
parameter is the block ``VALUES ?agreement { UNDEF }``: as plain SPARQL (another engine, a copy on the endpoint
page) it asks about every agreement; :func:`bind` replaces it by the values given, or the defaults, and copies
them, when the query is run, into the groups below the block that bind the variable (the branches of a UNION:
:func:`mougraph.sparql_text.values_in_branches`), where they give the same rows.

Values are never pasted as text: an IRI is checked against SPARQL's IRIREF grammar, a literal is parsed as its
datatype (an ill-typed date is refused), and each is written by rdflib's ``n3()``, which escapes what needs it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from mougraph.errors import QueryError
from mougraph.sparql_text import values_in_branches

ANY = "*"

_DECLARATION = re.compile(
    r"^#\s*param:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>IRI|xsd:[A-Za-z]+)(?P<many>\+?)"
    r"(?:\s+default\s+(?P<defaults>.*?))?\s+--\s+(?P<doc>.+?)\s*$")
_KOREAN = re.compile(r"^#\s*param-ko:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+--\s+(?P<doc>.+?)\s*$")
_PREFIX = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)
# SPARQL 1.1 IRIREF: '<' ([^<>"{}|^`\]-[#x00-#x20])* '>' (the grammar itself, so hand-written), with a scheme
# Both are written so that a browser's RegExp (flag "u", \w read as Unicode letters and digits) reads them as
# Python does: the query page's form checks values with them (static/params.js, from :func:`browser_rules`).
_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^<>"{}|^`\\\x00-\x20]*')
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*)?:([\w.-]*)")
#: The lexical form a literal parameter must have, by datatype, before rdflib's own check (a real day of the
#: calendar): rdflib alone takes "2023-04-10T09:00" or "2023-04-10+09:00" for that day, dropping the rest
#: silently. The query page's form takes the datatypes listed here (a date input gives this very form).
LEXICAL = {str(XSD.date): r"[0-9]{4}-[0-9]{2}-[0-9]{2}"}


def _slot(name: str) -> re.Pattern:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{\s*UNDEF\s*\}", re.IGNORECASE)


@dataclass(frozen=True)
class Param:
    """One declared parameter: ``kind`` is ``"IRI"`` or an XSD datatype IRI."""

    name: str
    kind: str
    many: bool
    defaults: tuple[str, ...]  # as declared: "<iri>", a prefixed name, a lexical form, or "*"
    description: str
    description_ko: str = ""  # its "# param-ko:" line, if any

    @property
    def datatype(self) -> str | None:
        return None if self.kind == "IRI" else self.kind

    def as_dict(self) -> dict:
        """For pages and the API: name, type, several values allowed, defaults, description."""
        return {"name": self.name, "type": "IRI" if self.kind == "IRI" else "xsd:" + self.kind[len(str(XSD)):],
                "many": self.many, "defaults": list(self.defaults), "description": self.description}


def _header(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def declared(text: str, name: str = "<query>") -> list[Param]:
    """The parameters the header comment of query ``text`` declares, each with its slot in the body."""
    params = []
    korean = {m["name"]: m["doc"] for line in _header(text) if (m := _KOREAN.match(line))}
    for line in _header(text):
        if not re.match(r"^#\s*param:", line):
            continue
        match = _DECLARATION.match(line)
        if match is None:
            raise QueryError(f"{name}: cannot read the parameter declaration {line.strip()!r}; write it as "
                             f"'# param: NAME IRI|xsd:TYPE[+] default VALUE ... -- what it means'")
        kind = match["type"] if match["type"] == "IRI" else str(XSD) + match["type"][4:]
        param = Param(match["name"], kind, bool(match["many"]), tuple((match["defaults"] or "").split()),
                      match["doc"], korean.pop(match["name"], ""))
        if not _slot(param.name).search(_body(text)):
            raise QueryError(f"{name}: parameter '{param.name}' is declared but its body has no "
                             f"'VALUES ?{param.name} {{ UNDEF }}' to bind it")
        if len(param.defaults) > 1 and not param.many:
            raise QueryError(f"{name}: parameter '{param.name}' takes one value but declares several defaults")
        params.append(param)
    if korean:
        raise QueryError(f"{name}: '# param-ko:' for undeclared parameter(s) {', '.join(sorted(korean))}")
    return params


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _prefixes(text: str) -> dict[str, str]:
    return {(m.group(1) or ""): m.group(2) for m in _PREFIX.finditer(_body(text))}


def term(param: Param, value: str, prefixes: Mapping[str, str], name: str = "<query>"):
    """The RDF term for ``value`` given to ``param`` (None for ``*``, any); a bad value is a QueryError."""
    value = value.strip()
    if value == ANY:
        return None
    if param.kind == "IRI":
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else None
        if iri is None and (m := _PREFIXED.fullmatch(value)) and (m.group(1) or "") in prefixes:
            iri = prefixes[m.group(1) or ""] + m.group(2)
        if iri is None and ("://" in value or value.startswith("urn:")):
            iri = value  # a bare full IRI; anything else bare is a prefixed name whose prefix is unknown
        if iri is None or not _IRI.fullmatch(iri):
            raise QueryError(f"{name}: parameter '{param.name}' needs an IRI (<https://...>, or a prefixed name "
                             f"of the query's PREFIX lines); got {value!r}")
        return URIRef(iri)
    rdflib_log = logging.getLogger("rdflib.term")
    level = rdflib_log.level
    rdflib_log.setLevel(logging.CRITICAL)  # rdflib logs a traceback for an ill-typed literal; we report it
    try:
        literal = Literal(value, datatype=URIRef(param.kind))
        ill_typed = literal.ill_typed
    finally:
        rdflib_log.setLevel(level)
    if param.kind in LEXICAL and not re.fullmatch(LEXICAL[param.kind], value):
        ill_typed = True
    if ill_typed or "\x00" in value:
        raise QueryError(f"{name}: parameter '{param.name}' needs a value of {param.as_dict()['type']}; "
                         f"{value!r} is not one")
    return literal


def parse_assignments(pairs: Iterable[str]) -> dict[str, list[str]]:
    """``["agreement=<iri>", "day=2023-04-10", ...]`` (the command line's ``--param``) -> name -> values."""
    out: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {pair!r}: write it as NAME=VALUE (e.g. --param agreement=agr:seoul-sejong-2023)")
        out.setdefault(name.strip(), []).append(value)
    return out


def bind(text: str, params: Mapping[str, str | Iterable[str]] | None = None, name: str = "<query>", *,
         branches: bool = False) -> str:
    """``text`` with each declared parameter's ``VALUES`` block holding the values given, or its defaults.

    With ``branches``, for running: the values are copied into the UNION branches below each block too
    (:func:`mougraph.sparql_text.values_in_branches`), the same rows found sooner. Without, the text is the one a
    person reads and the query page's form writes (``static/params.js``)."""
    given = {k: [v] if isinstance(v, str) else list(v) for k, v in (params or {}).items()}
    declarations = declared(text, name)
    known = {p.name for p in declarations}
    unknown = sorted(set(given) - known)
    if unknown:
        listing = ", ".join(sorted(known)) or "none"
        raise QueryError(f"{name}: unknown parameter(s) {', '.join(unknown)}; this query's parameters: {listing}")
    prefixes = _prefixes(text)
    cells = {}
    for param in declarations:
        values = given.get(param.name) or list(param.defaults) or [ANY]
        if len(values) > 1 and not param.many:
            raise QueryError(f"{name}: parameter '{param.name}' takes one value; got {len(values)}")
        terms = [term(param, v, prefixes, name) for v in values]
        cells[param.name] = " ".join("UNDEF" if t is None else t.n3() for t in terms)
    text = fill(slots(text, declarations), cells)
    for param in declarations if branches else ():  # a slot outside a UNION: its values in the branches too
        text = values_in_branches(text, param.name, cells[param.name])
    return text


def slots(text: str, declarations: Iterable[Param]) -> list[str]:
    """``text`` cut where its parameters' values go: ``[text, name, text, name, ..., text]``.

    Each ``VALUES ?name { UNDEF }`` outside a comment becomes ``"...VALUES ?name { "``, ``name``, ``" }..."``.
    :func:`fill` puts the values back; so does the query page's ``static/params.js``, which is why the cut is
    made here, once, and the browser only joins strings.
    """
    names = sorted((p.name for p in declarations), key=len, reverse=True)
    parts = [""]
    if not names:
        return [text]
    slot = re.compile(r"VALUES\s+\?(" + "|".join(map(re.escape, names)) + r")\s*\{\s*UNDEF\s*\}", re.IGNORECASE)
    declared_as = {name.lower(): name for name in names}  # the slot's ?name is matched ignoring case
    for n, line in enumerate(text.split("\n")):
        newline = "\n" if n else ""
        if line.lstrip().startswith("#"):
            parts[-1] += newline + line
            continue
        parts[-1] += newline
        at = 0
        for match in slot.finditer(line):
            name = declared_as[match[1].lower()]
            parts[-1] += line[at:match.start()] + f"VALUES ?{name} {{ "
            parts += [name, " }"]
            at = match.end()
        parts[-1] += line[at:]
    return parts


def browser_rules() -> dict:
    """The rules of :func:`term` that the query page's form applies in the browser (``static/params.js``)."""
    return {"any": ANY, "iri": _IRI.pattern, "prefixed": _PREFIXED.pattern, "lexical": LEXICAL}


def browser_form(text: str, body: str | None = None, name: str = "<query>") -> dict | None:
    """What the query page needs to bind the parameters of ``text`` in the browser as :func:`bind` does.

    ``template`` is :func:`slots` of ``body`` (the text the editor shows; the whole text by default),
    ``params`` each parameter (:meth:`Param.as_dict`, with its datatype's IRI and its description in each
    language, the English one where it has no Korean), ``prefixes`` the query's.
    None when the query has no parameters, or one of a datatype the form cannot check (not in LEXICAL).
    """
    declarations = declared(text, name)
    if not declarations or any(p.datatype and p.datatype not in LEXICAL for p in declarations):
        return None
    return {"template": slots(text if body is None else body, declarations),
            "params": [{**p.as_dict(), "datatype": p.datatype,
                        "descriptions": {"ko": p.description_ko or p.description, "en": p.description}}
                       for p in declarations],
            "prefixes": _prefixes(text)}


def fill(parts: list[str], cells: Mapping[str, str]) -> str:
    """The text of :func:`slots`' ``parts`` with ``cells[name]`` (terms written as SPARQL) in each slot."""
    return "".join(part if n % 2 == 0 else cells[part] for n, part in enumerate(parts))
