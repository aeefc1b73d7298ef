"""Rule-based materialisation: the facts the ontology entails, as plain SPARQL CONSTRUCT rules.

The rules are the files ``src/mougraph/rules/*.rq`` (run in file-name order), each a SPARQL 1.1 CONSTRUCT
that derives triples set-at-a-time from the ontology's own axioms: sub-classes, sub-properties, domains,
ranges, inverse, symmetric and transitive properties, property chains of two, and one mougraph rule
(``20-cooperates-with.rq``: two different parties of one agreement cooperate with each other). They are
applied to the asserted graph (ontology + data) and to what they derived, until a pass adds nothing
(a fixpoint). This is the OWL 2 RL subset the ontology uses; tests/reasoning checks that it gives the same
class memberships and object property values as the DL reasoner (:mod:`mougraph.reason`) on the shipped graph.

The derived triples are kept apart from the asserted ones: :func:`materialise` returns them as their own graph,
which exports put in the named graph :data:`INFERRED_GRAPH`. Only named (IRI) resources get inferred facts;
blank nodes (the ontology's class expressions) are never subjects or objects of an inferred triple, and
``owl:Thing`` is never an inferred type.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.collection import Collection
from rdflib.namespace import OWL

from ._helpers import MougraphError, bind_prefixes
from .export import INFERRED_GRAPH  # noqa: F401  (the named graph of inferred triples in quad exports)

RULES_DIR = Path(__file__).resolve().parent / "rules"


#: A safety net: a correct rule set reaches its fixpoint long before this many passes.
MAX_PASSES = 100


@dataclass(frozen=True)
class Rule:
    name: str  # file name without .rq, e.g. "05-inverse"
    path: Path
    text: str

    @property
    def prepared(self):
        return _prepare(self.path, self.text)


_PREPARED: dict[tuple[Path, str], object] = {}


def _prepare(path: Path, text: str):
    key = (path, text)
    if key not in _PREPARED:
        from rdflib.plugins.sparql import prepareQuery

        try:
            _PREPARED[key] = prepareQuery(text)
        except Exception as exc:
            raise MougraphError(f"{path}: invalid SPARQL rule: {exc}") from exc
    return _PREPARED[key]


def load_rules(folder: Path = RULES_DIR) -> list[Rule]:
    """The materialisation rules: every ``*.rq`` of ``folder``, sorted by file name."""
    rules = [Rule(p.stem, p, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))]
    if not rules:
        raise MougraphError(f"no rules found in {folder}")
    return rules


@dataclass
class Materialisation:
    """What :func:`materialise` derived."""

    inferred: Graph  # the new triples only (never a triple of the input graph)
    passes: int  # passes over all rules, the last of which added nothing
    seconds: float
    by_rule: Counter = field(default_factory=Counter)  # rule name -> new triples it derived

    def __len__(self) -> int:
        return len(self.inferred)


def check_supported(graph: Graph) -> None:
    """Refuse axioms the rules would silently ignore: property chains longer or shorter than two."""
    for prop, head in graph.subject_objects(OWL.propertyChainAxiom):
        length = len(list(Collection(graph, head)))
        if length != 2:
            raise MougraphError(
                f"{prop}: owl:propertyChainAxiom of {length} properties; the rule engine "
                f"(src/mougraph/rules/08-property-chain.rq) handles chains of two only")


def materialise(graph: Graph, rules: list[Rule] | None = None) -> Materialisation:
    """Apply the rules to ``graph`` (ontology + data) until nothing new follows; the new triples.

    ``graph`` itself is not changed. Each rule runs on the asserted triples plus everything derived so far
    (its results are added as soon as it has run, so one pass often goes several steps deep).
    """
    started = time.perf_counter()
    rules = load_rules() if rules is None else rules
    check_supported(graph)
    from .store import new_graph

    working = new_graph()
    for prefix, ns in graph.namespaces():
        working.bind(prefix, ns, override=False)
    working += graph
    inferred = bind_prefixes(new_graph())
    for prefix, ns in graph.namespaces():
        inferred.bind(prefix, ns, override=False)
    by_rule: Counter = Counter()
    for passes in range(1, MAX_PASSES + 1):
        added = 0
        for rule in rules:
            try:
                derived = working.query(rule.prepared).graph
            except Exception as exc:
                raise MougraphError(f"rule {rule.path.name} failed: {exc}") from exc
            new = [t for t in derived if t not in working]
            for triple in new:
                working.add(triple)
                inferred.add(triple)
            by_rule[rule.name] += len(new)
            added += len(new)
        if not added:
            return Materialisation(inferred, passes, time.perf_counter() - started, by_rule)
    raise MougraphError(f"the rules did not reach a fixpoint in {MAX_PASSES} passes")


def infer(graph: Graph | None = None) -> Graph:
    """The inferred triples of ``graph`` (default: ontology + shipped data)."""
    if graph is None:
        from .store import load_all

        graph = load_all()
    return materialise(graph).inferred
