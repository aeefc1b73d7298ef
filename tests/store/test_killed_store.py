"""A persistent store killed (SIGKILL) while a run loads or queries it reopens with the same answers.

The full measurement (10 kills per mode) is ``benchmarks/kill_store.py``; this runs a few of its kills.
"""

import importlib.util
import random

import pytest

from tests.support.paths import BENCHMARKS


def _kill_store():
    spec = importlib.util.spec_from_file_location("kill_store", BENCHMARKS / "kill_store.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["load", "query"])
def test_a_store_killed_at_random_moments_reopens_with_the_same_answers(tmp_path, mode):
    result = _kill_store().trial(mode, 3, "cq01-partners", random.Random(7), tmp_path)
    assert result["failures"] == []
    assert result["same_answer_after"] == 3
