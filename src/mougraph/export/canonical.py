"""Canonical blank-node labels for N-Triples lines, in time about linear in the lines for the shapes RDF takes.

Hand-written because the libraries at hand do not scale: rdflib's ``to_canonical_graph`` is about cubic on an RDF
list (a list of 2,000 items took 270 s) and Oxigraph's ``Dataset.canonicalize`` is exponential in the worst case
(it takes 20 s for a list of 500 and overflows the stack on deeper ones).

The labels come from colour refinement (the 1-dimensional Weisfeiler-Leman method that hash-based canonicalisation
algorithms such as RDFC-1.0 also start from): a blank node's colour is a hash of its triples, with the other
blank nodes in them replaced by their colours, refined until the colours stop splitting. Each refinement is done
in two passes over the strongly connected components of the blank nodes (sinks first with what a node points to,
then sources first with what points to it), so that on a tree or a list a single refinement gives every node its
final colour, where plain rounds would need as many rounds as the structure is deep. Blank nodes still alike
(identical subtrees: ``[ ex:q 1 ], [ ex:q 1 ]``) are told apart one class at a time and refined again: for a forest
of blank nodes (what Turtle, TriG, JSON-LD and RDF/XML nesting and lists make) any choice gives the same output,
since alike nodes are interchangeable. A label is the node's final colour, so a change in one part of a graph does
not relabel the rest.

Outside a forest, blank nodes still alike are told apart one at a time, each followed by a refinement of the
whole graph, except twins (nodes with the same triples, down to which blank nodes are in them, such as the fresh
blank nodes a ``CONSTRUCT`` template makes per solution around a shared node): they are interchangeable and
numbered all at once.

Limit (as with any refinement-based labelling short of a full search): blank nodes that refinement cannot tell
apart and that are not interchangeable (e.g. blank nodes in rings of equal shape) may be labelled by the order
they come in.
"""

from __future__ import annotations

from collections import defaultdict
from hashlib import blake2b

_PREFIX = b"_:c14n"


def _hash(*parts: bytes) -> bytes:
    h = blake2b(digest_size=16)
    for part in parts:
        h.update(len(part).to_bytes(4, "big"))
        h.update(part)
    return h.digest()


def _split(line: bytes) -> tuple[bytes, bytes, bytes]:
    """(subject, predicate, object) of an N-Triples line ``S P O .`` as dumped (single spaces)."""
    subject, rest = line.split(b" ", 1)
    predicate, obj = rest.split(b" ", 1)
    obj = obj.rstrip()
    if obj.endswith(b"."):
        obj = obj[:-1].rstrip()
    return subject, predicate, obj


def _components(n: int, succ: list[list[int]]) -> list[list[int]]:
    """Strongly connected components of the graph ``succ`` (Tarjan, without recursion), sinks first."""
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            recurse = False
            edges = succ[v]
            while i < len(edges):
                w = edges[i]
                i += 1
                if index[w] < 0:
                    work.append((v, i))
                    work.append((w, 0))
                    recurse = True
                    break
                if on_stack[w]:
                    low[v] = min(low[v], index[w])
            if recurse:
                continue
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                out.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return out


class _Graph:
    def __init__(self, triples: list[tuple[bytes, bytes, bytes]]):
        names = sorted({t for s, _p, o in triples for t in (s, o) if t.startswith(b"_:")})
        self.names = names
        self.n = n = len(names)
        number = {name: i for i, name in enumerate(names)}
        self.out: list[list[tuple[bytes, int, bytes]]] = [[] for _ in range(n)]  # (predicate, node or -1, term)
        self.into: list[list[tuple[bytes, int, bytes]]] = [[] for _ in range(n)]
        succ: list[list[int]] = [[] for _ in range(n)]
        parents = [0] * n
        for s, p, o in triples:
            i, j = number.get(s, -1), number.get(o, -1)
            if i >= 0:
                self.out[i].append((p, j, o))
                if j >= 0:
                    succ[i].append(j)
            if j >= 0:
                self.into[j].append((p, i, s))
                if i >= 0:
                    parents[j] += 1
        self.components = _components(n, succ)
        self.component = [0] * n
        for k, component in enumerate(self.components):
            for v in component:
                self.component[v] = k
        # a forest: no blank node has two blank parents, and none is in a cycle
        self.forest = all(c <= 1 for c in parents) and all(
            len(c) == 1 and c[0] not in succ[c[0]] for c in self.components)

    def refine_once(self, colour: list[bytes]) -> list[bytes]:
        comp, out_edges, in_edges = self.component, self.out, self.into
        out: list[bytes] = [b""] * self.n
        for component in self.components:  # sinks first
            for b in component:
                parts = sorted(p + (b"T" + term if j < 0 else b"B" + (out[j] if comp[j] != comp[b] else colour[j]))
                               for p, j, term in out_edges[b])
                out[b] = _hash(colour[b], b"+", *parts)
        new: list[bytes] = [b""] * self.n
        for component in reversed(self.components):  # sources first
            for b in component:
                parts = sorted(p + (b"T" + term if j < 0 else b"B" + (new[j] if comp[j] != comp[b] else out[j]))
                               for p, j, term in in_edges[b])
                new[b] = _hash(out[b], b"-", *parts)
        return new

    def refine(self, colour: list[bytes]) -> list[bytes]:
        count = len(set(colour))
        while True:
            colour = self.refine_once(colour)
            now = len(set(colour))
            if now == count:
                return colour
            count = now

    def twins(self, members: list[int]) -> list[list[int]]:
        """The groups of two or more of ``members`` with the same triples, blank nodes in them by identity."""
        groups: dict[tuple, list[int]] = defaultdict(list)
        for b in members:
            key = (tuple(sorted((p, j, term if j < 0 else b"") for p, j, term in self.out[b])),
                   tuple(sorted((p, j, term if j < 0 else b"") for p, j, term in self.into[b])))
            groups[key].append(b)
        return [group for group in groups.values() if len(group) > 1]

    def labels(self) -> list[bytes]:
        colour = self.refine([b""] * self.n)
        while True:
            classes: dict[bytes, list[int]] = defaultdict(list)
            for b, c in enumerate(colour):
                classes[c].append(b)
            tied = {c: members for c, members in classes.items() if len(members) > 1}
            if not tied:
                return colour
            colour = list(colour)
            if self.forest:
                # the tied classes no tied blank node points to: each is a set of interchangeable subtrees, whose
                # numbering changes nothing in the output; those under them are told apart by the refinement
                in_tied = {b for members in tied.values() for b in members}
                top = [members for members in tied.values()
                       if not any(j in in_tied for b in members for _p, j, _t in self.into[b])]
                for members in top or [tied[min(tied)]]:
                    for rank, b in enumerate(members):
                        colour[b] = _hash(colour[b], rank.to_bytes(4, "big"))
            elif twins := [group for members in tied.values() for group in self.twins(members)]:
                # twins (the same triples, the same blank nodes in them) are interchangeable: numbering them all
                # at once changes nothing in the output, where one at a time would refine the graph per node
                for group in twins:
                    for rank, b in enumerate(group):
                        colour[b] = _hash(colour[b], b"=", rank.to_bytes(4, "big"))
            else:  # one node of the first class, as canonical labelling algorithms individualise
                first = tied[min(tied)][0]
                colour[first] = _hash(colour[first], b"*")
            colour = self.refine(colour)


def relabel(lines: list[bytes]) -> list[bytes]:
    """The N-Triples ``lines`` (each ``S P O .``) with every blank node relabelled canonically (``_:c14n<hash>``)."""
    triples = [_split(line) for line in lines]
    graph = _Graph(triples)
    if not graph.n:
        return list(lines)
    name = {old: _PREFIX + c.hex().encode() for old, c in zip(graph.names, graph.labels(), strict=True)}
    return [b" ".join((name.get(s, s), p, name.get(o, o), b".")) for s, p, o in triples]
