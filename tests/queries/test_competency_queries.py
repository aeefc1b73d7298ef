"""The competency queries in queries/ answer the questions of the brief with the answers worked out by hand.

Each ``queries/<name>.report.rq`` is run on ontology/*.ttl + data/**/*.ttl (loaded here with rdflib alone,
without the mougraph package), its result is serialised as SPARQL 1.1 CSV, and compared with
``queries/<name>.expected.csv``: same header, same rows, in the same order when the query has a top-level
ORDER BY (every report query must have one). Each ``queries/*.check.rq`` must return no rows on the shipped
data, and must find the fault it is written for in a graph where that fault was put on purpose.

The expected answers come from the source documents, not from running the queries (see queries/README.md).
"""

import csv
import io
import re
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, Literal, Namespace, URIRef

from mougraph.query.params import bind
from tests.support.oracle import parse
from tests.support.paths import DATA, ONTOLOGY, QUERIES

REPORTS = sorted(QUERIES.glob("*.report.rq"))
CHECKS = sorted(QUERIES.glob("*.check.rq"))

MG = Namespace("https://w3id.org/mougraph/ontology#")
TIME = Namespace("http://www.w3.org/2006/time#")
ID = "https://w3id.org/mougraph/id/"

HANGUL = re.compile(r"[\uac00-\ud7a3]")

def _stem(path: Path) -> str:
    return path.name[: -len(".report.rq")]


def _expected_path(path: Path) -> Path:
    return path.with_name(_stem(path) + ".expected.csv")


def _header_comment(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return "\n".join(lines)


def _has_top_level_order_by(text: str) -> bool:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    tail = body[body.rfind("}") + 1:]
    return re.search(r"\bORDER\s+BY\b", tail, re.IGNORECASE) is not None


def _read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _run_csv(graph: rdflib.Graph, path: Path) -> list[list[str]]:
    # the parameters' defaults, bound as `mougraph query` binds them (tests/queries/test_query_params.py)
    result = graph.query(bind(path.read_text(encoding="utf-8")))
    assert result.type == "SELECT", f"{path.name} is not a SELECT query"
    return _read_csv(result.serialize(format="csv").decode("utf-8"))


def _differences(got: list[list[str]], want: list[list[str]], ordered: bool) -> str | None:
    """None if equal, else a readable description of the first differences."""
    if got[:1] != want[:1]:
        return f"header differs:\n  got      {got[:1]}\n  expected {want[:1]}"
    got_rows, want_rows = got[1:], want[1:]
    if not ordered:
        got_rows, want_rows = sorted(got_rows), sorted(want_rows)
    if got_rows == want_rows:
        return None
    lines = [f"rows differ (got {len(got_rows)}, expected {len(want_rows)}):"]
    for i in range(max(len(got_rows), len(want_rows))):
        a = got_rows[i] if i < len(got_rows) else None
        b = want_rows[i] if i < len(want_rows) else None
        if a != b:
            lines += [f"  row {i + 1}:", f"    got      {a}", f"    expected {b}"]
            if len(lines) > 20:
                break
    return "\n".join(lines)


def _load() -> rdflib.Graph:
    # the data the expected answers are for (queries/expected-data.txt): the seeds, whatever else data/ holds
    listed = [line.strip() for line in (QUERIES / "expected-data.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    files = sorted(ONTOLOGY.glob("*.ttl")) + [DATA / name for name in listed]
    assert any(f.parent.name == "data" for f in files), "no data/*.ttl found"
    return parse(*files)


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return _load()


def _copy(graph: rdflib.Graph) -> rdflib.Graph:
    g = rdflib.Graph()
    g += graph
    return g


# --- the set of queries -------------------------------------------------------------------------------

def test_there_is_a_report_query_for_every_competency_question():
    numbers = {int(m.group(1)) for p in REPORTS if (m := re.match(r"cq(\d\d)-", p.name))}
    assert numbers == set(range(1, 13))
    assert len(CHECKS) >= 2


@pytest.mark.parametrize("path", REPORTS, ids=_stem)
def test_report_query_has_expected_answer_and_header(path):
    assert _expected_path(path).is_file(), f"missing {_expected_path(path).name}"
    text = path.read_text(encoding="utf-8")
    header = _header_comment(text)
    assert HANGUL.search(header), f"{path.name}: the header comment has no Korean text"
    assert len(re.findall(r"\b[A-Za-z]{3,}\b", header)) >= 10, f"{path.name}: the header comment has no English text"
    assert "Role: report" in header
    assert _has_top_level_order_by(text), f"{path.name} has no top-level ORDER BY"


@pytest.mark.parametrize("path", REPORTS, ids=_stem)
def test_report_header_explains_every_column(graph, path):
    header = _header_comment(path.read_text(encoding="utf-8"))
    variables = [str(v) for v in graph.query(bind(path.read_text(encoding="utf-8"))).vars]
    missing = [v for v in variables if not re.search(rf"^\s*{re.escape(v)}\s", header, re.MULTILINE)]
    assert not missing, f"{path.name}: columns not explained in the header comment: {missing}"


def test_every_expected_file_belongs_to_a_report_query():
    orphans = [p.name for p in QUERIES.glob("*.expected.csv")
               if not p.with_name(p.name[: -len(".expected.csv")] + ".report.rq").is_file()]
    assert not orphans


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.expected.csv")), ids=lambda p: p.name)
def test_expected_file_format(path):
    raw = path.read_bytes()
    text = raw.decode("utf-8")  # UTF-8 or UnicodeDecodeError
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert "\r" not in text and text.endswith("\n"), "lines end in \\n"
    rows = _read_csv(text)
    assert rows and all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v) for v in rows[0]), "header = variable names"
    assert all(len(r) == len(rows[0]) for r in rows), "every row has as many cells as the header"


# --- answers --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", REPORTS, ids=_stem)
def test_report_query_gives_expected_answer(graph, path):
    got = _run_csv(graph, path)
    want = _read_csv(_expected_path(path).read_text(encoding="utf-8"))
    ordered = _has_top_level_order_by(path.read_text(encoding="utf-8"))
    problem = _differences(got, want, ordered)
    assert problem is None, f"{path.name}: {problem}"


@pytest.mark.parametrize("path", CHECKS, ids=lambda p: p.name)
def test_check_query_finds_nothing_on_the_shipped_data(graph, path):
    text = path.read_text(encoding="utf-8")
    header = _header_comment(text)
    assert HANGUL.search(header) and "Role: check" in header
    rows = list(graph.query(text))
    assert rows == [], f"{path.name} found: {rows[:5]}"


# --- the tests can fail -----------------------------------------------------------------------------------

def test_comparison_sees_a_changed_answer(graph):
    """Removing the year of the 2016 agreement must change the answer to CQ1."""
    path = QUERIES / "cq01-partners.report.rq"
    want = _read_csv(_expected_path(path).read_text(encoding="utf-8"))
    g = _copy(graph)
    g.remove((URIRef(ID + "agreement/seoul-sejong-2016"), MG.date, None))
    assert _differences(_run_csv(g, path), want, ordered=True) is not None
    # ... and so must a reordering of the expected rows
    assert _differences(_run_csv(graph, path), [want[0]] + want[:0:-1], ordered=True) is not None


def _broken(graph, fault):
    g = _copy(graph)
    seoul_sejong = URIRef(ID + "agreement/seoul-sejong-2023")
    if fault == "domain-count-mismatch":
        g.remove((seoul_sejong, MG.listsDomain, URIRef(ID + "agreement/seoul-sejong-2023/domain-7")))
    elif fault == "passage-untraceable":
        g.remove((URIRef(ID + "source/news-article-2023-04-10"), MG.sourceFile, None))
    elif fault == "claim-outside-conflict":
        g.add((URIRef(ID + "conflict/stray-claim"), RDF.type, MG.Claim))
    elif fault == "disputed-value-asserted":
        g.add((URIRef(ID + "event/2023-04-10-seoul-sejong-ceremony"), TIME.hasEnd,
               URIRef(ID + "instant/2023-04-10T11:30")))
    else:
        raise AssertionError(f"no fault defined for {fault}.check.rq: add one here")
    return g


@pytest.mark.parametrize("path", CHECKS, ids=lambda p: p.name)
def test_check_query_finds_its_fault(graph, path):
    fault = path.name[: -len(".check.rq")]
    rows = list(_broken(graph, fault).query(path.read_text(encoding="utf-8")))
    assert rows, f"{path.name} did not find the fault put in the graph"


def test_disputed_value_check_accepts_a_value_every_passage_claims(graph):
    """Seoul is asserted as a MICE committer: both passages claim it, so it is not flagged; Daejeon would be."""
    path = QUERIES / "disputed-value-asserted.check.rq"
    g = _copy(graph)
    commitment = URIRef(ID + "agreement/seoul-daejeon-2023/commitment-4")
    assert (commitment, MG.committedBy, URIRef(ID + "org/seoul")) in g
    g.add((commitment, MG.committedBy, URIRef(ID + "org/daejeon")))
    rows = list(g.query(path.read_text(encoding="utf-8")))
    assert [str(r[3]) for r in rows] == [ID + "org/daejeon"]
    assert str(rows[0][4]).endswith("/press-release-2023-04-10/line-44")


def test_domain_count_check_ignores_an_incomplete_list_shorter_than_its_count(graph):
    path = QUERIES / "domain-count-mismatch.check.rq"
    g = _copy(graph)
    agreement = URIRef(ID + "agreement/seoul-sejong-2016")
    g.add((agreement, MG.statedDomainCount, Literal(5)))  # 3 listed, list ends in 등: fine
    assert list(g.query(path.read_text(encoding="utf-8"))) == []
    g.set((agreement, MG.statedDomainCount, Literal(2)))  # more listed than stated: wrong
    assert len(list(g.query(path.read_text(encoding="utf-8")))) == 1
