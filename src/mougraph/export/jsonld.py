"""JSON-LD: our compactor of the sorted N-Triples lines, for ``ontology/mougraph.context.jsonld``.

:class:`Compactor` handles the context features that file uses (see the class); nodes come sorted by
``@id``, laid out as ``json.dumps(indent=2, sort_keys=True)`` lays them out. On the shipped data it writes what
rdflib's JSON-LD serialiser writes, in a fixed order; for a context or graph it does not handle it raises
:class:`Unsupported`, and :mod:`mougraph.export.writers` lets rdflib write the document.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from json.encoder import encode_basestring

from mougraph.errors import MougraphError
from mougraph.export.ntriples import CHUNK, unescaped
from mougraph.io import resource_dir

CONTEXT_FILE = "mougraph.context.jsonld"


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


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE, _FIRST, _REST, _NIL = (f"<{_RDF}{name}>".encode() for name in ("type", "first", "rest", "nil"))
_XSD_STRING = b"http://www.w3.org/2001/XMLSchema#string"
_GEN_DELIMS = tuple(":/?#[]@")
_NEEDS_DECODING = re.compile(rb'[\x00-\x1f\\"]')  # escapes, or characters JSON escapes
_ID, _TYPE_KEY, _VALUE, _LANGUAGE, _LIST = b'"@id"', b'"@type"', b'"@value"', b'"@language"', b'"@list"'
_CACHE_SIZE = 100_000


def _json(raw: bytes) -> bytes:
    """The JSON string (UTF-8) of an N-Triples lexical form or IRI as written in a line."""
    if _NEEDS_DECODING.search(raw) is None:
        return b'"' + raw + b'"'
    return encode_basestring(unescaped(raw).decode("utf-8")).encode("utf-8")


class _Ordered(list):
    """A JSON array written in its order (an ``@list``)."""


class Unsupported(Exception):
    """The fast JSON-LD path cannot write this context or graph; rdflib's serialiser does."""


class Compactor:
    """Compacts sorted N-Triples lines with a JSON-LD context made of the features our context file uses.

    Supported: ``@version``; prefixes (terms whose value is an IRI ending in ``/``, ``#``, ...); terms whose
    value is an IRI or compact IRI; expanded terms with ``@id`` and either ``"@type": "@id"``, ``"@type":
    <datatype>`` or ``"@container": "@language"``. Anything else raises :class:`Unsupported`.

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
            raise Unsupported("context is not a JSON object")
        self.context = context
        self._head: bytes | None = None
        raw: dict[str, str | dict] = {}
        for key, value in context.items():
            if key == "@version":
                if value not in (1.1, 1.0):
                    raise Unsupported(f"@version {value}")
                continue
            if key.startswith("@") or not key or ":" in key or "/" in key or key == "_":
                raise Unsupported(f"context key {key}")
            if isinstance(value, str):
                if value.startswith("@"):
                    raise Unsupported(f"keyword alias {key}")
                raw[key] = value
            elif isinstance(value, dict):
                if set(value) - {"@id", "@type", "@container"} or not isinstance(value.get("@id"), str) \
                        or value["@id"].startswith("@"):
                    raise Unsupported(f"term definition of {key}")
                if value.get("@container", "@language") != "@language" or ("@container" in value and "@type" in value):
                    raise Unsupported(f"container of {key}")
                coercion = value.get("@type")
                if coercion is not None and (not isinstance(coercion, str) or (coercion.startswith("@")
                                                                               and coercion != "@id")):
                    raise Unsupported(f"@type of {key}")
                raw[key] = value
            else:
                raise Unsupported(f"term definition of {key}")
        self.schemes = {key.encode("utf-8") + b":" for key in raw} | {b"_:"}  # what a full IRI must not start with
        simple = {k: v for k, v in raw.items() if isinstance(v, str)}

        def expand(value: str) -> str:
            if ":" in value:
                prefix, suffix = value.split(":", 1)
                if prefix in simple and not suffix.startswith("//"):
                    base = simple[prefix]
                    if ":" not in base or base.split(":", 1)[0] in simple:
                        raise Unsupported(f"prefix {prefix}")
                    return base + suffix
                return value
            if value in simple and ":" in simple[value]:
                return expand(simple[value])
            raise Unsupported(f"relative IRI {value}")

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

        Raises :class:`Unsupported` for an IRI that would not read back as itself (no scheme, or a scheme that
        is a term of the context)."""
        iri = unescaped(raw) if b"\\" in raw else raw
        cut = max(iri.rfind(b"/"), iri.rfind(b"#")) + 1
        prefix = self.prefix_of.get(iri[:cut])
        if prefix is not None:
            return _json(prefix + b":" + iri[cut:])
        colon = iri.find(b":")
        if colon < 0 or (iri[:colon + 1] in self.schemes and iri[colon + 1:colon + 3] != b"//"):
            raise Unsupported(f"IRI {iri!r} would not read back as itself")
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
                found = self.vocab.get(unescaped(raw)) or self._shrink(raw)
            if len(self._vocab_cache) >= _CACHE_SIZE:
                self._vocab_cache.clear()
            self._vocab_cache[token] = found
        return found

    def prop(self, token: bytes) -> tuple:
        """(key for written-out values, ``@id`` term, language-map term, {datatype: typed term}) of a property."""
        found = self._props.get(token)
        if found is None:
            if token[:1] != b"<" or token[-1:] != b">":  # an IRI with a space in it split the line elsewhere
                raise Unsupported(f"unexpected predicate {token!r}")
            iri = unescaped(token[1:-1])
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
        if self._head is None:  # the same for every document of this context
            head = json.dumps({"@context": self.context}, indent=2, sort_keys=True, ensure_ascii=False)
            self._head = head[:head.rindex("\n")].encode("utf-8")  # without the closing brace
        write(self._head)
        if not nodes:
            write(b',\n  "@graph": []\n}\n')
            return
        write(b',\n  "@graph": [\n')
        for start in range(0, len(nodes), CHUNK):
            write((b",\n" if start else b"") + b",\n".join(text for _id, text in nodes[start:start + CHUNK]))
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

