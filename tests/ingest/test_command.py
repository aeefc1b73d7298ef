"""``mougraph ingest`` on the command line: a draft and a review page, bad input refused with exit 2 and
nothing written, a document without an agreement an empty draft with a note."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.conftest import DOCUMENTS

ENGLISH = DOCUMENTS / "invented-coastal-cities-2024.txt"


def test_draft_and_review_page(run_cli, tmp_path):
    draft, page = tmp_path / "draft.ttl", tmp_path / "review.html"
    result = run_cli("ingest", ENGLISH, "-o", draft, "--review", page)
    assert result.exit_code == 0, result.output
    assert draft.read_text(encoding="utf-8").startswith("# DRAFT written by `mougraph ingest`")
    html = page.read_text(encoding="utf-8")
    assert "<mark>Park Ji-won</mark>" in html and "열린 질문 / Open questions" in html


def test_not_utf8_is_refused_and_nothing_is_written(run_cli, tmp_path):
    source = tmp_path / "cp949.txt"
    source.write_bytes("서울시와 세종시가 협약을 체결했다.".encode("cp949"))
    out = tmp_path / "draft.ttl"
    result = run_cli("ingest", source, "-o", out, "--review", tmp_path / "r.html")
    assert result.exit_code == 2
    assert "cp949.txt, line 1: not UTF-8" in result.stderr and "iconv" in result.stderr
    assert not out.exists() and not (tmp_path / "r.html").exists()


def test_empty_is_refused(run_cli, tmp_path):
    source = tmp_path / "empty.txt"
    source.write_text("\n  \n", encoding="utf-8")
    result = run_cli("ingest", source, "-o", tmp_path / "d.ttl")
    assert result.exit_code == 2 and "the document is empty" in result.stderr
    assert not Path(tmp_path / "d.ttl").exists()


def test_no_agreement_gives_an_empty_draft_and_a_note(run_cli, tmp_path):
    source = tmp_path / "weather.txt"  # invented
    source.write_text("입력 2024-01-02 09:00\n오늘 전국이 대체로 맑겠다.\n", encoding="utf-8")
    result = run_cli("ingest", source, "-o", tmp_path / "d.ttl")
    assert result.exit_code == 0
    assert "no agreement found" in result.stderr
    assert "mg:Agreement" not in (tmp_path / "d.ttl").read_text(encoding="utf-8")


def test_a_bad_published_date_is_named(run_cli, tmp_path):
    result = run_cli("ingest", ENGLISH, "--published", "13/09/2024", "-o", tmp_path / "d.ttl")
    assert result.exit_code == 2 and "--published '13/09/2024': not a date" in result.stderr


def test_the_drafts_validate_with_the_data(run_cli, tmp_path):
    """`mougraph validate data draft.ttl` accepts each draft (exit 0: warnings only)."""
    from mougraph.io import resource_dir
    from tests.ingest.conftest import seeds_folder

    for source, published in ((ENGLISH, None), (DOCUMENTS / "invented-danyang-boseong-yeongju-2024.txt", None),
                              (seeds_folder() / "press-release-2023-04-10.txt", "2023-04-10"),
                              (seeds_folder() / "news-article-2023-04-10.txt", None)):
        draft = tmp_path / f"{source.stem}.ttl"
        args = ["ingest", source, "-o", draft] + (["--published", published] if published else [])
        assert run_cli(*args).exit_code == 0
        result = run_cli("validate", resource_dir("data"), draft, "-o", tmp_path / "report.json")
        assert result.exit_code == 0, (source.name, (tmp_path / "report.json").read_text()[:2000])
