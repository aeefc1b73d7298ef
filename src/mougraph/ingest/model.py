"""What text ingest extracts: passages of the document, and facts that each cite the passage stating them.

Every value of the draft is a :class:`Fact`: one triple (subject, predicate, object) with the passage and the exact
words (``quote``, a substring of the passage) that state it, and a confidence. The draft graph asserts the triple
and, for the facts a curator reviews, adds an ``mg:Claim`` naming its passage (docs/provenance.md); the review page
shows each fact beside its passage. Values the document states differently in two passages are a :class:`Conflict`:
claimed, not asserted.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Passage:
    """One line of the document, or one sentence of a long line (``sentence`` 1, 2, … then; 0 for a whole line)."""

    line: int
    sentence: int
    text: str

    @property
    def key(self) -> str:
        return f"line-{self.line}" + (f"-{self.sentence}" if self.sentence else "")


@dataclass(frozen=True)
class Lit:
    """A literal: text with a language tag or a datatype (an XSD local name)."""

    value: str
    lang: str | None = None
    datatype: str | None = None


@dataclass
class Fact:
    s: str  # IRI
    p: str  # IRI (prefixed names are expanded by the draft writer)
    o: str | Lit  # IRI or literal
    passage: Passage | None = None
    quote: str = ""
    confidence: float = 1.0
    claim: bool = True  # a value for review (a claim in the graph), not structure (a type or a label)
    what: str = ""  # the kind of fact, for the review page: party, date, signatory, …
    disputed: bool = False  # another passage of the document gives another value: claimed, not asserted


@dataclass
class Conflict:
    """One document gives ``s`` two or more values of ``p`` (in different passages): an ``mg:Conflict`` of the
    ``facts``' claims, none of them asserted (docs/provenance.md)."""

    iri: str
    s: str
    p: str
    facts: list[Fact]
    label_ko: str
    label_en: str


@dataclass
class Question:
    """An open question for the curator: what is unclear, where, and what to do."""

    what: str  # ambiguous-name, missing-year, count-list, duplicate, no-publication-date, …
    text_ko: str
    text_en: str
    passage: Passage | None = None


@dataclass
class Draft:
    base: str  # the IRI every minted resource of the draft starts with
    document: str  # IRI of the source document
    passages: list[Passage]
    facts: list[Fact] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)  # IRIs of the agreements the document states
    programme: list[tuple[str, str | None]] = field(default_factory=list)  # the schedule's events, with their day
    conflicts: list[Conflict] = field(default_factory=list)  # values the document states differently

    def add(self, s: str, p: str, o: str | Lit, passage: Passage | None = None, quote: str = "",
            confidence: float = 1.0, *, claim: bool = True, what: str = "") -> None:
        self.facts.append(Fact(s, p, o, passage, quote, confidence, claim and passage is not None, what))

    def ask(self, what: str, ko: str, en: str, passage: Passage | None = None) -> None:
        if not any(q.what == what and q.text_en == en for q in self.questions):
            self.questions.append(Question(what, ko, en, passage))
