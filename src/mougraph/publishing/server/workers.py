"""Query workers: SPARQL runs in separate processes, each stopped when it passes the time limit.

Processes, because a query cannot be stopped once it runs inside the server's own process.
The endpoint evaluates with Oxigraph (:func:`mougraph.query.run_sparql`), and pyoxigraph's
``Store.query`` takes no time limit and offers no way to cancel an evaluation; Python cannot
stop a thread, and a signal reaches only the main thread, and only when Oxigraph hands control
back (after a row; for a query that sorts, groups or counts, at the very end). pyoxigraph
releases the GIL while it evaluates, so a query in a thread would not stall the event loop,
but an abandoned one would keep a core and its memory until it finished by itself; and
rdflib's engine, which answers with the memory backend or when Oxigraph does not accept the
query, holds the GIL throughout. Killing a process stops its query at once and frees both.

Each worker is a process (``spawn``; it loads the graph once) that answers one query at a
time over a pipe. The server waits for the answer without blocking its event loop; when the
time limit passes it kills that worker, answers 503, and starts a fresh one in the
background. Pages and other queries keep being answered meanwhile (the other workers, the
event loop).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from mougraph.errors import WorkerStartError
from mougraph.publishing.server.sparql import Outcome, execute
from mougraph.publishing.site import DEFAULT_BASE, rebase
from mougraph.store import load_all

STARTUP_TIMEOUT = 120.0


def _worker_main(conn: Connection, data: list[str] | None, limit: int, base: str) -> None:
    """Body of a worker process: load the graph, then answer (text, accept) requests until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the server, which stops us
    try:
        graph = rebase(load_all(data), base)
    except Exception as exc:  # report the problem (bad data file, ...) to the server, then stop
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", len(graph)))
    while True:
        try:
            text, accept = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        conn.send(execute(graph, text, accept, limit))


@dataclass(eq=False)
class Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """``size`` worker processes; :meth:`run` answers a query within ``timeout`` seconds or 503."""

    def __init__(self, *, size: int = 2, timeout: float = 10.0, limit: int = 10000,
                 data: Iterable[str | Path] | None = None, base: str = DEFAULT_BASE):
        self.size = max(1, size)
        self.base = base
        self.timeout = timeout
        self.limit = limit
        self.data = [str(p) for p in data] if data else None
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[Worker] | None = None
        self._all: set[Worker] = set()
        self._tasks: set[asyncio.Task] = set()
        self.triples = 0
        self.restarts = 0

    async def _await_message(self, conn: Connection, timeout: float):
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        loop.add_reader(conn.fileno(), lambda: ready.done() or ready.set_result(None))
        try:
            await asyncio.wait_for(ready, timeout)
        finally:
            loop.remove_reader(conn.fileno())
        return await asyncio.to_thread(conn.recv)

    async def _spawn(self) -> None:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(child, self.data, self.limit, self.base),
                                        name="mougraph-query-worker", daemon=True)
        process.start()
        child.close()
        worker = Worker(process, parent)
        self._all.add(worker)
        try:
            message = await self._await_message(parent, STARTUP_TIMEOUT)
        except (TimeoutError, EOFError, OSError) as exc:
            self._discard(worker)
            raise WorkerStartError(f"a query worker did not start: {type(exc).__name__}: {exc}") from exc
        if message[0] != "ready":
            self._discard(worker)
            raise WorkerStartError(f"a query worker could not load the graph: {message[1]}")
        self.triples = message[1]
        self._idle.put_nowait(worker)

    def _discard(self, worker: Worker) -> None:
        self._all.discard(worker)
        worker.stop()

    def _replace(self, worker: Worker) -> None:
        """Kill ``worker`` (it may be mid-query) and start another in the background."""
        self._discard(worker)
        self.restarts += 1
        task = asyncio.get_running_loop().create_task(self._spawn())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        await asyncio.gather(*(self._spawn() for _ in range(self.size)))

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            self._discard(worker)

    async def run(self, text: str, accept: str | None) -> Outcome:
        """Answer one query: the worker's outcome, or 503 when the time limit passes."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.timeout)
        except TimeoutError:
            return Outcome.error(503, f"All {self.size} query workers stayed busy for {self.timeout:g} s; "
                                      f"try again later.")
        try:
            worker.conn.send((text, accept))
            outcome = await self._await_message(worker.conn, max(deadline - loop.time(), 0.001))
        except TimeoutError:
            self._replace(worker)
            return Outcome.error(503, f"The query was stopped: it ran longer than the time limit of "
                                      f"{self.timeout:g} s. Narrow it down (a LIMIT, more specific patterns) "
                                      f"and try again.")
        except (EOFError, OSError) as exc:
            self._replace(worker)
            return Outcome.error(500, f"The query worker stopped unexpectedly ({type(exc).__name__}); try again.")
        except BaseException:  # cancelled (client gone, server stopping): the worker may be mid-query
            self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        return outcome
