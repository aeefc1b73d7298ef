"""The names of the graphs a reasoning or validation run adds to the data's store for the time it runs.

Oxigraph's in-memory store keeps an entry for every quad it has ever held, so the names must be the same from one
run to the next (regression: a UUID per run made every run on one graph leave its temporary quads behind, 16 MB
more and 8 % slower per run at 100k triples), and differ between runs going on at the same time.
"""

import threading
from contextlib import contextmanager

import pyoxigraph as ox
import pytest

import mougraph
from mougraph.reasoning import rules as rules_module
from mougraph.reasoning.rules import materialise
from mougraph.store import oxigraph as oxigraph_store
from mougraph.store.oxigraph import TEMPORARY, temporary_graphs
from mougraph.validation.fast import dataset as validation_module


def test_runs_one_after_another_reuse_the_names():
    store = ox.Store()
    with temporary_graphs(store) as first:
        names = [first("inferring"), first("delta", 2)]
    with temporary_graphs(store) as second:
        assert [second("inferring"), second("delta", 2)] == names
    assert all(name.value.startswith(TEMPORARY) for name in names)


def test_runs_going_on_together_get_names_of_their_own():
    store, other = ox.Store(), ox.Store()
    with temporary_graphs(store) as outer, temporary_graphs(store) as inner, temporary_graphs(other) as elsewhere:
        assert outer("validate") != inner("validate")
        assert elsewhere("validate") == outer("validate")  # another store: no clash
    with temporary_graphs(store) as after:  # both ended: the first number is free again
        assert after("validate") == outer("validate")


def test_runs_in_threads_never_share_a_name():
    store, seen, lock = ox.Store(), [], threading.Lock()
    barrier = threading.Barrier(4)

    def run():
        with temporary_graphs(store) as temporary:
            barrier.wait()  # all four at once
            with lock:
                seen.append(temporary("inferring"))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 4


def test_a_failing_run_frees_its_number():
    store = ox.Store()
    with pytest.raises(RuntimeError), temporary_graphs(store) as temporary:
        name = temporary("schema")
        raise RuntimeError("stop")
    with temporary_graphs(store) as temporary:
        assert temporary("schema") == name


@pytest.mark.parametrize("run", ["reason", "validate"])
def test_two_runs_on_one_graph_use_the_same_graphs(home, monkeypatch, run):
    used: list[set] = []

    def recording(inner):
        names: set = set()
        used.append(names)
        with real(inner) as temporary:
            def name(*args):
                names.add(temporary(*args))
                return temporary(*args)

            yield name

    real = oxigraph_store.temporary_graphs
    for user in (rules_module, validation_module):  # each names its temporary graphs through the store's helper
        monkeypatch.setattr(user, "temporary_graphs", contextmanager(recording))
    graph = mougraph.load_all()
    before = set(graph.store.inner)
    for _ in range(2):
        materialise(graph) if run == "reason" else mougraph.validate(graph)
    assert len(used) == 2 and used[0] and used[0] == used[1]
    assert set(graph.store.inner) == before  # and nothing left behind
