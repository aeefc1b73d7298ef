"""The two store backends (rdflib memory, Oxigraph) give the same answers and the same bytes; the persistent store."""

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from mougraph import MougraphError, store
from mougraph.export import FORMATS, serialize
from mougraph.export.results import render
from mougraph.query import available_queries, query

EX = "http://example.org/t/"
DATE_TIME_STAMP = URIRef("http://www.w3.org/2001/XMLSchema#dateTimeStamp")
EDGE_TTL = r'''@prefix ex: <http://example.org/t/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p "tab\there \\ \"q\" \u0007bell \u000cff\r\nnl" , "01"^^xsd:integer , "1.50"^^xsd:decimal ,
    "1"^^xsd:nonNegativeInteger , "2023-04-10T11:10:00+09:00"^^xsd:dateTimeStamp , "20x6"^^xsd:gYear ,
    "PT10M"^^xsd:duration , "0"^^xsd:boolean , "plain" , "한국어"@ko , [ ex:q "b" ] .
_:n ex:p _:m . _:m ex:p "1"^^xsd:int .
'''


def _with(backend):
    store.configure(backend=backend)
    return store.load_all()


def test_new_graph_follows_the_backend(monkeypatch):
    monkeypatch.delenv("MOUGRAPH_STORE", raising=False)
    assert store.is_oxigraph(store.new_graph())  # the default
    monkeypatch.setenv("MOUGRAPH_STORE", "memory")
    assert not store.is_oxigraph(store.new_graph())
    store.configure(backend="oxigraph")
    assert store.is_oxigraph(store.new_graph())
    monkeypatch.setenv("MOUGRAPH_STORE", "nosuch")
    store.configure()
    with pytest.raises(MougraphError, match="unknown store backend"):
        store.new_graph()


@pytest.mark.slow
def test_shipped_queries_and_exports_are_the_same_bytes_on_both_backends():
    graphs = {b: _with(b) for b in ("memory", "oxigraph")}
    assert store.is_oxigraph(graphs["oxigraph"]) and not store.is_oxigraph(graphs["memory"])
    assert len(graphs["memory"]) == len(graphs["oxigraph"])
    for name in available_queries():
        runs = {b: query(name, graph=g) for b, g in graphs.items()}
        fmts = ("nt", "ttl") if runs["memory"].type in ("CONSTRUCT", "DESCRIBE") else ("csv", "tsv", "json")
        for fmt in fmts:
            assert render(runs["memory"], fmt) == render(runs["oxigraph"], fmt), f"{name} as {fmt}"
    for fmt in FORMATS:
        assert serialize(graphs["memory"], fmt) == serialize(graphs["oxigraph"], fmt), fmt


def test_literals_read_back_as_written(tmp_path):
    path = tmp_path / "edge.ttl"
    path.write_text(EDGE_TTL, encoding="utf-8")
    loaded = {}
    for backend in ("memory", "oxigraph"):
        store.configure(backend=backend)
        loaded[backend] = store.load_files([path])
    mem, oxi = loaded["memory"], loaded["oxigraph"]
    def without_blank_nodes(graph):
        return {t for t in graph if not any(isinstance(x, BNode) for x in t)}

    assert without_blank_nodes(mem) == without_blank_nodes(oxi)
    assert len(mem) == len(oxi)
    stamp = Literal("2023-04-10T11:10:00+09:00", datatype=DATE_TIME_STAMP)
    assert (URIRef(EX + "a"), URIRef(EX + "p"), stamp) in oxi
    assert serialize(mem, "nt") == serialize(oxi, "nt")
    # Oxigraph keeps the value semantics of what it stored: a dateTimeStamp compares as a dateTime
    found = oxi.query('PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT ?v WHERE { ?s ?p ?v '
                      'FILTER (isLiteral(?v) && datatype(?v) = xsd:dateTime '
                      '&& ?v > "2023-01-01T00:00:00Z"^^xsd:dateTime) }')
    assert [str(row.v) for row in found] == ["2023-04-10T11:10:00+09:00"]
    # rdflib's parsed queries (pySHACL, the rules) are answered by rdflib's engine over the same triples
    prepared = prepareQuery("SELECT ?v WHERE { ?s <http://example.org/t/p> ?v }")
    assert ({row.v for row in oxi.query(prepared) if not isinstance(row.v, BNode)}
            == {row.v for row in mem.query(prepared) if not isinstance(row.v, BNode)})


XSD = "http://www.w3.org/2001/XMLSchema#"
#: Pairs of literals that are one value to Oxigraph (one quad) but two RDF terms: the second is written as
#: Oxigraph stores the first (regression: on one subject and property, the second triple was lost).
TWINS = [(f'"2.50"^^<{XSD}decimal>', f'"2.5"^^<{XSD}decimal>'),
         (f'"2023-04-10T11:10:00+09:00"^^<{XSD}dateTimeStamp>', f'"2023-04-10T11:10:00+09:00"^^<{XSD}dateTime>')]


def _twin_lines(first: bool) -> list[str]:
    """N-Triples lines of both twins of every pair on ex:a ex:p; the rewritten one first when ``first``."""
    return [f"<{EX}a> <{EX}p> {literal} ." for pair in TWINS for literal in (pair if first else pair[::-1])]


@pytest.mark.parametrize("rewritten_first", [True, False], ids=["rewritten-first", "stored-form-first"])
@pytest.mark.parametrize("how", ["nt", "ttl", "nt-blank", "two-files", "rdflib-add", "persistent"])
def test_a_literal_written_as_another_is_stored_keeps_both_triples(tmp_path, how, rewritten_first):
    lines = _twin_lines(rewritten_first)
    if how == "nt-blank":  # a blank node takes pyoxigraph's parser instead of its bulk loader
        lines.append(f"_:b <{EX}p> <{EX}a> .")
    files = ([lines[::2], lines[1::2]] if how == "two-files" else [lines])
    paths = []
    for i, chunk in enumerate(files):
        paths.append(tmp_path / f"twins{i}.{'ttl' if how == 'ttl' else 'nt'}")
        paths[-1].write_text("\n".join(chunk) + "\n", encoding="utf-8")
    loaded = {}
    for backend in ("memory", "oxigraph"):
        store.configure(backend=backend)
        if how == "rdflib-add":
            reference = store.load_files(paths)
            loaded[backend] = store.new_graph()
            for triple in sorted(reference, key=lambda t: lines.index(f"{t[0].n3()} {t[1].n3()} {t[2].n3()} .")):
                loaded[backend].add(triple)
        elif how == "persistent" and backend == "oxigraph":  # loaded, then reopened: the restore map read back
            store.configure(directory=tmp_path / "db")
            store.load_files(paths)
            loaded[backend] = store.load_files(paths)
        else:
            loaded[backend] = store.load_files(paths)
    mem, oxi = loaded["memory"], loaded["oxigraph"]
    assert len(mem) == len(lines) == len(oxi)
    assert {t for t in mem if not isinstance(t[0], BNode)} == {t for t in oxi if not isinstance(t[0], BNode)}
    assert serialize(mem, "nt") == serialize(oxi, "nt")


def test_persistent_store_loads_once_and_reloads_what_changed(tmp_path, monkeypatch):
    data = tmp_path / "data.ttl"
    data.write_text(EDGE_TTL, encoding="utf-8")
    store.configure(directory=tmp_path / "db")
    first = store.load_files([data])
    count = len(first)
    assert store.is_oxigraph(first) and (tmp_path / "db" / store.MANIFEST).is_file()

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("reopening the store must not parse the files")

    monkeypatch.setattr(store, "parse_file", no_parsing)
    again = store.load_files([data])
    assert set(again) == set(first)
    stamp = Literal("2023-04-10T11:10:00+09:00", datatype=DATE_TIME_STAMP)
    assert (URIRef(EX + "a"), URIRef(EX + "p"), stamp) in again  # the literal as written, after reopening
    assert dict(again.namespaces())["ex"] == URIRef(EX)
    monkeypatch.undo()
    data.write_text(EDGE_TTL + "ex:b ex:p ex:c .\n", encoding="utf-8")
    changed = store.load_files([data])
    assert (URIRef(EX + "b"), URIRef(EX + "p"), URIRef(EX + "c")) in changed
    assert len(changed) == count + 1


def test_cli_store_option_and_backend_option(run_cli, home, tmp_path):
    db = tmp_path / "db"
    first = run_cli("--store", db, "query", "q01", "-f", "csv")
    assert first.exit_code == 0, first.output
    assert run_cli("--store", db, "query", "q01", "-f", "csv").stdout == first.stdout
    assert run_cli("--backend", "memory", "query", "q01", "-f", "csv").stdout == first.stdout
    assert run_cli("--backend", "nosuch", "query", "q01").exit_code == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    bad = run_cli("--store", blocker, "query", "q01")
    assert bad.exit_code == 2


def test_using_a_backend_puts_the_earlier_one_back_whatever_happens(tmp_path):
    store.configure(backend="memory")
    with pytest.raises(RuntimeError), store.using(store.Backend(directory=tmp_path / "db")):
        assert store.backend() == "oxigraph" and store.store_directory() == tmp_path / "db"
        raise RuntimeError("stop")
    assert store.backend() == "memory" and store.store_directory() is None
