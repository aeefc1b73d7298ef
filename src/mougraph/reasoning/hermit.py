"""OWL 2 DL reasoning with owlready2 and its bundled HermiT: consistency, unsatisfiable classes, entailed facts.

The ontology and data are handed to the reasoner as N-Triples (rdflib writes them to a temporary file, which
owlready2 loads into a fresh World), after four documented changes, made by :func:`reasoner_input`:

1. **Datatypes outside the OWL 2 datatype map** (``xsd:date``, ``xsd:gYear``, ``xsd:duration``, ... used by
   ``time:inXSDDate``, ``time:inXSDgYear``, ``mg:plannedDuration``, ``dcterms:date``) make HermiT stop. Their
   literals become plain strings (their lexical form) and ``rdfs:range`` axioms naming such a datatype are
   dropped. The reasoner then compares such values as strings: two values of a functional property
   (``mg:validFrom``) still contradict each other, but one value written two ways ("PT30M", "PT0.5H") would too.
2. **RDF vocabulary used as classes** (``mg:onProperty rdfs:range rdf:Property``,
   ``mg:Claim rdfs:subClassOf rdf:Statement``) is not OWL 2 DL; those axioms are dropped. (Otherwise the
   properties that claims talk about are typed ``rdf:Property`` and owlready2 re-parents them.) Nor are
   terms of the RDF, RDFS, OWL and XSD vocabularies as values of an object property (a conflict about
   ``rdfs:label``: ``mg:onProperty rdfs:label``): OWL 2 DL reserves those IRIs, HermiT prints them abbreviated
   (``rdfs:label``) among the property values, and owlready2 cannot read that line back. Such triples are
   dropped too; they are outside the compared facts (:mod:`mougraph.reasoning.entailment`), whose individuals
   are never such terms.
3. **Unique names**: every named individual (see :mod:`mougraph.reasoning.entailment`) is declared different from
   every other (``owl:AllDifferent``), except those the data links by ``owl:sameAs``. mougraph gives each
   thing one IRI, and without this assumption OWL would merge two values of a functional property (two
   starts of one event) instead of reporting them.
4. **``owl:imports``** triples are dropped, with a note on stderr: owlready2 would download each imported
   ontology from the network when it loads the graph. The reasoner sees the graph it is given; an imported
   ontology is reasoned over when it is loaded with the rest (``--data``).

The rules of ``src/mougraph/rules/*.swrl`` (the SWRL form of the mougraph-specific rules of the rule engine,
today: parties of one agreement cooperate with each other) are added to the World. HermiT then classifies
the ontology and realises the individuals and their object property values (``sync_reasoner_hermit`` with
``infer_property_values``). HermiT reports each individual under its most specific classes and each pair
under its most specific properties, and owlready2 stores only what is new (and not a pair whose inverse is
stored), so :func:`owl_facts` reads the full set back through the reasoned class and property hierarchies,
inverses and symmetric properties.

HermiT gives no explanation of an inconsistency (and owlready2's Pellet, which could, needs a newer Java than
Debian's 17), so the culprits are named by :mod:`mougraph.reasoning.diagnose`: SPARQL over the rule-materialised closure
for individuals in disjoint classes, functional properties with two values, exceeded cardinalities, ...
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from mougraph.errors import JavaNotFound, MougraphError, ReasonerError
from mougraph.reasoning.diagnose import diagnose, unsatisfiable
from mougraph.reasoning.entailment import OWL2_DATATYPES, TYPE, Fact, Scope, graph_facts, scope_of
from mougraph.reasoning.rules import RULES_DIR, materialise
from mougraph.store import load_all, new_graph
from mougraph.vocab import MG

#: Classes of the RDF vocabulary that OWL 2 DL does not allow as classes; axioms naming them are dropped.
RDF_CLASSES = frozenset([RDF.Property, RDF.Statement, RDF.List, RDFS.Resource, RDFS.Class])

#: Namespaces whose IRIs OWL 2 DL reserves: never an individual, so never the value of an object property.
RESERVED_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))

#: Seconds the reasoner may run before it is stopped (an error, exit 2).
DEFAULT_TIMEOUT = 300.0

REASONER = "HermiT"


@dataclass
class ReasonerInput:
    graph: Graph
    dropped: list[tuple] = field(default_factory=list)  # axioms left out (datatype ranges, RDF classes)
    mapped_literals: int = 0  # literals turned into plain strings
    distinct: int = 0  # individuals declared pairwise different


def reasoner_input(graph: Graph, scope: Scope | None = None) -> ReasonerInput:
    """``graph`` as the reasoner gets it (see the module docstring); ``graph`` is not changed."""

    scope = scope_of(graph) if scope is None else scope
    out = new_graph()
    result = ReasonerInput(out)
    object_properties = set(graph.subjects(RDF.type, OWL.ObjectProperty))
    for s, p, o in graph:
        if p == OWL.imports:
            result.dropped.append((s, p, o))
            continue
        if p in (RDFS.range, RDFS.domain, RDFS.subClassOf) and (o in RDF_CLASSES or (
                p == RDFS.range and isinstance(o, URIRef) and str(o).startswith(str(XSD))
                and o not in OWL2_DATATYPES)):
            result.dropped.append((s, p, o))
            continue
        if p in object_properties and isinstance(o, URIRef) and str(o).startswith(RESERVED_NAMESPACES):
            result.dropped.append((s, p, o))
            continue
        if isinstance(o, Literal) and o.datatype is not None and o.datatype not in OWL2_DATATYPES:
            o = Literal(str(o))
            result.mapped_literals += 1
        out.add((s, p, o))
    same = {t for pair in graph.subject_objects(OWL.sameAs) for t in pair}
    members = sorted(URIRef(x) for x in scope.individuals if URIRef(x) not in same)
    if len(members) > 1:
        axiom, head = BNode(), BNode()
        out.add((axiom, RDF.type, OWL.AllDifferent))
        out.add((axiom, OWL.distinctMembers, head))
        Collection(out, head, members)
        result.distinct = len(members)
    return result


@dataclass
class ReasonerReport:
    """Outcome of :func:`reason`."""

    consistent: bool
    unsatisfiable: list[str]  # IRIs of classes equivalent to owl:Nothing
    seconds: float
    reasons: dict[str, str] = field(default_factory=dict)  # unsatisfiable class -> why, where the rules see it
    reasoner: str = REASONER
    facts: set[Fact] = field(default_factory=set)  # entailed facts in scope (consistent only)
    culprits: list = field(default_factory=list)  # diagnose.Culprit, when inconsistent
    input: ReasonerInput | None = None

    @property
    def coherent(self) -> bool:
        return self.consistent and not self.unsatisfiable

    @property
    def ok(self) -> bool:
        return self.coherent


def java_executable() -> str:
    """The Java command owlready2 runs, or :class:`JavaNotFound` with what to do."""
    import owlready2

    java = shutil.which(owlready2.JAVA_EXE)
    if java is None:
        raise JavaNotFound(
            f"Java was not found ('{owlready2.JAVA_EXE}' is not on PATH). The DL reasoner HermiT runs on Java: "
            f"install it (Debian/Ubuntu: apt-get install default-jre-headless) and run the command again, or use "
            f"'mougraph reason --reasoner rules' for the rule-based check, which needs no Java.")
    return java


class _TimedSubprocess:
    """Stands in for the ``subprocess`` module inside owlready2.reasoning, adding a timeout to its calls."""

    def __init__(self, timeout: float):
        self.timeout = timeout

    def __getattr__(self, name):
        return getattr(subprocess, name)

    def check_output(self, *args, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return subprocess.check_output(*args, **kwargs)

    def run(self, *args, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return subprocess.run(*args, **kwargs)


class _TempfileIn:
    """Stands in for the ``tempfile`` module inside owlready2.reasoning: its input file goes to ``folder``.

    owlready2 deletes that file only when the reasoner succeeds; in a folder of our own it is removed on
    inconsistency, errors and timeouts as well.
    """

    def __init__(self, folder: str):
        self.folder = folder

    def __getattr__(self, name):
        return getattr(tempfile, name)

    def NamedTemporaryFile(self, *args, **kwargs):  # noqa: N802 (the name owlready2 calls)
        kwargs.setdefault("dir", self.folder)
        return tempfile.NamedTemporaryFile(*args, **kwargs)


@contextlib.contextmanager
def _guarded(seconds: float):
    """Run owlready2's reasoner with a timeout, its temporary file in a folder removed afterwards.

    (Module attributes of owlready2.reasoning are swapped for the duration: one reasoner run at a time.)
    """
    import owlready2.reasoning as reasoning

    originals = reasoning.subprocess, reasoning.tempfile
    with tempfile.TemporaryDirectory(prefix="mougraph-hermit-") as folder:
        reasoning.subprocess, reasoning.tempfile = _TimedSubprocess(seconds), _TempfileIn(folder)
        try:
            yield
        finally:
            reasoning.subprocess, reasoning.tempfile = originals


def swrl_rules(folder: Path = RULES_DIR) -> list[tuple[Path, str]]:
    """The SWRL rules of ``folder/*.swrl``: one rule per line that is not blank or a # comment."""
    rules = []
    for path in sorted(folder.glob("*.swrl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                rules.append((path, line.strip()))
    return rules


def _add_swrl(world, rules) -> None:
    import owlready2

    namespace = world.get_namespace(str(MG))
    onto = world.get_ontology("https://w3id.org/mougraph/id/graph/rules#")
    for path, text in rules:
        names = set(re.findall(r"([A-Za-z_][\w-]*)\s*\(", text))
        if any(name not in ("DifferentFrom", "SameAs") and namespace[name] is None for name in names):
            continue  # a rule about terms this ontology does not have (e.g. a test's mini ontology)
        with onto:
            try:
                owlready2.Imp().set_as_rule(text, namespaces=[namespace])
            except Exception as exc:
                raise ReasonerError(f"{path.name}: invalid SWRL rule '{text}': {exc}") from exc


def load_world(graph: Graph):
    """A fresh owlready2 World holding ``graph`` (written as N-Triples to a temporary file and loaded)."""
    import owlready2

    world = owlready2.World()
    with tempfile.TemporaryDirectory(prefix="mougraph-reason-") as tmp:
        path = Path(tmp) / "input.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        try:
            world.get_ontology(path.as_uri()).load(format="ntriples")
        except Exception as exc:
            raise ReasonerError(f"owlready2 could not load the graph: {exc}") from exc
    return world


REASONERS = ("hermit", "rules")


def reason(graph: Graph | None = None, *, reasoner: str = "hermit", timeout: float = DEFAULT_TIMEOUT,
           facts: bool = True) -> ReasonerReport:
    """Check ``graph`` (default: ontology + shipped data) for consistency and unsatisfiable classes.

    reasoner: ``"hermit"`` (default) runs HermiT through owlready2 (needs Java); ``"rules"`` runs the
    rule-based check of :mod:`mougraph.reasoning.diagnose` on the rule-materialised closure (no Java; it finds the
    contradictions it checks for, see that module, not every contradiction OWL can express).
    Returns a :class:`ReasonerReport`: consistent or not, with the culprits named, the unsatisfiable classes
    with the reason the rules find, and (``facts=True``) the entailed facts in scope. Raises
    :class:`ReasonerError` when Java is missing, the reasoner fails or it runs longer than ``timeout`` s.
    """
    if reasoner not in REASONERS:
        raise MougraphError(f"unknown reasoner '{reasoner}'; use one of {', '.join(REASONERS)}")
    if graph is None:
        graph = load_all()
    if reasoner == "rules":
        return _reason_with_rules(graph, facts=facts)
    return _reason_with_hermit(graph, timeout=timeout, facts=facts)


def _unsatisfiable_reasons(graph: Graph) -> dict[str, str]:
    return dict(unsatisfiable(graph))


def _reason_with_rules(graph: Graph, *, facts: bool) -> ReasonerReport:
    started = time.perf_counter()
    inferred = materialise(graph).inferred
    culprits = diagnose(graph, inferred)
    reasons = _unsatisfiable_reasons(graph)
    report = ReasonerReport(consistent=not culprits, unsatisfiable=sorted(reasons), reasons=reasons,
                            seconds=0.0, reasoner="rules", culprits=culprits)
    if facts and report.consistent:
        report.facts = graph_facts(scope_of(graph), graph, inferred)
    report.seconds = time.perf_counter() - started
    return report


def _reason_with_hermit(graph: Graph, *, timeout: float, facts: bool) -> ReasonerReport:
    import owlready2

    java_executable()
    started = time.perf_counter()
    scope = scope_of(graph)
    prepared = reasoner_input(graph, scope)
    imports = sorted(str(o) for _s, p, o in prepared.dropped if p == OWL.imports)
    if imports:
        print(f"note: owl:imports {', '.join(f'<{iri}>' for iri in imports)} left out of the reasoner's input: "
              f"owlready2 would download the imported ontologies; give them as INPUT files to reason over them",
              file=sys.stderr)
    world = load_world(prepared.graph)
    try:
        _add_swrl(world, swrl_rules())
        inferences = world.get_ontology("https://w3id.org/mougraph/id/graph/reasoner#")
        try:
            with inferences, _guarded(timeout):
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return ReasonerReport(consistent=False, unsatisfiable=[], seconds=time.perf_counter() - started,
                                  culprits=diagnose(graph), input=prepared)
        except subprocess.TimeoutExpired as exc:
            raise ReasonerError(f"{REASONER} did not finish within {timeout:g} s and was stopped; "
                                f"give it more time with --timeout") from exc
        except owlready2.OwlReadyJavaError as exc:
            raise ReasonerError(f"{REASONER} failed: {str(exc).strip()}") from exc
        except OSError as exc:
            raise ReasonerError(f"{REASONER} could not be started: {exc}") from exc
        unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing)
        reasons = _unsatisfiable_reasons(graph) if unsatisfiable else {}
        report = ReasonerReport(consistent=True, unsatisfiable=unsatisfiable, reasons=reasons,
                                seconds=0.0, input=prepared)
        if facts:
            report.facts = owl_facts(world, scope)
        report.seconds = time.perf_counter() - started
        return report
    finally:
        world.close()


def _up(graph: Graph, start, forward, both=()) -> set[str]:
    """IRIs reachable from ``start`` over ``forward`` edges and ``both`` edges in either direction (start included)."""
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        nexts = [o for p in forward + both for o in graph.objects(node, p)]
        nexts += [s for p in both for s in graph.subjects(p, node)]
        for n in nexts:
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return {str(n) for n in seen if isinstance(n, URIRef)}


def owl_facts(world, scope: Scope) -> set[Fact]:
    """The entailed facts of ``scope`` in a reasoned owlready2 World (see the module docstring).

    Read from the World's quadstore (asserted triples plus what owlready2 stored from HermiT's output), closing
    HermiT's most-specific answers over the class and property hierarchies of the same store. The store, not
    owlready2's Python objects: when HermiT prints a property node as ``ObjectInverseOf(...)`` owlready2 does
    not parse the line and drops the asserted super-property from the Python object (not from the store).
    """
    stored = world.as_rdflib_graph()
    class_up = (RDFS.subClassOf,), (OWL.equivalentClass,)
    prop_up = (RDFS.subPropertyOf,), (OWL.equivalentProperty,)
    facts: set[Fact] = set()
    supers_of: dict = {}
    for iri in scope.individuals:
        for cls in stored.objects(URIRef(iri), RDF.type):
            if cls not in supers_of:
                supers_of[cls] = _up(stored, cls, *class_up)
            facts.update((iri, TYPE, c) for c in supers_of[cls] if c in scope.classes)

    properties = {p for p in stored.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}
    supers = {str(p): _up(stored, p, *prop_up) for p in properties}
    inverse: dict[str, set[str]] = {}
    for p, q in stored.subject_objects(OWL.inverseOf):
        if isinstance(p, URIRef) and isinstance(q, URIRef):
            inverse.setdefault(str(p), set()).add(str(q))
            inverse.setdefault(str(q), set()).add(str(p))
    symmetric = {str(p) for p in stored.subjects(RDF.type, OWL.SymmetricProperty)}

    todo = [(str(s), str(p), str(o)) for p in properties for s, o in stored.subject_objects(p)
            if isinstance(s, URIRef) and isinstance(o, URIRef)]
    seen: set[Fact] = set()
    while todo:
        fact = todo.pop()
        if fact in seen:
            continue
        seen.add(fact)
        s, p, o = fact
        for q in supers.get(p, {p}):
            todo.append((s, q, o))
            todo.extend((o, r, s) for r in inverse.get(q, ()))
            if q in symmetric:
                todo.append((o, q, s))
    facts.update(fact for fact in seen if scope.keeps(fact))
    return facts
