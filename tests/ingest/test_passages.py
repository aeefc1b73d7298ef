"""Every fact cites a passage that really holds the quoted words, and each passage is a line of the file."""

from __future__ import annotations

import pytest

from mougraph.ingest.document import read
from mougraph.ingest.graph import turtle
from mougraph.ingest.text import ingest_text

NAMES = ("press-release", "news-article", "korean", "english", "three-party", "abroad", "weekday",
         "english-abroad")


@pytest.mark.parametrize("name", NAMES)
def test_every_quote_is_in_its_passage(drafts, name):
    draft, _, _ = drafts[name]
    reviewed = [f for f in draft.facts if f.claim]
    assert len(reviewed) > 20
    for fact in reviewed:
        assert fact.quote, (fact.what, fact.s, fact.o)
        assert fact.quote in fact.passage.text, (fact.what, fact.quote, fact.passage)


@pytest.mark.parametrize("name", NAMES)
def test_every_passage_is_its_line(drafts, name):
    draft, _, _ = drafts[name]
    lines = _file_of(name).read_text(encoding="utf-8").splitlines()
    for p in draft.passages:
        assert p.text in lines[p.line - 1]


def _file_of(name):
    from tests.ingest.conftest import DOCUMENTS, seeds_folder

    return {"press-release": seeds_folder() / "press-release-2023-04-10.txt",
            "news-article": seeds_folder() / "news-article-2023-04-10.txt",
            "korean": DOCUMENTS / "invented-danyang-boseong-yeongju-2024.txt",
            "english": DOCUMENTS / "invented-coastal-cities-2024.txt",
            "three-party": DOCUMENTS / "invented-press-release-2025-11-05.txt",
            "abroad": DOCUMENTS / "invented-sister-city-2024.txt",
            "weekday": DOCUMENTS / "invented-english-weekday-2023.txt",
            "english-abroad": DOCUMENTS / "invented-english-abroad-2022.txt"}[name]


def test_page_clutter_is_not_a_passage(drafts):
    draft, _, _ = drafts["news-article"]
    assert max(p.line for p in draft.passages) < 39  # the reactions, headlines and prices after the article


@pytest.mark.parametrize("name", NAMES)
def test_same_input_same_bytes(drafts, name):
    _, _, text = drafts[name]
    path = _file_of(name)
    published = {"press-release": "2023-04-10", "three-party": "2025-11-05"}.get(name)  # as conftest reads them
    again = turtle(ingest_text(path, published=published), path.name)
    assert again == text


def test_a_long_line_is_cut_into_sentences(tmp_path):
    # invented: one line of six sentences, longer than the rules' limit for a line
    text = ("가시는 12일 나시청에서 다군과 상생협력 협약을 체결했다고 밝혔다. " * 6).strip()
    path = tmp_path / "long.txt"
    path.write_text(text + "\n", encoding="utf-8")
    passages = read(path).passages
    assert [p.sentence for p in passages] == [1, 2, 3, 4, 5, 6] and {p.line for p in passages} == {1}
