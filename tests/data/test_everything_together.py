"""The shipped data and every valid model fixture, loaded together, build, validate and reason.

The fixtures are the invented situations of real documents (tests/shapes/valid with their context,
tests/curation/valid, tests/queries/fixtures). Each is valid data on its own terms; together with data/ they must
still be: no violation, every query runs and the checks find nothing (``build``), and both reasoners find the
graph consistent. A fixture that stops being valid data alongside the rest fails here, naming its resources.
"""

from __future__ import annotations

import pytest

from tests.support.cli import invoke
from tests.support.paths import DATA, TESTS

FIXTURES = [
    TESTS / "shapes" / "context.ttl",
    TESTS / "shapes" / "valid",
    TESTS / "curation" / "valid",
    TESTS / "queries" / "fixtures",
]


def _inputs():
    return [DATA, *FIXTURES]


def test_the_shipped_data_and_every_valid_fixture_build_together(tmp_path):
    result = invoke("build", "-o", tmp_path / "build", *_inputs())
    assert result.exit_code == 0, result.output
    assert "0 violation(s)" in result.output
    assert "build OK" in result.output


def test_the_rules_find_the_shipped_data_and_every_valid_fixture_consistent():
    result = invoke("reason", "--reasoner", "rules", *_inputs())
    assert result.exit_code == 0, result.output
    assert "consistent:   yes" in result.output


@pytest.mark.slow
@pytest.mark.java
def test_hermit_finds_the_shipped_data_and_every_valid_fixture_consistent():
    result = invoke("reason", "--reasoner", "hermit", *_inputs())
    assert result.exit_code == 0, result.output
    assert "consistent:   yes" in result.output
    assert "classes:      all satisfiable" in result.output
