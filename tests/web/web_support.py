"""Helpers shared by the web tests: the queries their project home ships."""

from __future__ import annotations

from pathlib import Path

from tests.support.paths import QUERIES

FIXTURE_QUERIES = Path(__file__).parent / "fixtures" / "queries"


def query_files() -> list[Path]:
    """The queries the web home ships: the repository's and the web fixtures' (names are distinct)."""
    found = {p.name: p for p in sorted(QUERIES.glob("*.rq"))}
    found.update({p.name: p for p in sorted(FIXTURE_QUERIES.glob("*.rq"))})
    return [found[name] for name in sorted(found)]
