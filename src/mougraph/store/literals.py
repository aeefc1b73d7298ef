"""Literals as written: the *restore map* of the Oxigraph store, and the one place that knows about it.

Oxigraph stores the values of the XSD datatypes it knows in a canonical form and folds derived datatypes into
their primitive: ``"…+09:00"^^xsd:dateTimeStamp`` is stored as an ``xsd:dateTime``,
``"1"^^xsd:nonNegativeInteger`` as an ``xsd:integer``, ``"1.50"^^xsd:decimal`` as ``"1.5"``; it has no option to
keep the literal as written (upstream: https://github.com/oxigraph/oxigraph/issues/526, open). That keeps SPARQL's
value semantics (comparisons, casts) working, so the store keeps it, and a :class:`RestoreMap` remembers, per
stored quad, the literal(s) as written. Which literals need it is decided by Oxigraph itself, with a round trip
through a scratch store (:func:`canonical_forms`).

Why it is kept rather than asking publishers to write canonical literals: the data mougraph reads is not only
its own. A publisher's ``xsd:dateTimeStamp`` that came back as ``xsd:dateTime`` would fail the shapes that ask for
a time zone, and an export would silently change what a publisher wrote. The cost is measured in the benchmark
(load of N-Triples: one scan of the bytes for typed literals; nothing when a file has none).

The API others use: :class:`RestoreMap` (``remember``, ``also_as_stored``, ``written``, ``extra``), the loaders'
helpers :func:`rewritten_lines` (N-Triples bytes) and :func:`remembered` (a stream of parsed quads), and
:func:`save`/:func:`read` (a persistent store keeps the map of a graph in a companion named graph).
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import Literal, URIRef

from mougraph.store.terms import XSD, XSD_STRING, from_ox

#: Datatype prefix of the literals kept in a persistent store's restore graph, as written.
VERBATIM = "urn:x-mougraph:verbatim:"


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


class RestoreMap(dict):
    """(subject, predicate, stored literal, graph), as pyoxigraph terms -> the rdflib literal(s) as written."""

    def remember(self, quad: ox.Quad, written: Literal, held: bool = False) -> None:
        """Note that ``quad`` (as Oxigraph stores it) was written with the literal ``written``.

        ``held``: the store held the quad before, written as stored (it had no restore entry), so that form is kept
        too: ``"2.5"`` and ``"2.50"`` on one subject and property are two triples but one quad.
        """
        key = (quad.subject, quad.predicate, quad.object, quad.graph_name)
        entry = self.get(key)
        if entry is None:
            entry = self[key] = [from_ox(quad.object)] if held else []
        if written not in entry:
            entry.append(written)

    def also_as_stored(self, quad: ox.Quad) -> None:
        """Note that ``quad`` was also written as stored, if it was written otherwise too (see :meth:`remember`)."""
        entry = self.get((quad.subject, quad.predicate, quad.object, quad.graph_name))
        if entry is not None:
            stored = from_ox(quad.object)
            if stored not in entry:
                entry.append(stored)

    def written(self, quad: ox.Quad) -> list[Literal] | None:
        """The literals ``quad`` was written with, or None when it was written as stored."""
        return self.get((quad.subject, quad.predicate, quad.object, quad.graph_name))

    def extra(self, name=None) -> int:
        """How many more triples than quads graph ``name`` (None: all graphs) holds: literals written in two
        forms that Oxigraph stores alike (``"1"^^xsd:int``, ``"1"^^xsd:integer``) are one quad."""
        return sum(len(v) - 1 for k, v in self.items() if name is None or k[3] == name)

    def copy_graph(self, source_name, target: RestoreMap, target_name) -> None:
        """Remember in ``target``, for graph ``target_name``, what this map holds for graph ``source_name``."""
        for (s, p, o, g), written in list(self.items()):  # (a copy within one map adds to it)
            if g == source_name:
                for value in written:
                    target.remember(ox.Quad(s, p, o, target_name), value)

    def drop_graph(self, name) -> None:
        """Forget what this map holds for graph ``name``."""
        for key in [k for k in self if k[3] == name]:
            del self[key]


_LITERAL_MARK = b'"^^<' + XSD.encode()


def rewritten_lines(data: bytes, restored: set = frozenset()) -> tuple[list[bytes], dict]:
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



def remembered(restore: RestoreMap, inner: ox.Store, quads):
    """``quads`` as they stream into ``inner``, each rewritten literal remembered as written in ``restore``."""
    as_stored = set()  # the quads read so far whose typed literal is written as stored (maybe not yet in the store)
    for q in quads:
        o = q.object
        if type(o) is ox.Literal and not o.language:
            datatype = o.datatype.value
            if datatype != XSD_STRING and datatype.startswith(XSD):
                stored = canonical(o.value, datatype)
                if stored is not None:
                    quad = ox.Quad(q.subject, q.predicate, stored, q.graph_name)
                    restore.remember(quad, from_ox(o), held=quad in as_stored or quad in inner)
                else:
                    as_stored.add(q)
                    restore.also_as_stored(q)
        yield q



def restore_graph_name(name) -> ox.NamedNode:
    return ox.NamedNode(f"urn:x-mougraph:restore:{name.value}")


def save(inner: ox.Store, restore: RestoreMap, name) -> None:
    """Keep the restore map of graph ``name`` in the store, in its companion graph."""
    companion = restore_graph_name(name)
    inner.remove_graph(companion) if inner.contains_named_graph(companion) else None
    inner.extend(
        ox.Quad(s, p, ox.Literal(str(value), datatype=ox.NamedNode(VERBATIM + str(value.datatype))), companion)
        for (s, p, _o, g), written in restore.items() if g == name for value in written)


def read(inner: ox.Store, restore: RestoreMap, name) -> None:
    """Read the restore map of graph ``name`` back from its companion graph."""
    quads = list(inner.quads_for_pattern(None, None, None, restore_graph_name(name)))
    written = [(q, q.object.value, q.object.datatype.value[len(VERBATIM):]) for q in quads]
    stored = canonical_forms((lex, dt) for _q, lex, dt in written)
    for q, lex, dt in written:  # (rdflib may have written a literal in the form Oxigraph stores it in)
        form = stored.get((lex, dt)) or ox.Literal(lex, datatype=ox.NamedNode(dt))
        restore.remember(ox.Quad(q.subject, q.predicate, form, name), Literal(lex, datatype=URIRef(dt)))
