import csv
from pathlib import Path

from rdflib import Graph

from mougraph import build

VIOLATION = Path(__file__).parents[1] / "validate" / "fixtures" / "violation.ttl"
EXPECTED_FILES = ["mougraph.jsonld", "mougraph.nq", "mougraph.nt", "mougraph.rdf", "mougraph.trig",
                  "mougraph.ttl", "queries", "validation-report.ttl"]


def test_build_writes_everything(run_cli, home, tmp_path):
    result = run_cli("build", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == EXPECTED_FILES
    assert sorted(p.name for p in (out / "queries").iterdir()) == [
        "agreement-has-party.check.csv", "partners.construct.ttl",
        "q01-partners.report.csv", "q02-dates.report.csv",
    ]
    rows = list(csv.reader(open(out / "queries" / "q02-dates.report.csv", encoding="utf-8")))
    assert rows[0] == ["agreement", "date", "en"]
    assert len(Graph().parse(out / "mougraph.ttl")) == len(Graph().parse(out / "mougraph.nt"))
    assert "4/4 passed" in result.stdout and "build OK" in result.stdout


def test_build_is_reproducible(home, tmp_path):
    build(tmp_path / "a")
    build(tmp_path / "b")
    for path in (tmp_path / "a").rglob("*.*"):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path


def test_default_output_folder_is_build(run_cli, home):
    assert run_cli("build").exit_code == 0
    assert Path("build/mougraph.ttl").is_file()


def test_wrong_expected_csv_fails_the_build(run_cli, home, tmp_path):
    (home / "queries" / "q01-partners.expected.csv").write_text(
        "partner,name\nhttps://w3id.org/mougraph/id/gwangju,광주광역시\n", encoding="utf-8")
    result = run_cli("build", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "q01-partners.report" in result.stdout and "build FAILED" in result.stdout


def test_failing_check_query_fails_the_build(home, tmp_path):
    (home / "queries" / "everything.check.rq").write_text("SELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    report = build(tmp_path / "out")
    assert not report.ok
    assert any("everything.check" in f for f in report.failures)


def test_broken_query_fails_the_build(home, tmp_path):
    (home / "queries" / "broken.report.rq").write_text("SELECT WHERE", encoding="utf-8")
    report = build(tmp_path / "out")
    assert not report.ok
    assert any("invalid SPARQL" in f for f in report.failures)


def test_violation_fails_the_build(run_cli, home, tmp_path):
    (home / "data" / "violation.ttl").write_bytes(VIOLATION.read_bytes())
    result = run_cli("build", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "mou-lonely" in result.stdout
    report = Graph().parse(tmp_path / "out" / "validation-report.ttl")
    assert len(report) > 0


def test_build_on_other_data_runs_the_reports_without_comparing_them(run_cli, home, tmp_path):
    """--data: the expected answers are those of the shipped data, so the reports are run, not compared."""
    expected = home / "queries" / "q02-dates.expected.csv"
    expected.write_text("agreement,date,en\nhttps://example.org/not-in-the-data,2000-01-01,x\n", encoding="utf-8")
    assert run_cli("build", "-o", tmp_path / "shipped").exit_code == 1  # compared: the wrong expectation fails
    result = run_cli("build", "-o", tmp_path / "out", home / "data")
    assert result.exit_code == 0, result.output
    assert "not compared" in result.stdout and (tmp_path / "out" / "queries" / "q02-dates.report.csv").is_file()


def test_build_refuses_unsupported_axioms_before_writing_anything(run_cli, home, tmp_path):
    """Regression: a property chain of three stopped the build after the report and queries were written."""
    data = tmp_path / "chain.ttl"
    data.write_text("@prefix ex: <http://example.org/> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                    "ex:p owl:propertyChainAxiom ( ex:a ex:b ex:c ) .\n", encoding="utf-8")
    result = run_cli("build", "-o", tmp_path / "out", data)
    assert result.exit_code == 2 and "chains of two only" in result.output
    assert not (tmp_path / "out").exists()


def test_a_data_folder_without_rdf_files_is_an_error(run_cli, home, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_cli("build", "-o", tmp_path / "out", tmp_path / "empty")
    assert result.exit_code == 2 and "no RDF files" in result.output
    assert not (tmp_path / "out").exists()
