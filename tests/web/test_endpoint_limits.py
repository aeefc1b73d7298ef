"""The limits that keep a few heavy, slow or oversized clients from starving the endpoint (docs/endpoint-limits.md).

The server tests use the ``crowded`` server of conftest.py (one worker, 1,000 rows, one waiting query, one query
per client, 4 s per query, 300 MB per query, 2 s for a client to send its request) and ``tight`` (2 s, 3 rows);
the others check the cost estimate and the bookkeeping in-process.
"""

from __future__ import annotations

import re
import socket
import threading
import time

import httpx
import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.plugins.sparql import prepareQuery

from mougraph.publishing.server.cost import CostModel
from mougraph.publishing.server.limits import (
    MAX_WORKERS,
    MIN_WORKERS,
    Clients,
    TooManyQueries,
    Verdicts,
    default_workers,
)
from mougraph.publishing.server.sparql import execute

SEOUL = "https://w3id.org/mougraph/id/org/seoul"
ASK = f"ASK {{ <{SEOUL}> ?p ?o }}"
#: Counts a four-fold cartesian product of the graph: hours of work (only servers without a cost budget run it).
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
#: N² triples over N triples if built whole. (IRIs only: a result with blank nodes spends its time in their
#: canonical labelling, :mod:`mougraph.export.ntriples`, which is not what this is about.)
CROSS_CONSTRUCT = ("CONSTRUCT { ?a <urn:x-invented:near> ?d } WHERE { ?a ?b ?c . ?d ?e ?f "
                   "FILTER(isIRI(?a) && isIRI(?d)) }")


def _slow(tag: str) -> str:
    return f"{SLOW} # {tag}"  # distinct texts: a stopped query is remembered by its text


def _in_background(url: str, query: str, agent: str, into: dict) -> threading.Thread:
    def send():
        into[agent] = httpx.post(url + "/sparql", data={"query": query}, headers={"User-Agent": agent}, timeout=60)

    thread = threading.Thread(target=send)
    thread.start()
    return thread


def _wait_idle(url: str) -> None:
    """Wait until the server answers a quick query again (its worker was replaced after the slow ones)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        r = httpx.get(url + "/sparql", params={"query": ASK}, headers={"User-Agent": "probe"}, timeout=60)
        if r.status_code == 200:
            return
        time.sleep(0.5)
    raise AssertionError("the server did not answer a quick query again")


# --- queue, per-client limit, time limit ------------------------------------------------------------

@pytest.mark.slow  # waits for a query to be stopped and its worker replaced
def test_a_full_queue_gets_503_with_retry_after_at_once(crowded):
    answers: dict = {}
    running = _in_background(crowded.url, _slow("queue-1"), "client-a", answers)
    time.sleep(0.7)
    waiting = _in_background(crowded.url, _slow("queue-2"), "client-b", answers)
    time.sleep(0.7)
    started = time.monotonic()
    r = httpx.get(crowded.url + "/sparql", params={"query": ASK}, headers={"User-Agent": "client-c"}, timeout=60)
    took = time.monotonic() - started
    running.join(60)
    waiting.join(60)
    assert r.status_code == 503 and "busy" in r.text
    assert int(r.headers["retry-after"]) >= 1
    assert took < 1.5, f"the refusal took {took:.1f} s: it waited instead of answering at once"
    assert answers["client-a"].status_code == 503 and "time limit of 4 s" in answers["client-a"].text
    _wait_idle(crowded.url)


@pytest.mark.slow  # waits for a query to be stopped and its worker replaced
def test_a_client_with_a_query_running_gets_429(crowded):
    answers: dict = {}
    running = _in_background(crowded.url, _slow("per-client"), "greedy", answers)
    time.sleep(0.7)
    r = httpx.get(crowded.url + "/sparql", params={"query": ASK}, headers={"User-Agent": "greedy"}, timeout=60)
    running.join(60)
    assert r.status_code == 429 and "Too many queries" in r.text
    assert int(r.headers["retry-after"]) >= 1
    _wait_idle(crowded.url)


def test_a_stopped_query_replaces_its_worker_and_is_remembered(tight):
    query = _slow("remembered")
    r = httpx.post(tight.url + "/sparql", data={"query": query}, timeout=60)
    assert r.status_code == 503 and "time limit of 2 s" in r.text and int(r.headers["retry-after"]) > 1
    after = httpx.get(tight.url + "/sparql", params={"query": ASK}, timeout=60)
    assert after.status_code == 200 and after.json()["boolean"] is True
    started = time.monotonic()
    again = httpx.post(tight.url + "/sparql", data={"query": query}, timeout=60)
    assert again.status_code == 503 and again.text == r.text and "retry-after" in again.headers
    assert time.monotonic() - started < 1.5, "the same query was run again instead of refused at once"


# --- results and memory --------------------------------------------------------------------------

def test_construct_over_a_cross_join_stops_at_the_limit(tight, crowded):
    """Millions of triples if built whole; the tight server returns 3, the crowded one (300 MB per query) its
    1,000 without running out of memory."""
    r = httpx.post(tight.url + "/sparql", data={"query": CROSS_CONSTRUCT},
                   headers={"Accept": "application/n-triples"}, timeout=60)
    assert r.status_code == 200 and r.headers["mougraph-result-limit"] == "3; truncated"
    assert len(r.text.strip().splitlines()) == 3
    r = httpx.post(crowded.url + "/sparql", data={"query": CROSS_CONSTRUCT},
                   headers={"Accept": "application/n-triples", "User-Agent": "construct"}, timeout=60)
    assert r.status_code == 200 and r.headers["mougraph-result-limit"] == "1000; truncated"
    assert len(r.text.strip().splitlines()) == 1000


@pytest.mark.slow  # waits for a query to be stopped and its worker replaced
def test_a_query_over_the_memory_limit_gets_503_and_a_fresh_worker(crowded):
    """Sorting a cartesian product needs gigabytes: the worker (300 MB per query) is stopped and replaced."""
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?f ?c LIMIT 1"
    r = httpx.post(crowded.url + "/sparql", data={"query": query}, headers={"User-Agent": "memory"}, timeout=60)
    assert r.status_code == 503 and "memory limit of 300 MB" in r.text and "retry-after" in r.headers
    _wait_idle(crowded.url)


# --- slow, oversized and vanishing clients -----------------------------------------------------------

def _raw(url: str, request: bytes, *, close_early: bool = False) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request)
        if close_early:
            return b""
        answer = b""
        while chunk := sock.recv(65536):  # until the answer is whole (the server closes only a moment later)
            answer += chunk
            head, _, body = answer.partition(b"\r\n\r\n")
            length = re.search(rb"(?i)content-length: *(\d+)", head)
            if length and len(body) >= int(length.group(1)):
                break
        return answer


@pytest.mark.parametrize("size", [100_000, 300_000])
def test_a_huge_get_gets_414_not_a_reset(server, size):
    answer = _raw(server.url, b"GET /sparql?query=" + b"x" * size + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 414 ")
    assert b"POST" in answer  # says what to do instead


def test_huge_headers_get_431(server):
    answer = _raw(server.url, b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + b"y" * 100_000 + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431 ")


def test_a_slow_body_gets_408(crowded):
    body = b"query=ASK+%7B%3Fs+%3Fp+%3Fo%7D"
    started = time.monotonic()
    answer = _raw(crowded.url, b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                  b"application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n" % (len(body) + 100) + body)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert time.monotonic() - started < 10


def test_a_slow_head_gets_408(crowded):
    host, port = crowded.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")  # and never the blank line that ends the head
        started = time.monotonic()
        answer = sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert time.monotonic() - started < 10


def _log_lines(server, needle: str) -> tuple[list[str], str]:
    deadline = time.monotonic() + 15
    while True:
        log = server.log.read_text(encoding="utf-8", errors="replace")
        lines = [line for line in log.splitlines() if needle in line]
        if lines or time.monotonic() > deadline:
            return lines, log
        time.sleep(0.2)


@pytest.mark.slow  # waits for a query to be stopped and its worker replaced
def test_a_client_gone_before_its_answer_is_logged_in_one_line(crowded):
    query = _slow("vanishing").replace(" ", "%20").replace("#", "%23").encode()
    host, port = crowded.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET /sparql?query=" + query + b" HTTP/1.1\r\nHost: localhost\r\nUser-Agent: gone\r\n\r\n")
        time.sleep(0.5)
    lines, log = _log_lines(crowded, "went away before its answer")
    assert lines and "(GET /sparql)" in lines[-1]
    assert "Traceback" not in log
    _wait_idle(crowded.url)


@pytest.mark.slow  # waits for a query to be stopped and its worker replaced
def test_a_query_whose_client_left_the_queue_is_not_run_and_frees_its_place(crowded):
    """The crowded server has one worker and one place in the queue. A client that goes away while its query
    waits gives its place up at once (the query was run for nobody, and others got 503 "busy" meanwhile)."""
    answers: dict = {}
    running = _in_background(crowded.url, _slow("left-queue"), "holder", answers)
    time.sleep(0.7)
    host, port = crowded.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET /sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D%23left HTTP/1.1\r\nHost: localhost\r\n"
                     b"User-Agent: leaver\r\n\r\n")
        time.sleep(0.5)
    time.sleep(0.5)
    r = httpx.get(crowded.url + "/sparql", params={"query": ASK}, headers={"User-Agent": "patient"}, timeout=60)
    running.join(60)
    assert r.status_code == 200, r.text  # it had the leaver's place in the queue
    lines, log = _log_lines(crowded, "its query was not run")
    assert lines and "(GET /sparql)" in lines[-1]
    assert "Traceback" not in log
    _wait_idle(crowded.url)


def test_a_client_gone_before_its_body_is_logged_in_one_line(crowded):
    _raw(crowded.url, b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nUser-Agent: vanishing\r\nContent-Type: "
         b"application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\nquery=AS", close_early=True)
    lines, log = _log_lines(crowded, "went away before its request was read")
    assert lines and "(POST /sparql)" in lines[-1]
    assert "Traceback" not in log and "ClientDisconnect" not in log


# --- the cost estimate (in-process) ----------------------------------------------------------------------

EX = Namespace("urn:x-invented:")


@pytest.fixture
def small_graph() -> Graph:
    """Invented: 10 triples, 3 of them with ex:p."""
    g = Graph()
    for i in range(3):
        g.add((EX[f"s{i}"], EX.p, Literal(i)))
    for i in range(7):
        g.add((EX[f"t{i}"], EX.q, EX[f"s{i % 3}"]))
    return g


@pytest.mark.parametrize("query, rows", [
    ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c }", 10),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }", 100),  # a cartesian product: 10 × 10
    ("SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:x-invented:p> ?b . ?c <urn:x-invented:p> ?d }", 9),  # 3 × 3
    ("SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:x-invented:q> ?b . ?b <urn:x-invented:p> ?c }", 7),  # joined on ?b
    ("SELECT (COUNT(*) AS ?n) WHERE { <urn:x-invented:t0> ?p ?o . ?x ?y ?z }", 10),  # 1 × 10
    ("SELECT * WHERE { { ?a ?b ?c } UNION { ?a <urn:x-invented:p> ?c } } ORDER BY ?a", 13),  # 10 + 3
    ("SELECT * WHERE { ?a <urn:x-invented:p> ?b { SELECT ?c WHERE { ?c ?d ?e } } } ORDER BY ?a", 30),
])
def test_the_estimate_follows_the_patterns(small_graph, query, rows):
    estimate = CostModel(small_graph).estimate(prepareQuery(query).algebra)
    assert estimate.rows == rows and estimate.blocking


def test_a_query_that_can_stop_early_costs_at_most_the_limit(small_graph):
    model = CostModel(small_graph)
    streaming = model.estimate(prepareQuery("CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }").algebra)
    assert streaming.rows == 100 and not streaming.blocking and streaming.cost(5) == 6
    ordered = model.estimate(prepareQuery("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a").algebra)
    assert ordered.cost(5) == 100


def test_execute_refuses_a_query_over_the_budget_before_running_it(small_graph, monkeypatch):
    import mougraph.publishing.server.sparql as sparql

    def refuse(*args, **kwargs):
        raise AssertionError("the query was run")

    monkeypatch.setattr(sparql, "run_sparql", refuse)
    out = execute(small_graph, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }", "text/csv", 10,
                  model=CostModel(small_graph), max_cost=50)
    assert out.status == 400 and b"about 100 intermediate rows" in out.body and b"budget of 50" in out.body


def test_the_shipped_queries_are_within_the_default_budget(in_web_home):
    from mougraph import load_all
    from tests.web.web_support import query_files

    graph = load_all()
    model = CostModel(graph)
    for path in query_files():
        cost = model.estimate(prepareQuery(path.read_text(encoding="utf-8")).algebra).cost(10000)
        assert cost <= 1e7, f"{path.name}: estimated {cost:.3g}"


# --- bookkeeping ------------------------------------------------------------------------------------------

def test_clients_are_limited_one_by_one():
    clients = Clients(per_client=2)
    with clients.admit("a"), clients.admit("a"):
        with pytest.raises(TooManyQueries), clients.admit("a"):
            pass
        with clients.admit("b"):
            pass
    with clients.admit("a"), clients.admit("a"):  # both counted out again
        pass


def test_verdicts_expire(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    verdicts = Verdicts(seconds=60, size=2)
    verdicts.remember("q1", "stopped")
    assert verdicts.get("q1") == ("stopped", 60)
    now[0] += 61
    assert verdicts.get("q1") is None
    for text in ("q2", "q3", "q4"):
        verdicts.remember(text, text)
    assert verdicts.get("q2") is None and verdicts.get("q4") == ("q4", 60)  # the oldest dropped first


def test_workers_follow_the_machine(monkeypatch):
    import os

    for cpus, expected in ((1, MIN_WORKERS), (4, 4), (64, MAX_WORKERS)):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid, n=cpus: set(range(n)))
        assert default_workers() == expected


# --- answers remembered ------------------------------------------------------------------------------

def test_a_query_asked_again_is_answered_without_a_worker():
    import asyncio

    from mougraph.publishing.server.sparql import Outcome
    from mougraph.publishing.server.workers import QueryPool

    pool = QueryPool(size=1, answers=1024)  # no worker is started: only run()'s bookkeeping is exercised
    ran = []

    async def fake_run(text, accept, gone):
        ran.append((text, accept))
        return Outcome(200, "text/csv", f"answer {len(ran)}".encode() + (b" " * 200 if "big" in text else b""))

    pool._queue_and_run = fake_run
    ask = lambda text, accept="text/csv": asyncio.run(pool.run(text, accept, "client"))  # noqa: E731
    assert ask(ASK).body == ask(ASK).body == b"answer 1"
    assert ask(ASK, "application/sparql-results+json").body == b"answer 2"  # another format is another answer
    assert ask("SELECT (NOW() AS ?t) {}").body == b"answer 3" and ask("SELECT (NOW() AS ?t) {}").body == b"answer 4"
    big = "SELECT * { ?s ?p ?o } # big"  # an answer over an eighth of the 1,024 bytes: not kept
    assert ask(big).body.startswith(b"answer 5") and ask(big).body.startswith(b"answer 6")
    assert len(ran) == 6


def test_remembered_answers_are_bounded_and_only_whole_ones_kept():
    from mougraph.publishing.server.answers import Answers
    from mougraph.publishing.server.sparql import Outcome

    answers = Answers(size_bytes=800)
    for n in range(10):
        answers.keep(f"q{n}", None, Outcome(200, "text/csv", b"x" * 100))
    assert answers.used <= 800 and answers.get("q0", None) is None and answers.get("q9", None) is not None
    answers.keep("refused", None, Outcome(503, "text/plain", b"busy"))
    assert answers.get("refused", None) is None


def test_a_refused_query_sent_again_waits_before_the_same_answer(monkeypatch):
    """Regression: remembered refusals answered at once let three looping clients send 12,000 requests a minute."""
    import asyncio

    from mougraph.publishing.server import workers
    from mougraph.publishing.server.sparql import Outcome

    pool = workers.QueryPool(size=1)
    refusal = Outcome.error(400, "too costly")
    pool.verdicts.remember(SLOW, refusal, 3600)
    slept = []
    real_sleep = asyncio.sleep

    async def recorded(seconds, *args, **kwargs):
        slept.append(seconds)
        await real_sleep(0)

    monkeypatch.setattr(workers.asyncio, "sleep", recorded)
    assert asyncio.run(pool.run(SLOW, None, "looping-client")) is refusal
    assert slept == [workers.REPEAT_DELAY] and workers.REPEAT_DELAY >= 0.25


def test_the_same_query_asked_while_it_runs_waits_for_that_answer():
    import asyncio

    from mougraph.publishing.server.sparql import Outcome
    from mougraph.publishing.server.workers import GONE, QueryPool

    async def scenario():
        pool = QueryPool(size=1, answers=0)  # nothing kept: only the coalescing of queries at the same time
        ran, release = [], asyncio.Event()

        async def fake_run(text, accept, gone):
            ran.append(text)
            await release.wait()
            return GONE if text == "leaves" and ran.count("leaves") == 1 else Outcome(200, "text/csv", b"rows")

        pool._queue_and_run = fake_run
        asks = [asyncio.ensure_future(pool.run(ASK, "text/csv", f"client-{n}")) for n in range(3)]
        await asyncio.sleep(0)
        release.set()
        answers = await asyncio.gather(*asks)
        assert [a.body for a in answers] == [b"rows"] * 3 and ran == [ASK]
        # the first asker went away before a worker took it: the one waiting for it runs it itself
        release.clear()
        first = asyncio.ensure_future(pool.run("leaves", "text/csv", "a"))
        second = asyncio.ensure_future(pool.run("leaves", "text/csv", "b"))
        await asyncio.sleep(0)
        release.set()
        assert (await first) is GONE and (await second).body == b"rows" and ran.count("leaves") == 2

    asyncio.run(scenario())
