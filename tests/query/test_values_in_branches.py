"""A bound parameter's VALUES copied into the groups below its slot that bind it (the branches of a UNION,
:func:`mougraph.sparql_text.values_in_branches`): the same rows as the query with the slot alone, on both
engines (Oxigraph, rdflib), for the shipped queries and for the shapes of group where a copy would not do."""

from __future__ import annotations

import pytest

from mougraph.query import run_sparql
from mougraph.query.params import bind, declared, fill, slots
from mougraph.sparql_text import values_in_branches
from mougraph.store import load_all, new_graph
from mougraph.store.backend import Backend, using
from tests.support.paths import QUERIES

DATA = """
@prefix : <urn:x:> .
:a :p :n1 ; :q :b ; :d "2023-04-10"^^<http://www.w3.org/2001/XMLSchema#date> .
:b :p :n2 ; :r :a .
:c :r :a ; :p :n1 .
:e :p :e .
"""
X = "<urn:x:a> <urn:x:b> <urn:x:x>"

QUERIES_IN = [
    # a UNION of branches binding ?x and one that does not
    "SELECT ?x ?o WHERE { VALUES ?x { $V } { ?x <urn:x:p> ?o } UNION { ?o <urn:x:r> ?x } UNION { ?o <urn:x:q> ?z } }",
    # the slot in a sub-select (cq03's shape)
    "SELECT ?x ?o WHERE { { SELECT DISTINCT ?x ?o WHERE { VALUES ?x { $V } { ?x <urn:x:p> ?o } UNION "
    "{ ?o <urn:x:q> ?x } } } OPTIONAL { ?x <urn:x:r> ?z } }",
    # an OPTIONAL before the triple pattern: a VALUES first would keep the row of ?x with no match
    "SELECT ?x ?o WHERE { VALUES ?x { $V } { { OPTIONAL { ?x <urn:x:q> ?o } ?x <urn:x:p> ?n } UNION "
    "{ ?x <urn:x:r> ?o } } }",
    # a BIND before it would see ?x bound
    "SELECT ?x ?y WHERE { VALUES ?x { $V } { BIND (COALESCE(?x, 0) AS ?y) ?x <urn:x:p> ?n } UNION "
    "{ ?x <urn:x:r> ?y } }",
    # OPTIONAL, MINUS, EXISTS and GRAPH groups
    "SELECT ?x ?o WHERE { VALUES ?x { $V } ?s <urn:x:p> ?o OPTIONAL { ?x <urn:x:q> ?s } }",
    "SELECT ?x ?o WHERE { VALUES ?x { $V } ?x <urn:x:p> ?o MINUS { ?x <urn:x:r> ?o } }",
    "SELECT ?x WHERE { VALUES ?x { $V } { ?x <urn:x:p> ?o } UNION "
    "{ ?s <urn:x:p> ?o FILTER EXISTS { ?x <urn:x:r> ?s } } }",
    # a BIND after the triple pattern, a VALUES of another variable first
    "SELECT ?x ?y WHERE { VALUES ?x { $V } { VALUES ?k { 1 2 } ?x <urn:x:p> ?n BIND (?k AS ?y) } UNION "
    "{ ?y <urn:x:r> ?x } }",
]
VALUES = [X, "<urn:x:a> <urn:x:a> <urn:x:c>",  # a value given twice: rows are not multiplied twice over
          "<urn:x:a> UNDEF"]


def _rows(graph, text):
    run = run_sparql(text, graph)
    return sorted(tuple("" if v is None else str(v) for v in row) for row in run.result)


@pytest.fixture(scope="module")
def graphs():
    out = {}
    for name in ("oxigraph", "memory"):
        out[name] = new_graph(name)
        out[name].parse(data=DATA, format="turtle")
    return out


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
@pytest.mark.parametrize("values", VALUES)
@pytest.mark.parametrize("text", QUERIES_IN)
def test_the_copies_give_the_same_rows(graphs, backend, text, values):
    # the answer of the query as written, by Oxigraph where copies are made: rdflib lets the VALUES reach into
    # the OPTIONAL or EXISTS of a group below it, which the copies (made before them) make right
    text = text.replace("$V", values)
    copied = values_in_branches(text, "x", values)
    reference = graphs["oxigraph" if copied != text else backend]
    assert _rows(graphs[backend], copied) == _rows(reference, text)


@pytest.mark.parametrize(("text", "copies"), list(zip(QUERIES_IN, [2, 2, 1, 1, 0, 0, 1, 2], strict=True)))
def test_copies_go_where_a_group_binds_the_variable_first(text, copies):
    out = values_in_branches(text.replace("$V", X), "x", X)
    assert out.count(f"VALUES ?x {{ {X} }}") == 1 + copies
    assert values_in_branches(text.replace("$V", "UNDEF"), "x", "UNDEF").count("VALUES ?x") == 1


def test_a_literal_value_is_copied_whole():
    day = '"2023-04-10"^^<http://www.w3.org/2001/XMLSchema#date>'
    text = f"SELECT ?s WHERE {{ VALUES ?d {{ {day} {day} }} {{ ?s <urn:x:d> ?d }} UNION {{ ?d <urn:x:p> ?s }} }}"
    out = values_in_branches(text, "d", f"{day} {day}")
    assert out.count(f"VALUES ?d {{ {day} }}") == 2


PARAMETERISED = [p for p in sorted(QUERIES.glob("*.rq")) if declared(p.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def shipped(request):
    with using(Backend(request.param)):
        return load_all(None)


@pytest.mark.parametrize("path", PARAMETERISED, ids=lambda p: p.stem)
def test_the_shipped_questions_answer_the_same_with_the_copies(shipped, path):
    text = path.read_text(encoding="utf-8")
    params = declared(text)
    bound = bind(text, branches=True)
    cells = {}  # the values of the slots (the defaults), read back from the bound text
    for param in params:
        start = bound.index(f"VALUES ?{param.name} {{") + len(f"VALUES ?{param.name} {{")
        cells[param.name] = bound[start:bound.index("}", start)].strip()
    without = fill(slots(text, params), cells)
    assert bound != without or all("UNDEF" in c for c in cells.values()) or "UNION" not in text
    assert _rows(shipped, bound) == _rows(shipped, without)
