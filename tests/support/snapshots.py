"""An output compared with its stored snapshot, as an RDF graph and byte for byte.

``pytest --snapshot-update`` (an option of tests/conftest.py) writes the output as the new snapshot instead;
review its diff in git before committing it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

UPDATE_HINT = "if the change is meant, rewrite the snapshot with `pytest --snapshot-update` and review its diff"


def check_snapshot(actual: bytes, snapshot: Path, *, rdf_format: str, update: bool) -> None:
    """Assert that ``actual`` is the graph of ``snapshot`` and the same bytes (or write it there when updating)."""
    if update:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_bytes(actual)
        return
    assert snapshot.is_file(), f"no snapshot at {snapshot}: write it with `pytest --snapshot-update`"
    expected = snapshot.read_bytes()
    got, want = Graph().parse(data=actual, format=rdf_format), Graph().parse(data=expected, format=rdf_format)
    if not isomorphic(got, want):
        _both, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        raise AssertionError(f"the output is another graph than {snapshot.name}; {UPDATE_HINT}\n"
                             f"only in the output:\n{_lines(only_got)}\nonly in the snapshot:\n{_lines(only_want)}")
    diff = difflib.unified_diff(expected.decode("utf-8").splitlines(), actual.decode("utf-8").splitlines(),
                                str(snapshot.name), "output", lineterm="", n=1)
    assert actual == expected, (f"the same graph as {snapshot.name}, written differently; {UPDATE_HINT}\n"
                                + "\n".join(list(diff)[:40]))


def _lines(graph: Graph) -> str:
    return "\n".join(sorted(f"  {s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph)) or "  (nothing)"
