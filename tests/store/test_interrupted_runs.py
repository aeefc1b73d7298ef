"""A persistent store reopened after a killed reason/validate run: its temporary graphs are gone, the rest stays."""

import gc

import pyoxigraph as ox
from rdflib import Literal, URIRef

from mougraph import store
from mougraph.store.literals import restore_graph_name
from mougraph.store.oxigraph import temporary_graphs
from mougraph.store.terms import graph_name

EX = "http://example.org/t/"
INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
# "01" is stored by Oxigraph as "1": the literal as written is kept in the store's restore graph
DATA = '@prefix ex: <http://example.org/t/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n' \
       'ex:a ex:p "01"^^xsd:integer , "plain" , ex:b .\n'


def _close(directory) -> None:
    """Close the persistent store at ``directory`` (Oxigraph releases its lock when the store is dropped)."""
    store.persistent.OPEN_STORES.pop(directory.resolve(), None)
    gc.collect()


def _quads(inner: ox.Store, name) -> set:
    return set(inner.quads_for_pattern(None, None, None, name))


def _load(tmp_path):
    data = tmp_path / "data.ttl"
    if not data.exists():
        data.write_text(DATA, encoding="utf-8")
    store.configure(directory=tmp_path / "db")
    return store.load_files([data])


def test_reopening_removes_the_graphs_of_an_interrupted_run(tmp_path, capsys):
    db = tmp_path / "db"
    graph = _load(tmp_path)
    triples, name = set(graph), graph_name(graph.identifier)
    companion = restore_graph_name(name)
    restore = _quads(graph.store.inner, companion)
    assert restore, "the fixture must give the store a restore graph to keep"
    del graph
    _close(db)
    capsys.readouterr()

    raw = ox.Store(str(db))
    with temporary_graphs(raw) as temporary:  # what rules.py and validate.py had written when the process was killed
        left = [temporary("inferring"), temporary("schema"), temporary("delta", 3), temporary("validate")]
    s, p = ox.NamedNode(EX + "a"), ox.NamedNode(EX + "derived")
    raw.extend(ox.Quad(s, p, ox.Literal(str(i)), g) for i, g in enumerate(left))
    raw.flush()
    assert set(raw.named_graphs()) == {name, companion, *left}
    del raw
    gc.collect()

    again = _load(tmp_path)
    inner = again.store.inner
    assert set(inner.named_graphs()) == {name, companion}
    assert not any(True for _ in inner.quads_for_pattern(s, p, None, None))  # not in the union graph either
    assert set(again) == triples
    assert _quads(inner, companion) == restore
    assert (URIRef(EX + "a"), URIRef(EX + "p"), Literal("01", datatype=INTEGER)) in again  # still as written
    err = capsys.readouterr().err
    assert err == f"note: {db.resolve()}: removed 4 temporary graphs left by an interrupted run\n"

    del again, inner  # swept for good: the next opening has nothing to say
    _close(db)
    _load(tmp_path)
    assert capsys.readouterr().err == ""


def test_a_clean_store_reopens_without_a_note(tmp_path, capsys):
    db = tmp_path / "db"
    graph = _load(tmp_path)
    triples = set(graph)
    assert capsys.readouterr().err == ""
    del graph
    _close(db)
    again = _load(tmp_path)
    assert set(again) == triples
    assert capsys.readouterr().err == ""
