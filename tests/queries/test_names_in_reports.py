"""A report shows a body by the name in force on the date of the thing it is shown for (queries/README.md, "Names
on a date"): the agreement's date (cq01 partners, cq05 parties of signatures, cq07 committers and beneficiaries,
cq12 parties), the donation's date (cq08), the press release's date (cq09), the planned event's start (cq11).

Two fixtures, both with the real renaming of 전라북도 to 전북특별자치도 on 2024-01-18 and invented agreements:
- the shape tests' general case (tests/shapes/valid/general-case-jeonbuk-co-prosperity.ttl), for cq01;
- tests/queries/fixtures/renamed-party.ttl: agreements, signatures, commitments, donations, press releases and
  planned events on each side of the renaming, dates known to the year or the month that hold the renaming (no
  name is in force on every day of them: the rdfs:label, in one row), and an invented body renamed on the day
  after the last day of February 2023 and of April 2024 (a month ends on its last day, not on the 31st).
The expected names are written from those files. Each query runs on rdflib and Oxigraph, which must agree.
"""

import csv
import io

import pyoxigraph
import pytest
import rdflib
from rdflib import Graph

import mougraph
from mougraph.query.params import bind
from tests.support.paths import DATA, ONTOLOGY_FILES, QUERIES, SHAPE_FIXTURES, SHAPES_CONTEXT, TESTS

GENERAL_CASE = SHAPE_FIXTURES / "valid" / "general-case-jeonbuk-co-prosperity.ttl"
RENAMED = TESTS / "queries" / "fixtures" / "renamed-party.ttl"
AGR = "https://w3id.org/mougraph/id/agreement/"
DON = "https://w3id.org/mougraph/id/donation/"
SRC = "https://w3id.org/mougraph/id/source/"
EVT = "https://w3id.org/mougraph/id/event/"
EXPECTED = [
    (AGR + "jeonbuk-wanju-2021", "전라북도", "North Jeolla Province"),
    (AGR + "jeonbuk-wanju-jdc-2024", "전북특별자치도", "Jeonbuk State"),
]
OLD = ("전라북도", "North Jeolla Province")
NEW = ("전북특별자치도", "Jeonbuk State")


def test_oxigraph_names_the_partner_as_on_the_date():
    graph = mougraph.load_all([SHAPES_CONTEXT, GENERAL_CASE])
    rows = mougraph.query("cq01", graph=graph, params={"party": "gov:wanju"}).rows()
    assert [(r[0], r[2], r[3]) for r in rows] == EXPECTED


def test_rdflib_agrees():
    graph = Graph()
    for path in [*ONTOLOGY_FILES, SHAPES_CONTEXT, GENERAL_CASE]:
        graph.parse(path, format="turtle")
    text = bind((QUERIES / "cq01-partners.report.rq").read_text(encoding="utf-8"), {"party": "gov:wanju"})
    rows = [(str(r.agreement), str(r.partnerKo), str(r.partnerEn)) for r in graph.query(text)]
    assert rows == EXPECTED


@pytest.fixture(scope="module")
def engines():
    graph = rdflib.Graph()
    store = pyoxigraph.Store()
    for path in [*ONTOLOGY_FILES, RENAMED]:
        graph.parse(path, format="turtle")
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return graph, store


def _rows(engines, name, params=None):
    """The rows (dicts by column) of queries/<name>.report.rq, after checking that both engines agree."""
    graph, store = engines
    text = bind((QUERIES / f"{name}.report.rq").read_text(encoding="utf-8"), params or {})
    got = list(csv.DictReader(io.StringIO(graph.query(text).serialize(format="csv").decode("utf-8"))))
    ox = store.query(text).serialize(format=pyoxigraph.QueryResultsFormat.CSV).decode("utf-8")
    assert list(csv.DictReader(io.StringIO(ox))) == got, f"{name}: Oxigraph and rdflib differ"
    return got


def test_cq01_each_partner_by_its_name_on_the_agreements_date(engines):
    rows = _rows(engines, "cq01-partners", {"party": "gov:wanju"})
    assert [(r["agreement"], r["partnerKo"], r["partnerEn"]) for r in rows] == [
        (AGR + "test-jeonbuk-wanju-2020", *OLD),
        (AGR + "test-gasang-wanju-2023-02", "가상군", "Gasang County"),  # until 2023-02-28, the month's last day
        (AGR + "test-jeonbuk-wanju-2024-year", *NEW),  # the year of the renaming: the label, one row
        (AGR + "test-jeonbuk-wanju-2024-01", *NEW),  # the month of the renaming: the label, one row
        (AGR + "test-jeonbuk-wanju-2024", *NEW),  # a timestamp: its day
        (AGR + "test-gasang-wanju-2024-04", "가상시", "Gasang City"),  # until 2024-04-30, the month's last day
    ]


def test_cq05_the_party_of_a_signature(engines):
    rows = _rows(engines, "cq05-signatories")
    assert [(r["agreement"], r["partyKo"], r["partyEn"]) for r in rows] == [
        (AGR + "test-jeonbuk-wanju-2020", *OLD), (AGR + "test-jeonbuk-wanju-2024", *NEW)]


def test_cq07_committer_and_beneficiary(engines):
    rows = _rows(engines, "cq07-commitments")
    assert [(r["agreement"], r["committedBy"], r["beneficiary"]) for r in rows] == [
        (AGR + "test-jeonbuk-wanju-2020", OLD[1], OLD[1]), (AGR + "test-jeonbuk-wanju-2024", NEW[1], NEW[1])]


def test_cq08_donor_and_recipient_on_the_donations_date(engines):
    rows = _rows(engines, "cq08-donations")
    assert [(r["donation"], r["donorKo"], r["donorEn"], r["recipientKo"], r["recipientEn"]) for r in rows] == [
        (DON + "test-2020-to-jeonbuk", "김전북", "Kim Jeon-buk", *OLD),  # the start of its event
        (DON + "test-2024-from-jeonbuk", *NEW, "완주군", "Wanju County"),  # its mg:transferDate
    ]


def test_cq09_the_department_on_the_press_releases_date(engines):
    rows = _rows(engines, "cq09-press-contacts")
    assert [(r["document"], r["departmentKo"], r["departmentEn"]) for r in rows] == [
        (SRC + "test-press-release-2020", "전라북도 대외협력국", "External Affairs Bureau, North Jeolla Province"),
        (SRC + "test-press-release-2024", "전북특별자치도 대외협력국", "External Affairs Bureau, Jeonbuk State"),
    ]


def test_cq11_the_organiser_on_the_events_start(engines):
    rows = _rows(engines, "cq11-future-events")
    assert [(r["event"], r["organiserKo"], r["organiserEn"]) for r in rows] == [
        (EVT + "test-jeonbuk-expo-2023", *OLD), (EVT + "test-jeonbuk-expo-2025", *NEW)]


def test_cq12_each_party_of_an_agreement_under_a_theme(engines):
    rows = _rows(engines, "cq12-themes")
    assert [(r["agreement"], r["partyKo"], r["partyEn"]) for r in rows] == [
        (AGR + "test-jeonbuk-wanju-2020", *OLD), (AGR + "test-jeonbuk-wanju-2020", "완주군", "Wanju County"),
        (AGR + "test-jeonbuk-wanju-2024", *NEW), (AGR + "test-jeonbuk-wanju-2024", "완주군", "Wanju County"),
    ]


@pytest.mark.slow
def test_with_the_reference_graph_every_report_keeps_its_expected_answer():
    """With data/reference/ loaded, the seeds' bodies have their names over time; the names in force on the seeds'
    dates (전라남도 in 2004, 제주특별자치도 in 2009, 대전광역시 in 2015, 세종특별자치시 in 2016, 광주광역시 in 2017,
    and the 2023 parties) are the labels the expected answers, written from the source documents, hold."""
    listed = [line.strip() for line in (QUERIES / "expected-data.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    files = [*ONTOLOGY_FILES, *(DATA / name for name in listed), DATA / "reference" / "local-governments.ttl"]
    graph, store = rdflib.Graph(), pyoxigraph.Store()
    for path in files:
        graph.parse(path, format="turtle")
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    for path in sorted(QUERIES.glob("*.report.rq")):
        expected = list(csv.reader(io.StringIO(path.with_name(path.name.replace(".report.rq", ".expected.csv"))
                                               .read_text(encoding="utf-8"))))
        got = _rows((graph, store), path.name.removesuffix(".report.rq"))
        assert [list(got[0].keys()) if got else expected[0]] + [list(r.values()) for r in got] == expected, path.name
