"""Terms between the shapes graph and SPARQL: a term as SPARQL text, RDF lists, SHACL's booleans and
integers, ``sh:datatype`` decided on a literal as written, and :class:`Uncovered`."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from mougraph.errors import ShapesError

RDF_TYPE, SUBCLASS = f"<{RDF.type}>", f"<{RDFS.subClassOf}>"


class Uncovered(Exception):
    """A shape uses something the fast engine does not evaluate: pySHACL validates it instead."""


def sparql_term(term) -> str:
    """An rdflib (or pyoxigraph) IRI or literal as SPARQL text; blank nodes cannot be written."""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term)
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    raise Uncovered(f"a blank node ({term}) where the query would need a constant")


def sparql_string(text: str) -> str:
    """``text`` as a SPARQL string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def rdf_list(graph: Graph, head) -> list:
    """The members of the RDF list at ``head``; ShapesError for a malformed list."""
    items, seen = [], set()
    while head != RDF.nil:
        if head in seen or head is None:
            raise ShapesError(f"malformed RDF list at {head}")
        seen.add(head)
        first = graph.value(head, RDF.first)
        if first is None:
            raise ShapesError(f"malformed RDF list at {head}: no rdf:first")
        items.append(first)
        head = graph.value(head, RDF.rest)
    return items


def is_true(term) -> bool:
    """Is ``term`` the literal true (SHACL names true; "1"^^xsd:boolean does not count)?"""
    return isinstance(term, Literal) and term.datatype == XSD.boolean and str(term) == "true"


def integer(term, what: str) -> int:
    """The integer value of the parameter ``what``; ShapesError for anything else."""
    if not isinstance(term, Literal) or not isinstance(term.value, int) or isinstance(term.value, bool):
        raise ShapesError(f"{what} must be an integer, not {term!r}")
    return term.value


def datatype_ok(value, datatype) -> bool:
    """Does ``value`` (an rdflib term, as written) match ``sh:datatype datatype``?

    As pySHACL decides it (rdflib's notion of an ill-typed literal, and the Python value for the datatypes
    pySHACL checks), except for ``rdfs:Literal``, which no literal has as its datatype (SHACL, sh:datatype).
    """
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        if value.ill_typed is True:
            return False
        return _python_value_ok(value, datatype)
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return _python_value_ok(value, datatype)
    if datatype == RDF.langString and value.language:
        return _python_value_ok(value, datatype)
    return False


def _python_value_ok(value: Literal, datatype) -> bool:
    python = value.value
    checks = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
              XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime}
    wanted = checks.get(datatype)
    return True if wanted is None else isinstance(python, wanted)
