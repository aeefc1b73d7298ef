"""The draft and its review page are written together or not at all (regression: the draft used to be written
first, so a review page that could not be written, or Ctrl-C between the two, left a new draft beside an old or
missing page)."""

from __future__ import annotations

import pytest

from mougraph.ingest import writing
from mougraph.ingest.document import IngestError
from tests.ingest.conftest import DOCUMENTS

ENGLISH = DOCUMENTS / "invented-coastal-cities-2024.txt"


def test_a_page_that_cannot_be_written_leaves_no_draft(run_cli, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the page's folder would be", encoding="utf-8")
    draft = tmp_path / "draft.ttl"
    result = run_cli("ingest", ENGLISH, "-o", draft, "--review", blocker / "review.html")
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.stderr and "nothing was written" in result.stderr
    assert not draft.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]  # no temporary file left either


def test_a_page_that_cannot_be_written_leaves_the_earlier_draft(run_cli, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    draft = tmp_path / "draft.ttl"
    draft.write_text("# the draft of an earlier run\n", encoding="utf-8")
    result = run_cli("ingest", ENGLISH, "-o", draft, "--review", blocker / "review.html")
    assert result.exit_code == 2
    assert draft.read_text(encoding="utf-8") == "# the draft of an earlier run\n"


def test_ctrl_c_on_the_second_file_puts_the_first_back(tmp_path, monkeypatch):
    draft, page = tmp_path / "draft.ttl", tmp_path / "review.html"
    draft.write_text("old draft", encoding="utf-8")
    page.write_text("old page", encoding="utf-8")
    real, calls = writing.atomic_write, []

    def interrupted(path, content):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(path, content)

    monkeypatch.setattr(writing, "atomic_write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        writing.write_together([(draft, "new draft"), (page, "new page")])
    assert draft.read_text(encoding="utf-8") == "old draft"
    assert page.read_text(encoding="utf-8") == "old page"


def test_ctrl_c_on_the_second_file_removes_a_new_first(tmp_path, monkeypatch):
    draft, page = tmp_path / "draft.ttl", tmp_path / "review.html"
    real = writing.atomic_write
    monkeypatch.setattr(writing, "atomic_write",
                        lambda path, content: real(path, content) if path.name == "draft.ttl" else
                        (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        writing.write_together([(draft, "new draft"), (page, "new page")])
    assert not draft.exists() and not page.exists()


def test_one_name_for_both_is_refused(run_cli, tmp_path):
    same = tmp_path / "both.ttl"
    result = run_cli("ingest", ENGLISH, "-o", same, "--review", same)
    assert result.exit_code == 2 and "the same file" in result.stderr
    assert not same.exists()
    with pytest.raises(IngestError):
        writing.write_together([(same, "a"), (tmp_path / "." / "both.ttl", "b")])


def test_a_draft_on_stdout_comes_with_its_page(run_cli, tmp_path):
    page = tmp_path / "review.html"
    result = run_cli("ingest", ENGLISH, "--review", page)
    assert result.exit_code == 0 and result.stdout.startswith("# DRAFT")
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
