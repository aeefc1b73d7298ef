"""Oxigraph's SELECT answers as rdflib results, read lazily."""

from __future__ import annotations

from itertools import islice

import pyoxigraph as ox
from rdflib import Variable
from rdflib.query import Result

from mougraph.errors import QueryEvaluationError
from mougraph.store.terms import from_ox

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


def _tuples(solutions: _Solutions, width: int):
    """The rows of ``solutions`` as tuples of rdflib terms (None where unbound), in the order of the variables:
    no dict and no ``ResultRow`` per row (a page that reads thousands of rows spent a fifth of its time making
    them). Not a method, for the reason :func:`_converted` gives."""
    solutions.read = True
    cache = {}
    try:
        for solution in solutions.take():
            row = []
            for i in range(width):
                value = solution[i]
                if value is not None:
                    term = cache.get(value)
                    if term is None:
                        term = cache[value] = from_ox(value)
                    value = term
                row.append(value)
            yield tuple(row)
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

    def tuples(self):
        """The rows of an :attr:`unread` answer as tuples of rdflib terms (None where unbound), in the order of
        :attr:`vars`, read once: the fast way through many rows."""
        if not self.unread:
            raise RuntimeError("tuples() needs an answer whose rows have not been read")
        return _tuples(self._solutions, len(self.vars))

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
