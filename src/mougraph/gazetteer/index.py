"""The local governments of the reference graph, read once into plain Python for name resolution and histories.

:func:`load` reads ``data/reference/`` and ``data/organisations.ttl`` (the six bodies' official English names and
short forms) with one SPARQL query per kind of fact and keeps the result for the process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mougraph.io import resource_dir
from mougraph.store import expand_paths, load_files
from mougraph.vocab import MG

GOV = "https://w3id.org/mougraph/id/org/"


@dataclass
class Name:
    text: str
    valid_from: str | None
    valid_until: str | None

    def covers(self, day: str) -> bool:
        return (self.valid_from or "0000") <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass
class Period(Name):
    tier: str = ""
    parent: str | None = None
    code: str = ""


@dataclass
class Body:
    key: str
    label: str
    names: list[Name] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    english: list[str] = field(default_factory=list)  # official (rdfs:label / skos:altLabel @en)
    korean_alt: list[str] = field(default_factory=list)  # skos:altLabel @ko
    romanised: str | None = None
    successors: list[str] = field(default_factory=list)
    predecessors: list[str] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return GOV + self.key

    @property
    def start(self) -> str | None:
        return min((p.valid_from or "0000" for p in self.periods), default=None)

    @property
    def end(self) -> str | None:
        ends = [p.valid_until for p in self.periods]
        return None if not ends or None in ends else max(ends)

    def exists_on(self, day: str) -> bool:
        return any(p.covers(day) for p in self.periods)

    def period_on(self, day: str | None) -> Period | None:
        if day is None:
            return self.periods[-1] if self.periods else None
        return next((p for p in self.periods if p.covers(day)), None)

    def name_on(self, day: str | None) -> str:
        """Its name on ``day``; on a day it did not exist, its last name (not the label, which may already name
        the parent to tell former bodies apart: "경상남도 창원시")."""
        last = self.names[-1].text if self.names else self.label
        return last if day is None else self.name_in(day) or last

    def name_in(self, day: str) -> str | None:
        """Its name in force on ``day``, None when the reference knows none then."""
        return next((n.text for n in self.names if n.covers(day)), None)


_QUERIES = {
    "names": """SELECT ?b ?text ?from ?until WHERE { ?b mg:hasName ?n . ?n mg:nameText ?text .
                OPTIONAL { ?n mg:validFrom ?from } OPTIONAL { ?n mg:validUntil ?until } }""",
    "periods": """SELECT ?b ?tier ?parent ?code ?from ?until WHERE { ?b mg:hasPeriod ?p .
                  ?p mg:periodTier ?tier ; mg:periodLegalDongCode ?code .
                  OPTIONAL { ?p mg:periodWithinArea ?parent } OPTIONAL { ?p mg:validFrom ?from }
                  OPTIONAL { ?p mg:validUntil ?until } }""",
    "labels": """SELECT ?b ?p ?label WHERE { ?b a mg:LocalGovernment ; ?p ?label .
                 VALUES ?p { rdfs:label skos:altLabel mg:romanisedName } }""",
    "links": """SELECT ?b ?p ?o WHERE { ?b ?p ?o . VALUES ?p { mg:successor mg:predecessor } }""",
}


def reference_files() -> list[Path]:
    data = resource_dir("data")
    return expand_paths([data / "reference"]) + [data / "organisations.ttl"]


def _key(iri) -> str:
    return str(iri).removeprefix(GOV)


def _str(value) -> str | None:
    return None if value is None else str(value)


@lru_cache(maxsize=4)
def load(files: tuple[Path, ...] | None = None) -> dict[str, Body]:
    """Every local government of the reference graph, by key (``gov:`` local name)."""
    graph = load_files(list(files) if files else reference_files())
    run = {name: list(graph.query(q, initNs={"mg": MG, "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                                              "skos": "http://www.w3.org/2004/02/skos/core#"}))
           for name, q in _QUERIES.items()}
    found: dict[str, Body] = {}
    for b, p, label in run["labels"]:
        body = found.setdefault(_key(b), Body(_key(b), ""))
        p, lang = str(p), getattr(label, "language", None)
        if p.endswith("romanisedName"):
            body.romanised = str(label)
        elif lang == "en":
            body.english.append(str(label))
        elif p.endswith("label") and lang == "ko":
            body.label = str(label)
        elif lang == "ko":
            body.korean_alt.append(str(label))
    for b, text, start, until in run["names"]:
        if _key(b) in found:
            found[_key(b)].names.append(Name(str(text), _str(start), _str(until)))
    for b, tier, parent, code, start, until in run["periods"]:
        if _key(b) in found:
            found[_key(b)].periods.append(Period(str(code), _str(start), _str(until), str(tier).rsplit("/", 1)[-1],
                                                 None if parent is None else _key(parent), str(code)))
    for b, p, o in run["links"]:
        if _key(b) in found:
            (found[_key(b)].successors if str(p).endswith("successor") else found[_key(b)].predecessors).append(_key(o))
    for body in found.values():
        body.names.sort(key=lambda n: n.valid_from or "0000")
        body.periods.sort(key=lambda n: n.valid_from or "0000")
        body.english.sort()
        body.korean_alt.sort()
        body.successors.sort()
        body.predecessors.sort()
    return {k: v for k, v in sorted(found.items()) if v.periods}
