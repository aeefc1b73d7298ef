"""The Turtle export of the test project (tests/fixtures/home) is its snapshot, as a graph and byte for byte.

Exports are deterministic, so any change of the bytes is a change of the exporter. After a deliberate one, rewrite
the snapshot with ``pytest tests/export --snapshot-update`` and review its diff in git.
"""

from pathlib import Path

from tests.support.snapshots import check_snapshot

SNAPSHOTS = Path(__file__).parent / "snapshots"


def test_turtle_export_of_the_test_project_is_its_snapshot(run_cli, home, tmp_path, snapshot_update):
    out = tmp_path / "home.ttl"
    result = run_cli("export", "-f", "ttl", "-o", out)
    assert result.exit_code == 0, result.output
    check_snapshot(out.read_bytes(), SNAPSHOTS / "home.ttl", rdf_format="turtle", update=snapshot_update)
