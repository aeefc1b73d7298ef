"""Drafts of the two seed documents and of the invented documents, made once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from mougraph.ingest.graph import turtle
from mougraph.ingest.text import ingest_text
from mougraph.io import resource_dir

SEEDS = resource_dir("data").parent.parent / "shared" / "seeds"
DOCUMENTS = Path(__file__).parent / "documents"


def seeds_folder() -> Path:
    for candidate in (SEEDS, Path("/work/shared/seeds")):
        if (candidate / "press-release-2023-04-10.txt").is_file():
            return candidate
    pytest.skip("the seed documents (shared/seeds/) are not here")


@pytest.fixture(scope="session")
def drafts():
    """name -> (Draft, rdflib Graph of its Turtle, the Turtle text)."""
    out = {}
    seeds = seeds_folder()
    for name, path, published in (("press-release", seeds / "press-release-2023-04-10.txt", "2023-04-10"),
                                  ("news-article", seeds / "news-article-2023-04-10.txt", None),
                                  ("korean", DOCUMENTS / "invented-danyang-boseong-yeongju-2024.txt", None),
                                  ("english", DOCUMENTS / "invented-coastal-cities-2024.txt", None),
                                  ("three-party", DOCUMENTS / "invented-press-release-2025-11-05.txt", "2025-11-05"),
                                  ("abroad", DOCUMENTS / "invented-sister-city-2024.txt", None),
                                  ("weekday", DOCUMENTS / "invented-english-weekday-2023.txt", None),
                                  ("english-abroad", DOCUMENTS / "invented-english-abroad-2022.txt", None)):
        draft = ingest_text(path, published=published)
        text = turtle(draft, path.name)
        out[name] = (draft, Graph().parse(data=text, format="turtle"), text)
    return out


@pytest.fixture(scope="session")
def data_graph():
    from mougraph.store import data_files, load_files

    return load_files(data_files())
