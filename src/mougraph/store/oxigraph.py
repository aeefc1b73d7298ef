"""Oxigraph (through pyoxigraph) behind rdflib's ``Graph`` API: the fast store of :mod:`mougraph.store`.

:class:`OxigraphStore` is an rdflib ``Store`` (it extends oxrdflib's) that keeps the triples in a pyoxigraph
``Store``, in memory or on disk, and answers SPARQL text with Oxigraph's engine. What it adds to oxrdflib, so
that a graph reads back as rdflib's in-memory store gives it:

- **Literals come back as they were written.** Oxigraph stores the values of the XSD datatypes it knows in a
  canonical form and folds derived datatypes into their primitive: ``"…+09:00"^^xsd:dateTimeStamp`` is stored
  as an ``xsd:dateTime``, ``"1"^^xsd:nonNegativeInteger`` as an ``xsd:integer``, ``"1.50"^^xsd:decimal`` as
  ``"1.5"``. That keeps SPARQL's value semantics (comparisons, casts) working, so the store keeps it, and
  remembers, per triple, the literal as written (the *restore map*; which literals need it is decided by
  Oxigraph itself, with a round trip through a scratch store). Triples read through the rdflib API, CONSTRUCT
  and DESCRIBE results and N-Triples dumps give the literal as written (two literals of one value on one subject
  and property, ``"2.5"`` and ``"2.50"``, are one quad with both forms remembered). A SELECT result has no
  triple to go back to: it shows Oxigraph's form (a ``dateTimeStamp`` value as ``xsd:dateTime``; same lexical
  form when the value was written canonically). Language tags come back lower-cased (BCP 47 tags are case-insensitive).
- **Plain literals stay plain**: Oxigraph's ``xsd:string`` literals come back without a datatype, as rdflib
  parses ``"text"``.
- **Parsed queries fall back to rdflib**: rdflib's pre-parsed ``Query`` objects (pySHACL, the rule engine) and
  any query Oxigraph refuses are answered by rdflib's own engine over the same triples.

:func:`load` reads a file into a store: N-Triples and N-Quads with pyoxigraph's bulk loader (the raw bytes are
scanned for literals Oxigraph would rewrite), Turtle and TriG through pyoxigraph's parser. A persistent store
keeps the restore map of a graph in a companion named graph (:func:`save_restore`, :func:`read_restore`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import count, islice
from pathlib import Path

import pyoxigraph as ox
from oxrdflib.store import OxigraphStore as _OxrdflibStore
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result

from mougraph import formats
from mougraph.errors import MougraphError, QueryEvaluationError

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
DEFAULT_GRAPH = ox.DefaultGraph()
#: Datatype prefix of the literals kept in a persistent store's restore graph, as written.
VERBATIM = "urn:x-mougraph:verbatim:"
#: Prefix of the named graphs a run adds to the data's store and removes when done (:func:`temporary_graph`).
TEMPORARY = "urn:x-mougraph:tmp:"

#: Formats read by pyoxigraph, by rdflib parser name (the others are read by rdflib: see :mod:`mougraph.formats`).
FORMATS = formats.oxigraph_loads()
_PREFIX_RE = re.compile(r'(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*|)\s*:\s*<([^>]*)>', re.IGNORECASE)


# --- literals that Oxigraph rewrites ---------------------------------------------------------------------

def canonical_forms(pairs) -> dict[tuple[str, str], ox.Literal]:
    """For each (lexical form, XSD datatype IRI) that Oxigraph would not give back unchanged: its stored form."""
    pairs = [p for p in dict.fromkeys(pairs) if p[1].startswith(XSD) and p[1] != XSD_STRING]
    if not pairs:
        return {}
    scratch = ox.Store()
    p = ox.NamedNode("urn:x-mougraph:p")
    scratch.extend(ox.Quad(ox.NamedNode(f"urn:x-mougraph:s{i}"), p, ox.Literal(lex, datatype=ox.NamedNode(dt)))
                   for i, (lex, dt) in enumerate(pairs))
    out = {}
    for q in scratch:
        pair = pairs[int(q.subject.value[len("urn:x-mougraph:s"):])]
        if (q.object.value, q.object.datatype.value) != pair:
            out[pair] = q.object
    return out


@lru_cache(maxsize=65536)
def canonical(lexical: str, datatype: str) -> ox.Literal | None:
    """The form Oxigraph stores ``"lexical"^^<datatype>`` in, when it differs; else None."""
    return canonical_forms([(lexical, datatype)]).get((lexical, datatype))


# --- terms ---------------------------------------------------------------------------------------------

def to_ox(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is None:
            return ox.Literal(str(term))
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
    if isinstance(term, Graph):
        return graph_name(term.identifier)
    raise ValueError(f"unexpected rdflib term: {term!r}")


def graph_name(identifier):
    """The pyoxigraph graph name of an rdflib graph identifier."""
    if identifier is None or identifier == DATASET_DEFAULT_GRAPH_ID:
        return DEFAULT_GRAPH
    return to_ox(identifier)


def from_ox(term):
    """A pyoxigraph term as the rdflib term rdflib's own parser would make of it."""
    kind = type(term)
    if kind is ox.NamedNode:
        return URIRef(term.value)
    if kind is ox.BlankNode:
        return BNode(term.value)
    if kind is ox.Literal:
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if term is None:
        return None
    raise ValueError(f"unexpected Oxigraph term: {term!r}")


_runs_lock = threading.Lock()
_runs: dict[int, set[int]] = {}  # id of a pyoxigraph store -> the numbers of the runs going on in it


@contextmanager
def temporary_graphs(inner: ox.Store) -> Iterator[Callable[..., ox.NamedNode]]:
    """Names for the graphs one run of reasoning or validation adds to the store ``inner`` and removes when done.

    Yields ``name(kind, *parts)``. The names hold the lowest run number not taken by a run going on in the same
    store, so that runs one after the other reuse them: Oxigraph's in-memory store keeps an entry for every quad it
    has ever held (it does not collect removed ones), and graphs named afresh for each run (a UUID) left each run's
    temporary quads behind — 16 MB more and 8 % slower for every run at 100k triples. A run killed before its end
    leaves its graphs on disk; :mod:`mougraph.store` removes them when it opens a persistent store, by the
    :data:`TEMPORARY` prefix they all share.
    """
    key = id(inner)
    with _runs_lock:
        taken = _runs.setdefault(key, set())
        run = next(n for n in count() if n not in taken)
        taken.add(run)
    try:
        yield lambda kind, *parts: ox.NamedNode(TEMPORARY + ":".join(map(str, [kind, run, *parts])))
    finally:
        with _runs_lock:
            taken.discard(run)
            if not taken:
                del _runs[key]


def _context_name(context):
    return None if context is None else graph_name(getattr(context, "identifier", context))


def _pattern(term):
    return None if term is None else to_ox(term)


# --- the rdflib store ----------------------------------------------------------------------------------

class OxigraphStore(_OxrdflibStore):
    """An rdflib Store on a pyoxigraph Store (see the module documentation).

    ``restore`` maps a stored quad whose literal Oxigraph rewrote, (subject, predicate, stored literal, graph)
    as pyoxigraph terms, to the rdflib literal(s) as written.
    """

    def __init__(self, store: ox.Store | None = None, identifier=None):
        super().__init__(identifier=identifier, store=store if store is not None else ox.Store())
        self.restore: dict[tuple, list[Literal]] = {}

    @property
    def inner(self) -> ox.Store:
        return self._inner

    def remember(self, quad: ox.Quad, written: Literal, held: bool = False) -> None:
        """Note that ``quad`` (as Oxigraph stores it) was written with the literal ``written``.

        ``held``: the store held the quad before, written as stored (it had no restore entry), so that form is kept
        too: ``"2.5"`` and ``"2.50"`` on one subject and property are two triples but one quad.
        """
        key = (quad.subject, quad.predicate, quad.object, quad.graph_name)
        entry = self.restore.get(key)
        if entry is None:
            entry = self.restore[key] = [from_ox(quad.object)] if held else []
        if written not in entry:
            entry.append(written)

    def also_as_stored(self, quad: ox.Quad) -> None:
        """Note that ``quad`` was also written as stored, if it was written otherwise too (see :meth:`remember`)."""
        entry = self.restore.get((quad.subject, quad.predicate, quad.object, quad.graph_name))
        if entry is not None:
            stored = from_ox(quad.object)
            if stored not in entry:
                entry.append(stored)

    def _quad(self, s, p, o, context) -> ox.Quad:
        quad = ox.Quad(to_ox(s), to_ox(p), to_ox(o), _context_name(context))
        if isinstance(o, Literal) and o.datatype is not None and not o.language:
            stored = canonical(str(o), str(o.datatype))
            if stored is not None:
                quad = ox.Quad(quad.subject, quad.predicate, stored, quad.graph_name)
                self.remember(quad, o, held=quad in self._inner)
            elif self.restore:
                self.also_as_stored(quad)
        return quad

    def add(self, triple, context, quoted=False):
        if quoted:
            raise ValueError("Oxigraph stores are not formula aware")
        self._inner.add(self._quad(*triple, context))

    def addN(self, quads):  # noqa: N802 (rdflib's name)
        batch = []
        for s, p, o, context in quads:
            batch.append(self._quad(s, p, o, context))
            if len(batch) >= 100_000:
                self._inner.extend(batch)
                batch = []
        if batch:
            self._inner.extend(batch)

    def remove(self, triple, context=None):
        s, p, o = triple
        for quad in list(self._inner.quads_for_pattern(_pattern(s), _pattern(p), _pattern(o), _context_name(context))):
            self._inner.remove(quad)
            self.restore.pop((quad.subject, quad.predicate, quad.object, quad.graph_name), None)

    def triples(self, triple_pattern, context=None):
        s, p, o = triple_pattern
        try:
            quads = self._inner.quads_for_pattern(_pattern(s), _pattern(p), _pattern(o), _context_name(context))
        except (TypeError, ValueError):  # e.g. a literal as subject: nothing matches
            return iter(())
        return self._triples(quads, o, context)

    def _triples(self, quads, pattern_object, context):
        restore, literal = self.restore, ox.Literal
        predicates: dict = {}  # few distinct predicates: convert each once
        for q in quads:
            obj, pred = q.object, q.predicate
            p = predicates.get(pred)
            if p is None:
                p = predicates[pred] = from_ox(pred)
            if restore and type(obj) is literal:
                written = restore.get((q.subject, pred, obj, q.graph_name))
                if written:
                    s = from_ox(q.subject)
                    for value in written:
                        if pattern_object is None or value == pattern_object:
                            yield (s, p, value), iter((context,))
                    continue
            yield (from_ox(q.subject), p, from_ox(obj)), iter((context,))

    def __len__(self, context=None):
        name = _context_name(context)
        if name is None or (name == DEFAULT_GRAPH and not any(True for _ in self._inner.named_graphs())):
            stored = len(self._inner)
        else:
            where = "{ ?s ?p ?o }" if name == DEFAULT_GRAPH else f"{{ GRAPH {name} {{ ?s ?p ?o }} }}"
            stored = int(next(iter(self._inner.query(f"SELECT (COUNT(*) AS ?n) WHERE {where}")))[0].value)
        # two literals written differently that Oxigraph stores alike ("1"^^xsd:int, "1"^^xsd:integer) are one quad
        return stored + sum(len(v) - 1 for k, v in self.restore.items() if name is None or k[3] == name)

    def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803 (rdflib's names)
        if isinstance(query, Query) or kwargs:
            raise NotImplementedError  # rdflib answers parsed queries with its own engine
        name = None if queryGraph == "__UNION__" else graph_name(queryGraph)
        scope = {"use_default_graph_as_union": True} if name is None else {"default_graph": name}
        prefixes = {str(k): str(v) for k, v in initNs.items()}
        substitutions = {ox.Variable(str(k)): to_ox(v) for k, v in initBindings.items()}

        def evaluate():
            return self._inner.query(query, prefixes=prefixes, substitutions=substitutions, **scope)

        try:
            result = evaluate()
        except SyntaxError as exc:  # SPARQL rdflib accepts but Oxigraph does not: let rdflib answer
            raise NotImplementedError from exc
        if isinstance(result, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(result)
            return out
        if isinstance(result, ox.QuerySolutions):
            return SelectResult(result, evaluate)
        out = Result("CONSTRUCT")
        out.graph = Graph()
        if is_describe(query):  # as rdflib does, a DESCRIBE result carries the queried graph's prefixes
            for prefix, namespace in initNs.items():
                out.graph.bind(prefix, namespace)
        for t in result:
            obj = t.object
            written = self.restore.get((t.subject, t.predicate, obj, name)) if type(obj) is ox.Literal else None
            for value in written or [from_ox(obj)]:
                out.graph.add((from_ox(t.subject), from_ox(t.predicate), value))
        return out


#: What pyoxigraph raises while it evaluates a query (an unreachable SERVICE, a failing custom function, ...).
EVALUATION_ERRORS = (OSError, RuntimeError, ValueError, TypeError)


class _Solutions:
    """The solutions of one SELECT: those Oxigraph gave first, then, if taken again, a new evaluation."""

    def __init__(self, pending: ox.QuerySolutions, evaluate):
        self.pending, self.evaluate, self.read = pending, evaluate, False

    def take(self) -> ox.QuerySolutions:
        solutions, self.pending = self.pending, None
        return solutions if solutions is not None else self.evaluate()


def _converted(solutions: _Solutions, variables: list):
    """The rows of ``solutions`` as dicts of rdflib terms. (Not a method: a generator that held its
    :class:`SelectResult` would make a reference cycle, freed by the garbage collector in whatever thread it runs,
    and pyoxigraph's objects must be dropped in the thread that made them.)"""
    solutions.read = True
    columns = list(enumerate(variables))
    cache = {}  # a value repeats over rows (labels, IRIs): convert each once
    try:
        for solution in solutions.take():
            row = {}
            for i, var in columns:
                value = solution[i]
                if value is not None:
                    term = cache.get(value)
                    if term is None:
                        term = cache[value] = from_ox(value)
                    row[var] = term
            yield row
    except EVALUATION_ERRORS as exc:
        raise QueryEvaluationError(str(exc)) from exc


class SelectResult(Result):
    """A SELECT answer from Oxigraph, read lazily.

    Its rows become rdflib terms when first read (``bindings``, iteration, ``len``), or, if nothing has read
    them yet, :meth:`serialize_csv` writes SPARQL CSV results with pyoxigraph's own writer, straight from the
    solutions (no Python object per value: about twice as fast on a large answer), and :meth:`truncate` reads
    only the rows it keeps. Oxigraph evaluates a query as its solutions are read, so an evaluation error shows
    up then, as a :class:`QueryEvaluationError`. Reading the rows after :meth:`serialize_csv` evaluates the
    query again.
    """

    def __init__(self, solutions: ox.QuerySolutions, evaluate):
        super().__init__("SELECT")
        self.vars = [Variable(v.value) for v in solutions.variables]
        self._solutions = _Solutions(solutions, evaluate)
        self._unread = _converted(self._solutions, self.vars)
        self.bindings = self._unread  # a generator: rdflib reads it when the rows are first asked for

    @property
    def unread(self) -> bool:
        """True while no row has been read (as rdflib terms or by :meth:`serialize_csv`)."""
        return not self._solutions.read and self._solutions.pending is not None

    def truncate(self, limit: int) -> bool:
        """Keep the first ``limit`` rows of an :attr:`unread` answer, reading one more; True if there were more."""
        if not self.unread:
            raise RuntimeError("truncate() needs an answer whose rows have not been read")
        rows = list(islice(self._unread, limit + 1))
        self._unread.close()  # drops Oxigraph's solutions now, in this thread
        self.bindings = (row for row in rows[:limit])
        return len(rows) > limit

    def serialize_csv(self) -> bytes | None:
        """SPARQL 1.1 CSV results written by Oxigraph, or None once the solutions have been read (as rdflib terms,
        or by an earlier call): the caller then writes the rows."""
        if self._solutions.pending is None:
            return None
        try:
            return self._solutions.take().serialize(format=ox.QueryResultsFormat.CSV)
        except EVALUATION_ERRORS as exc:
            raise QueryEvaluationError(str(exc)) from exc


def is_describe(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return parseQuery(text)[1].name == "DescribeQuery"
    except Exception:  # noqa: BLE001 (Oxigraph parsed it; rdflib's opinion is only needed for the prefixes)
        return False


# --- loading and dumping -------------------------------------------------------------------------------

_LITERAL_MARK = b'"^^<' + XSD.encode()


def _rewritten_lines(data: bytes, restored: set = frozenset()) -> tuple[list[bytes], dict]:
    """The lines of N-Triples/N-Quads ``data`` whose typed literal Oxigraph would rewrite, or is written as one of
    those, or one of the literals ``restored`` ((lexical form, datatype) pairs), is stored; and the stored forms of
    the rewritten ones ((lexical form, datatype) -> literal)."""
    found: dict[tuple[str, str], list[int]] = {}
    find, rfind, mark = data.find, data.rfind, len(_LITERAL_MARK)
    pos = 0
    while True:
        at = find(_LITERAL_MARK, pos)
        if at < 0:
            break
        end = find(b">", at + mark)
        start = rfind(b'"', 0, at)
        pos = max(end, at + 1)
        if start < 1 or data[start - 1] == 0x5C:  # an escaped quote inside a string: not a typed literal
            continue
        key = (data[start + 1:at].decode("utf-8", "replace"), XSD + data[at + mark:end].decode("ascii", "replace"))
        found.setdefault(key, []).append(at)
    rewritten = canonical_forms(found)
    # literals written just as Oxigraph stores another one that it rewrites: maybe the same quad (see remember)
    twins = ({(value.value, value.datatype.value) for value in rewritten.values()} | restored) & (
        found.keys() - rewritten.keys())
    lines = []
    for key in [*rewritten, *twins]:
        for at in found[key]:
            lines.append(data[data.rfind(b"\n", 0, at) + 1:(data.find(b"\n", at) + 1) or len(data)])
    return lines, rewritten


def load(store: OxigraphStore, path: str | Path, fmt: str, to_graph=DEFAULT_GRAPH) -> list[tuple[str, str]]:
    """Load the file ``path`` (rdflib format name ``fmt``) into ``to_graph`` of ``store``; its prefixes.

    Raises pyoxigraph's ``SyntaxError`` for a malformed file (part of it may have been loaded: the caller
    drops the graph) and ``ValueError`` for a format it does not read.
    """
    path = Path(path)
    base = path.resolve().as_uri()
    oxformat = FORMATS.get(fmt)
    if oxformat is None:
        raise ValueError(f"no Oxigraph parser for {fmt}")
    if oxformat in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        data = path.read_bytes()
        lines, rewritten = _rewritten_lines(data, {(o.value, o.datatype.value) for _s, _p, o, _g in store.restore})
        special = list(ox.parse(input=b"".join(line if line.endswith(b"\n") else line + b"\n" for line in lines),
                                format=oxformat, lenient=True)) if lines else []
        if not any(isinstance(q.subject, ox.BlankNode) or isinstance(q.graph_name, ox.BlankNode) for q in special):
            special = list(_retarget(special, to_graph))
            rewrites = [(q, ox.Quad(q.subject, q.predicate, form, q.graph_name)) for q in special
                        if (form := rewritten.get((q.object.value, q.object.datatype.value))) is not None]
            held = {quad for _q, quad in rewrites if quad in store.inner}  # before this file
            if oxformat is ox.RdfFormat.N_QUADS and to_graph != DEFAULT_GRAPH:
                store.inner.bulk_extend(_retarget(ox.parse(input=data, format=oxformat, base_iri=base, lenient=True,
                                                           rename_blank_nodes=True), to_graph))
            else:
                store.inner.bulk_load(input=data, format=oxformat, base_iri=base, lenient=True, to_graph=to_graph)
            for q, quad in rewrites:
                store.remember(quad, from_ox(q.object), held=quad in held)
            for q in special:  # those written as stored: a form of their own if their quad was written otherwise
                if (q.object.value, q.object.datatype.value) not in rewritten:
                    store.also_as_stored(q)
            return []
        parser = ox.parse(input=data, format=oxformat, base_iri=base, lenient=True, rename_blank_nodes=True)
    else:
        parser = ox.parse(path=path, format=oxformat, base_iri=base, lenient=True, rename_blank_nodes=True)
    store.inner.bulk_extend(_remembered(store, _retarget(parser, to_graph)))
    prefixes = dict(parser.prefixes)
    if oxformat in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):  # bind them in file order, as rdflib does
        order: dict[str, str] = {}
        for prefix, _ns in _PREFIX_RE.findall(path.read_text(encoding="utf-8", errors="replace")):
            order.setdefault(prefix, _ns)
        rank = {prefix: i for i, prefix in enumerate(order)}
        prefixes = dict(sorted(prefixes.items(), key=lambda item: rank.get(item[0], len(rank))))
    return list(prefixes.items())


def _remembered(store: OxigraphStore, quads):
    as_stored = set()  # the quads read so far whose typed literal is written as stored (maybe not yet in the store)
    for q in quads:
        o = q.object
        if type(o) is ox.Literal and not o.language:
            datatype = o.datatype.value
            if datatype != XSD_STRING and datatype.startswith(XSD):
                stored = canonical(o.value, datatype)
                if stored is not None:
                    quad = ox.Quad(q.subject, q.predicate, stored, q.graph_name)
                    store.remember(quad, from_ox(o), held=quad in as_stored or quad in store.inner)
                else:
                    as_stored.add(q)
                    store.also_as_stored(q)
        yield q


def _retarget(quads, to_graph):
    if to_graph == DEFAULT_GRAPH:
        yield from quads
        return
    for q in quads:
        yield ox.Quad(q.subject, q.predicate, q.object, to_graph) if q.graph_name == DEFAULT_GRAPH else q


def copy_graph(source: OxigraphStore, source_name, target: OxigraphStore, target_name) -> None:
    """Copy one graph between (or within) stores, with its restore map, without making rdflib terms."""
    target.inner.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, target_name)
                             for q in source.inner.quads_for_pattern(None, None, None, source_name))
    for (s, p, o, g), written in list(source.restore.items()):  # (a copy within a store adds to it)
        if g == source_name:
            for value in written:
                target.remember(ox.Quad(s, p, o, target_name), value)


def copy_into(graph: Graph, target: OxigraphStore, target_name) -> None:
    """Copy any rdflib graph, in Oxigraph or not, into the named graph ``target_name`` of ``target``, restore map
    included."""
    if isinstance(graph.store, OxigraphStore):
        copy_graph(graph.store, graph_name(graph.identifier), target, target_name)
    else:
        target.addN((s, p, o, from_ox(target_name)) for s, p, o in graph)


def dump_ntriples(store: OxigraphStore, name=DEFAULT_GRAPH, *,
                  escaped: Callable[[bytes], bytes] | None = None) -> list[bytes]:
    """The N-Triples lines (UTF-8, unsorted, without their newline) of one graph, literals as written.

    ``escaped``: rewrites each line that holds an escape (a backslash), e.g. as another writer escapes it. (The
    lines are looked at one by one only when the graph has a backslash at all: there may be millions.)
    """
    data = store.inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    escapes = b"\\" in data
    replace: dict[bytes, bytes] = {}  # line as stored -> line as written (the first form, if several)
    more: dict[bytes, list[bytes]] = {}  # line as stored -> all its lines as written, when there are several
    for (s, p, o, g), written in store.restore.items():
        if g == name:
            stored, forms = f"{s} {p} {o} .".encode(), [f"{s} {p} {to_ox(value)} .".encode() for value in written]
            replace[stored] = forms[0]
            if len(forms) > 1:
                more[stored] = forms
            escapes = escapes or any(b"\\" in form for form in forms)
    if more:
        lines = [new for line in lines for new in more.get(line) or (replace.get(line, line),)]
    elif replace:
        lines = list(map(replace.get, lines, lines))
    if escaped is not None and escapes:
        lines = [escaped(line) if b"\\" in line else line for line in lines]
    return lines


# --- persistent stores: the restore map in a companion graph --------------------------------------------

def restore_graph_name(name) -> ox.NamedNode:
    return ox.NamedNode(f"urn:x-mougraph:restore:{name.value}")


def save_restore(store: OxigraphStore, name) -> None:
    """Keep the restore map of graph ``name`` in the store, in its companion graph."""
    companion = restore_graph_name(name)
    store.inner.remove_graph(companion) if store.inner.contains_named_graph(companion) else None
    store.inner.extend(
        ox.Quad(s, p, ox.Literal(str(value), datatype=ox.NamedNode(VERBATIM + str(value.datatype))), companion)
        for (s, p, _o, g), written in store.restore.items() if g == name for value in written)


def read_restore(store: OxigraphStore, name) -> None:
    """Read the restore map of graph ``name`` back from its companion graph."""
    quads = list(store.inner.quads_for_pattern(None, None, None, restore_graph_name(name)))
    written = [(q, q.object.value, q.object.datatype.value[len(VERBATIM):]) for q in quads]
    stored = canonical_forms((lex, dt) for _q, lex, dt in written)
    for q, lex, dt in written:  # (rdflib may have written a literal in the form Oxigraph stores it in)
        form = stored.get((lex, dt)) or ox.Literal(lex, datatype=ox.NamedNode(dt))
        store.remember(ox.Quad(q.subject, q.predicate, form, name), Literal(lex, datatype=URIRef(dt)))
