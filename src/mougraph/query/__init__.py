"""Find, run and check SPARQL queries.

Shipped queries live in ``queries/*.rq``; a query's name is its file name
without ``.rq`` and carries its role (``cq01-partners.report``,
``*.check``, ``*.construct``). A SELECT report query may sit next to its
expected answer ``<name>.expected.csv`` (SPARQL 1.1 CSV results).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.query import Result

from mougraph import limits, sparql_guard
from mougraph.errors import MougraphError, QueryError, QueryEvaluationError
from mougraph.io import resource_dir
from mougraph.query.params import Param, bind, declared
from mougraph.reasoning.rules import materialise
from mougraph.store import is_oxigraph, load_all, merge
from mougraph.store.results import SelectResult, is_describe


@dataclass
class QueryRun:
    """A query that has been run: its name, text and rdflib result."""

    name: str
    path: Path | None
    text: str
    result: Result
    graph: Graph | None = None  # the graph queried (its prefixes shorten IRIs in tables)

    @cached_property
    def ordered(self) -> bool:
        """True when the query has ORDER BY at its top level (parsed by rdflib when first asked)."""
        return _top_level_order_by(parse_sparql(self.text, self.name).algebra)

    @property
    def type(self) -> str:
        return self.result.type  # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"

    @property
    def vars(self) -> list[str]:
        return [str(v) for v in (self.result.vars or [])]

    def rows(self) -> list[tuple[str, ...]]:
        """SELECT rows as strings: IRIs in full, literals lexical, unbound ''."""
        try:
            return [tuple(cell(row.get(v)) for v in (self.result.vars or [])) for row in self.result]
        except QueryEvaluationError as exc:
            raise MougraphError(f"{self.name}: {exc}") from exc

    def is_empty(self) -> bool:
        if self.type == "ASK":
            return not self.result.askAnswer
        if self.type == "SELECT":
            return not list(self.result)
        return len(self.result.graph) == 0


def cell(term) -> str:
    """A result value as in SPARQL CSV results (IRI in full, literal lexical, unbound '')."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def available_queries() -> dict[str, Path]:
    """Shipped query names -> files, sorted by name."""
    folder = resource_dir("queries")
    if not folder.is_dir():
        return {}
    return {p.name[: -len(".rq")]: p for p in sorted(folder.glob("*.rq")) if p.is_file()}


def _base(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


def _is_file(path: str | Path) -> bool:
    """``Path.is_file`` without its OSError for a name the system refuses (longer than it allows): not a file."""
    try:
        return Path(path).is_file()
    except OSError:
        return False


def resolve_query(ref: str | Path) -> Path:
    """The query file for ``ref``: a path, or a shipped name / name without role / unique prefix."""
    path = Path(ref)
    if _is_file(path):
        return path
    ref = str(ref)
    if ref.endswith(".rq") or "/" in ref:
        raise MougraphError(f"query file not found: {ref}")
    queries = available_queries()
    if ref in queries:
        return queries[ref]
    for candidates in ([n for n in queries if _base(n) == ref], [n for n in queries if n.startswith(ref)]):
        if len(candidates) == 1:
            return queries[candidates[0]]
        if len(candidates) > 1:
            raise MougraphError(f"ambiguous query name '{ref}'; it matches: {', '.join(candidates)}")
    listing = "\n  ".join(queries) if queries else f"(none: no .rq files in {resource_dir('queries')})"
    raise MougraphError(f"unknown query '{ref}'; available queries:\n  {listing}")


def _top_level_order_by(algebra) -> bool:
    node = algebra.p if algebra is not None else None
    while node is not None and getattr(node, "name", None) in ("Slice", "Distinct", "Reduced", "Project"):
        node = node.p
    return getattr(node, "name", None) == "OrderBy"


def parse_sparql(text: str, name: str = "<query>"):
    """rdflib's parsed form of SPARQL ``text``; a syntax error becomes :class:`MougraphError`."""
    from rdflib.plugins.sparql import prepareQuery

    sparql_guard.check_depth(text, name)
    try:
        with limits.headroom():
            return prepareQuery(text)
    except Exception as exc:  # pyparsing.ParseException, or unknown prefix
        hint = " (declare it with a PREFIX line)" if "prefix" in str(exc).lower() else ""
        raise MougraphError(f"{name}: invalid SPARQL: {exc}{hint}") from exc


def check_grammar(text: str, name: str = "<query>") -> None:
    """Refuse SPARQL that the SPARQL 1.1 grammar or its static rules reject, which rdflib's engine would still run
    (a variable bound twice by ``BIND``, a ``VALUES`` row of the wrong width, a projected expression that rebinds a
    variable, an ungrouped variable in an aggregate query): Oxigraph's parser is the judge, on an empty store."""
    sparql_guard.check_depth(text, name)  # (deeper, Oxigraph's parser overflows the stack)
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        raise _invalid(text, name, exc) from exc


def _invalid(text: str, name: str, exc: SyntaxError) -> MougraphError:
    """The error for ``text`` that Oxigraph's parser rejected: rdflib's message when rdflib rejects it too (it names
    the token), else Oxigraph's with its position and the rule broken, without the list of expected tokens."""
    parse_sparql(text, name)  # raises rdflib's error, if rdflib also rejects the text
    message = str(exc)
    where = re.match(r"error at (\d+):(\d+): ", message)
    rules = re.findall(r"The [^,\[\]]+", message)
    what = "; ".join(dict.fromkeys(rule.strip() for rule in rules)) or (
        "the grammar or its rules reject the text here (Oxigraph's parser "
        f"{message[where.end() if where else 0:][:120]}"
        f"); common causes: a variable that BIND assigns is already bound before it in the group, a VALUES row "
        f"without one value per variable")
    at = f" at line {where.group(1)}, column {where.group(2)}" if where else ""
    return QueryError(f"{name}: invalid SPARQL{at}: {what}")


def run_sparql(text: str, graph: Graph, *, name: str = "<query>", path: Path | None = None,
               allow_service: Iterable[str] = (), limit: int | None = None) -> QueryRun:
    """Parse and run SPARQL ``text`` on ``graph``; errors become :class:`MougraphError`.

    Queries must declare their own prefixes (PREFIX lines), as in any SPARQL store. An Oxigraph-backed graph
    answers the text with Oxigraph's engine; text that Oxigraph's parser rejects is an error, on every backend
    (:func:`check_grammar`), since rdflib's engine would run some of it. rdflib parses the text to say what is
    wrong, when :attr:`QueryRun.ordered` is asked, and to run it on the memory backend.
    A query with SERVICE is refused unless each SERVICE calls a host of ``allow_service``
    (:mod:`mougraph.sparql_guard`): every engine would send the request. ``limit``: on Oxigraph, a CONSTRUCT or
    DESCRIBE stops after ``limit`` + 1 triples (the caller cuts it to ``limit``; SELECT rows are read lazily).
    """

    sparql_guard.check(text, name, allow_service)
    result = None
    try:
        if is_oxigraph(graph):
            # the store itself, without the graph's prefixes (Graph.query would pass them: undeclared ones would do)
            scope = "__UNION__" if graph.default_union else graph.identifier
            try:
                result = graph.store.query(text, {}, {}, scope, limit=limit)
            except NotImplementedError as exc:
                if isinstance(exc.__cause__, SyntaxError):  # rdflib would run some of it; the grammar does not
                    raise _invalid(text, name, exc.__cause__) from exc.__cause__
            else:
                if result.type == "CONSTRUCT" and is_describe(text):  # as rdflib does: with the graph's prefixes
                    for prefix, namespace in graph.namespaces():
                        result.graph.bind(prefix, namespace)
        if result is None:
            if not allow_service:  # (the check runs the query on an empty store: an allowed SERVICE would be called)
                check_grammar(text, name)
            with limits.headroom():  # rdflib's evaluator recurses into nested groups
                result = graph.query(parse_sparql(text, name))
        if result.type == "SELECT" and not isinstance(result, SelectResult):
            with limits.headroom():
                _ = result.bindings  # evaluate now, inside the try (Oxigraph's rows are read later: see SelectResult)
    except MougraphError:
        raise
    except Exception as exc:
        raise MougraphError(f"{name}: the query failed: {exc}") from exc
    return QueryRun(name=name, path=path, text=text, result=result, graph=graph)


def _looks_like_sparql(ref: str) -> bool:
    return any(ch in ref for ch in "{ \n\t")


def query_text(ref: str | Path) -> tuple[str, Path | None, str]:
    """(name, path, SPARQL text) of a shipped query name, a ``.rq`` path or SPARQL text."""
    if isinstance(ref, str) and _looks_like_sparql(ref) and not _is_file(ref):
        return "<query>", None, ref
    path = resolve_query(ref)
    name = path.name[: -len(".rq")] if path.name.endswith(".rq") else path.name
    try:
        return name, path, path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: not UTF-8 text (byte {exc.start}: {exc.reason}); SPARQL queries are UTF-8: save "
                         f"the file as UTF-8 and run the command again") from exc


def query(ref: str | Path, *, graph: Graph | None = None, data=None, inferred: bool = False,
          allow_service: Iterable[str] = (), params: Mapping[str, str | Iterable[str]] | None = None) -> QueryRun:
    """Run a query: a shipped name (see :func:`resolve_query`), a ``.rq`` path or SPARQL text.

    graph: the graph to query; default: ontology + data (``data`` = files or
    directories, or all shipped data when None). inferred: add the triples the
    rules infer (:mod:`mougraph.reasoning.rules`) to the graph queried. allow_service: the hosts
    SERVICE may call (default: none; a query with SERVICE is refused). params: values of the parameters the query
    declares (name -> a value or a list of values; :mod:`mougraph.query.params`), the defaults for the others.
    """
    name, path, text = query_text(ref)
    text = bind(text, params, name, branches=True)
    sparql_guard.check(text, name, allow_service)  # before loading anything
    if graph is None:
        graph = load_all(data)
    if inferred:
        graph = merge(graph, materialise(graph).inferred)
    return run_sparql(text, graph, name=name, path=path, allow_service=allow_service)


def query_params(ref: str | Path) -> list[Param]:
    """The parameters a query declares (its name, ``.rq`` path or text); ``Param.as_dict()`` for a page or API."""
    name, _path, text = query_text(ref)
    return declared(text, name)


# --- expected answers -----------------------------------------------------

EXPECTED_DATA = "expected-data.txt"


def expected_data_files() -> list[Path] | None:
    """The data files the expected answers were worked out for (``queries/expected-data.txt``, under ``data/``);
    None when there is no such list: the answers are then those of all the data."""
    listing = resource_dir("queries") / EXPECTED_DATA
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None
    files = [resource_dir("data") / line.strip() for line in lines if line.strip() and not line.startswith("#")]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise MougraphError(f"{listing} lists data files that are missing: {', '.join(missing)}; the expected "
                            f"answers are for them (restore them, or change the expected answers and the list)")
    return files


def expected_path(query_path: Path) -> Path:
    """``queries/<stem>.expected.csv`` for ``queries/<stem>.report.rq`` (or ``<stem>.rq``)."""
    stem = query_path.name.removesuffix(".rq").removesuffix(".report")
    return query_path.with_name(stem + ".expected.csv")


def read_expected(path: Path) -> tuple[list[str], list[tuple[str, ...]]]:
    """Header and rows of a SPARQL 1.1 CSV results file."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = [tuple(r) for r in csv.reader(fh)]
    except FileNotFoundError as exc:
        raise MougraphError(f"expected results file not found: {path}") from exc
    if not rows:
        raise MougraphError(f"{path}: empty file; the first line must list the variable names")
    return list(rows[0]), [r for r in rows[1:] if r]


def compare_expected(run: QueryRun, expected: str | Path) -> str | None:
    """Compare a SELECT result with an expected CSV file.

    Returns None when they match, else a message saying what differs. Rows are
    compared as multisets of string tuples, in order when the query has a
    top-level ORDER BY.
    """
    expected = Path(expected)
    header, want = read_expected(expected)
    if run.type != "SELECT":
        return f"{run.name}: only SELECT results can be compared with {expected.name}"
    if sorted(header) != sorted(run.vars):
        return (f"{run.name}: columns differ from {expected.name}: "
                f"query gives {', '.join(run.vars)}; expected {', '.join(header)}")
    index = [run.vars.index(h) for h in header]
    got = [tuple(row[i] for i in index) for row in run.rows()]
    width = len(header)
    want = [tuple(r) + ("",) * (width - len(r)) for r in want]
    if run.ordered:
        if got == want:
            return None
        first = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
        return (f"{run.name}: ordered results differ from {expected.name} at row {first + 1} "
                f"(got {len(got)} rows, expected {len(want)}): "
                f"got {got[first] if first < len(got) else '<none>'}, "
                f"expected {want[first] if first < len(want) else '<none>'}")
    missing = Counter(want) - Counter(got)
    extra = Counter(got) - Counter(want)
    if not missing and not extra:
        return None
    lines = [f"{run.name}: results differ from {expected.name} (got {len(got)} rows, expected {len(want)})"]
    lines += [f"  missing:    {row}" for row in sorted(missing.elements())][:20]
    lines += [f"  unexpected: {row}" for row in sorted(extra.elements())][:20]
    return "\n".join(lines)
