"""Running ``mougraph`` in tests: in-process through click's test runner, or the installed script as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mougraph.cli import cli

#: The console script ``pip install`` wrote beside this interpreter.
SCRIPT = Path(sys.executable).parent / "mougraph"
needs_script = pytest.mark.skipif(not SCRIPT.exists(), reason="mougraph script not installed in this environment")


def invoke(*args, **kwargs) -> Result:
    """``mougraph ARGS...`` in-process; exceptions must not escape the CLI (they fail the test)."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)


def run_script(*args, home: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed ``mougraph ARGS...`` in a new process, on the repository (or on ``home``), without debug."""
    env = {k: v for k, v in os.environ.items() if k not in ("MOUGRAPH_HOME", "MOUGRAPH_DEBUG")}
    if home is not None:
        env["MOUGRAPH_HOME"] = str(home)
    return subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd)
