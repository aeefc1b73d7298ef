"""``mougraph ingest --score GOLD DRAFT`` and ``mougraph ingest TABLE``: the seed drafts against the hand-curated
``data/`` (issue 14's target: F1 ≥ 0.9 per kind), a table through its mapping file, options of the other kind of
input refused with exit 2 and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mougraph.io import resource_dir
from tests.ingest.conftest import seeds_folder

TABLES = Path(__file__).parents[1] / "ingest_tables"


def _scores(run_cli, tmp_path, gold, draft) -> dict:
    report = tmp_path / "score.json"
    result = run_cli("ingest", "--score", gold, draft, "-o", report)
    assert result.exit_code == 0, result.output
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "published", "kinds"), [
    # the schedule's disputed end of the Sejong ceremony is a conflict, as in data/, not 11:40
    ("press-release-2023-04-10", "2023-04-10", ("party", "kind", "date", "signatory", "domain", "earlier",
                                                "donation", "place", "schedule")),
    # gold is what the article states: no earlier agreement, the Daejeon city hall without its room
    ("news-article-2023-04-10", None, ("party", "kind", "status", "date", "signatory", "domain", "donation",
                                       "place")),
])
def test_a_seed_draft_scores_against_the_data(run_cli, tmp_path, name, published, kinds):
    draft = tmp_path / f"{name}.ttl"
    args = ["ingest", seeds_folder() / f"{name}.txt", "-o", draft] + (["--published", published] if published else [])
    assert run_cli(*args).exit_code == 0
    scores = _scores(run_cli, tmp_path, resource_dir("data"), draft)
    # data/ holds seven agreements; the ones this document states as new are scored, earlier ones it links to not
    assert scores["agreements"]["gold"] == 2 and scores["agreements"]["matched"] == 2
    for kind in kinds:
        assert scores["kinds"][kind]["F1"] >= 0.9, (kind, scores["kinds"][kind], scores["differences"])


def test_the_score_names_what_differs(run_cli, tmp_path):
    gold = tmp_path / "gold.ttl"
    gold.write_text((TABLES / "gold" / "other-columns.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    draft = tmp_path / "draft.ttl"
    text = gold.read_text(encoding="utf-8")
    assert "kind:sister-city" in text
    draft.write_text(text.replace("kind:sister-city", "kind:mou", 1), encoding="utf-8")
    scores = _scores(run_cli, tmp_path, gold, draft)
    assert scores["kinds"]["kind"]["matched"] == scores["kinds"]["kind"]["gold"] - 1
    assert {(d["side"], d["fact"]) for d in scores["differences"]} == {("missing", "kind:sister-city"),
                                                                      ("extra", "kind:mou")}
    table = run_cli("ingest", "--score", gold, draft)
    assert table.exit_code == 0 and "extra kind" in table.stdout and "total" in table.stdout


def test_a_table_with_its_mapping_file_scores_as_its_gold(run_cli, tmp_path):
    draft = tmp_path / "draft.ttl"
    result = run_cli("ingest", TABLES / "tables" / "other-columns.csv", "--layout",
                     TABLES / "tables" / "other-columns.toml", "-o", draft)
    assert result.exit_code == 0, result.output
    assert "layout other-columns (given" in result.stderr
    scores = _scores(run_cli, tmp_path, TABLES / "gold" / "other-columns.ttl", draft)
    assert scores["total"]["F1"] == 1.0, scores["differences"]


def test_a_table_layout_is_detected_and_a_bad_one_refused(run_cli, tmp_path):
    table = TABLES / "tables" / "시도_자매결연현황.csv"
    assert run_cli("ingest", table, "-o", tmp_path / "a.ttl").exit_code == 0
    assert "mg:Agreement" in (tmp_path / "a.ttl").read_text(encoding="utf-8")
    result = run_cli("ingest", table, "--layout", "no-such-layout", "-o", tmp_path / "b.ttl")
    assert result.exit_code == 2 and "no layout named 'no-such-layout'" in result.stderr
    assert not (tmp_path / "b.ttl").exists()


@pytest.mark.parametrize("args", [("--url", "https://example.org/x"), ("--review", "r.html")])
def test_text_options_are_refused_for_a_table(run_cli, tmp_path, args):
    out = tmp_path / "d.ttl"
    result = run_cli("ingest", TABLES / "tables" / "other-columns.csv", *args, "-o", out)
    assert result.exit_code == 2 and f"{args[0]} cannot be used for a table" in result.stderr
    assert not out.exists()


def test_table_options_are_refused_with_score(run_cli, tmp_path):
    result = run_cli("ingest", "--score", TABLES / "gold" / "other-columns.ttl", TABLES / "gold" / "other-columns.ttl",
                     "--owner", "수원시")
    assert result.exit_code == 2 and "--owner cannot be used with --score" in result.stderr
