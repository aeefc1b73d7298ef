"""Fixtures of the web tests: a project home with the real ontology and data, and running servers.

Unlike the other areas, these tests publish the real ontology/ and data/ (copied into a
temporary MOUGRAPH_HOME), since the pages are about them. The queries are the shipped
queries/*.rq plus tests/web/fixtures/queries/*.rq, so there are always some to run.

``servers`` starts three ``mougraph serve`` processes at once on free ports of 127.0.0.1:
``main`` (the normal limits), ``tight`` (2 s time limit, 2,000-byte bodies, 3 rows, no cost budget) and
``crowded`` (one worker, 1,000 rows, one waiting query, one query per client, 300 MB per query, 2 s for a client to send
its request, no cost budget: tests/web/test_endpoint_limits.py); all are stopped when the session ends.
The tests that use them are marked ``server`` (tests/conftest.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.paths import DATA, ONTOLOGY
from tests.support.servers import free_port
from tests.web.web_support import query_files

STARTUP_SECONDS = 90


@pytest.fixture(scope="session")
def web_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("web-home")
    shutil.copytree(ONTOLOGY, home / "ontology")
    shutil.copytree(DATA, home / "data")
    (home / "queries").mkdir()
    for path in query_files():
        shutil.copy(path, home / "queries" / path.name)
        expected = path.with_name(path.name[: -len(".rq")] + ".expected.csv")
        if expected.is_file():
            shutil.copy(expected, home / "queries" / expected.name)
    return home


@pytest.fixture
def in_web_home(web_home, monkeypatch) -> Path:
    """Point MOUGRAPH_HOME at the web home for an in-process call."""
    monkeypatch.setenv("MOUGRAPH_HOME", str(web_home))
    return web_home


class Server:
    def __init__(self, name: str, args: list[str], home: Path, log: Path):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "MOUGRAPH_HOME": str(home)}
        env.pop("MOUGRAPH_DEBUG", None)
        self.log = log
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mougraph.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port), *args],
            env=env, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server {self.name} exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                if httpx.get(self.url + "/", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server {self.name} did not start in {STARTUP_SECONDS} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # uvicorn shuts down and stops the query workers
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # its own session: the server and its workers
                self.process.wait(timeout=5)
        self._log_file.close()


@pytest.fixture(scope="session")
def servers(web_home, tmp_path_factory):
    logs = tmp_path_factory.mktemp("server-logs")
    started = {
        "main": Server("main", ["--timeout", "30", "--limit", "10000"], web_home, logs / "main.log"),
        # the servers that test the limits remember no answers: a query asked again must meet the limits again
        "tight": Server("tight", ["--timeout", "2", "--limit", "3", "--max-body", "2000", "--query-workers", "2",
                                  "--max-cost", "0", "--answer-cache", "0"], web_home, logs / "tight.log"),
        "crowded": Server("crowded", ["--timeout", "4", "--limit", "1000", "--query-workers", "1", "--queue-size", "1",
                                      "--queue-timeout", "30", "--client-queries", "1", "--max-cost", "0",
                                      "--query-memory", "300", "--client-timeout", "2", "--answer-cache", "0"],
                          web_home, logs / "crowded.log"),
    }
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        for server in started.values():
            server.wait_ready(deadline)
        yield started
    finally:
        for server in started.values():
            server.stop()


@pytest.fixture(scope="session")
def server(servers) -> Server:
    return servers["main"]


@pytest.fixture(scope="session")
def tight(servers) -> Server:
    return servers["tight"]


@pytest.fixture(scope="session")
def crowded(servers) -> Server:
    return servers["crowded"]


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c
