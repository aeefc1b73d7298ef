"""The examples of the README and of docs/ run as written.

A fenced block whose info string is ``sh runnable`` holds commands, one a line, each ``mougraph ...`` with an
optional ``# exit N`` comment (the exit code expected; 0 when none). ``sh runnable slow`` blocks are marked slow.
They run in-process, in a temporary folder that links ``data/``, ``tests/``, ``queries/`` and ``ontology/`` of the
repository, so that what they write stays there. Relative links in the same files must point at files of the
repository (none outside it).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.support.cli import invoke
from tests.support.paths import ROOT

PAGES = [ROOT / "README.md", ROOT / "README.ko.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```sh runnable( slow)?\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _examples():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line_no = text[: match.start()].count("\n") + 2
            marks = [pytest.mark.slow] if match.group(1) else []
            for offset, line in enumerate(match.group(2).splitlines()):
                if line.strip() and not line.lstrip().startswith("#"):
                    where = f"{page.relative_to(ROOT)}:{line_no + offset}"
                    yield pytest.param(line, id=where, marks=marks)


EXAMPLES = list(_examples())


def test_there_are_examples_in_the_readme_and_the_cli_reference():
    ids = [p.id for p in EXAMPLES]
    assert any(i.startswith("README.md:") for i in ids) and any(i.startswith("docs/cli.md:") for i in ids)


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    for name in ("data", "tests", "queries", "ontology"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    monkeypatch.delenv("MOUGRAPH_HOME", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("line", EXAMPLES)
def test_example_runs_as_written(workdir, line):
    expected = EXIT.search(line)
    command = shlex.split(EXIT.sub("", line), comments=True)
    assert command[0] == "mougraph", f"an example runs mougraph: {line}"
    result = invoke(*command[1:])
    assert result.exit_code == (int(expected.group(1)) if expected else 0), result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_stay_inside_the_repository(page):
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a web address or an anchor of the page
        path = (page.parent / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT.resolve()), f"{page.name}: {target} leaves the repository"
        assert path.exists(), f"{page.name}: {target} does not exist"


def test_the_cli_reference_names_every_format_a_command_writes():
    from mougraph import formats

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    names = {*formats.export_formats(), *formats.table_formats(), *formats.VALIDATION_FORMATS,
             *formats.REPORT_FORMATS, *formats.REASONER_FORMATS}
    for name in sorted(names):
        assert f"`{name}`" in text, name
        for alias in formats.get(name).aliases:
            assert f"`{alias}`" in text, alias
