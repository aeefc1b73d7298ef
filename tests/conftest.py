"""Shared fixtures, the ``--snapshot-update`` option, and what the markers imply.

Fixtures: ``home``, a tiny self-made mougraph project (tests never read the real ontology/, data/ or queries/
through it: it copies ``tests/fixtures/home`` to a temporary folder and points ``MOUGRAPH_HOME`` at it), and
``run_cli``, the CLI in-process; ``listener``, a local TCP listener that counts connections (the proof that
nothing went out); ``snapshot_update``, whether ``--snapshot-update`` was given
(:mod:`tests.support.snapshots`).

Markers (registered in pyproject.toml, ``--strict-markers``): a test marked ``needs_shared("<folder>")`` skips
when ``../shared/<folder>/`` is absent; one marked ``java`` skips without Java, except on CI (``CI=true``), where
Java must be there (``.ci/run`` installs it); a test that uses the running ``mougraph serve`` processes of
tests/web (the ``servers`` fixture, through ``server``, ``tight`` or ``client``) is marked ``server``.
"""

import os
import select
import shutil
import socket
import threading
from pathlib import Path

import pytest

from mougraph import store
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


@pytest.fixture(autouse=True)
def _default_backend():
    """Each test starts on the process's default backend, and one it chooses goes with it (``store.using``)."""
    with store.using(store.Backend()):
        yield


@pytest.fixture
def run_cli():
    """Run ``mougraph ARGS...`` in-process; exceptions must not escape the CLI."""
    return invoke


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections made to it: the proof that nothing went out.

    Each connection gets ``response`` (raw HTTP bytes) once its request has been read, or is closed at once when
    ``response`` is None. :meth:`connections` stops the listener and also counts the connections still waiting in
    the kernel's backlog (a client's connect() completes there before any accept), so no sleep is needed.
    """

    def __init__(self, response: bytes | None = None):
        self.response = response
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.requests: list[bytes] = []
        self._accepted = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.sock], [], [], 0.05)
            if ready:
                try:
                    conn, _ = self.sock.accept()
                except OSError:
                    return
                self._accepted += 1
                threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            if self.response is None:
                return
            conn.settimeout(10)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                while len(body) < length:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    body += chunk
                self.requests.append(head + b"\r\n\r\n" + body)
                conn.sendall(self.response)
            except OSError:
                pass

    def connections(self) -> int:
        """How many connections were made (stops the listener)."""
        self._stop.set()
        self._thread.join()
        self.sock.setblocking(False)
        waiting = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                break
            conn.close()
            waiting += 1
        self.sock.close()
        return self._accepted + waiting


@pytest.fixture
def make_listener():
    """``make_listener(response=None)``: a new :class:`Listener`; all are stopped at the end of the test."""
    made = []

    def make(response: bytes | None = None) -> Listener:
        made.append(Listener(response))
        return made[-1]

    yield make
    for item in made:
        if item.sock.fileno() != -1:
            item.connections()


@pytest.fixture
def listener(make_listener) -> Listener:
    """A :class:`Listener` that closes every connection at once."""
    return make_listener()
