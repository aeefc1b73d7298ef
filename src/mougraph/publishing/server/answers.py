"""Answers remembered: the data does not change while the server runs, so a query text asked again with the same
``Accept`` gets the same bytes without taking a worker (the Wikidata Query Service caches answers the same way);
one asked while the same is waiting or running gets that one's answer (:class:`~.workers.QueryPool`).

Bounded by bytes, the least recently asked dropped first; an answer larger than an eighth of the bound is not
kept. A query whose answer may change from one run to the next (``NOW()``, ``RAND()``, ``UUID()``,
``STRUUID()``, ``BNODE()``) is never kept.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from mougraph.publishing.server.limits import digest

MB = 1024 * 1024
_VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


def volatile(text: str) -> bool:
    """The query's answer may change from one run to the next."""
    return _VOLATILE.search(text) is not None


class Answers:
    def __init__(self, size_bytes: int = 64 * MB):
        self.size = size_bytes
        self.used = 0
        self.hits = 0
        self._kept: OrderedDict[bytes, object] = OrderedDict()

    def get(self, text: str, accept: str | None):
        """The answer kept for ``text`` asked with ``accept``, or None."""
        key = digest(f"{accept or ''}\n{text}")
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
            self.hits += 1
        return found

    def keep(self, text: str, accept: str | None, outcome) -> None:
        """Keep ``outcome`` (an :class:`~.sparql.Outcome`) if it is a whole answer worth keeping."""
        size = len(outcome.body)
        if self.size <= 0 or outcome.status != 200 or size > self.size // 8 or volatile(text):
            return
        key = digest(f"{accept or ''}\n{text}")
        old = self._kept.pop(key, None)
        if old is not None:
            self.used -= len(old.body)
        self._kept[key] = outcome
        self.used += size
        while self.used > self.size:
            _, dropped = self._kept.popitem(last=False)
            self.used -= len(dropped.body)
