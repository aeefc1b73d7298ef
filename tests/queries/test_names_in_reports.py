"""A report shows a renamed body by the name in force on the date of the row: cq01 names 전북특별자치도 (named
전라북도 until 2024-01-17) as 전라북도 in the 2021 agreement and as 전북특별자치도 in the 2024 one. The data is the
shape tests' general case (tests/shapes/valid/general-case-jeonbuk-co-prosperity.ttl: the bodies and the renaming
date are real, the agreements invented); the expected names are written from that file. Both engines."""

from rdflib import Graph

import mougraph
from mougraph.query.params import bind
from tests.support.paths import ONTOLOGY_FILES, QUERIES, SHAPE_FIXTURES, SHAPES_CONTEXT

GENERAL_CASE = SHAPE_FIXTURES / "valid" / "general-case-jeonbuk-co-prosperity.ttl"
AGR = "https://w3id.org/mougraph/id/agreement/"
EXPECTED = [
    (AGR + "jeonbuk-wanju-2021", "전라북도", "North Jeolla Province"),
    (AGR + "jeonbuk-wanju-jdc-2024", "전북특별자치도", "Jeonbuk State"),
]


def test_oxigraph_names_the_partner_as_on_the_date():
    graph = mougraph.load_all([SHAPES_CONTEXT, GENERAL_CASE])
    rows = mougraph.query("cq01", graph=graph, params={"party": "gov:wanju"}).rows()
    assert [(r[0], r[2], r[3]) for r in rows] == EXPECTED


def test_rdflib_agrees():
    graph = Graph()
    for path in [*ONTOLOGY_FILES, SHAPES_CONTEXT, GENERAL_CASE]:
        graph.parse(path, format="turtle")
    text = bind((QUERIES / "cq01-seoul-partners.report.rq").read_text(encoding="utf-8"), {"party": "gov:wanju"})
    rows = [(str(r.agreement), str(r.partnerKo), str(r.partnerEn)) for r in graph.query(text)]
    assert rows == EXPECTED
