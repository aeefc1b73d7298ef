"""Tables for terminals: at 80 columns every line fits, no value is split inside a word, the dropped columns are
named; Korean or English; ``query --list`` shows each shipped query's question from its header."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.cells import cell_len

from mougraph.cli.tables import fit
from tests.support.paths import ROOT


def _words_whole(table_text: str, values) -> None:
    for value in values:
        for word in value.split():
            assert word in table_text, word


@pytest.mark.parametrize("width", [80, 60, 120])
def test_fit_keeps_words_whole_and_drops_columns_by_priority(width):
    headers = ["iri", "labelKo", "labelEn", "note"]
    rows = [["ex:agreement/seoul-sejong-2023", "서울특별시-세종특별자치시 교류 강화 협약",
             "Seoul–Sejong exchange-strengthening agreement", "a long note " * 6]]
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(fit(headers, rows, width=width, drop_order=(2, 0)))
    text = console.file.getvalue()
    assert all(cell_len(line) <= width for line in text.splitlines())
    shown = [h for h in headers if h in text.split("columns not shown")[0]]
    for header, value in zip(headers, rows[0], strict=True):
        if header in shown:
            _words_whole(text, [value])
    if width == 60:
        assert "labelEn" not in shown and "labelEn" in text.split("columns not shown:")[1]


def test_query_table_at_80_columns(run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    table = run_cli("query", "cq01", "--lang", "en")
    assert table.exit_code == 0
    assert all(cell_len(line) <= 80 for line in table.stdout.splitlines())
    answer = list(csv.DictReader(io.StringIO(run_cli("query", "cq01", "-f", "csv").stdout)))
    assert "columns not shown:" in table.stdout
    for column in ("partnerEn", "date", "status"):
        _words_whole(table.stdout, [row[column] for row in answer])
    korean = run_cli("query", "cq01", "--lang", "ko")
    _words_whole(korean.stdout, [row["partnerKo"] for row in answer])  # Korean readers get the Korean labels
    assert "7행" in korean.stdout


def test_query_list_shows_the_questions_of_the_headers(run_cli):
    listed = json.loads(run_cli("query", "--list", "-f", "json").stdout)
    by_name = {q["name"]: q for q in listed}
    shipped = sorted(p.name[:-3] for p in (ROOT / "queries").glob("*.rq"))
    assert sorted(by_name) == shipped
    cq01 = by_name["cq01-partners.report"]
    header = (ROOT / "queries" / "cq01-partners.report.rq").read_text(encoding="utf-8").splitlines()
    assert cq01["role"] == "report"
    assert cq01["question"]["ko"].startswith(header[0].split("— ")[1])
    english = next(line for line in header[1:] if line.startswith("# CQ1"))
    assert cq01["question"]["en"].startswith(english.split("— ")[1])
    assert by_name["domain-count-mismatch.check"]["role"] == "check"
    ko = run_cli("query", "--list", "--lang", "ko", "-o", "-", "-f", "csv").stdout
    assert "어느 지방자치단체와, 언제, 어떤 종류의 협약을" in ko
    assert run_cli("query", "--list", "cq01").exit_code == 2


def test_the_catalogue_reads_parameters_from_the_header(tmp_path):
    from mougraph.query.catalogue import info

    query = tmp_path / "cq99-one-agreement.report.rq"
    query.write_text(  # invented for this test, in the header style of queries/README.md
        "# CQ99 — 이 협약의 당사자는 누구인가?\n"
        "# CQ99 — Who are the parties of this agreement?\n"
        "#        (one row per party)\n"
        "#\n"
        "# param: agreement IRI default agr:seoul-sejong-2023 -- the agreement asked about\n"
        "# param: day xsd:date default 2023-04-10 -- the day of the signing\n"
        "#\n"
        "# Role: report.\n"
        "PREFIX agr: <https://w3id.org/mougraph/id/agreement/>\n"
        "SELECT ?party WHERE { VALUES ?agreement { UNDEF } VALUES ?day { UNDEF } ?agreement ?p ?party }\n",
        encoding="utf-8")
    entry = info("cq99-one-agreement.report", query)
    assert entry.role == "report"
    assert entry.questions == {"ko": "이 협약의 당사자는 누구인가?",
                               "en": "Who are the parties of this agreement? (one row per party)"}
    assert entry.parameters == (("agreement", "the agreement asked about"), ("day", "the day of the signing"))


def test_a_very_long_cell_is_shown_cut_in_the_middle():
    """An IRI of 4 MB (issue 17: the table took 31 s) is shown as its start and end around an ellipsis."""
    from rich.console import Console

    from mougraph.cli.tables import MAX_CELL

    iri = "http://example.org/invented/" + "a" * 4_000_000 + "/end"
    console = Console(file=io.StringIO(), width=10_000, color_system=None)
    console.print(fit(["focus", "note"], [[iri, "short"]], width=None))
    text = console.file.getvalue()
    cell = next(line for line in text.splitlines() if "http://" in line).split("│")[1].strip()
    assert len(cell) == MAX_CELL
    assert cell.startswith("http://example.org/invented/aaa") and cell.endswith("aaa/end") and "…" in cell
    assert "short" in text


def test_a_cut_never_turns_escaped_text_into_markup():
    from rich.console import Console
    from rich.markup import escape

    from mougraph.cli.tables import MAX_CELL, shorten

    for shift in range(4):  # the cut falls before, on and after each escaping backslash
        value = "x" * shift + "[b]" * 400
        cell = shorten(escape(value))
        assert len(cell) <= MAX_CELL
        console = Console(file=io.StringIO(), width=1000, color_system=None)
        console.print(cell)
        shown = console.file.getvalue().strip()
        head, tail = shown.split("…")
        assert value.startswith(head) and value.endswith(tail)


def test_a_very_long_iri_is_not_scanned_for_a_prefix():
    """rdflib's compute_qname scans an IRI a character at a time: 30 s in validate's table for a 4 MB IRI."""
    from rdflib import Graph, URIRef

    from mougraph.vocab import MAX_SHORTENED, short

    manager = Graph().namespace_manager
    manager.bind("ex", "http://example.org/invented/")
    scanned = []
    compute = manager.compute_qname
    manager.compute_qname = lambda iri, generate=True: scanned.append(len(iri)) or compute(iri, generate)
    assert short(URIRef("http://example.org/invented/a"), manager) == "ex:a"
    long_iri = "http://example.org/invented/" + "a" * 4_000_000
    assert short(URIRef(long_iri), manager) == long_iri
    assert all(n <= MAX_SHORTENED for n in scanned) and scanned
