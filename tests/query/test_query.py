import csv
import io
import json

import pytest
from rdflib import Graph

from mougraph import MougraphError, compare_expected, query
from mougraph.export.results import render
from mougraph.query import available_queries, expected_path, resolve_query
from tests.support.paths import ONTOLOGY_FILES, QUERIES, ROOT as REPOSITORY


def test_available_queries_are_named_by_stem(home):
    assert list(available_queries()) == [
        "agreement-has-party.check",
        "partners.construct",
        "q01-partners.report",
        "q02-dates.report",
    ]


@pytest.mark.parametrize("ref", ["q01-partners.report", "q01-partners", "q01"])
def test_resolve_by_name_base_or_prefix(home, ref):
    assert resolve_query(ref) == home / "queries" / "q01-partners.report.rq"


def test_resolve_by_path(home):
    path = home / "queries" / "q02-dates.report.rq"
    assert resolve_query(str(path)) == path


def test_ambiguous_prefix(home):
    with pytest.raises(MougraphError, match="ambiguous.*q01-partners.report.*q02-dates.report"):
        resolve_query("q0")


def test_unknown_name_lists_available(home):
    with pytest.raises(MougraphError) as info:
        resolve_query("cq99")
    assert "unknown query 'cq99'" in str(info.value)
    assert "q02-dates.report" in str(info.value)


def test_select_rows_and_order_detection(home):
    unordered = query("q01")
    assert unordered.type == "SELECT" and not unordered.ordered
    assert sorted(unordered.rows()) == [
        ("https://w3id.org/mougraph/id/busan", "부산광역시"),
        ("https://w3id.org/mougraph/id/daejeon", "대전광역시"),
    ]
    ordered = query("q02")
    assert ordered.ordered
    assert ordered.rows()[0][2] == ""  # unbound OPTIONAL value


def test_expected_csv_matches(home):
    for name in ("q01", "q02"):
        run = query(name)
        assert compare_expected(run, expected_path(run.path)) is None


def test_wrong_expectation_is_detected(home, tmp_path):
    run = query("q01")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("partner,name\nhttps://w3id.org/mougraph/id/busan,부산\n", encoding="utf-8")
    message = compare_expected(run, wrong)
    assert message is not None
    assert "missing" in message and "unexpected" in message


def test_wrong_columns_are_detected(home, tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("partner,label\n", encoding="utf-8")
    assert "columns differ" in compare_expected(query("q01"), wrong)


def test_order_matters_only_with_order_by(home, tmp_path):
    # same rows, swapped: fine for the unordered query ...
    swapped = tmp_path / "swapped.csv"
    rows = list(csv.reader(open(expected_path(query("q01").path), encoding="utf-8")))
    with open(swapped, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([rows[0], rows[2], rows[1]])
    assert compare_expected(query("q01"), swapped) is None
    # ... but a mismatch for the ORDER BY query
    rows = list(csv.reader(open(expected_path(query("q02").path), encoding="utf-8")))
    with open(swapped, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([rows[0], rows[2], rows[1]])
    assert "at row 1" in compare_expected(query("q02"), swapped)


def test_sparql_text_and_custom_data(home):
    run = query("ASK { ?s ?p ?o }", graph=Graph())
    assert run.type == "ASK" and run.is_empty()


def test_invalid_sparql_raises_with_parser_message(home):
    with pytest.raises(MougraphError, match="invalid SPARQL: Expected"):
        query("SELECT ?x WHERE { ?x ?y }}")


def test_a_prefix_the_graph_binds_must_still_be_declared(home):
    """As in any SPARQL store: the data's prefixes are not the query's (regression: Oxigraph was given them)."""
    from mougraph.store import is_oxigraph, load_all

    graph = load_all()
    assert is_oxigraph(graph)
    prefix = next(p for p, _ in graph.namespaces() if p not in ("rdf", "rdfs", "owl", "xsd", "xml", ""))
    with pytest.raises(MougraphError, match=f"invalid SPARQL: Unknown namespace prefix : {prefix} .*PREFIX line"):
        query(f"SELECT ?x WHERE {{ ?x a {prefix}:Thing }}", graph=graph)


def test_a_query_only_rdflib_accepts_is_refused(home):
    """What only rdflib's parser accepts breaks the grammar's rules (here an ungrouped variable beside an
    aggregate, SPARQL 1.1 section 11.4): an error with its position, not an answer."""
    with pytest.raises(MougraphError, match="invalid SPARQL at line 1, column .*unbound"):
        query("SELECT ?x (COUNT(*) AS ?n) WHERE { VALUES ?x { 7 } }")


def test_cli_table_csv_tsv_json(run_cli, home):
    table = run_cli("query", "q01")
    assert table.exit_code == 0
    assert "mgid:busan" in table.stdout and "부산광역시" in table.stdout

    as_csv = run_cli("query", "q01", "-f", "csv")
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0] == ["partner", "name"] and len(rows) == 3

    as_tsv = run_cli("query", "q01", "-f", "tsv")
    lines = as_tsv.stdout.splitlines()
    assert lines[0] == "?partner\t?name"
    assert '<https://w3id.org/mougraph/id/busan>\t"부산광역시"@ko' in lines

    as_json = json.loads(run_cli("query", "q01", "-f", "json").stdout)
    assert as_json["head"]["vars"] == ["partner", "name"]
    assert len(as_json["results"]["bindings"]) == 2


def test_cli_construct_and_ask(run_cli, home, tmp_path):
    out = tmp_path / "partners.ttl"
    result = run_cli("query", "partners.construct", "-o", out)
    assert result.exit_code == 0
    assert len(Graph().parse(out)) == 4
    ask = run_cli("query", "ASK { ?s a <https://w3id.org/mougraph/ontology#Agreement> }")
    assert ask.stdout == "true\n"


def test_cli_query_with_data_option(run_cli, home):
    result = run_cli("query", "q01", "-f", "csv", home / "data" / "governments.ttl")
    assert result.exit_code == 0
    assert result.stdout.strip() == "partner,name"


def test_cli_query_file_path(run_cli, home, tmp_path):
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }", encoding="utf-8")
    result = run_cli("query", rq, "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "n"


def test_cli_invalid_sparql_exits_2(run_cli, home, tmp_path):
    rq = tmp_path / "broken.rq"
    rq.write_text("SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER( }\n", encoding="utf-8")
    result = run_cli("query", rq)
    assert result.exit_code == 2
    assert "broken: invalid SPARQL" in result.stderr
    assert "line:3" in result.stderr  # the parser's own position
    assert "Traceback" not in result.output


def test_cli_unknown_query_exits_2_listing_names(run_cli, home):
    result = run_cli("query", "cq42")
    assert result.exit_code == 2
    assert "unknown query 'cq42'" in result.stderr
    for name in available_queries():
        assert name in result.stderr


def test_cli_format_must_fit_query_type(run_cli, home):
    result = run_cli("query", "partners.construct", "-f", "csv")
    assert result.exit_code == 2
    assert "CONSTRUCT" in result.stderr


# --- Oxigraph's SELECT answers: read lazily, CSV written by Oxigraph ------------------------------------------

@pytest.fixture(scope="module")
def synthetic_graph(tmp_path_factory):
    """The shipped ontology + a synthetic graph of about 4,000 triples, in Oxigraph."""
    from mougraph.store import load_files
    from mougraph.synth import synth

    path = tmp_path_factory.mktemp("synth") / "synth.nt"
    synth(4000, path, seed=3)
    return load_files([*ONTOLOGY_FILES, path])


def test_oxigraph_writes_the_csv_that_rdflib_writes_for_every_shipped_query(synthetic_graph, monkeypatch):
    from mougraph.query import run_sparql
    from mougraph.store import results as oxigraph_results  # where SELECT rows become rdflib terms

    def not_converted(term):
        raise AssertionError("a CSV answer must not turn its rows into rdflib terms")

    shipped = sorted(QUERIES.glob("*.rq"))
    assert shipped
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        with monkeypatch.context() as m:
            m.setattr(oxigraph_results, "from_ox", not_converted)
            native = render(run_sparql(text, synthetic_graph, name=path.name), "csv")
        reference = run_sparql(text, synthetic_graph, name=path.name)
        reference.rows()  # read as rdflib terms: the CSV is then rdflib's
        assert reference.result.serialize_csv() is None
        assert native == render(reference, "csv"), path.name
    answers = [render(query(p, graph=synthetic_graph), "csv") for p in shipped]
    assert sum(native.count(b"\n") > 1 for native in answers) > 5


def test_rows_read_after_the_csv_come_from_evaluating_again(synthetic_graph):
    run = query(QUERIES / "cq05-signatories.report.rq", graph=synthetic_graph)
    first = render(run, "csv")
    rows = run.rows()
    assert len(rows) == first.count(b"\r\n") - 1 > 10
    assert rows == query(QUERIES / "cq05-signatories.report.rq", graph=synthetic_graph).rows()


FAILING = "SELECT * WHERE { SERVICE <urn:x-no-such-service:> { ?s ?p ?o } }"  # fails while evaluated, offline


@pytest.fixture
def unguarded(monkeypatch):
    """SERVICE to an IRI no engine can call is the one offline way to make Oxigraph fail while the rows are read;
    the check that refuses SERVICE before anything runs (mougraph.sparql_guard) is set aside for it."""
    monkeypatch.setattr("mougraph.sparql_guard.check", lambda *args, **kwargs: None)


@pytest.mark.parametrize("fmt", ["csv", "table", "json"])
def test_cli_query_failing_while_evaluated_exits_2_with_a_message(run_cli, home, unguarded, fmt):
    result = run_cli("query", FAILING, "-f", fmt)
    assert result.exit_code == 2
    assert "mougraph: error:" in result.stderr and "the query failed" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_render_names_the_query_that_failed_while_evaluated(home, unguarded):
    run = query(FAILING)
    with pytest.raises(MougraphError, match=r"^<query>: the query failed: "):
        render(run, "csv")


def test_truncate_keeps_the_first_rows_of_an_unread_answer(synthetic_graph):
    from mougraph.query import cell

    text = "SELECT ?s WHERE { ?s a ?c } ORDER BY ?s LIMIT 10"
    everything = query(text, graph=synthetic_graph).rows()
    assert len(everything) == 10
    unread = query(text, graph=synthetic_graph).result
    assert unread.truncate(4) and [(cell(row[0]),) for row in unread] == everything[:4]
    read = query(text, graph=synthetic_graph).result
    assert len(read) == 10 and not read.unread
    with pytest.raises(RuntimeError):
        read.truncate(4)
    from mougraph.publishing.server.sparql import _truncate  # the endpoint cuts a read answer as it cuts rdflib's

    assert _truncate(read, "SELECT", 4) and len(read) == 4
    assert not query(text, graph=synthetic_graph).result.truncate(10)
    assert not query(text, graph=synthetic_graph).result.truncate(11)


@pytest.mark.parametrize("read", ["nothing", "some rows", "all rows", "csv"])
def test_an_oxigraph_answer_is_freed_without_the_garbage_collector(synthetic_graph, read):
    """pyoxigraph's objects must be dropped in the thread that made them; a reference cycle would leave that to
    the garbage collector, in any thread (regression: a segfault in the web tests)."""
    import gc
    import weakref

    result = query("SELECT ?s WHERE { ?s a ?c }", graph=synthetic_graph).result
    if read == "some rows":
        assert result.truncate(3)
    elif read == "all rows":
        assert len(result) > 3
    elif read == "csv":
        assert result.serialize_csv().count(b"\n") > 3
    gone = weakref.ref(result)
    gc.disable()
    try:
        del result
        assert gone() is None
    finally:
        gc.enable()


# --- query text longer than a file name may be ---------------------------------------------------------------

def _shipped_texts():
    return sorted(QUERIES.glob("*.rq"))


def _output_format(run) -> str:
    return {"SELECT": "csv", "ASK": "table"}.get(run.type, "nt")


@pytest.mark.parametrize("path", _shipped_texts(), ids=lambda p: p.name)
def test_a_shipped_query_given_as_text_gives_what_its_name_gives(path, monkeypatch, run_cli):
    monkeypatch.setenv("MOUGRAPH_HOME", str(REPOSITORY))
    name, text = path.name[: -len(".rq")], path.read_text(encoding="utf-8")
    assert len(text.encode()) > 255  # longer than a file name may be (NAME_MAX)
    from mougraph import load_all

    graph = load_all()
    by_name, by_text = query(name, graph=graph), query(text, graph=graph)
    fmt = _output_format(by_name)
    assert by_text.name == "<query>" and render(by_text, fmt) == render(by_name, fmt)
    cli_by_name, cli_by_text = run_cli("query", name, "-f", fmt), run_cli("query", text, "-f", fmt)
    assert cli_by_text.exit_code == 0, cli_by_text.stderr
    assert cli_by_text.stdout == cli_by_name.stdout


@pytest.mark.parametrize("ref, message", [
    ("x" * 300, "unknown query 'xxx"),
    ("/no/such/folder/" + "x" * 300 + ".rq", "query file not found: /no/such/folder/xxx"),
    ("x" * 300 + ".rq", "query file not found: xxx"),
])
def test_a_name_longer_than_the_system_allows_gets_the_usual_error(home, run_cli, ref, message):
    result = run_cli("query", ref)
    assert result.exit_code == 2 and message in result.stderr
    assert "File name too long" not in result.stderr and "internal error" not in result.stderr
