"""Shared fixtures, the ``--snapshot-update`` option, and what the markers imply.

Fixtures: ``home``, a tiny self-made mougraph project (tests never read the real ontology/, data/ or queries/
through it: it copies ``tests/fixtures/home`` to a temporary folder and points ``MOUGRAPH_HOME`` at it), and
``run_cli``, the CLI in-process; ``snapshot_update``, whether ``--snapshot-update`` was given
(:mod:`tests.support.snapshots`).

Markers (registered in pyproject.toml, ``--strict-markers``): a test marked ``needs_shared("<folder>")`` skips
when ``../shared/<folder>/`` is absent; one marked ``java`` skips without Java, except on CI (``CI=true``), where
Java must be there (``.ci/run`` installs it); a test that uses the running ``mougraph serve`` processes of
tests/web (the ``servers`` fixture, through ``server``, ``tight`` or ``client``) is marked ``server``.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.support.cli import invoke
from tests.support.paths import SHARED

FIXTURES = Path(__file__).parent / "fixtures"
JAVA_MISSING = ("Java not found: HermiT (owlready2) runs on Java; install default-jre-headless to run this test "
                "(on CI, with CI=true, the test runs and fails instead)")


def pytest_addoption(parser):
    parser.addoption("--snapshot-update", action="store_true", default=False,
                     help="rewrite the snapshots of tests/**/snapshots/ with what the code gives now")


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config, items):
    java_missing = shutil.which("java") is None and os.environ.get("CI") != "true"
    for item in items:
        for mark in item.iter_markers("needs_shared"):
            folder = SHARED / mark.args[0]
            if not folder.is_dir():
                item.add_marker(pytest.mark.skip(reason=f"{folder} not found (read from ../shared/{mark.args[0]}/)"))
        if java_missing and item.get_closest_marker("java"):
            item.add_marker(pytest.mark.skip(reason=JAVA_MISSING))
        if "servers" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.server)


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
def snapshot_update(request) -> bool:
    """Whether ``--snapshot-update`` was given: snapshot tests then write their snapshots instead of comparing."""
    return request.config.getoption("--snapshot-update")


@pytest.fixture
def run_cli():
    """Run ``mougraph ARGS...`` in-process; exceptions must not escape the CLI."""
    return invoke
