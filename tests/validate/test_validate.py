import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from mougraph import validate

FIXTURES = Path(__file__).parent / "fixtures"
VIOLATION = FIXTURES / "violation.ttl"
WARNING_ONLY = FIXTURES / "warning-only.ttl"


def test_shipped_test_data_conforms(home):
    result = validate()
    assert result.conforms
    assert result.results == []
    assert "conforms" in result.summary()


def test_violation_rows_carry_all_fields(home):
    result = validate(paths=[VIOLATION])
    assert not result.conforms
    violations = [r for r in result.results if r.severity == "Violation"]
    assert len(violations) == 1
    row = violations[0]
    assert str(row.focus_node) == "https://w3id.org/mougraph/id/mou-lonely"
    assert str(row.path) == "https://w3id.org/mougraph/ontology#party"
    assert str(row.constraint_component) == str(SH.MinCountConstraintComponent)
    assert row.source_shape is not None
    assert row.messages["en"].startswith("An agreement needs at least two")
    assert row.messages["ko"].startswith("협약에는")
    assert row.message("ko") == row.messages["ko"]


@pytest.mark.parametrize("fail_on, conforms", [("violation", True), ("warning", False), ("info", False)])
def test_fail_on_threshold(home, fail_on, conforms):
    result = validate(paths=[WARNING_ONLY], fail_on=fail_on)
    assert [r.severity for r in result.results] == ["Warning"]
    assert result.conforms is conforms


def test_rdfs_inference_option_runs(home):
    assert validate(inference="rdfs").conforms


def test_cli_exit_codes(run_cli, home):
    ok = run_cli("validate")
    assert ok.exit_code == 0, ok.output
    assert "conforms" in ok.stdout

    bad = run_cli("validate", VIOLATION)
    assert bad.exit_code == 1
    assert "Violation" in bad.stdout and "mou-lonely" in bad.stdout
    assert "does not conform" in bad.stdout


def test_cli_fail_on_warning(run_cli, home):
    assert run_cli("validate", WARNING_ONLY).exit_code == 0
    assert run_cli("validate", WARNING_ONLY, "--fail-on", "warning").exit_code == 1
    assert run_cli("validate", WARNING_ONLY, "--fail-on", "info").exit_code == 1
    assert run_cli("validate", "--fail-on", "warning").exit_code == 0


def test_cli_json_report_parses_back(run_cli, home):
    result = run_cli("validate", VIOLATION, "-f", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["conforms"] is False
    assert doc["counts"]["Violation"] == 1
    first = doc["results"][0]
    assert set(first) == {"severity", "focusNode", "resultPath", "value", "sourceShape",
                          "sourceConstraintComponent", "messages"}
    assert first["focusNode"] == "https://w3id.org/mougraph/id/mou-lonely"


def test_cli_turtle_report_parses_back(run_cli, home, tmp_path):
    out = tmp_path / "report.ttl"
    result = run_cli("validate", VIOLATION, "-f", "turtle", "-o", out)
    assert result.exit_code == 1
    report = Graph().parse(out, format="turtle")
    node = report.value(None, RDF.type, SH.ValidationReport)
    assert node is not None
    assert report.value(node, SH.conforms).toPython() is False
    assert len(list(report.objects(node, SH.result))) == 1


def test_cli_table_to_file(run_cli, home, tmp_path):
    out = tmp_path / "report.txt"
    result = run_cli("validate", VIOLATION, "-o", out)
    assert result.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert "mou-lonely" in text and "does not conform" in text


def test_cli_rejects_bad_fail_on(run_cli, home):
    result = run_cli("validate", "--fail-on", "sometimes")
    assert result.exit_code == 2
    assert "sometimes" in result.stderr
