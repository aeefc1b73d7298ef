"""Rules that compare dates at every precision, the one home of the domain-count rule, the literal check on every
property, and the domain scheme's coverage. Run with pySHACL directly, as test_shapes.py (its helpers are reused).

- Dates: agreements that build on others, events and ceremonies with dates at a year, a month, a day or a minute,
  and dates known only within bounds; each case says by hand whether its rule must fire (a month-dated and a
  day-dated value in the same month are not before each other).
- mgsh:DomainCountShape (recommended) and queries/domain-count-mismatch.check.rq find exactly the same
  agreements, on every combination of stated count, listed domains and completeness.
- mgsh:WellTypedLiteralShape leaves out exactly the properties that have a value shape of their own.
- The domain scheme: every concept reaches one theme, the themes the agreements need exist, the concepts the data
  uses keep their IRIs, and every exchange field of the portal database is matched by a theme.
"""

from __future__ import annotations

import re

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, SKOS

from tests.shapes.test_shapes import context, shapes, validate
from tests.support.paths import ONTOLOGY as ONTOLOGY_DIR, ROOT
from tests.support.shape_fixtures import MGSH

MG = Namespace("https://w3id.org/mougraph/ontology#")
TIME = Namespace("http://www.w3.org/2006/time#")
ID = "https://w3id.org/mougraph/id/"
DOM = Namespace(ID + "domain/")
FIELD = Namespace(ID + "exchange-field/")
SCHEME = Namespace(ID + "scheme/")
X = Namespace("http://example.org/mougraph-test/date-rules/")

PREFIXES = """
@prefix mg: <https://w3id.org/mougraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix kind: <https://w3id.org/mougraph/id/kind/> .
@prefix status: <https://w3id.org/mougraph/id/status/> .
@prefix ex: <http://example.org/mougraph-test/> .
@prefix x: <http://example.org/mougraph-test/date-rules/> .
"""


def instant(value: str) -> str:
    """Turtle for an instant: "2031", "2031-05", "2031-05-20", "2031-05-20T10:00" (KST), "<2031" or ">2031"."""
    if value[0] in "<>":
        bound = "time:before" if value[0] == "<" else "time:after"
        return f"[ a mg:UndeterminedInstant ; {bound} {instant(value[1:])} ]"
    if "T" in value:
        return (f'[ a time:Instant ; time:inXSDDateTimeStamp "{value}:00+09:00"^^xsd:dateTimeStamp ; '
                'time:unitType time:unitMinute ]')
    kind, unit = {4: ("gYear", "Year"), 7: ("gYearMonth", "Month"), 10: ("Date", "Day")}[len(value)]
    datatype = kind[0].lower() + kind[1:] if kind != "Date" else "date"
    return f'[ a time:Instant ; time:inXSD{kind} "{value}"^^xsd:{datatype} ; time:unitType time:unit{unit} ]'


def agreement(name: str, date: str, extra: str = "") -> str:
    return (f'x:{name} a mg:Agreement ; rdfs:label "시험 협약 {name}"@ko ; mg:kind kind:mou ; '
            'mg:status status:signed ;\n'
            f'    mg:party ex:city-a , ex:corp-c ; mg:date {instant(date)} ; mg:statedIn ex:p1 {extra}.\n')


# (later agreement's date, earlier agreement's date, must BuildsOnDateShape fire?)
BUILDS_ON = [
    ("2031-05", "2031-05-20", False), ("2031-05-20", "2031-05", False), ("2031", "2031-12-31", False),
    ("2031-05-20T09:00", "2031-05-20", False), ("2031-05-20T09:00", "2031-05-20T09:00", False),
    ("2031-04-30", "2031-05", True), ("2031-04", "2031-05-01", True), ("2030", "2031-01", True),
    ("2031-05-20T09:00", "2031-05-20T10:00", True), ("2031-05-19", "2031-05-20T00:10", True),
    ("<2019", "2019-05-01", True), ("<2019", "2018-12-31", False), ("<2019-05", "2019", False),
    ("2019", ">2019", True), ("2020-01-01", ">2019", False), ("2019-06", ">2019-05-31", False),
    ("<2019", ">2017", False),
]
# (start, end, must EventOrderShape fire?)
EVENTS = [
    ("2031-05", "2031-05-20", False), ("2031-05-20", "2031-05", False), ("2031-05-20T10:00", "2031-05-20", False),
    ("2031-05-20T10:00", "2031-05-20T10:00", True), ("2031-05-20T10:00", "2031-05-20T09:50", True),
    ("2031-05-20", "2031-05-19T23:00", True), ("2031-06", "2031-05-31", True), (">2031", "2031-12", True),
    ("2031-05-20", "<2031-05-21", False),
]
# (agreement's date, ceremony's start, must CeremonyDateShape fire?)
CEREMONIES = [
    ("2031-05", "2031-05-07T10:30", False), ("2031", "2031-11-11", False), ("2031-05-01", "2031-05-01T18:00", False),
    ("2031-05-01T11:30", "2031-05-01T11:10", False), ("2031-05-01", "2031-05-02T10:00", True),
    ("2031-05", "2031-06-01", True), ("2030", "2031-01-01T09:00", True), ("<2019", "2019-03-04", True),
    ("<2019", "2018-03-04", False),
]


@pytest.fixture(scope="module")
def date_results():
    text = PREFIXES
    for i, (later, earlier, _) in enumerate(BUILDS_ON):
        text += agreement(f"b{i}-earlier", earlier)
        text += agreement(f"b{i}", later, f"; mg:renews x:b{i}-earlier ")
    for i, (start, end, _) in enumerate(EVENTS):
        text += (f'x:e{i} a mg:Meeting ; rdfs:label "시험 행사 {i}"@ko ; time:hasBeginning {instant(start)} ;\n'
                 f'    time:hasEnd {instant(end)} ; mg:statedIn ex:p1 .\n')
    for i, (date, start, _) in enumerate(CEREMONIES):
        text += agreement(f"c{i}", date, f"; mg:signingEvent x:c{i}-ceremony ")
        text += (f'x:c{i}-ceremony a mg:SigningCeremony ; rdfs:label "시험 협약식 {i}"@ko ;\n'
                 f'    time:hasBeginning {instant(start)} ; mg:statedIn ex:p1 .\n')
    data = Graph().parse(data=text, format="turtle")
    data += context()
    return [r for r in validate(data) if r.severity == SH.Violation]


def _fired(results, shape):
    return {str(r.focus)[len(str(X)):] for r in results if r.shape == MGSH[shape]}


def test_builds_on_compares_at_the_coarser_precision(date_results):
    expected = {f"b{i}" for i, (_, _, fires) in enumerate(BUILDS_ON) if fires}
    assert _fired(date_results, "BuildsOnDateShape") == expected


def test_event_order_compares_at_the_coarser_precision(date_results):
    expected = {f"e{i}" for i, (_, _, fires) in enumerate(EVENTS) if fires}
    assert _fired(date_results, "EventOrderShape") == expected


def test_ceremony_date_compares_days_at_the_coarser_precision(date_results):
    expected = {f"c{i}" for i, (_, _, fires) in enumerate(CEREMONIES) if fires}
    assert _fired(date_results, "CeremonyDateShape") == expected


def test_no_other_rule_breaks_on_the_date_cases(date_results):
    others = {r.shape for r in date_results} - {MGSH.BuildsOnDateShape, MGSH.EventOrderShape, MGSH.CeremonyDateShape}
    assert not others, others


# ------------------------------------------------------------------------------------------------------------
# The stated domain count: one rule, asked by the shape and by the check query alike
# ------------------------------------------------------------------------------------------------------------

def test_domain_count_shape_and_check_query_find_the_same_agreements():
    data, expected = Graph(), set()
    for stated in (1, 2, 3):
        for listed in range(5):
            for complete in (None, True, False):
                a = X[f"d-{stated}-{listed}-{complete}"]
                data.add((a, RDF.type, MG.Agreement))
                data.add((a, MG.statedDomainCount, Literal(stated)))
                if complete is not None:
                    data.add((a, MG.domainListComplete, Literal(complete)))
                for n in range(listed):
                    data.add((a, MG.listsDomain, X[f"d-{stated}-{listed}-{complete}/domain-{n}"]))
                if listed > stated or (complete is True and listed != stated):  # the rule, written out by hand
                    expected.add(a)
    check = (ROOT / "queries" / "domain-count-mismatch.check.rq").read_text(encoding="utf-8")
    by_check = {row[0] for row in data.query(check)}
    shape_graph = Graph().parse(ONTOLOGY_DIR / "mougraph-recommended.shacl.ttl")
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shape_graph, inference="none", advanced=True,
                                                allow_warnings=True)
    by_shape = {report.value(r, SH.focusNode) for r in report.objects(None, SH.result)
                if report.value(r, SH.sourceShape) == MGSH.DomainCountShape}
    assert by_check == expected
    assert by_shape == expected


# ------------------------------------------------------------------------------------------------------------
# Well-typed literals: every property but those with a value shape of their own
# ------------------------------------------------------------------------------------------------------------

def test_well_typed_literal_shape_leaves_out_exactly_the_properties_with_a_value_shape():
    graph = shapes()
    with_value_shape = set()
    for shape in graph.subjects(SH.targetSubjectsOf, None):
        path = graph.value(shape, SH.path)
        alternatives = graph.value(shape, SH["or"])
        typed = graph.value(shape, SH.datatype) is not None or (alternatives is not None and all(
            graph.value(member, SH.datatype) is not None for member in Collection(graph, alternatives)))
        if typed and path is not None and (shape, SH.targetSubjectsOf, path) in graph:
            with_value_shape.add(path)
    target = graph.value(MGSH.WellTypedLiteralShape, SH.target)
    select = str(graph.value(target, SH.select))
    listed = re.search(r"\?path NOT IN \(([^)]*)\)", select).group(1)
    names = {"time": "http://www.w3.org/2006/time#", "mg": str(MG)}
    excluded = {URIRef(names[p] + local) for p, local in re.findall(r"(\w+):(\w+)", listed)}
    assert excluded == with_value_shape


def test_a_literal_is_checked_once_on_every_property():
    """An ill-typed date on dcterms:date (no value shape) is found by the literal rule, one on time:inXSDDate by
    the value shape of that property, and neither by both."""
    data = Graph().parse(data=PREFIXES + """
        @prefix dcterms: <http://purl.org/dc/terms/> .
        x:doc dcterms:date "2023-13-45"^^xsd:date ; dcterms:valid "2031-02-29"^^xsd:date , "2032-02-29"^^xsd:date .
        x:instant a time:Instant ; time:inXSDDate "2023-13-10"^^xsd:date ; time:unitType time:unitDay .
        """, format="turtle")
    results = [r for r in validate(data) if r.severity == SH.Violation]
    by_shape = {}
    for r in results:
        by_shape.setdefault(r.shape, set()).add(str(r.value))
    assert by_shape == {MGSH.WellTypedLiteralShape: {"2023-13-45", "2031-02-29"},
                        MGSH.InXSDDateValueShape: {"2023-13-10"}}


# ------------------------------------------------------------------------------------------------------------
# The domain scheme
# ------------------------------------------------------------------------------------------------------------

THEMES = {  # what agreements list (the list) -> the theme or sub-theme that covers it
    "administration and policy exchange": DOM["administration"], "civil society": DOM["civil-society"],
    "disaster and safety": DOM["disaster-safety"], "youth": DOM["youth"],
    "agriculture and rural life": DOM["agriculture-rural"], "health": DOM["health"],
    "environment": DOM["environment"], "economy": DOM["regional-economy"], "tourism": DOM["tourism-promotion"],
    "culture and arts": DOM["culture-arts"], "sports": DOM["sports"], "education": DOM["education"],
    "personnel": DOM["human-resources"],
}


def _schemes():
    return Graph().parse(ONTOLOGY_DIR / "mougraph.skos.ttl")


def test_every_concept_of_the_domain_scheme_reaches_exactly_one_theme():
    g = _schemes()
    for concept in g.subjects(SKOS.inScheme, SCHEME.domains):
        tops = {c for c in g.transitive_objects(concept, SKOS.broader) if (c, SKOS.topConceptOf, SCHEME.domains) in g}
        assert len(tops) == 1, (concept, tops)


def test_the_themes_agreements_list_exist_in_the_domain_scheme():
    g = _schemes()
    for theme, concept in THEMES.items():
        assert (concept, SKOS.inScheme, SCHEME.domains) in g, theme


def test_every_concept_the_data_uses_keeps_its_iri():
    g = _schemes()
    data = Graph()
    for path in sorted((ROOT / "data").glob("*.ttl")):
        data.parse(path)
    used = {o for o in data.objects() if isinstance(o, URIRef) and str(o).startswith(ID + "domain/")}
    assert used and all((c, RDF.type, SKOS.Concept) in g for c in used)


def test_every_exchange_field_of_the_portal_maps_to_a_theme():
    g = _schemes()
    matches = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)
    fields = set(g.subjects(SKOS.inScheme, SCHEME["exchange-fields"]))
    assert len(fields) == 11
    for field in fields:
        assert g.value(field, SKOS.notation) is not None, field
        themes = {s for p in matches for s in g.subjects(p, field) if (s, SKOS.inScheme, SCHEME.domains) in g}
        assert themes, f"{field} is matched by no concept of the domain scheme"
    unconfirmed = {f for f in fields if any(n.language == "en" and n.startswith("Unconfirmed")
                                              for n in g.objects(f, SKOS.editorialNote))}
    confirmed = {str(g.value(f, SKOS.notation)) for f in fields - unconfirmed}
    assert confirmed == {"행정", "인적", "문화예술", "스포츠", "경제", "관광"}
