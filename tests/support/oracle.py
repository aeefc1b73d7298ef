"""The shipped files read with plain rdflib (``Graph().parse``), not with mougraph's store.

The data, shape and query tests check the files against this oracle, so that a bug in mougraph's loading cannot
hide a fault of the files (or make one up).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

from tests.support.paths import ONTOLOGY_FILES


def parse(*paths: Path, format: str = "turtle") -> Graph:
    """A new graph holding the triples of ``paths``."""
    graph = Graph()
    for path in paths:
        graph.parse(path, format=format)
    return graph


@cache
def ontology() -> Graph:
    """The shipped OWL and SKOS files in one graph, read once: merge it into another graph, never change it."""
    return parse(*ONTOLOGY_FILES)
