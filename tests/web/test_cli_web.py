"""The serve and publish commands: options and exit codes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest


def test_serve_and_publish_are_documented(run_cli):
    serve = run_cli("serve", "--help")
    assert serve.exit_code == 0
    for option in ("--host", "--port", "--base-iri", "--timeout", "--limit", "--max-body", "--query-workers"):
        assert option in serve.output
    publish = run_cli("publish", "--help")
    assert publish.exit_code == 0 and "--base-iri" in publish.output and "-o, --output" in publish.output


def test_serve_with_missing_data_exits_2(run_cli, tmp_path):
    result = run_cli("serve", tmp_path / "missing.ttl")
    assert result.exit_code == 2
    assert "file not found" in result.output


@pytest.mark.server
def test_serve_on_a_busy_port_exits_2(web_home):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "mougraph.cli", "serve", "--port", str(port), "--query-workers", "1"],
            env={**os.environ, "MOUGRAPH_HOME": str(web_home)}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "address already in use" in result.stderr
    assert "mougraph: error: the server could not start" in result.stderr


def test_publish_needs_an_output_folder(run_cli):
    result = run_cli("publish")
    assert result.exit_code == 2 and "--output" in result.output
