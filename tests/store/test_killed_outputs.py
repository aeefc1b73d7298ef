"""``export -o FILE``, ``publish -o DIR`` and ``build -o DIR`` killed (SIGKILL) at random moments leave the
earlier output byte-identical, or the new one whole.

The full measurement (10 kills per command) is ``benchmarks/kill_outputs.py``; this runs two kills of each.
"""

import importlib.util
import random

import pytest

from tests.support.paths import BENCHMARKS


def _kill_outputs():
    spec = importlib.util.spec_from_file_location("kill_outputs", BENCHMARKS / "kill_outputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("command", ["export", "publish", "build"])
def test_a_killed_run_leaves_the_earlier_output(tmp_path, command):
    result = _kill_outputs().trial(command, 2, random.Random(7), tmp_path)
    assert result["failures"] == []
    assert result["earlier_intact"] + result["new_whole_when_killed"] == result["landed_while_running"]
    assert result["leftovers_after_next_run"] == 0
