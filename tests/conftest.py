"""Shared fixtures: a tiny self-made mougraph project and an in-process CLI runner.

Tests never read the real ontology/, data/ or queries/: the ``home`` fixture
copies ``tests/fixtures/home`` to a temporary folder and points
``MOUGRAPH_HOME`` at it.
"""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mougraph.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A writable copy of the test project, used via MOUGRAPH_HOME; cwd is its parent."""
    target = tmp_path / "home"
    shutil.copytree(FIXTURES / "home", target)
    monkeypatch.setenv("MOUGRAPH_HOME", str(target))
    monkeypatch.delenv("MOUGRAPH_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)
    return target


@pytest.fixture
def run_cli():
    """Run ``mougraph ARGS...`` in-process; exceptions must not escape the CLI."""
    runner = CliRunner()

    def run(*args, **kwargs):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return run
