"""mgsh:DuplicateAgreementShape's constraint walks from $this to the twin in one group (so that an incremental
run does not evaluate a group of every agreement's parties): the same rows as the two groups joined on the
parties and the year that the target still uses, on dates of every precision and odd values."""

from __future__ import annotations

import itertools

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import SH

from mougraph.store import load_shapes

SHAPE = URIRef("https://w3id.org/mougraph/shapes#DuplicateAgreementShape")
PREFIXES = """PREFIX mg: <https://w3id.org/mougraph/ontology#>
PREFIX time: <http://www.w3.org/2006/time#>
"""

# the constraint before it walked from $this: two groups joined on ?party, ?party2 and ?year
TWO_GROUPS = """
    SELECT DISTINCT $this ?value ?date ?otherDate WHERE {
        { $this mg:party ?party , ?party2 ;
              mg:date/(time:inXSDgYear|time:inXSDgYearMonth|time:inXSDDate|time:inXSDDateTimeStamp) ?d .
          FILTER (STR(?party) < STR(?party2))
          BIND (SUBSTR(STR(?d), 1, 4) AS ?year) }
        { ?value mg:party ?party , ?party2 ;
              mg:date/(time:inXSDgYear|time:inXSDgYearMonth|time:inXSDDate|time:inXSDDateTimeStamp) ?e .
          FILTER (STR(?party) < STR(?party2))
          BIND (SUBSTR(STR(?e), 1, 4) AS ?year) }
        FILTER (!sameTerm($this, ?value))
        BIND (STR(?d) AS ?date)
        BIND (STR(?e) AS ?otherDate)
        BIND (IF(STRLEN(?date) < STRLEN(?otherDate), STRLEN(?date), STRLEN(?otherDate)) AS ?n)
        FILTER (SUBSTR(?date, 1, IF(?n > 10, 10, ?n)) = SUBSTR(?otherDate, 1, IF(?n > 10, 10, ?n)))
        FILTER NOT EXISTS { $this mg:party ?mine . FILTER NOT EXISTS { ?value mg:party ?mine } }
        FILTER NOT EXISTS { ?value mg:party ?theirs . FILTER NOT EXISTS { $this mg:party ?theirs } }
        FILTER NOT EXISTS { $this mg:buildsOn|mg:strengthens|mg:renews|mg:supersedes ?value }
        FILTER NOT EXISTS { ?value mg:buildsOn|mg:strengthens|mg:renews|mg:supersedes $this }
    }
"""

DATES = ['"2031-05-01"^^<http://www.w3.org/2001/XMLSchema#date>', '"2031"^^<http://www.w3.org/2001/XMLSchema#gYear>',
         '"2031-05"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>', '"2032-05-01"', '"2031-05-02"',
         '"2031-05-01T10:00:00+09:00"^^<http://www.w3.org/2001/XMLSchema#dateTimeStamp>', "<urn:x:iri-date>",
         "_:b", '"20"']
PARTIES = [("a", "b"), ("a", "b", "c"), ("b", "a"), ("a",), ("c", "b")]


def data() -> str:
    lines, n = [], 0
    for date, parties in itertools.product(DATES, PARTIES):
        for _copy in range(2 if date in DATES[:2] else 1):
            n += 1
            agreement = f"<urn:x:ag{n}>"
            lines += [f"{agreement} <https://w3id.org/mougraph/ontology#party> <urn:x:{p}> ." for p in parties]
            lines.append(f"{agreement} <https://w3id.org/mougraph/ontology#date> <urn:x:i{n}> .")
            lines.append(f"<urn:x:i{n}> <http://www.w3.org/2006/time#inXSDDate> {date.replace('_:b', f'_:b{n}')} .")
            if n % 7 == 0:
                lines.append(f"{agreement} <https://w3id.org/mougraph/ontology#renews> <urn:x:ag{n - 1}> .")
    return "\n".join(lines)


def rows(store, select: str, this: str) -> set:
    text = PREFIXES + select.replace("$this", "?this").replace("WHERE {", f"WHERE {{ BIND ({this} AS ?this)", 1)
    return {tuple(str(t) for t in row) for row in store.query(text)}


def test_the_constraint_is_the_two_groups_joined():
    shapes = load_shapes()
    [constraint] = shapes.objects(SHAPE, SH.sparql)
    select = str(shapes.value(constraint, SH.select))
    assert "{ ?value mg:party ?party" not in " ".join(select.split())  # no group of its own for the twin
    store = ox.Store()
    store.load(data().encode(), format=ox.RdfFormat.N_TRIPLES)
    agreements = sorted({str(q.subject) for q in store.quads_for_pattern(
        None, ox.NamedNode("https://w3id.org/mougraph/ontology#party"), None)})
    found = 0
    for this in agreements:
        expected = rows(store, TWO_GROUPS, this)
        assert rows(store, select, this) == expected, this
        found += len(expected)
    assert found > 20  # the data has twins
