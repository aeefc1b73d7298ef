"""Helpers shared by the web tests (imported by module name: tests/ has no packages)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE_QUERIES = Path(__file__).parent / "fixtures" / "queries"


def query_files() -> list[Path]:
    """The queries the web home ships: the repository's and the web fixtures' (names are distinct)."""
    found = {p.name: p for p in sorted((REPO / "queries").glob("*.rq"))}
    found.update({p.name: p for p in sorted(FIXTURE_QUERIES.glob("*.rq"))})
    return [found[name] for name in sorted(found)]
