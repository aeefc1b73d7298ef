"""Table ingest on the invented sample tables of tables/ (README there), scored against gold/ written by hand."""

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from rdflib import Graph, Literal, URIRef, namespace as ns

from mougraph import store
from mougraph.errors import MougraphError
from mougraph.export import serialize
from mougraph.ingest.score import score
from mougraph.ingest.tables import ingest_table
from mougraph.io import resource_dir
from mougraph.validation import validate
from mougraph.vocab import ID, MG

HERE = Path(__file__).parent
TABLES, GOLD = HERE / "tables", HERE / "gold"
LAYOUT_A = TABLES / "시도_자매결연현황.csv"
LAYOUT_B = TABLES / "부산광역시_국제자매우호도시.csv"
LAYOUT_C = TABLES / "수원시_자매우호도시.csv"
MAPPED = TABLES / "other-columns.csv"
SAMPLES = [(LAYOUT_A, None), (LAYOUT_B, None), (LAYOUT_C, None), (MAPPED, TABLES / "other-columns.toml")]


def ingest(path, mapping=None, **kw):
    return ingest_table(path, mapping=mapping, **kw)


@pytest.mark.parametrize(("table", "mapping"), SAMPLES, ids=lambda v: getattr(v, "stem", v))
def test_each_sample_scores_against_its_gold(table, mapping):
    draft, _notes = ingest(table, mapping)
    report = score(Graph().parse(GOLD / f"{table.stem}.ttl"), draft)
    assert report.agreements["matched"] == report.agreements["gold"] == report.agreements["draft"]
    assert all(k.f1 >= 0.9 for k in report.kinds), report.rows()
    if table == LAYOUT_A:  # the ambiguous 고성군 is kept as written: the one difference
        assert sorted(str(d) for d in report.differences) == [
            "extra party [강원특별자치도 고성군+강원특별자치도 속초시 2015]: 고성군",
            "missing party [강원특별자치도 고성군+강원특별자치도 속초시 2015]: 강원특별자치도 고성군"]
    else:
        assert report.differences == ()


def test_the_notes_say_encoding_layout_and_open_questions():
    _g, notes_a = ingest(LAYOUT_A)
    assert notes_a[0] == ("시도_자매결연현황.csv: read as UTF-8 (BOM); layout institution-partner-date "
                          "(detected from the header, header on row 1)")
    goseong = [n for n in notes_a if n.startswith("시도_자매결연현황.csv:4:")]
    assert len(goseong) == 1 and "ambiguous" in goseong[0]
    assert "강원도 고성군" in goseong[0] and "경상남도 고성군" in goseong[0]
    assert any(n.startswith("시도_자매결연현황.csv:5:") and "country unknown" in n for n in notes_a)
    assert any(n.startswith("시도_자매결연현황.csv:6:") and "'미상' is not a date" in n for n in notes_a)
    _g, notes_c = ingest(LAYOUT_C)
    assert notes_c[0].startswith("수원시_자매우호도시.csv: read as CP949; layout city-country-date-note")
    assert any("taken from the file name: '수원시'" in n for n in notes_c)
    _g, notes_b = ingest(LAYOUT_B)
    assert notes_b[0].startswith("부산광역시_국제자매우호도시.csv: read as UTF-8; layout country-city-agreement-year")
    assert any(n.startswith("부산광역시_국제자매우호도시.csv:8:") and "'기타'" in n for n in notes_b)


def _lines(path: Path, encoding: str) -> list[str]:
    return path.read_bytes().decode(encoding).lstrip("\ufeff").splitlines()


@pytest.mark.parametrize(("table", "encoding"), [(LAYOUT_A, "utf-8"), (LAYOUT_B, "utf-8"), (LAYOUT_C, "cp949")])
def test_each_row_is_a_passage_quoting_its_line(table, encoding):
    graph, _notes = ingest(table)
    lines = _lines(table, encoding)
    agreements = set(graph.subjects(ns.RDF.type, MG.Agreement))
    assert len(agreements) == len(lines) - 1
    for agreement in agreements:
        (passage,) = graph.objects(agreement, MG.statedIn)
        line = int(graph.value(passage, MG.line))
        assert str(graph.value(passage, MG.quote)) == lines[line - 1]
        document = graph.value(passage, MG.inDocument)
        assert str(graph.value(document, MG.sourceFile)) == table.name


def test_foreign_partners_are_organisations_in_their_country():
    graph, _notes = ingest(LAYOUT_C)
    osaka = next(graph.subjects(ns.RDFS.label, Literal("오사카시", lang="ko")))
    assert (osaka, ns.RDF.type, MG.Organisation) in graph
    assert (osaka, ns.RDF.type, MG.LocalGovernment) not in graph
    country = graph.value(osaka, ns.SDO.location)
    assert (country, ns.RDFS.label, Literal("일본", lang="ko")) in graph
    jeonju = next(graph.subjects(ns.RDFS.label, Literal("전북특별자치도 전주시", lang="ko")))
    assert (jeonju, ns.RDF.type, MG.LocalGovernment) in graph and graph.value(jeonju, ns.SDO.location) is None


def test_dates_keep_the_precision_written():
    graph, _notes = ingest(LAYOUT_A)
    instants = {graph.value(a, MG.date) for a in graph.subjects(ns.RDF.type, MG.Agreement)}
    undetermined = {i for i in instants if (i, ns.RDF.type, MG.UndeterminedInstant) in graph}
    assert len(undetermined) == 1 and str(undetermined.pop()).endswith("-row-6-date")  # 미상, its own instant
    assert {str(i).rsplit("/", 1)[1] for i in instants if str(i).startswith(f"{ID}instant/")} == {
        "2009-05-20", "1993-08-24", "2015", "2017-03"}
    assert (URIRef(f"{ID}instant/2017-03"), ns.TIME.unitType, ns.TIME.unitMonth) in graph
    assert (URIRef(f"{ID}instant/2015"), ns.TIME.unitType, ns.TIME.unitYear) in graph


def test_drafts_validate_with_the_shipped_data():
    graph = store.load_data()
    for table, mapping in SAMPLES:
        graph += ingest(table, mapping)[0]
    result = validate(graph)
    assert result.conforms, [r for r in result.results if "Violation" in str(r.severity)]


def test_drafts_validate_with_the_reference_graph_too():
    graph = store.load_data([resource_dir("data")])  # with data/reference/: names over time, tiers
    assert (URIRef(f"{ID}org/lg-21000"), MG.hasName, None) in graph
    for table, mapping in SAMPLES:
        graph += ingest(table, mapping)[0]
    result = validate(graph)
    assert result.conforms, [r for r in result.results if "Violation" in str(r.severity)]


def test_agreement_labels_use_the_names_in_force_on_their_date():
    graph, _notes = ingest(LAYOUT_B)
    labels = {int(str(a).rsplit("-", 1)[1]): str(graph.value(a, ns.RDFS.label))
              for a in graph.subjects(ns.RDF.type, MG.Agreement)}
    assert labels[3] == "부산직할시–상하이시 우호교류 협약 (1993)"  # 부산광역시 since 1995
    assert labels[2] == "부산광역시–후쿠오카시 자매결연 (2007)"
    assert labels[5] == "로스앤젤레스시 자매결연 (1967)"  # no name of Busan known in force in 1967: left out


def test_output_is_byte_stable_and_independent_of_the_encoding(tmp_path):
    first = serialize(ingest(LAYOUT_C)[0], "turtle")
    assert first == serialize(ingest(LAYOUT_C)[0], "turtle")
    utf8 = tmp_path / LAYOUT_C.name
    utf8.write_text(LAYOUT_C.read_bytes().decode("cp949"), encoding="utf-8")
    assert serialize(ingest(utf8)[0], "turtle") == first.replace(b"read as CP949", b"read as UTF-8").replace(
        "CP949로 읽음".encode(), "UTF-8로 읽음".encode())


def test_a_workbook_with_a_title_row_reads_like_the_csv(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "현황"
    sheet.append(["부산광역시 국제 자매우호도시 현황 (가상)"])
    for number, line in enumerate(_lines(LAYOUT_B, "utf-8")):
        cells = next(csv.reader([line]))
        if number:
            cells[4] = int(cells[4])  # the year as a number, as workbooks hold it
        sheet.append(cells)
    sheet.append(["일본", "나가사키시", "자매결연", "관광", dt.datetime(2011, 7, 1)])
    path = tmp_path / "international.xlsx"
    book.save(path)
    graph, notes = ingest(path, owner="부산광역시")
    assert notes[0] == "international.xlsx: read as XLSX, sheet 현황; layout country-city-agreement-year " \
                       "(detected from the header, header on row 2)"
    report = score(Graph().parse(GOLD / f"{LAYOUT_B.stem}.ttl"), graph)
    assert report.differences and {d.side for d in report.differences} == {"extra"}  # only 나가사키시, row 10
    assert {d.agreement for d in report.differences} == {"나가사키시+부산광역시 2011-07-01"}
    assert (URIRef(f"{ID}instant/2011-07-01"), ns.TIME.unitType, ns.TIME.unitDay) in graph


def test_a_header_no_layout_fits_is_an_error_naming_file_header_and_layouts():
    with pytest.raises(MougraphError) as caught:
        ingest(TABLES / "unknown-columns.csv")
    message = str(caught.value)
    assert "unknown-columns.csv" in message and "번호 / 행사명 / 개최일" in message
    for name in ("institution-partner-date", "country-city-agreement-year", "city-country-date-note"):
        assert name in message


def test_a_named_layout_that_does_not_fit_and_an_unknown_name_are_errors():
    with pytest.raises(MougraphError, match="do not match the layout asked for"):
        ingest_table(LAYOUT_A, layout="city-country-date-note")
    with pytest.raises(MougraphError, match="no layout named 'nope'; the layouts are"):
        ingest_table(LAYOUT_A, layout="nope")


@pytest.mark.parametrize(("data", "says"), [
    ("기관명,자매결연 체결 기관명,자매결연일\n".encode("utf-16"), "UTF-16 or binary"),
    (b"a,b\n\x80\xff,1\n", "line 2: neither UTF-8 nor CP949"),
    ("기관명,자매결연 체결 기관명,자매결연일\n".encode(), "a header and no rows"),
    (b"", "no rows"),
])
def test_unreadable_tables_are_errors(tmp_path, data, says):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(MougraphError, match=says) as caught:
        ingest(path)
    assert str(path) in str(caught.value)


def test_a_table_without_its_korean_body_asks_for_the_owner(tmp_path):
    path = tmp_path / "international.csv"
    path.write_bytes(LAYOUT_B.read_bytes())
    with pytest.raises(MougraphError, match="--owner NAME"):
        ingest(path)
    with pytest.raises(MougraphError, match="names no Korean local government"):
        ingest(path, owner="아틀란티스시")


@pytest.mark.parametrize(("text", "says"), [
    ('owner = "대전광역시"\n[columns]\ndate = ["협약일"]\n', "needs a 'partner' column"),
    ('colour = 1\n[columns]\npartner = ["상대도시"]\ndate = ["협약일"]\n', "unknown key"),
    ('[columns]\npartner = ["상대도시"]\ndate = ["협약일"]\nweather = ["날씨"]\n', "unknown role"),
    ('kind = "treaty"\n[columns]\npartner = ["상대도시"]\ndate = ["협약일"]\n', "not a kind of agreement"),
    ("[columns\n", "not a valid TOML file"),
])
def test_bad_mapping_files_are_errors_naming_the_file(tmp_path, text, says):
    mapping = tmp_path / "mine.toml"
    mapping.write_text(text, encoding="utf-8")
    with pytest.raises(MougraphError, match=says) as caught:
        ingest(MAPPED, mapping)
    assert str(mapping) in str(caught.value)


def test_other_headers_fall_back_to_the_role_layout_and_known_ones_keep_theirs(tmp_path):
    """An invented table with headers none of the specific layouts has ("시군명 / 국가명 / 도시명 / 결연구분 /
    결연일자") is read by the fallback layout; the sample tables keep their own layouts."""
    path = tmp_path / "경기도_국제교류현황.csv"
    path.write_text("시군명,국가명,도시명,결연구분,결연일자\n수원시,일본,아사히카와시,자매결연,1989-10-17\n"
                    "성남시,중국,선양시,우호협력,1998-04-11\n", encoding="utf-8")
    graph, notes = ingest_table(path)
    assert "layout any-partner-date (detected" in notes[0]
    rows = {(str(g).rsplit("/", 1)[-1], str(k).rsplit("/", 1)[-1], str(graph.value(d, ns.TIME.inXSDDate)))
            for a in graph.subjects(ns.RDF.type, MG.Agreement)
            for g in graph.objects(a, MG.party) if "/lg-" in str(g)
            for k in graph.objects(a, MG.kind) for d in graph.objects(a, MG.date)}
    assert rows == {("lg-41110", "sister-city", "1989-10-17"), ("lg-41130", "friendship-exchange", "1998-04-11")}
    for table, layout in (("시도_자매결연현황.csv", "institution-partner-date"),
                          ("수원시_자매우호도시.csv", "city-country-date-note")):
        assert f"layout {layout} (detected" in ingest_table(TABLES / table)[1][0]
