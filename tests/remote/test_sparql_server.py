"""mougraph with a real SPARQL 1.1 server: an Oxigraph server (the `oxigraph` binary of the test extra) started on
127.0.0.1 with a free port and a temporary folder. The graph is pushed, and every shipped query gives the same
answer through the server as on the embedded store."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from mougraph import MougraphError, store
from mougraph.export import DATA_GRAPH, remote
from mougraph.export.results import render
from mougraph.query import available_queries, query
from tests.support.servers import free_port

pytestmark = pytest.mark.server


def _oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.is_file() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = _oxigraph_binary()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the oxigraph binary (pip install oxigraph, in the test extra) is missing")
        pytest.skip("the oxigraph binary is not installed (pip install -e '.[test]')")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
            break
        except httpx.HTTPError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"the Oxigraph server did not start: {proc.stderr.read().decode(errors='replace')}")
            time.sleep(0.1)
    yield {"query": f"{base}/query", "update": f"{base}/update", "store": f"{base}/store"}
    proc.terminate()
    proc.wait(timeout=10)


def _count(server, graph: str) -> int:
    result = remote.remote_query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                                 server["query"], "default")
    return int(next(iter(result))[0])


def _graphs(server) -> set[str]:
    result = remote.remote_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", server["query"], "default")
    return {str(row[0]) for row in result}


@pytest.mark.slow
def test_push_then_every_shipped_query_answers_as_the_embedded_store(server, run_cli):
    local = store.load_all()
    pushed = run_cli("push", "--endpoint", server["store"])
    assert pushed.exit_code == 0, pushed.output
    assert _count(server, str(DATA_GRAPH)) == len(local)
    for name in available_queries():
        here = query(name, graph=local)
        fmt = "nt" if here.type in ("CONSTRUCT", "DESCRIBE") else "csv"
        there = run_cli("query", name, "--endpoint", server["query"], "-f", fmt)
        assert there.exit_code == 0, there.output
        assert there.stdout_bytes == render(here, fmt), name


def test_push_with_sparql_update_replaces_the_graph_and_leaves_no_temporary_graph(server, home, run_cli):
    graph = "http://example.org/test/home"
    local = store.load_all()
    assert run_cli("push", "--endpoint", server["update"], "--protocol", "update", "--graph", graph).exit_code == 0
    assert _count(server, graph) == len(local)
    assert not [g for g in _graphs(server) if "-upload-" in g]
    # once more: replaced, not added to
    assert run_cli("push", "--endpoint", server["update"], "--protocol", "update", "--graph", graph).exit_code == 0
    assert _count(server, graph) == len(local)
    for name in ("q01-partners.report", "q02-dates.report"):
        there = run_cli("query", name, "--endpoint", server["query"], "--graph", graph, "-f", "csv")
        here = query(name, graph=local)
        lines = render(here, "csv").splitlines()
        got = there.stdout_bytes.splitlines()
        assert got[0] == lines[0] and (got == lines if here.ordered else sorted(got) == sorted(lines))
    # validate and export read the graph back from the server
    here = run_cli("validate", "-f", "json")
    there = run_cli("validate", "--endpoint", server["query"], "--graph", graph, "-f", "json")
    assert there.exit_code == here.exit_code and there.stdout == here.stdout
    assert (run_cli("export", "--endpoint", server["query"], "--graph", graph, "-f", "nt").stdout_bytes
            == run_cli("export", "-f", "nt").stdout_bytes)


def test_a_failed_push_leaves_the_old_graph(server, home, run_cli, monkeypatch):
    graph = "http://example.org/test/kept"
    assert run_cli("push", "--endpoint", server["store"], "--graph", graph).exit_code == 0
    before = _count(server, graph)
    # the server refuses: a PUT to the query endpoint, an update sent to the query endpoint
    for args in (["--endpoint", server["query"]], ["--endpoint", server["query"], "--protocol", "update"]):
        extra = Path(__file__).parent.parent / "store" / "fixtures" / "extra.nt"
        result = run_cli("push", *args, "--graph", graph, extra)
        assert result.exit_code == 2
        assert server["query"] in result.stderr and "HTTP 4" in result.stderr
    # the MOVE fails after the data went into the temporary graph: dropped, the graph is untouched
    real = remote._update

    def failing_move(endpoint, text, *, what):
        if text.startswith("MOVE"):
            raise MougraphError(f"{endpoint}: the server refused the request ({what}): HTTP 500")
        real(endpoint, text, what=what)

    monkeypatch.setattr(remote, "_update", failing_move)
    result = run_cli("push", "--endpoint", server["update"], "--protocol", "update", "--graph", graph,
                     Path(__file__).parent.parent / "store" / "fixtures" / "extra.nt")
    assert result.exit_code == 2 and "HTTP 500" in result.stderr
    assert _count(server, graph) == before
    assert not [g for g in _graphs(server) if "-upload-" in g]


def test_unreachable_server_is_a_clear_error(run_cli, home):
    url = f"http://127.0.0.1:{free_port()}/query"
    for args in (["query", "q01", "--endpoint", url], ["validate", "--endpoint", url],
                 ["export", "-f", "nt", "--endpoint", url], ["push", "--endpoint", url]):
        result = run_cli(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("mougraph: error: ") and url in result.stderr
        assert "cannot reach" in result.stderr and "Traceback" not in result.output
