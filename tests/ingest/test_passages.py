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


def test_a_word_ending_like_a_sentence_does_not_cut_it(tmp_path):
    """Regression: '주요 쟁점', '다음 달' were cut after '요' and '음' (a sentence ending without its full stop)."""
    # invented: one line of two sentences, longer than the rules' limit for a line
    first = ("가시와 나군은 최근 주요 쟁점으로 떠오른 기후 위기 대응을 위해 다음 달 다시청에서 만나 생활폐기물 감량, "
             "건물 온실가스 감축, 신재생에너지 분야에서 상호 협력을 추진하기로 했다.")
    second = ("두 도시는 이번 협약으로 필요 인력을 서로 파견하고 체육 교류를 넓혀 지역 간 편견과 갈등을 없애는 데 "
              "앞장선다.")
    path = tmp_path / "long.txt"
    path.write_text(f"{first} {second}\n", encoding="utf-8")
    assert [p.text for p in read(path).passages] == [first, second]
