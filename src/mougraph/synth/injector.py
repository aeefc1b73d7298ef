"""Injector: breaks targets of a generated graph by the kinds of :mod:`mougraph.synth.injection`, and records them.

Each kind breaks ``rate`` of its eligible targets (at least one). The kinds take their targets in turns, one at a
time, and a target is broken once only (per role), so that no two injections meet and every kind gets a target
while any is left. Dropped triples stay in the generator's list, marked, and :meth:`Injector.remaining` leaves
them out; added ones are appended to it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from mougraph.synth.generator import Generator
from mougraph.synth.injection import INJECTIONS
from mougraph.synth.terms import MGSH


@dataclass
class Injected:
    """One injected violation as the sidecar lists it: the validator must report this shape on this focus node."""

    kind: str
    shape: str
    focus: str  # IRI, or the lexical form of a literal focus node
    severity: str = "Violation"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "shape": self.shape, "focus": self.focus, "severity": self.severity}


class Injector:
    """Breaks chosen resources so that each breaks exactly the shapes recorded for it."""

    def __init__(self, gen: Generator, rate: float):
        self.gen, self.rate = gen, rate
        self.rng = random.Random(gen.rng.random())
        self.removed: set[int] = set()
        self.index: dict[tuple[str, str], list[int]] = {}
        for i, (s, p, _o) in enumerate(gen.triples):
            self.index.setdefault((s, p), []).append(i)
        self.used: set[str] = set()  # agreements and organisations already broken once
        self.injected: list[Injected] = []

    # triple edits
    def values(self, s: str, p: str) -> list[str]:
        return [self.gen.triples[i][2] for i in self.index.get((s, p), []) if i not in self.removed]

    def drop(self, s: str, p: str, o: str | None = None) -> None:
        for i in self.index.get((s, p), []):
            if o is None or self.gen.triples[i][2] == o:
                self.removed.add(i)

    def put(self, s: str, p: str, o: str) -> None:
        self.index.setdefault((s, p), []).append(len(self.gen.triples))
        self.gen.triples.append((s, p, o))

    def replace(self, s: str, p: str, o: str) -> None:
        self.drop(s, p)
        self.put(s, p, o)

    def free(self, a, role: str, items: list, ok=lambda item: True):
        """The first of ``items`` (sub-resources of agreement ``a``) not broken yet, reserved as ``role<i>``."""
        for i, item in enumerate(items):
            key = f"{a.iri}#{role}{i}"
            if key not in self.used and ok(item):
                self.used.add(key)
                return item
        return None

    def instant(self, value: str) -> str:
        """The generator's instant of ``value``, its triples (if new) indexed for later edits."""
        before = len(self.gen.triples)
        s = self.gen.instant(value)
        for i in range(before, len(self.gen.triples)):
            s2, p2, _ = self.gen.triples[i]
            self.index.setdefault((s2, p2), []).append(i)
        return s

    def run(self) -> list[Injected]:
        plan = []
        for injection in INJECTIONS.values():
            targets = injection.targets(self.gen)
            order = self.rng.sample(targets, len(targets))
            plan.append([injection, order, max(1, round(self.rate * len(targets))) if targets else 0])
        progress = True
        while progress:  # in turns: each kind breaks one more target while its quota lasts
            progress = False
            for entry in plan:
                injection, order, quota = entry
                role = injection.role
                while quota and order:
                    target = order.pop()
                    if role is not None:  # a fixed part of the target, broken once
                        if f"{target.iri}#{role}" in self.used:
                            continue
                        self.used.add(f"{target.iri}#{role}")
                    focus = injection.act(self, target)
                    if focus is None:
                        continue
                    for shape in injection.shapes:
                        self.injected.append(Injected(injection.kind, MGSH + shape,
                                                      focus[1:-1] if focus.startswith("<") else focus))
                    entry[2] = quota = quota - 1
                    progress = True
                    break
        return self.injected

    def remaining(self) -> list[tuple[str, str, str]]:
        return [t for i, t in enumerate(self.gen.triples) if i not in self.removed]
