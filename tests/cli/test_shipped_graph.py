"""The CLI on the shipped ontology, shapes and data (the issue's "done when" checks), run as a user runs it."""

from tests.support.cli import needs_script, run_script

pytestmark = needs_script

ILL_TYPED_DATE = """\
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/mougraph/id/instant/bad> a time:Instant ;
    time:inXSDDate "2023-13-10"^^xsd:date ;
    time:unitType time:unitDay .
"""

MALFORMED = """\
@prefix mg: <https://w3id.org/mougraph/ontology#> .
<https://w3id.org/mougraph/id/org/x> a mg:LocalGovernment ;
    mg:adminAgencyCode "6110000 .
"""


def test_shipped_data_conforms():
    result = run_script("validate", "-f", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"Violation": 0' in result.stdout


def test_ill_typed_date_is_a_violation_without_traceback(tmp_path):
    bad = tmp_path / "ill-typed-date.ttl"
    bad.write_text(ILL_TYPED_DATE, encoding="utf-8")
    result = run_script("validate", bad, "-f", "json")
    assert result.returncode == 1
    assert "https://w3id.org/mougraph/shapes#InXSDDateValueShape" in result.stdout
    assert "Traceback" not in result.stderr


def test_malformed_turtle_names_file_and_line(tmp_path):
    bad = tmp_path / "malformed.ttl"
    bad.write_text(MALFORMED, encoding="utf-8")
    out = tmp_path / "report.json"
    result = run_script("validate", bad, "-f", "json", "-o", out)
    assert result.returncode == 2
    assert result.stderr.startswith(f"mougraph: error: {bad}:3:")
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_shipped_query_by_name_answers_in_csv():
    result = run_script("query", "cq05", "-f", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("agreement,")
    assert sum("Oh Se-hoon" in line for line in lines) == 2
