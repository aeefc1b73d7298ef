"""The baseline of an incremental validation: the fast engine's results on the base, kept in a JSON file.

The file is valid for one base (the persistent store's files, by path, size and time), one shapes graph and one
ontology, and one version of mougraph: :func:`fingerprint` names that, and a file of another fingerprint is
ignored (the baseline is computed again). Blank nodes of the shapes graph (property shapes, paths, SPARQL
constraints) are named in the file by their structure (:func:`blank_keys`), since each parse gives them new
labels; blank nodes of the data keep the labels the persistent store gives them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from mougraph.io import atomic_write
from mougraph.validation.fast import FastOutcome, FastResult

FORMAT = 1


def blank_keys(graph: Graph) -> dict | None:
    """Each blank node of ``graph`` -> a key made of what it holds (its triples, nested blank nodes by their
    keys); None when blank nodes form a cycle. Hand-written: rdflib's canonical labels take over a second on
    the shipped shapes, this takes milliseconds, and the graph's blank nodes are trees (lists, paths, shapes)."""
    keys: dict = {}
    out: dict = {}
    for s, p, o in graph:
        if isinstance(s, BNode):
            out.setdefault(s, []).append((p, o))

    def key(node, stack: frozenset) -> str:
        if node in keys:
            return keys[node]
        if node in stack:
            raise ValueError("a cycle of blank nodes")
        inner = stack | {node}
        parts = sorted(f"{p.n3()} {key(o, inner) if isinstance(o, BNode) else o.n3()}"
                       for p, o in out.get(node, ()))
        keys[node] = "_:" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]
        return keys[node]

    try:
        for node in out:
            key(node, frozenset())
    except ValueError:
        return None
    return keys


def graph_digest(graph: Graph) -> str | None:
    """A digest of ``graph``'s triples, blank nodes by :func:`blank_keys`; None if it cannot be made."""
    keys = blank_keys(graph)
    if keys is None:
        return None
    lines = sorted(" ".join(keys.get(t, "_:") if isinstance(t, BNode) else t.n3() for t in triple)
                   for triple in graph)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def fingerprint(shapes_graph: Graph, ont_graph: Graph, base: list) -> str | None:
    """What a baseline is valid for: the base (manifest entries or names), the shapes, the ontology, the version."""
    from mougraph import __version__

    shapes, ontology = graph_digest(shapes_graph), graph_digest(ont_graph)
    if shapes is None or ontology is None:
        return None
    text = json.dumps([FORMAT, __version__, shapes, ontology, base], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Baseline:
    """The results of a full run of the fast engine on the base."""

    results: list
    key: str | None
    fallback: dict = field(default_factory=dict)
    shape_keys: dict | None = None
    sparql: dict = field(default_factory=dict)  # the reads of SPARQL queries (see fast.affected.Reads)

    @classmethod
    def of(cls, outcome: FastOutcome, key: str | None, shapes_graph: Graph) -> Baseline:
        return cls(list(outcome.results), key, dict(outcome.fallback), blank_keys(shapes_graph))

    @classmethod
    def read(cls, path: str | Path, key: str | None, shapes_graph: Graph) -> Baseline | None:
        """The baseline in ``path`` if it is there and made for ``key``; else None."""
        if key is None:
            return None
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("key") != key or data.get("format") != FORMAT:
            return None
        nodes = _unique(blank_keys(shapes_graph) or {})

        def term(value):
            if value is None:
                return None
            kind = value[0]
            if kind == "i":
                return URIRef(value[1])
            if kind == "k":
                return nodes[value[1]]
            if kind == "b":
                return BNode(value[1])
            return Literal(value[1], lang=value[2] or None, datatype=URIRef(value[3]) if value[3] else None)

        try:
            results = [FastResult(term(r[0]), term(r[1]), term(r[2]), term(r[3]), term(r[4]), term(r[5]),
                                  tuple(term(m) for m in r[6]), term(r[7])) for r in data["results"]]
        except (KeyError, IndexError, TypeError):
            return None
        sparql = data.get("sparql")
        return cls(results, key, {}, blank_keys(shapes_graph), sparql if isinstance(sparql, dict) else {})

    def write(self, path: str | Path) -> bool:
        """Keep the baseline in ``path``; False when it cannot be (no key, pySHACL took part, or a blank node of
        the shapes graph in a result that another one has the same key as)."""
        if self.key is None or self.fallback or self.shape_keys is None:
            return False
        unique = _unique(self.shape_keys)
        keys = {node: k for k, node in unique.items()}
        ambiguous = set(self.shape_keys) - set(keys)
        rows = []
        for r in self.results:
            terms = (r.severity, r.focus, r.path, r.value, r.shape, r.component, *r.messages, r.constraint)
            if any(t in ambiguous for t in terms):
                return False
            rows.append([_encode(t, keys) for t in (r.severity, r.focus, r.path, r.value, r.shape, r.component)]
                        + [[_encode(m, keys) for m in r.messages], _encode(r.constraint, keys)])
        data = {"format": FORMAT, "key": self.key, "results": rows, "sparql": self.sparql}
        atomic_write(Path(path), json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        return True


def _unique(keys: dict) -> dict:
    """key -> blank node, for the keys only one blank node has."""
    count: dict = {}
    for k in keys.values():
        count[k] = count.get(k, 0) + 1
    return {k: node for node, k in keys.items() if count[k] == 1}


def _encode(term, keys: dict):
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ["i", str(term)]
    if isinstance(term, BNode):
        return ["k", keys[term]] if term in keys else ["b", str(term)]
    return ["l", str(term), term.language or "", str(term.datatype) if term.datatype is not None else ""]
