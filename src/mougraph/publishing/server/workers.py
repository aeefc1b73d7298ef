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

The limits, each with its own answer (docs/endpoint-limits.md):

- a query waits for a worker at most ``queue_timeout`` seconds, and at most ``queue_size`` queries wait:
  one more gets 503 at once; both 503s carry ``Retry-After``;
- a client (:class:`~mougraph.publishing.server.limits.Clients`) has at most ``per_client`` queries running
  or waiting: one more gets 429 with ``Retry-After``;
- a worker's address space may grow by ``memory`` bytes past what it holds once the graph is loaded
  (``RLIMIT_AS``): a query that needs more makes Oxigraph abort the process (or Python raise
  ``MemoryError``); the server answers 503 and replaces the worker;
- a query stopped by the time or memory limit, or refused by the cost budget, is remembered by its text
  (:class:`~mougraph.publishing.server.limits.Verdicts`): sent again, it gets the same answer at once.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import re
import resource
import signal
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from mougraph.errors import WorkerStartError
from mougraph.publishing.server.answers import Answers, volatile
from mougraph.publishing.server.cost import CostModel
from mougraph.publishing.server.limits import Clients, TooManyQueries, Verdicts, default_workers
from mougraph.publishing.server.sparql import Outcome, analyse, execute
from mougraph.publishing.site import DEFAULT_BASE, rebase
from mougraph.query import available_queries
from mougraph.store import load_all

STARTUP_TIMEOUT = 120.0
MB = 1 << 20
#: How long a query stopped by the time or memory limit is answered from memory when sent again.
STOPPED_REMEMBERED = 60.0
#: The answer to a client that went away while its query waited for a worker (nobody reads it).
GONE = Outcome.error(499, "The client went away before its query had a worker: it was not run.")


def _address_space() -> int | None:
    """Bytes of this process's address space (VmSize), or None where /proc does not tell."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            found = re.search(r"^VmSize:\s+(\d+) kB", status.read(), re.MULTILINE)
    except OSError:
        return None
    return int(found.group(1)) * 1024 if found else None


def limit_memory(extra: int) -> int | None:
    """Let this process's address space grow by at most ``extra`` bytes from now; the limit set, or None."""
    now = _address_space()
    if extra <= 0 or now is None:
        return None
    cap = now + extra
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return cap


def prepare_examples(model: CostModel | None) -> None:
    """Parse (and estimate) the shipped queries now: the query page offers them, and rdflib takes 0.1-0.4 s to
    parse one; each worker would otherwise parse each while clients wait (see :func:`sparql.analyse`)."""
    for path in available_queries().values():
        try:
            text = path.read_text(encoding="utf-8")
            analysis = analyse(text)
            if model is not None and analysis.algebra is not None:
                model.estimate(analysis.algebra, key=text)
        except Exception:  # noqa: BLE001 (a query that fails here fails the same way when a client sends it)
            continue


def _worker_main(conn: Connection, data: list[str] | None, limit: int, base: str, memory: int = 0,
                 max_cost: float = 0) -> None:
    """Body of a worker process: load the graph, then answer (text, accept) requests until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the server, which stops us
    try:
        graph = rebase(load_all(data), base)
        model = CostModel(graph) if max_cost > 0 else None
    except Exception as exc:  # report the problem (bad data file, ...) to the server, then stop
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    prepare_examples(model)
    limit_memory(memory)
    conn.send(("ready", len(graph)))
    while True:
        try:
            text, accept = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            outcome = execute(graph, text, accept, limit, model=model, max_cost=max_cost)
        except MemoryError:  # Python ran out of room (Oxigraph itself aborts the process): start afresh
            outcome = Outcome.error(503, "")  # filled in by the server, which knows the limit
            outcome.retire = True
        conn.send(outcome)
        if outcome.retire:
            return


#: Seconds before a remembered refusal is answered again.
REPEAT_DELAY = 0.5


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
    """``size`` worker processes (default: from the machine); :meth:`run` answers a query or says why not."""

    def __init__(self, *, size: int | None = None, timeout: float = 10.0, limit: int = 10000,
                 data: Iterable[str | Path] | None = None, base: str = DEFAULT_BASE, queue_size: int = 64,
                 queue_timeout: float = 5.0, per_client: int = 4, memory: int = 1024 * MB, max_cost: float = 1e7,
                 answers: int = 64 * MB):
        self.size = max(1, size or default_workers())
        self.base = base
        self.timeout = timeout
        self.limit = limit
        self.queue_size = queue_size
        self.queue_timeout = queue_timeout
        self.memory = memory
        self.max_cost = max_cost
        self.clients = Clients(per_client)
        self.verdicts = Verdicts()
        self.answers = Answers(answers)
        self._running: dict[tuple[str, str | None], asyncio.Future] = {}  # queries waiting or running, by text
        self.data = [str(p) for p in data] if data else None
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[Worker] | None = None
        self._all: set[Worker] = set()
        self._tasks: set[asyncio.Task] = set()
        self._waiting = 0
        self._busy_seconds = 0.5  # a running estimate of how long a query holds a worker (for Retry-After)
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
        process = self._context.Process(target=_worker_main, name="mougraph-query-worker", daemon=True,
                                        args=(child, self.data, self.limit, self.base, self.memory, self.max_cost))
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

    def _retry_after(self) -> float:
        """Seconds until the queries waiting now have probably been answered."""
        return min(max(self._busy_seconds * (self._waiting + 1) / self.size, 1.0), 60.0)

    def _out_of_memory(self) -> Outcome:
        return Outcome.error(503, f"The query was stopped: it needed more than the memory limit of "
                                  f"{self.memory // MB} MB per query. Narrow it down (a LIMIT, more specific "
                                  f"patterns, no ORDER BY over a large result) and try again.",
                             retry_after=STOPPED_REMEMBERED, remember=STOPPED_REMEMBERED)

    async def run(self, text: str, accept: str | None, client: str | None = None,
                  gone: asyncio.Future | None = None) -> Outcome:
        """Answer one query: the worker's outcome, or the limit it met (429, 503).

        ``gone`` completes when the client goes away: a query still waiting for a worker then leaves the queue
        unrun (:data:`GONE`). One already running is left to finish within the time limit rather than killed,
        since a fresh worker reloads the whole graph: a client that comes and goes must not cost that.
        """
        known = self.verdicts.get(text)
        if known is not None:
            # a loop resending a refused query waits a little for the same answer (asleep, it costs nothing):
            # answered at once, three such loops sent 12,000 requests a minute and slowed everyone else
            await asyncio.sleep(REPEAT_DELAY)
            outcome, left = known
            if "Retry-After" in outcome.headers:
                outcome.headers["Retry-After"] = str(max(1, round(left)))
            return outcome
        kept = self.answers.get(text, accept)
        if kept is not None:
            return kept
        key = (text, accept)
        same = self._running.get(key)
        if same is not None:  # the same query is already waiting or running: its answer is this one's
            outcome = await asyncio.shield(same)
            if outcome is not None:
                return outcome
        mine = asyncio.get_running_loop().create_future() if not volatile(text) else None
        if mine is not None:
            self._running[key] = mine
        outcome = None
        try:
            with self.clients.admit(client):
                outcome = await self._queue_and_run(text, accept, gone)
        except TooManyQueries:
            return Outcome.error(429, f"Too many queries at once from this client: at most "
                                      f"{self.clients.per_client} may run or wait at a time. Wait for an answer "
                                      f"before sending the next query.", retry_after=self._retry_after())
        finally:
            if mine is not None:
                if self._running.get(key) is mine:
                    del self._running[key]
                # those waiting for it run it themselves when it was not run for them (its client went away,
                # or had too many queries): None
                mine.set_result(outcome if outcome is not None and outcome is not GONE else None)
        if outcome.remember:
            self.verdicts.remember(text, outcome, outcome.remember)
        self.answers.keep(text, accept, outcome)
        return outcome

    async def _next_worker(self, gone: asyncio.Future | None) -> Worker | None:
        """An idle worker, or None when the client went away first; TimeoutError after ``queue_timeout``."""
        if gone is None:
            return await asyncio.wait_for(self._idle.get(), self.queue_timeout)
        taking = asyncio.ensure_future(self._idle.get())
        try:
            await asyncio.wait({taking, gone}, timeout=self.queue_timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            if not taking.done():
                taking.cancel()
        if taking.done() and not taking.cancelled():
            if gone.done():  # both at once: the worker goes back for the next query
                self._idle.put_nowait(taking.result())
                return None
            return taking.result()
        if gone.done():
            return None
        raise TimeoutError

    async def _queue_and_run(self, text: str, accept: str | None, gone: asyncio.Future | None = None) -> Outcome:
        if self._idle.empty() and self._waiting >= self.queue_size:
            return Outcome.error(503, f"The endpoint is busy: all {self.size} query workers are taken and "
                                      f"{self._waiting} queries are waiting. Try again later.",
                                 retry_after=self._retry_after())
        loop = asyncio.get_running_loop()
        self._waiting += 1
        try:
            worker = await self._next_worker(gone)
        except TimeoutError:
            return Outcome.error(503, f"The endpoint is busy: no query worker was free within "
                                      f"{self.queue_timeout:g} s. Try again later.", retry_after=self._retry_after())
        finally:
            self._waiting -= 1
        if worker is None:
            return GONE
        started = loop.time()
        try:
            worker.conn.send((text, accept))
            outcome = await self._await_message(worker.conn, self.timeout)
        except TimeoutError:
            self._replace(worker)
            return Outcome.error(503, f"The query was stopped: it ran longer than the time limit of "
                                      f"{self.timeout:g} s. Narrow it down (a LIMIT, more specific patterns) "
                                      f"and try again.", retry_after=STOPPED_REMEMBERED, remember=STOPPED_REMEMBERED)
        except (EOFError, OSError) as exc:
            worker.process.join(timeout=2)
            aborted = worker.process.exitcode == -signal.SIGABRT  # how Rust ends a process when an allocation fails
            self._replace(worker)
            if aborted:
                return self._out_of_memory()
            return Outcome.error(500, f"The query worker stopped unexpectedly ({type(exc).__name__}); try again.")
        except BaseException:  # cancelled (client gone, server stopping): the worker may be mid-query
            self._replace(worker)
            raise
        self._busy_seconds = 0.8 * self._busy_seconds + 0.2 * (loop.time() - started)
        if outcome.retire:
            self._replace(worker)
            return self._out_of_memory()
        self._idle.put_nowait(worker)
        return outcome
