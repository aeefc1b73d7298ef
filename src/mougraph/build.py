"""``mougraph build``: validate, run and check every shipped query, infer, write all exports.

The shipped queries run on the asserted graph (ontology + data): their expected answers assume no inference
(queries/README.md). The triples the rules infer (:mod:`mougraph.reasoning.rules`) go into the exports: in the named
graph ``https://w3id.org/mougraph/id/graph/inferred`` of ``mougraph.nq`` and ``mougraph.trig``, beside the
asserted graph, and merged into the triple formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mougraph.errors import MougraphError
from mougraph.export import FORMATS as EXPORT_FORMATS, SUFFIXES, export_many
from mougraph.export.results import render
from mougraph.io import atomic_write, staged_folder
from mougraph.query import available_queries, compare_expected, expected_data_files, expected_path, run_sparql
from mougraph.query.params import bind
from mougraph.reasoning.rules import check_supported, materialise
from mougraph.store import data_files, is_oxigraph, load_all, load_ontology, load_shapes
from mougraph.store.terms import graph_name
from mougraph.validation import ValidationResult, validate

BASENAME = "mougraph"
ROLES = ("report", "check", "construct")


@dataclass
class QueryCheck:
    """What happened to one shipped query during the build."""

    name: str
    role: str
    ok: bool
    rows: int = 0
    message: str | None = None
    output: Path | None = None


@dataclass
class BuildReport:
    out_dir: Path
    triples: int
    classes: int
    instances: int
    validation: ValidationResult
    queries: list[QueryCheck] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    inferred: int | None = None  # triples inferred and exported; None when inference was off
    inference_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.validation.conforms and all(q.ok for q in self.queries)

    @property
    def failures(self) -> list[str]:
        out = [] if self.validation.conforms else [f"validation: {self.validation.summary()}"]
        return out + [q.message or q.name for q in self.queries if not q.ok]


def _role(name: str) -> str:
    return name.rsplit(".", 1)[-1] if "." in name else ""


def _instances(graph, ontology) -> int:
    """How many named resources have a type, the ontology's own terms (classes, properties, concepts) aside."""
    own = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}
    if is_oxigraph(graph):  # counted by Oxigraph, without making a Python object per resource

        count = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type FILTER (isIRI(?s)) }"
        total = int(next(iter(graph.store.inner.query(count, default_graph=graph_name(graph.identifier))))[0].value)
        return total - sum(1 for s in own if (s, RDF.type, None) in graph)
    return len({s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)} - own)


def _run_query(name: str, path: Path, graph, out_dir: Path, expected_graph=None) -> QueryCheck:
    """Run a shipped query with its default parameters; a report is compared with its expected answer on
    ``expected_graph`` (the data the answer is for), unless it is None."""
    role = _role(name)
    try:
        text = bind(path.read_text(encoding="utf-8"), None, name)
        run = run_sparql(text, graph, name=name, path=path)
        if role == "report" and expected_graph is not None and expected_graph is not graph \
                and expected_path(path).is_file():
            expected_run = run_sparql(text, expected_graph, name=name, path=path)
        else:
            expected_run = run
    except MougraphError as exc:
        return QueryCheck(name, role, ok=False, message=str(exc))
    fmt = "ttl" if run.type in ("CONSTRUCT", "DESCRIBE") else "csv"
    # rows first: the comparison below reads them too, so the CSV is written from them (one evaluation)
    if fmt == "ttl":
        rows = len(run.result.graph)
    else:
        rows = len(run.result) if run.type == "SELECT" else int(bool(run.result.askAnswer))
    output = atomic_write(out_dir / "queries" / f"{name}.{fmt}", render(run, fmt))
    check = QueryCheck(name, role, ok=True, rows=rows, output=output)
    if role == "check" and not run.is_empty():
        check.ok, check.message = False, f"{name}: check query found {rows} problem(s); see {output}"
    elif role == "report" and expected_graph is not None and expected_path(path).is_file():
        check.message = compare_expected(expected_run, expected_path(path))
        check.ok = check.message is None
    return check


def build(out_dir: str | Path = "build", *, data: Iterable[str | Path] | None = None,
          fail_on: str = "violation", inferred: bool = True) -> BuildReport:
    """Load, validate, run every shipped report/check/construct query, infer and write all exports.

    Writes into ``out_dir``: ``validation-report.ttl``, ``queries/<name>.csv``
    (or ``.ttl`` for CONSTRUCT), and ``mougraph.{ttl,nt,nq,trig,jsonld,rdf}``,
    with the inferred triples unless ``inferred`` is False.
    The returned report's ``ok`` is False on SHACL violations (per ``fail_on``),
    a report query differing from its ``.expected.csv``, or a non-empty check query.
    ``data``: files or folders instead of the shipped data; the report queries then run without being compared
    with their expected answers, which are those of the shipped data. Without ``data``, each report runs with its
    default parameters and is compared on ontology + the files of ``queries/expected-data.txt`` (the shipped
    seeds), so that an agreement added to ``data/`` shows in the reports written without failing the build.
    """
    out_dir = Path(out_dir)
    with staged_folder(out_dir) as staging:  # a failed or stopped build leaves out_dir as it was
        report = _build(staging, data=data, fail_on=fail_on, inferred=inferred)
    final = out_dir.resolve()
    report.out_dir = out_dir
    report.files = [final / f.resolve().relative_to(staging.resolve()) for f in report.files]
    for check in report.queries:
        if check.output is not None:
            check.output = final / check.output.resolve().relative_to(staging.resolve())
            if check.message:
                check.message = check.message.replace(str(staging), str(out_dir))
    return report


def _expected_graph(graph):
    """The graph the expected answers are compared on: ``graph`` itself when the shipped data is just the files
    they were made for, else ontology + those files (data added beside them must not make the build fail)."""
    files = expected_data_files()
    if files is None or {f.resolve() for f in files} == {f.resolve() for f in data_files()}:
        return graph
    return load_all(files)


def _build(out_dir: Path, *, data, fail_on: str, inferred: bool) -> BuildReport:
    ontology, graph = load_ontology(), load_all(data)  # one load of ontology + data: the graph everything uses
    if inferred:
        check_supported(graph)  # refuse axioms the rules cannot handle before anything is written
    validation = validate(graph, shapes_graph=load_shapes(), ont_graph=ontology, fail_on=fail_on)
    classes = {s for t in (OWL.Class, RDFS.Class) for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}
    report = BuildReport(out_dir=out_dir, triples=len(graph), classes=len(classes),
                         instances=_instances(graph, ontology), validation=validation)
    report.files.append(atomic_write(out_dir / "validation-report.ttl", validation.to_turtle()))
    expected_graph = None if data is not None else _expected_graph(graph)
    for name, path in available_queries().items():
        if _role(name) in ROLES:
            report.queries.append(_run_query(name, path, graph, out_dir, expected_graph))
    inference = None
    if inferred:
        inference = materialise(graph)
        report.inferred, report.inference_seconds = len(inference.inferred), inference.seconds
    targets = {fmt: out_dir / f"{BASENAME}{SUFFIXES[fmt]}" for fmt in EXPORT_FORMATS}
    export_many(graph, targets, inferred=inference.inferred if inference else None)  # sorts the triples once
    report.files.extend(targets.values())
    return report
