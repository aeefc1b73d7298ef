"""rdflib terms and pyoxigraph terms, one into the other, as rdflib's own parsers would make them."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
DEFAULT_GRAPH = ox.DefaultGraph()


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


def context_name(context):
    return None if context is None else graph_name(getattr(context, "identifier", context))


def pattern(term):
    return None if term is None else to_ox(term)
