"""A small sample of the fuzz run (docs/fuzzing.md) in the default suite: a few hundred generated inputs through
the Python API, a few through the command line; none may crash, hang, raise an internal error, be accepted while
invalid, be exported unreadable, or be refused without naming its file and line."""

from tests.fuzz.runner import run

MUST_BE_ZERO = ["crash", "hang", "internal error", "exit 0 on invalid input", "invalid export", "error without file",
                "error without line"]


def test_a_sample_of_generated_inputs_finds_no_failure():
    summary = run(seed=17, count=250, cli=4, timeout=10.0)
    assert summary.inputs == 250 and summary.cli_inputs == 4
    assert summary.outcomes["error"] > 0 and summary.outcomes["accepted"] > 0  # it did feed good and bad input
    found = {kind: summary.examples.get(kind, [])[:3] for kind in MUST_BE_ZERO if summary.failures[kind]}
    assert not found, summary.table()
