"""data/README.md's instructions work as written: its two examples (an invented agreement, and a later source that
adds its day and another title) go into a copy of the project, and `mougraph validate` and `mougraph build` pass;
the new agreement shows in the reports without any expected file being edited."""

import csv
import re
import shutil

import pytest

from tests.support.cli import invoke
from tests.support.paths import DATA, ONTOLOGY, QUERIES, ROOT

AGREEMENT = "https://w3id.org/mougraph/id/agreement/seoul-gwangju-youth-2025"


def _examples() -> list[str]:
    text = (DATA / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```turtle\n(.*?)```", text, re.DOTALL)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of ontology/, data/ and queries/ with the README's examples added as a publisher would."""
    home = tmp_path / "project"
    for folder in (ONTOLOGY, DATA, QUERIES):
        shutil.copytree(folder, home / folder.name)
    first, second = _examples()
    (home / "data" / "2025-06-seoul-gwangju-youth").mkdir()
    (home / "data" / "2025-06-seoul-gwangju-youth" / "agreement.ttl").write_text(first, encoding="utf-8")
    (home / "data" / "2025-06-12-gwangju-release").mkdir()
    (home / "data" / "2025-06-12-gwangju-release" / "day-and-title.ttl").write_text(second, encoding="utf-8")
    monkeypatch.setenv("MOUGRAPH_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    return home


def test_the_readme_has_both_examples():
    assert len(_examples()) == 2
    assert (ROOT / "queries" / "expected-data.txt").is_file()


@pytest.mark.slow
def test_validate_and_build_pass_with_a_new_agreement(project, tmp_path):
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    result = invoke("build", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "build OK" in result.stdout
    with open(tmp_path / "out" / "queries" / "cq01-partners.report.csv", encoding="utf-8") as fh:
        rows = {r["agreement"]: r for r in csv.DictReader(fh)}
    assert rows[AGREEMENT]["date"] == "2025-06" and rows[AGREEMENT]["precision"] == "month"
    result = invoke("query", "value-sources", "--param", "subject=agr:seoul-gwangju-youth-2025",
                    "--param", "property=mg:date", "-f", "csv")
    assert result.exit_code == 0, result.output
    found = list(csv.DictReader(result.stdout.splitlines()))
    assert [(r["value"], r["status"]) for r in found] == [("2025-06", "resource"), ("2025-06-12", "refines")]


@pytest.mark.slow
def test_a_changed_seed_still_fails_the_build(project, tmp_path):
    """The expected answers keep holding for the seeds: removing a seed fact fails the build."""
    seeds = project / "data" / "agreements-earlier.ttl"
    seeds.write_text(seeds.read_text(encoding="utf-8").replace("mg:date inst:2017 ;", ""), encoding="utf-8")
    result = invoke("build", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "cq01-partners" in result.output
