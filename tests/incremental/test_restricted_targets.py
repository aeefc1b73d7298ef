"""The focus nodes of an incremental run in a SPARQL target (``restrict_target``): the same nodes as the
target's own answer kept to those nodes, the VALUES pushed into the UNION branches that bind ``?this``."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from mougraph.validation.fast.rewrite import restrict_target

DATA = """
@prefix : <urn:x:> .
:a :p :n1 ; :q :b .
:b :p :n2 .
:c :r :a .
:d :s :x .
:e :p :e .
"""

ONLY = "<urn:x:a> <urn:x:b> <urn:x:c> <urn:x:x>"

QUERIES = [
    # the shape of mgsh:NameInForceShape's target: a UNION of groups binding ?this
    "SELECT DISTINCT ?this WHERE { { ?this <urn:x:p> ?n } UNION { ?a <urn:x:q> ?this } }",
    # a BIND of ?this before the pattern: with ?this pre-bound it would give ?a a value
    "SELECT ?this ?a WHERE { { BIND (?this AS ?a) ?this <urn:x:p> ?o } UNION { ?this <urn:x:r> ?a } }",
    # OPTIONAL and EXISTS groups: a VALUES there would keep or drop other rows
    "SELECT ?this ?z WHERE { ?this <urn:x:p> ?o OPTIONAL { ?this <urn:x:q> ?z } }",
    "SELECT ?this ?z WHERE { ?this <urn:x:p> ?o OPTIONAL { ?z <urn:x:q> ?this } }",
    "SELECT ?this WHERE { ?this <urn:x:p> ?o FILTER NOT EXISTS { ?this <urn:x:q> ?z } }",
    # ?this only in a FILTER of a branch: unbound there, so the branch gives no row
    "SELECT ?this WHERE { { ?s <urn:x:p> ?o FILTER (?this = ?s) } UNION { ?this <urn:x:s> ?o } }",
    # a sub-select
    "SELECT ?this WHERE { { SELECT ?this WHERE { ?this <urn:x:p> ?o } } }",
    # rows leaving ?this unbound name no focus node: a VALUES at the top would give them each node
    "SELECT ?this WHERE { { ?this <urn:x:p> ?n } UNION { ?a <urn:x:q> ?b } }",
    "SELECT ?this ?b WHERE { ?a <urn:x:r> ?b OPTIONAL { ?b <urn:x:q> ?this } }",
]


def rows(store, text):
    return sorted(tuple(str(t) if t is not None else "" for t in row) for row in store.query(text))


@pytest.mark.parametrize("text", QUERIES)
def test_a_restricted_target_is_the_target_kept_to_the_nodes(text):
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    only = set(ONLY.split())
    expected = [row for row in rows(store, text) if row[0] in only]  # ("", unbound, is not in it)
    assert rows(store, restrict_target(text, ONLY)) == expected


def test_values_go_into_the_union_branches_binding_this_only():
    text = ("SELECT ?this WHERE { { ?this <urn:x:p> ?n } UNION { ?a <urn:x:q> ?this } "
            "{ BIND (1 AS ?k) ?this <urn:x:p> ?m } OPTIONAL { ?this <urn:x:r> ?z } "
            "FILTER NOT EXISTS { ?this <urn:x:s> ?w } { ?v <urn:x:p> ?n FILTER (?v != ?this) } }")
    out = restrict_target(text, "<urn:x:a>")
    values = "VALUES ?this { <urn:x:a> }"
    assert out.count(values) == 3  # the WHERE group and the two branches
    assert out.startswith("SELECT ?this WHERE { " + values)
    assert f"{{ {values}  ?this <urn:x:p> ?n }} UNION {{ {values}  ?a <urn:x:q> ?this }}" in out


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix : <urn:x:> .
:S a sh:NodeShape ;
    sh:target [ a sh:SPARQLTarget ;
        sh:select "SELECT DISTINCT ?this WHERE { { ?this <urn:x:t> ?n } UNION { ?a <urn:x:u> ?this } }" ] ;
    sh:sparql [ sh:message "too big" ;
        sh:select "SELECT $this ?value WHERE { $this <urn:x:size> ?value FILTER (?value > 3) }" ] .
"""


def test_an_incremental_run_asks_a_sparql_target_once(monkeypatch):
    from mougraph.store import merge, parse_bytes
    from mougraph.validation import validate
    from mougraph.validation.fast import dataset as dataset_module
    from mougraph.validation.incremental import validate_incremental

    shapes = parse_bytes(SHAPES.encode(), "ttl")
    base = parse_bytes(b"<urn:x:a> <urn:x:t> 1 . <urn:x:b> <urn:x:size> 5 . <urn:x:c> <urn:x:u> <urn:x:b> .\n"
                       b"<urn:x:d> <urn:x:t> 1 ; <urn:x:size> 7 .", "ttl")
    added = parse_bytes(b"<urn:x:a> <urn:x:size> 9 . <urn:x:b> <urn:x:size> 6 . <urn:x:e> <urn:x:size> 8 .", "ttl")
    asked: list = []
    select = dataset_module.Dataset.select
    monkeypatch.setattr(dataset_module.Dataset, "select", lambda self, text: asked.append(text) or select(self, text))
    incremental = validate_incremental(added, base=[base], shapes_graph=shapes)
    full = validate(merge(base, added), shapes_graph=shapes)
    assert incremental.incremental.full_run is None and incremental.to_json() == full.to_json()
    assert {r.focus_node for r in full.results} == {URIRef("urn:x:a"), URIRef("urn:x:b"), URIRef("urn:x:d")}
    constraint = [text for text in asked if "<urn:x:size>" in text and "?value" in text and "VALUES" in text]
    assert constraint and not any("<urn:x:t>" in text for text in constraint)  # the target's answer, not its query


UNBOUND = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix : <urn:x:> .
:S a sh:NodeShape ;
    sh:target [ a sh:SPARQLTarget ;
        sh:select "SELECT ?this WHERE { ?a <urn:x:u> ?b OPTIONAL { ?b <urn:x:v> ?this } }" ] ;
    sh:property [ sh:path <urn:x:size> ; sh:maxInclusive 3 ] .
"""


@pytest.mark.parametrize("engine", ["fast", "incremental"])
def test_a_target_row_leaving_this_unbound_names_no_focus_node(engine):
    """SHACL: the targets are the bindings of ?this; a row without one gives none (it is no wildcard)."""
    from mougraph.store import merge, parse_bytes
    from mougraph.validation import validate
    from mougraph.validation.incremental import validate_incremental

    shapes = parse_bytes(UNBOUND.encode(), "ttl")
    base = parse_bytes(b"<urn:x:c> <urn:x:u> <urn:x:b> . <urn:x:g> <urn:x:u> <urn:x:h> . "
                       b"<urn:x:h> <urn:x:v> <urn:x:d> . <urn:x:b> <urn:x:size> 5 . <urn:x:d> <urn:x:size> 7 .", "ttl")
    added = parse_bytes(b"<urn:x:a> <urn:x:size> 9 . <urn:x:b> <urn:x:size> 6 . <urn:x:e> <urn:x:size> 8 .", "ttl")
    reference = validate(merge(base, added), shapes_graph=shapes, engine="pyshacl")
    assert {r.focus_node for r in reference.results} == {URIRef("urn:x:d")}
    if engine == "fast":
        result = validate(merge(base, added), shapes_graph=shapes, engine="fast")
    else:
        result = validate_incremental(added, base=[base], shapes_graph=shapes)
    assert sorted(map(str, (r.focus_node for r in result.results))) == ["urn:x:d"]
