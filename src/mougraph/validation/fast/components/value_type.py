"""Value type constraint components: ``sh:class``, ``sh:datatype``, ``sh:nodeKind`` (SHACL 4.1)."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, SH, XSD

from mougraph.errors import ShapesError
from mougraph.store.terms import to_ox
from mougraph.validation.fast.components.base import ConstraintComponent, register, short
from mougraph.validation.fast.dataset import FN_DATATYPE_OK, FN_RESTORED
from mougraph.validation.fast.terms import RDF_TYPE, SUBCLASS, datatype_ok

#: Lexical forms that rdflib (and so pySHACL) surely reads as a valid value of the datatype, when Oxigraph
#: also reads them so (the cast gives the value back): such values need no check in Python.
_QUICK = {
    XSD.integer: "^[+-]?[0-9]+$",
    XSD.decimal: "^[+-]?[0-9]+(\\\\.[0-9]+)?$",
    XSD.boolean: "^(true|false)$",
    XSD.date: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    XSD.dateTime: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$",
}


@register
@dataclass(frozen=True)
class ClassConstraintComponent(ConstraintComponent):
    """Each value node is a SHACL instance of the class (``rdf:type/rdfs:subClassOf*``)."""

    component = SH.ClassConstraintComponent
    parameters = (SH["class"],)
    on_each_value = True
    class_: object

    @classmethod
    def read(cls, graph, node, path):
        return [cls(c) for c in graph.objects(node, SH["class"])]

    def value_expr(self, compiler, shape, v, stack, top=False):
        subs = compiler.subclasses(self.class_)
        if any(type(s) is ox.BlankNode for s in subs):
            return f"NOT EXISTS {{ {{ {v} {RDF_TYPE}/{SUBCLASS}* <{self.class_}> }} }}"
        t = compiler.fresh("t")  # one triple pattern, from the bound node (see Path.sparql)
        return f"NOT EXISTS {{ {v} {RDF_TYPE} {t} FILTER ({t} IN ({', '.join(str(s) for s in subs)})) }}"

    def message(self, graph, focus, where, value):
        return f"Value does not have class {short(graph, self.class_)}"


@register
@dataclass(frozen=True)
class DatatypeConstraintComponent(ConstraintComponent):
    """Each value node is a literal of the datatype, well-formed as written.

    SPARQL sees Oxigraph's form of a literal, not the written one: the value query flags every value not
    *surely* of the datatype (:meth:`quick`), and the flagged values are decided in Python on their written
    forms (:meth:`accepts`); inside nested shapes, a custom function decides (``FN_DATATYPE_OK``).
    """

    component = SH.DatatypeConstraintComponent
    parameters = (SH.datatype,)
    on_each_value = True
    datatype: object

    @classmethod
    def read(cls, graph, node, path):
        return [cls(d) for d in graph.objects(node, SH.datatype)]

    def value_expr(self, compiler, shape, v, stack, top=False):
        if not isinstance(self.datatype, URIRef):
            raise ShapesError(f"{shape.node}: sh:datatype must be an IRI")
        if top:
            predicate = shape.path.args[0] if shape.path is not None and shape.path.kind == "pred" else None
            return f"!{self.quick(compiler.dataset, v, predicate)}"
        return f"!({self.quick(compiler.dataset, v)} || <{FN_DATATYPE_OK.value}>({v}, <{self.datatype}>))"

    def quick(self, dataset, v: str, predicate=None) -> str:
        """An expression true only for values surely matching the datatype (false: check in Python).

        ``predicate``: the values are objects of this predicate (literals written otherwise than Oxigraph
        stores them are then known exactly).
        """
        datatype = self.datatype
        if datatype == XSD.string:
            test = f'isLiteral({v}) && LANG({v}) = "" && DATATYPE({v}) = <{XSD.string}>'
        elif datatype == RDF.langString:
            return f'(isLiteral({v}) && LANG({v}) != "")'
        elif datatype in _QUICK:
            test = (f"isLiteral({v}) && DATATYPE({v}) = <{datatype}> && REGEX(STR({v}), \"{_QUICK[datatype]}\")"
                    f" && COALESCE(<{datatype}>(STR({v})) = {v}, false)")
        else:
            return "false"
        if predicate is not None:
            restored = dataset.restored_by_predicate.get(to_ox(predicate), ())
        else:
            restored = dataset.restored_datatypes
        if restored:
            listed = ", ".join(f"<{d}>" for d in restored)
            test += f" && (DATATYPE({v}) NOT IN ({listed}) || !<{FN_RESTORED.value}>({v}))"
        return f"({test})"

    def accepts(self, value) -> bool:
        return datatype_ok(value, self.datatype)

    def message(self, graph, focus, where, value):
        return f"Value is not Literal with datatype {short(graph, self.datatype)}"


@register
@dataclass(frozen=True)
class NodeKindConstraintComponent(ConstraintComponent):
    """Each value node is of the node kind (IRI, blank node, literal or a pair of them)."""

    component = SH.NodeKindConstraintComponent
    parameters = (SH.nodeKind,)
    on_each_value = True
    kind: object

    _VIOLATION = {SH.IRI: "!isIRI({})", SH.BlankNode: "!isBlank({})", SH.Literal: "!isLiteral({})",
                  SH.BlankNodeOrIRI: "isLiteral({})", SH.BlankNodeOrLiteral: "isIRI({})",
                  SH.IRIOrLiteral: "isBlank({})"}

    @classmethod
    def read(cls, graph, node, path):
        kinds = list(graph.objects(node, SH.nodeKind))
        for k in kinds:
            if k not in cls._VIOLATION:
                raise ShapesError(f"{node}: unknown sh:nodeKind {k}")
        return [cls(k) for k in kinds]

    def value_expr(self, compiler, shape, v, stack, top=False):
        return self._VIOLATION[self.kind].format(v)

    def message(self, graph, focus, where, value):
        return f"Value is not of Node Kind {short(graph, self.kind)}"
