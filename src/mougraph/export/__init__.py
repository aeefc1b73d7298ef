"""Serialise a graph to a file, deterministically (same graph -> same bytes), fast at millions of triples.

Every format starts from one sorted triple stream: the graph's N-Triples lines (Oxigraph dumps them, literals as
written through the store's restore map; a graph in rdflib's memory store is written by rdflib's N-Triples
serialiser), escaped as rdflib escapes, blank nodes relabelled canonically
(:func:`rdflib.compare.to_canonical_graph`, over the triples that hold a blank node only), sorted as bytes.
Both backends therefore give the same bytes. Then:

- ``nt`` is those lines; ``nq`` the lines with their graph name, sorted;
- ``ttl`` and ``xml`` are written by pyoxigraph's serialisers from the sorted stream, and ``trig`` is one
  pyoxigraph Turtle block per named graph: subjects come sorted, one predicate per line (the objects of a
  predicate on its line). The prefixes are the graph's bindings; Turtle and TriG get ``PREFIX`` lines sorted
  by name, only the ones the body uses;
- ``jsonld`` is compacted with ``ontology/mougraph.context.jsonld`` (else with the graph's prefixes) by
  :class:`_Compactor`, a streaming compactor for the context features that file uses (terms, prefixes,
  ``@type`` coercions, language maps; RDF lists become ``@list``), nodes sorted by ``@id``, laid out as
  ``json.dumps(indent=2, sort_keys=True)`` lays it out. On the shipped data it writes what rdflib's JSON-LD
  serialiser writes, in a fixed order.

rdflib's JSON-LD serialiser remains the fallback for what the compactor does not handle: a context with other
features (``@vocab``, ``@base``, scoped contexts, other containers, ...) or an IRI that a compact form would
misread. RDF/XML cannot write a property whose IRI does not end with an XML name (nor could rdflib): the export
fails with a message. A literal typed ``xsd:string`` (kept by rdflib's memory store, not by Oxigraph) is
written as a plain string outside N-Triples and N-Quads: in RDF 1.1 they are the same literal.

Quad formats (nq, trig) put every asserted triple in one named graph,
:data:`DATA_GRAPH` (``https://w3id.org/mougraph/id/graph/data``), so the
file can be loaded into a triple store next to other graphs. Inferred triples
(:mod:`mougraph.reasoning.rules`), when given, go to their own named graph
:data:`INFERRED_GRAPH` (``https://w3id.org/mougraph/id/graph/inferred``) in
quad formats, and are merged with the asserted ones in triple formats. Named graphs come in the order of
their names. :func:`export_many` writes several formats of one graph, computing the sorted stream once.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from itertools import islice
from json.encoder import encode_basestring
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph

from mougraph import formats
from mougraph.vocab import DATA_GRAPH, ID, INFERRED_GRAPH
from mougraph.errors import MougraphError
from mougraph.io import umask, atomic_write
from mougraph.io import resource_dir
from mougraph.store import is_oxigraph, load_all
from mougraph.store.oxigraph import dump_ntriples, graph_name

CONTEXT_FILE = "mougraph.context.jsonld"

#: Our format names -> the matching rdflib serialiser names.
FORMATS: dict[str, str] = {name: formats.get(name).serializer for name in formats.export_formats()}
#: Other names of the formats -> our names.
ALIASES = formats.aliases(FORMATS)
#: Output file extension -> format (used when no format is given).
EXTENSIONS = formats.extensions(FORMATS)
#: The file extension written by ``build`` for each format.
SUFFIXES = formats.suffixes(FORMATS)

normalize_format = formats.export_format


def _sort_key(triple):
    return tuple(term.n3() for term in triple)


def stable_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` with canonical blank nodes and sorted insertion order (for rdflib's serialisers)."""
    has_bnodes = any(isinstance(t, BNode) for triple in graph for t in triple)
    source = to_canonical_graph(graph) if has_bnodes else graph
    stable = Graph(store="SimpleMemory", bind_namespaces="none")
    for prefix, ns in sorted(graph.namespaces()):
        stable.bind(prefix, ns, override=True, replace=True)
    for triple in sorted(source, key=_sort_key):
        stable.add(triple)
    return stable


def load_context() -> dict | None:
    """The ``@context`` value of ``ontology/mougraph.context.jsonld``, or None if absent."""
    path = resource_dir("ontology") / CONTEXT_FILE
    if not path.is_file():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MougraphError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
    return doc.get("@context", doc) if isinstance(doc, dict) else doc


# --- the sorted N-Triples lines ---------------------------------------------------------------------------

_OBJECT_BNODE = re.compile(rb" _:\S+ \.\s*$")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_UNESCAPE = {"t": "\t", "b": "\b", "f": "\f"}


def _rdflib_escape(match: re.Match) -> str:
    code = match.group(1)
    if code in _UNESCAPE:
        return _UNESCAPE[code]
    if code[0] in "uU" and len(code) > 1:
        char = chr(int(code[1:], 16))
        return char if ord(char) < 0x20 or ord(char) == 0x7F else match.group(0)
    return match.group(0)


def _raw_lines(graph: Graph) -> list[bytes]:
    """The N-Triples lines (UTF-8, no newline, unsorted, blank nodes as stored) of ``graph``, escaped as rdflib does.

    An Oxigraph-backed graph is dumped by Oxigraph (literals as written); another graph by rdflib.
    """

    if not is_oxigraph(graph):
        return [line for line in graph.serialize(format="nt", encoding="utf-8").split(b"\n") if line.strip()]

    return dump_ntriples(graph.store, graph_name(graph.identifier), escaped=_rdflib_escaped)


def _rdflib_escaped(line: bytes) -> bytes:
    """An N-Triples line of Oxigraph's with escapes as rdflib writes them (Oxigraph escapes tabs and control
    characters, rdflib does not)."""
    return _ESCAPE.sub(_rdflib_escape, line.decode("utf-8")).encode("utf-8")


def _canonical(lines: list[bytes]) -> list[bytes]:
    """``lines`` with their blank nodes relabelled canonically (as :func:`stable_graph` does).

    Only the triples with a blank node go through rdflib: the canonical labels depend on those triples only.
    """
    blank = _blank_lines(lines)
    if not blank:
        return lines
    drop = set(blank)
    lines = [line for line in lines if line not in drop]
    sub = Graph(bind_namespaces="none")
    sub.parse(data=b"\n".join(blank).decode("utf-8"), format="nt")
    lines.extend(line.encode("utf-8") for line in to_canonical_graph(sub).serialize(format="nt").split("\n") if line)
    return lines


def _sorted_lines(*graphs: Graph) -> list[bytes]:
    """The sorted, distinct N-Triples lines of the union of ``graphs``, canonical blank nodes."""
    lines = _raw_lines(graphs[0])
    if len(graphs) > 1:
        merged = set(lines)
        for graph in graphs[1:]:
            merged.update(_raw_lines(graph))
        lines = list(merged)
    lines = _canonical(lines)
    lines.sort()  # UTF-8 bytes sort in code point order; the lines of a graph are distinct
    return lines


def _blank_lines(lines: list[bytes]) -> list[bytes]:
    """The N-Triples lines with a blank node as subject or object."""
    return [line for line in lines if b"_" in line and (line[0] == 95 or _OBJECT_BNODE.search(line))]


def _joined(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n" if lines else b""


def _quad_lines(lines: list[bytes], name: URIRef) -> list[bytes]:
    """N-Quads lines in graph ``name`` of N-Triples ``lines`` (each ends with `` .``); their order is kept."""
    suffix = f" {name.n3()} .".encode("utf-8")
    return [line[:-2] + suffix for line in lines]


# --- Turtle, TriG, RDF/XML through pyoxigraph --------------------------------------------------------------

_PREFIX_NAME = re.compile(r"(?:[A-Za-z][A-Za-z0-9_.-]*)?(?<!\.)\Z")
_HEADER_LINE = re.compile(rb"@prefix ([^:\s]*): <([^>]*)> \.\n")
#: pyoxigraph's (invalid) element for a property whose IRI does not end with an XML name
_BROKEN_XML_NAME = re.compile(rb'<([A-Za-z_][\w.-]*): xmlns:\1="([^"]*)"')


def _prefixes(graphs, fmt: str) -> dict[str, str]:
    """The prefixes bound on ``graphs`` (the first graph's win), sorted by name, that pyoxigraph can write."""
    found: dict[str, str] = {}
    for graph in graphs:
        for prefix, ns in graph.namespaces():
            found.setdefault(str(prefix), str(ns))
    out = {}
    for prefix, ns in sorted(found.items()):
        if not _PREFIX_NAME.match(prefix) or (fmt == "xml" and (not prefix or prefix.lower().startswith("xml"))):
            continue
        try:
            ox.NamedNode(ns)
        except ValueError:
            continue
        out[prefix] = ns
    return out


def _turtle(lines: list[bytes], prefixes: dict[str, str]) -> tuple[bytes, int, list[tuple[bytes, bytes]]]:
    """pyoxigraph's Turtle of N-Triples ``lines``: (the bytes, where its body starts, its ``@prefix`` pairs)."""
    data = ox.serialize(ox.parse(input=_joined(lines), format=ox.RdfFormat.N_TRIPLES, lenient=True),
                        format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    pos, declared = 0, []
    while (match := _HEADER_LINE.match(data, pos)) is not None:
        declared.append((match.group(1), match.group(2)))
        pos = match.end()
    return data, pos, declared


def _header(bodies) -> bytes:
    """Sorted ``PREFIX`` lines of the prefixes pyoxigraph declared that the ``bodies`` use, and a blank line."""
    declared = sorted({item for _data, _pos, pairs in bodies for item in pairs})
    used = [(p, ns) for p, ns in declared if any(data.find(p + b":", pos) >= 0 for data, pos, _pairs in bodies)]
    return b"".join(b"PREFIX %s: <%s>\n" % item for item in used) + b"\n" if used else b""


# --- JSON-LD: a streaming compactor for our context -------------------------------------------------------

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE, _FIRST, _REST, _NIL = (f"<{RDF}{name}>".encode() for name in ("type", "first", "rest", "nil"))
_XSD_STRING = b"http://www.w3.org/2001/XMLSchema#string"
_GEN_DELIMS = tuple(":/?#[]@")
_NEEDS_DECODING = re.compile(rb'[\x00-\x1f\\"]')  # escapes, or characters JSON escapes
_NT_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_NT_CHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ID, _TYPE_KEY, _VALUE, _LANGUAGE, _LIST = b'"@id"', b'"@type"', b'"@value"', b'"@language"', b'"@list"'
_CACHE_SIZE = 100_000


def _nt_unescape(match: re.Match) -> str:
    short, long, char = match.groups()
    if short or long:
        return chr(int(short or long, 16))
    return _NT_CHARS.get(char, "\\" + char)


def _text(raw: bytes) -> bytes:
    """An N-Triples lexical form or IRI (as in a line, without its delimiters) with its escapes undone."""
    return _NT_ESCAPE.sub(_nt_unescape, raw.decode("utf-8")).encode("utf-8") if b"\\" in raw else raw


def _json(raw: bytes) -> bytes:
    """The JSON string (UTF-8) of an N-Triples lexical form or IRI as written in a line."""
    if _NEEDS_DECODING.search(raw) is None:
        return b'"' + raw + b'"'
    return encode_basestring(_text(raw).decode("utf-8")).encode("utf-8")


class _Ordered(list):
    """A JSON array written in its order (an ``@list``)."""


class _Unsupported(Exception):
    """The fast JSON-LD path cannot write this context or graph; rdflib's serialiser does."""


class _Compactor:
    """Compacts sorted N-Triples lines with a JSON-LD context made of the features our context file uses.

    Supported: ``@version``; prefixes (terms whose value is an IRI ending in ``/``, ``#``, ...); terms whose
    value is an IRI or compact IRI; expanded terms with ``@id`` and either ``"@type": "@id"``, ``"@type":
    <datatype>`` or ``"@container": "@language"``. Anything else raises :class:`_Unsupported`.

    How a triple (s, p, o) is written, in the node of s:
    - ``rdf:type`` with an IRI or blank node: in ``@type``, as a term, else a compact IRI, else the IRI;
    - o an IRI or blank node: under the ``"@type": "@id"`` term of p, as a string; else under a plain term of
      p (or p compacted) as ``{"@id": ...}``;
    - o a language-tagged string: in the language map of the ``"@container": "@language"`` term of p; else
      ``{"@language": ..., "@value": ...}``;
    - o a typed literal: under the term of p with that ``@type``, as its lexical form (a string, so the form
      as written survives); else ``{"@type": ..., "@value": ...}``;
    - o a plain string (or an ``xsd:string``, the same literal in RDF 1.1): under a plain term of p, or p
      compacted, as a string;
    - o a blank node that starts a well-formed RDF list (each node with one ``rdf:first`` and one
      ``rdf:rest`` and nothing else, referenced once): ``{"@list": [...]}`` under a plain term of p, or p
      compacted; the list's nodes are not written on their own.

    IRIs in ``@id`` positions are compacted with a prefix only when the IRI splits (at its last ``/`` or
    ``#``) exactly at that prefix, as rdflib does; terms are used only where IRIs are read vocabulary-relative
    (keys, ``@type``). Every other node is a top-level node of ``@graph`` (blank nodes too, by label).
    """

    def __init__(self, context):
        if not isinstance(context, dict):
            raise _Unsupported("context is not a JSON object")
        self.context = context
        raw: dict[str, str | dict] = {}
        for key, value in context.items():
            if key == "@version":
                if value not in (1.1, 1.0):
                    raise _Unsupported(f"@version {value}")
                continue
            if key.startswith("@") or not key or ":" in key or "/" in key or key == "_":
                raise _Unsupported(f"context key {key}")
            if isinstance(value, str):
                if value.startswith("@"):
                    raise _Unsupported(f"keyword alias {key}")
                raw[key] = value
            elif isinstance(value, dict):
                if set(value) - {"@id", "@type", "@container"} or not isinstance(value.get("@id"), str) \
                        or value["@id"].startswith("@"):
                    raise _Unsupported(f"term definition of {key}")
                if value.get("@container", "@language") != "@language" or ("@container" in value and "@type" in value):
                    raise _Unsupported(f"container of {key}")
                coercion = value.get("@type")
                if coercion is not None and (not isinstance(coercion, str) or (coercion.startswith("@")
                                                                               and coercion != "@id")):
                    raise _Unsupported(f"@type of {key}")
                raw[key] = value
            else:
                raise _Unsupported(f"term definition of {key}")
        self.schemes = {key.encode("utf-8") + b":" for key in raw} | {b"_:"}  # what a full IRI must not start with
        simple = {k: v for k, v in raw.items() if isinstance(v, str)}

        def expand(value: str) -> str:
            if ":" in value:
                prefix, suffix = value.split(":", 1)
                if prefix in simple and not suffix.startswith("//"):
                    base = simple[prefix]
                    if ":" not in base or base.split(":", 1)[0] in simple:
                        raise _Unsupported(f"prefix {prefix}")
                    return base + suffix
                return value
            if value in simple and ":" in simple[value]:
                return expand(simple[value])
            raise _Unsupported(f"relative IRI {value}")

        def key(term: str) -> bytes:
            return encode_basestring(term).encode("utf-8")

        #: namespace -> prefix (the shortest name, then the least, when two prefixes share one)
        self.prefix_of: dict[bytes, bytes] = {}
        for name, value in sorted(simple.items(), key=lambda item: (len(item[0]), item[0])):
            iri = expand(value)
            if iri.endswith(_GEN_DELIMS):
                self.prefix_of.setdefault(iri.encode("utf-8"), name.encode("utf-8"))
        self.vocab: dict[bytes, bytes] = {}      # IRI -> plain term, as JSON (keys with values written out, @type)
        self.id_term: dict[bytes, bytes] = {}    # property IRI -> term with "@type": "@id"
        self.lang_term: dict[bytes, bytes] = {}  # property IRI -> term with "@container": "@language"
        self.typed_term: dict[tuple[bytes, bytes], bytes] = {}  # (property IRI, datatype IRI) -> term
        for name in sorted(raw, key=lambda n: (len(n), n)):  # JSON-LD prefers the shortest term, then the least
            value = raw[name]
            if isinstance(value, str):
                self.vocab.setdefault(expand(value).encode("utf-8"), key(name))
                continue
            iri = expand(value["@id"]).encode("utf-8")
            coercion = value.get("@type")
            if coercion == "@id":
                self.id_term.setdefault(iri, key(name))
            elif coercion is not None:
                self.typed_term.setdefault((iri, expand(coercion).encode("utf-8")), key(name))
            elif "@container" in value:
                self.lang_term.setdefault(iri, key(name))
            else:
                self.vocab.setdefault(iri, key(name))
        self.lang_terms = set(self.lang_term.values())
        self._ids: dict[bytes, bytes] = {}
        self._vocab_cache: dict[bytes, bytes] = {}
        self._props: dict[bytes, tuple] = {}
        self._lead: dict[bytes, bytes] = {}  # key -> the start of its line in a node

    # terms and IRIs, as JSON strings; ``token`` is a term as written in N-Triples (``<iri>``, ``_:label``)

    def _shrink(self, raw: bytes) -> bytes:
        """An IRI (as written in N-Triples) as prefix:name when it splits at a prefix, else as is, as JSON.

        Raises :class:`_Unsupported` for an IRI that would not read back as itself (no scheme, or a scheme that
        is a term of the context)."""
        iri = _text(raw) if b"\\" in raw else raw
        cut = max(iri.rfind(b"/"), iri.rfind(b"#")) + 1
        prefix = self.prefix_of.get(iri[:cut])
        if prefix is not None:
            return _json(prefix + b":" + iri[cut:])
        colon = iri.find(b":")
        if colon < 0 or (iri[:colon + 1] in self.schemes and iri[colon + 1:colon + 3] != b"//"):
            raise _Unsupported(f"IRI {iri!r} would not read back as itself")
        return _json(iri)

    def id_json(self, token: bytes) -> bytes:
        """A node (IRI or blank node) where it is read document-relative (``@id``, ``"@type": "@id"`` values)."""
        if token[0] == 95:  # _:label
            return b'"' + token + b'"'
        found = self._ids.get(token)
        if found is None:
            if len(self._ids) >= _CACHE_SIZE:
                self._ids.clear()
            found = self._ids[token] = self._shrink(token[1:-1])
        return found

    def vocab_json(self, token: bytes) -> bytes:
        """An IRI where it is read vocabulary-relative (keys, ``@type``); a blank node as its label."""
        found = self._vocab_cache.get(token)
        if found is None:
            if token[0] == 95:
                found = b'"' + token + b'"'
            else:
                raw = token[1:-1]
                found = self.vocab.get(_text(raw)) or self._shrink(raw)
            if len(self._vocab_cache) >= _CACHE_SIZE:
                self._vocab_cache.clear()
            self._vocab_cache[token] = found
        return found

    def prop(self, token: bytes) -> tuple:
        """(key for written-out values, ``@id`` term, language-map term, {datatype: typed term}) of a property."""
        found = self._props.get(token)
        if found is None:
            if token[:1] != b"<" or token[-1:] != b">":  # an IRI with a space in it split the line elsewhere
                raise _Unsupported(f"unexpected predicate {token!r}")
            iri = _text(token[1:-1])
            typed = {dt: term for (p, dt), term in self.typed_term.items() if p == iri}
            found = self._props[token] = (self.vocab_json(token), self.id_term.get(iri), self.lang_term.get(iri), typed)
        return found

    def written_out(self, token: bytes):
        """A term as a value object (a string for a plain literal), for keys without coercion."""
        first = token[0]
        if first != 34:
            return ((_ID, self.id_json(token)),)
        end = token.rfind(b'"')
        value, tail = _json(token[1:end]), token[end + 1:]
        if not tail:
            return value
        if tail[0] == 64:  # @language
            return ((_LANGUAGE, b'"' + tail[1:] + b'"'), (_VALUE, value))
        datatype = tail[3:-1]
        if datatype == _XSD_STRING:
            return value
        return ((_TYPE_KEY, self.vocab_json(tail[2:])), (_VALUE, value))

    # the document

    def _lists(self, lines: list[bytes]) -> tuple[set, dict]:
        """The blank nodes that start a foldable RDF list (-> the list's items) and all the lists' nodes."""
        edges: dict[bytes, list] = {}  # blank node -> [(predicate, object)]
        referrers: dict[bytes, list] = {}  # blank node -> [predicate]
        for line in lines:
            if b"_" not in line or (line[0] != 95 and b" _:" not in line):
                continue
            s, p, o = line.split(b" ", 2)
            o = o[:-2]
            if s[0] == 95:
                edges.setdefault(s, []).append((p, o))
            if o[0] == 95:
                referrers.setdefault(o, []).append(p)
        heads: dict[bytes, list] = {}
        members: set[bytes] = set()
        for node, preds in referrers.items():
            if len(preds) != 1 or preds[0] in (_FIRST, _REST, _TYPE):  # (rdf:type objects go to @type)
                continue
            items, chain, current = [], [], node
            while current != _NIL:
                out = edges.get(current)
                if (current[0] != 95 or current in members or current in chain or out is None or len(out) != 2
                        or {p for p, _o in out} != {_FIRST, _REST}
                        or (current != node and len(referrers.get(current, ())) != 1)):
                    break
                first, rest = (o for _p, o in sorted(out))
                items.append(first)
                chain.append(current)
                current = rest
            else:
                heads[node] = items
                members.update(chain)
        return members, heads

    def nodes(self, lines: list[bytes]) -> list[tuple[bytes, bytes]]:
        """The node objects of sorted N-Triples ``lines``: (``@id`` as JSON, the object's JSON text), sorted."""
        members, heads = self._lists(lines) if lines and lines[-1][0] == 95 else ((), {})  # (sorted: "_" > "<")
        nodes: list[tuple[bytes, bytes]] = []
        props, prop, id_json, vocab_json, needs_decoding = (self._props, self.prop, self.id_json, self.vocab_json,
                                                            _NEEDS_DECODING.search)
        current, entries = None, None
        for line in lines:  # each ends with " ."; so do the objects below
            s, p, o = line.split(b" ", 2)
            if s != current:
                if entries is not None:
                    nodes.append(self._node(current, entries))
                current = s
                entries = None if s in members else defaultdict(list)
            if entries is None:
                continue
            info = props.get(p) or prop(p)
            first = o[0]
            if first == 34:  # a literal
                end = o.rfind(b'"')
                raw = o[1:end]
                value = b'"' + raw + b'"' if needs_decoding(raw) is None else _json(raw)
                if end == len(o) - 3:
                    entries[info[0]].append(value)
                elif o[end + 1] == 64:  # @language
                    if info[2] is not None:
                        entries[info[2]].append((o[end + 2:-2], value))
                    else:
                        entries[info[0]].append(((_LANGUAGE, b'"' + o[end + 2:-2] + b'"'), (_VALUE, value)))
                else:
                    datatype = o[end + 4:-3]
                    term = info[3].get(datatype) if info[3] else None
                    if term is not None:
                        entries[term].append(value)
                    elif datatype == _XSD_STRING:
                        entries[info[0]].append(value)
                    else:
                        entries[info[0]].append(((_TYPE_KEY, vocab_json(o[end + 3:-2])), (_VALUE, value)))
            elif p == _TYPE:
                entries[_TYPE_KEY].append(vocab_json(o[:-2]))
            elif first == 95 and o[:-2] in heads:
                entries[info[0]].append(((_LIST, _Ordered(self.written_out(item) for item in heads[o[:-2]])),))
            elif info[1] is not None:
                entries[info[1]].append(id_json(o[:-2]))
            else:
                entries[info[0]].append(((_ID, id_json(o[:-2])),))
        if entries is not None:
            nodes.append(self._node(current, entries))
        nodes.sort()
        return nodes

    def write_document(self, nodes: list[tuple[bytes, bytes]], write) -> None:
        """``{"@context": ..., "@graph": [...]}``, laid out as ``json.dumps(indent=2, sort_keys=True,
        ensure_ascii=False)`` would, by calls of ``write(bytes)``."""
        head = json.dumps({"@context": self.context}, indent=2, sort_keys=True, ensure_ascii=False)
        write(head[:head.rindex("\n")].encode("utf-8"))  # without the closing brace
        if not nodes:
            write(b',\n  "@graph": []\n}\n')
            return
        write(b',\n  "@graph": [\n')
        for start in range(0, len(nodes), _CHUNK):
            write((b",\n" if start else b"") + b",\n".join(text for _id, text in nodes[start:start + _CHUNK]))
        write(b"\n  ]\n}\n")

    def _node(self, subject: bytes, entries: dict) -> tuple[bytes, bytes]:
        node_id = b'"' + subject + b'"' if subject[0] == 95 else self._shrink(subject[1:-1])
        entries[_ID] = [node_id]
        parts = []
        maps, lead = self.lang_terms, self._lead
        for key, values in sorted(entries.items()):
            start = lead.get(key)
            if start is None:
                start = lead[key] = b"      " + key + b": "
            if key in maps:  # a language map: (tag, value) pairs
                if len(values) == 1:
                    tag, value = values[0]
                    parts.append(start + b'{\n        "' + tag + b'": ' + value + b"\n      }")
                else:
                    languages = defaultdict(list)
                    for tag, value in values:
                        languages[tag].append(value)
                    parts.append(start + _render(languages, 3))
            elif len(values) == 1 and type(values[0]) is bytes:
                parts.append(start + values[0])
            else:
                parts.append(start + _render(values, 3))
        return node_id, b"    {\n" + b",\n".join(parts) + b"\n    }"


_INDENT = [b"\n" + b"  " * level for level in range(32)]


def _render(value, level: int) -> bytes:
    """JSON text, at nesting ``level`` (indent 2), of an entry value: a JSON string (encoded already), a value
    object (a tuple of (keyword, value) pairs, in order), a language map (a dict: tag -> list of JSON strings),
    an ``@list`` array (:class:`_Ordered`) or a list of those (written as its only item if it has one, else
    sorted by text)."""
    kind = type(value)
    if kind is bytes:
        return value
    inner, outer = _INDENT[level + 1], _INDENT[level]
    if kind is tuple:
        return b"{" + b",".join([inner + k + b": " + (v if type(v) is bytes else _render(v, level + 1))
                                 for k, v in value]) + outer + b"}"
    if kind is list:
        if len(value) == 1:
            return _render(value[0], level)
        return b"[" + b",".join(sorted([inner + (item if type(item) is bytes else _render(item, level + 1))
                                        for item in value])) + outer + b"]"
    if kind is _Ordered:
        return b"[" + b",".join([inner + _render(item, level + 1) for item in value]) + outer + b"]" if value else b"[]"
    return b"{" + b",".join([inner + b'"' + tag + b'": ' + _render(v, level + 1)  # a language map
                             for tag, v in sorted(value.items())]) + outer + b"}"


def _rdflib_jsonld(graph: Graph, context) -> bytes:
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    nodes = doc.get("@graph") if isinstance(doc, dict) else doc
    if isinstance(nodes, list):
        nodes.sort(key=lambda node: json.dumps(node, sort_keys=True, ensure_ascii=False))
    return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _fallback_graph(graphs) -> Graph:
    """The union of ``graphs`` in rdflib's memory store, ready for rdflib's serialisers."""
    if len(graphs) == 1:
        return stable_graph(graphs[0])
    union = Graph(bind_namespaces="none")
    for prefix, ns in graphs[0].namespaces():
        union.bind(prefix, ns, override=True, replace=True)
    for graph in graphs:
        union += graph
    return stable_graph(union)


# --- the entry points ---------------------------------------------------------------------------------------

class _Source:
    """A graph and its inferred triples as sorted N-Triples lines, each set computed once (for several formats)."""

    def __init__(self, graph: Graph, inferred: Graph | None = None):
        self.graph = graph
        self.inferred = inferred if inferred is not None and len(inferred) else None
        self.graphs = [graph] if self.inferred is None else [graph, self.inferred]
        self._lines: dict[str, list[bytes]] = {}
        self._turtle: dict = {}

    def lines(self, which: str = "union") -> list[bytes]:
        """The sorted lines of ``data`` (the graph), ``inferred`` or their ``union``."""
        if which == "union" and self.inferred is None:
            which = "data"
        found = self._lines.get(which)
        if found is None:
            if which == "union":
                inferred = self.lines("inferred")
                if _blank_lines(inferred):  # label the blank nodes of both graphs together
                    found = _sorted_lines(self.graph, self.inferred)
                else:  # the data's blank node labels are the union's: merge the two sorted runs
                    merged = self.lines("data") + inferred
                    merged.sort()  # two sorted runs; a triple in both graphs comes twice, side by side
                    found = [a for a, b in zip(merged, islice(merged, 1, None)) if a != b] + merged[-1:]
            else:
                found = _sorted_lines(self.graph if which == "data" else self.inferred)
            self._lines[which] = found
        return found

    def quad_lines(self, graph_name: URIRef) -> list[bytes]:
        """N-Quads lines of both graphs (``graph_name`` for the data, :data:`INFERRED_GRAPH`), sorted."""
        if self.inferred is None:
            return _quad_lines(self.lines("data"), graph_name)
        lines = _quad_lines(self.lines("data"), graph_name) + _quad_lines(self.lines("inferred"), INFERRED_GRAPH)
        lines.sort()  # two sorted runs
        return lines

    def turtle(self, which: str, prefixes: dict[str, str]):
        """:func:`_turtle` of ``which`` lines; kept when ttl and trig can share it (no inferred graph)."""
        if self.inferred is not None:
            return _turtle(self.lines(which), prefixes)
        key = tuple(prefixes.items())
        if key not in self._turtle:
            self._turtle = {key: _turtle(self.lines("data"), prefixes)}
        return self._turtle[key]


_CHUNK = 1 << 16  # lines per write


def _write_lines(lines: list[bytes], write) -> None:
    for start in range(0, len(lines), _CHUNK):
        write(b"\n".join(lines[start:start + _CHUNK]) + b"\n")


def _emit(source: _Source, fmt: str, context, graph_name: URIRef, write) -> None:
    """Write ``source`` as ``fmt`` by calls of ``write(bytes)``."""
    if fmt == "nt":
        _write_lines(source.lines(), write)
    elif fmt == "nq":
        if source.inferred is None:  # one graph: convert chunk by chunk
            suffix = f" {graph_name.n3()} .".encode("utf-8")
            lines = source.lines("data")
            for start in range(0, len(lines), _CHUNK):
                write(b"\n".join([line[:-2] + suffix for line in lines[start:start + _CHUNK]]) + b"\n")
        else:
            _write_lines(source.quad_lines(graph_name), write)
    elif fmt == "ttl":
        body = source.turtle("union", _prefixes(source.graphs, fmt))
        write(_header([body]))
        write(memoryview(body[0])[body[1]:])
    elif fmt == "trig":  # a Turtle body per named graph, in the order of the graph names
        prefixes = _prefixes(source.graphs, fmt)
        parts = [(graph_name, "data")] + ([(INFERRED_GRAPH, "inferred")] if source.inferred is not None else [])
        bodies = [(name, source.turtle(which, prefixes)) for name, which in sorted(parts, key=lambda p: p[0].n3())]
        bodies = [(name, body) for name, body in bodies if len(body[0]) > body[1]]
        write(_header([body for _name, body in bodies]))
        for name, (data, pos, _pairs) in bodies:
            write(f"{name.n3()} {{\n\t".encode("utf-8"))
            write(data[pos:-1].replace(b"\n", b"\n\t"))  # pyoxigraph escapes line breaks in literals
            write(b"\n}\n")
    elif fmt == "xml":
        data = ox.serialize(ox.parse(input=_joined(source.lines()), format=ox.RdfFormat.N_TRIPLES, lenient=True),
                            format=ox.RdfFormat.RDF_XML, prefixes=_prefixes(source.graphs, fmt))
        broken = _BROKEN_XML_NAME.search(data)
        if broken:  # pyoxigraph writes an invalid element name; rdflib cannot write the property either
            iri = broken.group(2).decode("utf-8", "replace")
            raise MougraphError(f"RDF/XML cannot name the property <{iri}> as an XML element (its IRI does not "
                                f"end with an XML name); export the graph in another format")
        if b"\r" in data:  # pyoxigraph writes carriage returns as they are: XML readers would drop them
            data = data.replace(b"\r", b"&#13;")
        write(data)
    else:  # jsonld
        if context is None:
            context = load_context()
        if context is None:
            context = {p: str(ns) for p, ns in sorted(source.graph.namespaces()) if p and p != "xml"}
        try:
            compactor = _Compactor(context)
            nodes = compactor.nodes(source.lines())
        except _Unsupported:
            write(_rdflib_jsonld(_fallback_graph(source.graphs), context))
            return
        compactor.write_document(nodes, write)


def serialize(graph: Graph, fmt: str, *, context=None, graph_name: URIRef = DATA_GRAPH,
              inferred: Graph | None = None) -> bytes:
    """``graph`` serialised as ``fmt`` (see :data:`FORMATS`); stable bytes.

    ``inferred``: triples to add, in the named graph :data:`INFERRED_GRAPH` for nq and trig (``graph`` goes
    to ``graph_name``), merged with ``graph`` in the other formats. Inferred triples are not expected to hold
    blank nodes: in quad formats each graph's blank nodes are labelled on their own.
    """
    buffer = io.BytesIO()
    _emit(_Source(graph, inferred), normalize_format(fmt), context, graph_name, buffer.write)
    return buffer.getvalue()


def export_many(graph: Graph, outputs, *, context=None, graph_name: URIRef = DATA_GRAPH,
                inferred: Graph | None = None) -> dict[str, Path]:
    """Write ``graph`` in several formats: ``outputs`` maps a format (or alias) to a file path.

    Each file gets the bytes :func:`export` would write, but the sorted triples are computed once for all of
    them (what ``build`` needs) and the files are written as they are made, without holding them whole.
    Each file is replaced atomically. Returns format -> path.
    """
    source = _Source(graph, inferred)
    written = {}
    for fmt, out in dict(outputs).items():
        name = normalize_format(fmt, out)
        with _atomic_file(out) as fh:
            _emit(source, name, context, graph_name, fh.write)
        written[name] = Path(out)
    return written


@contextmanager
def _atomic_file(path: str | Path):
    """A binary file that replaces ``path`` when the block ends without error (as :func:`atomic_write` does)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp creates 0600; use the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(graph: Graph | None = None, fmt: str | None = None, out: str | Path | None = None,
           *, context=None, graph_name: URIRef = DATA_GRAPH, inferred: Graph | None = None) -> bytes:
    """Serialise ``graph`` (default: ontology + shipped data) and return the bytes.

    ``fmt`` is one of ttl, nt, nq, trig, jsonld, xml (or an alias); if omitted it
    is taken from the extension of ``out``. When ``out`` is given the bytes are
    also written there atomically. ``inferred``: inferred triples to include
    (see :func:`serialize`).
    """
    fmt = normalize_format(fmt, out)
    if graph is None:
        graph = load_all()
    data = serialize(graph, fmt, context=context, graph_name=graph_name, inferred=inferred)
    if out is not None:
        atomic_write(out, data)
    return data
