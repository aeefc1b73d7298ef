"""The endpoint's limits that do not need a worker: per-client concurrency, remembered refusals, worker count.

- :class:`Clients` counts the queries each client has running or waiting; one more than ``per_client`` gets
  429. A client is its address and its ``User-Agent`` (as the Wikidata Query Service throttles): behind one
  address (a NAT, a proxy, a load test) distinct programs are distinct clients, and a client that changes
  its ``User-Agent`` still meets the bounded queue and the cost budget.
- :class:`Verdicts` remembers, for a while, the queries that were stopped (time or memory limit) or refused
  (cost budget), by their text: the same text sent again is answered at once, without taking a worker
  (a client that loops on an explosive query costs nothing more).
- :func:`default_workers`: one worker per CPU this process may run on, at least 2 (so that one long query
  leaves another worker free) and at most 8 (each worker holds a copy of the graph).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

MIN_WORKERS, MAX_WORKERS = 2, 8


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (a container, taskset)
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_workers() -> int:
    return max(MIN_WORKERS, min(MAX_WORKERS, available_cpus()))


class TooManyQueries(Exception):
    pass


class Clients:
    """How many queries each client has in the endpoint (running or waiting)."""

    def __init__(self, per_client: int):
        self.per_client = per_client
        self._active: dict[str, int] = {}

    @contextmanager
    def admit(self, client: str | None) -> Iterator[None]:
        """Count one query of ``client`` while the block runs; :class:`TooManyQueries` when it has enough."""
        if client is None or self.per_client <= 0:
            yield
            return
        if self._active.get(client, 0) >= self.per_client:
            raise TooManyQueries
        self._active[client] = self._active.get(client, 0) + 1
        try:
            yield
        finally:
            left = self._active[client] - 1
            if left:
                self._active[client] = left
            else:
                del self._active[client]


def digest(text: str) -> bytes:
    """The key of a query text in the server's memories (texts may be up to --max-body long)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class Verdicts:
    """Refusals remembered by query text for ``seconds`` (at most ``size`` of them, the oldest dropped first)."""

    def __init__(self, seconds: float = 60.0, size: int = 512):
        self.seconds, self.size = seconds, size
        self._known: OrderedDict[str, tuple[float, object]] = OrderedDict()

    def remember(self, text: str, outcome: object, seconds: float | None = None) -> None:
        key = digest(text)
        self._known.pop(key, None)
        self._known[key] = (time.monotonic() + (self.seconds if seconds is None else seconds), outcome)
        while len(self._known) > self.size:
            self._known.popitem(last=False)

    def get(self, text: str) -> tuple[object, float] | None:
        """(the remembered outcome, seconds it is still remembered), or None."""
        key = digest(text)
        found = self._known.get(key)
        if found is None:
            return None
        left = found[0] - time.monotonic()
        if left <= 0:
            del self._known[key]
            return None
        return found[1], left
