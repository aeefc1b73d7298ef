"""Every error mougraph raises for the user to fix, under one base class.

The command line prints a :class:`MougraphError` as ``mougraph: error: <message>`` and exits 2 (see
:mod:`mougraph.cli`); anything else is a bug. Messages name the file (and line) or the query, say what is
wrong and what to do.
"""

from __future__ import annotations


class MougraphError(Exception):
    """An error the user can fix (bad input file, unknown query, ...)."""


class LoadError(MougraphError):
    """An input file is missing, unreadable or not valid RDF."""


class QueryError(MougraphError):
    """A SPARQL query is unknown, invalid, refused or failed while it ran."""


class QueryEvaluationError(QueryError):
    """Oxigraph failed while evaluating a query (its solutions are computed as they are read)."""

    def __init__(self, reason: str):
        super().__init__(f"the query failed: {reason}")


class ShapesError(MougraphError):
    """The shapes graph is not valid SHACL (a *failure* in the terms of the specification)."""


class ForbiddenSparql(ShapesError):
    """A SPARQL query breaks the syntax rules of SHACL-SPARQL (5.2.1); pySHACL runs some of them anyway."""


class ReasonerError(MougraphError):
    """The reasoner could not give an answer: no Java, a crash, a timeout."""


class JavaNotFound(ReasonerError):
    """HermiT runs on Java, and no ``java`` was found."""


class RemoteError(MougraphError):
    """A SPARQL server could not be reached or refused a request."""


class WebError(MougraphError):
    """The web server could not start or serve."""


class WorkerStartError(WebError):
    """A query worker process did not start."""
