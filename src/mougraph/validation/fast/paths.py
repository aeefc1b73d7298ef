"""SHACL property paths read from the shapes graph and written as SPARQL property paths."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from mougraph.errors import ShapesError
from mougraph.validation.fast.terms import rdf_list

#: An IRI no data uses: an alternative with it keeps a sequence path one path (see :meth:`Path.sparql`), and
#: it stands for a path the engine cannot read.
NEVER = "urn:x-mougraph:fastshacl:no-such-predicate"
_KINDS = {SH.inversePath: "inv", SH.alternativePath: "alt", SH.zeroOrMorePath: "zom",
          SH.oneOrMorePath: "oom", SH.zeroOrOnePath: "zoo"}
_SUFFIX = {"zom": "*", "oom": "+", "zoo": "?"}


@dataclass(frozen=True)
class Path:
    """A SHACL property path: ``kind`` is pred, inv, seq, alt, zom (zero or more), oom, zoo."""

    kind: str
    args: tuple

    @property
    def predicate(self):
        return self.args[0] if self.kind == "pred" else None

    def sparql(self) -> str:
        """The path for the engine's queries."""
        if self.kind == "pred":
            return f"<{self.args[0]}>"
        if self.kind == "inv":
            return f"^{self.args[0]._atom()}"
        if self.kind == "seq":
            # Oxigraph turns a sequence path into a join of triple patterns, which it may order from the far
            # end inside EXISTS (quadratic); an alternative with an IRI no data uses keeps it one path,
            # evaluated from its bound end, with the same results.
            return "((" + "/".join(p._atom() for p in self.args) + f")|<{NEVER}>)"
        if self.kind == "alt":
            return "(" + "|".join(p._atom() for p in self.args) + ")"
        return self.args[0]._atom() + _SUFFIX[self.kind]

    def text(self) -> str:
        """The path in SPARQL syntax, without the plan hints of :meth:`sparql`."""
        if self.kind == "pred":
            return f"<{self.args[0]}>"
        if self.kind == "inv":
            return "^" + self.args[0]._text_atom()
        if self.kind in ("seq", "alt"):
            return "(" + ("/" if self.kind == "seq" else "|").join(p._text_atom() for p in self.args) + ")"
        return self.args[0]._text_atom() + _SUFFIX[self.kind]

    def _text_atom(self) -> str:
        text = self.text()
        return text if self.kind in ("pred", "seq", "alt") else f"({text})"

    def _atom(self) -> str:
        text = self.sparql()
        return text if self.kind in ("pred", "seq", "alt") else f"({text})"


def parse_path(graph: Graph, node, _depth: int = 0) -> Path:
    """The path at ``node`` of the shapes graph; ShapesError when it is not a SHACL property path."""
    if _depth > 50:
        raise ShapesError(f"path nested too deeply at {node}")
    if isinstance(node, URIRef):
        return Path("pred", (node,))
    if not isinstance(node, BNode):
        raise ShapesError(f"sh:path must be an IRI or a blank node, not {node!r}")
    if (node, RDF.first, None) in graph:
        items = rdf_list(graph, node)
        if len(items) < 2:
            raise ShapesError(f"a sequence path needs two or more members ({node})")
        return Path("seq", tuple(parse_path(graph, i, _depth + 1) for i in items))
    for predicate, kind in _KINDS.items():
        target = graph.value(node, predicate)
        if target is None:
            continue
        if kind == "alt":
            items = rdf_list(graph, target)
            if len(items) < 2:
                raise ShapesError(f"an alternative path needs two or more members ({node})")
            return Path("alt", tuple(parse_path(graph, i, _depth + 1) for i in items))
        return Path(kind, (parse_path(graph, target, _depth + 1),))
    raise ShapesError(f"{node} is not a SHACL property path")


def path_text(graph: Graph, node) -> str:
    """A canonical text of the path at ``node`` of ``graph`` (for comparing results of two reports)."""
    if node is None:
        return ""
    try:
        return parse_path(graph, node).text()
    except ShapesError:
        return str(node)
