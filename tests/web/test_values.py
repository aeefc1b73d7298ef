"""Values as people read them (mougraph.publishing.values): dates at their precision, durations, counts.

Expected texts follow docs/dates.md (a date is shown at the precision it is written at, never finer; a bound
"before 2019" sorts just before the dates of 2019, "after 2015" just after those of 2015, unknown dates last) and
the catalogue's words (i18n.py).
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, TIME, XSD

from mougraph.publishing.values import date_key, date_text, iso_text, literal_text

MG = Namespace("https://w3id.org/mougraph/ontology#")
INST = Namespace("https://w3id.org/mougraph/id/instant/")


@pytest.mark.parametrize("text, ko, en", [
    ("2016", "2016년", "2016"),
    ("2019-11", "2019년 11월", "Nov 2019"),
    ("2023-04-10", "2023년 4월 10일", "10 Apr 2023"),
    ("2023-04-10T11:10:00+09:00", "2023년 4월 10일 11:10", "10 Apr 2023 11:10"),
])
def test_a_date_is_shown_at_its_precision(text, ko, en):
    assert iso_text(text, "ko") == ko and iso_text(text, "en") == en


@pytest.mark.parametrize("lexical, datatype, ko, en", [
    ("PT20M", XSD.duration, "20분", "20 min"),
    ("PT1H30M", XSD.duration, "1시간 30분", "1 h 30 min"),
    ("1234567", XSD.integer, "1,234,567", "1,234,567"),
    ("2019-11", XSD.gYearMonth, "2019년 11월", "Nov 2019"),
])
def test_typed_literals_read_as_values(lexical, datatype, ko, en):
    term = Literal(lexical, datatype=datatype)
    assert literal_text(term, "ko") == ko and literal_text(term, "en") == en


def undetermined_dates() -> tuple[Graph, dict]:
    g = Graph()
    for name, prop, value, dtype in (("2019", TIME.inXSDgYear, "2019", XSD.gYear),
                                     ("2015", TIME.inXSDgYear, "2015", XSD.gYear),
                                     ("2019-01-01", TIME.inXSDDate, "2019-01-01", XSD.date),
                                     ("2018-12-31", TIME.inXSDDate, "2018-12-31", XSD.date),
                                     ("2015-12-31", TIME.inXSDDate, "2015-12-31", XSD.date),
                                     ("2016-01-01", TIME.inXSDDate, "2016-01-01", XSD.date)):
        g.add((INST[name], prop, Literal(value, datatype=dtype)))
    dates = {k: INST[k] for k in ("2019", "2015", "2019-01-01", "2018-12-31", "2015-12-31", "2016-01-01")}
    for name, bounds in (("before-2019", {TIME.before: INST["2019"]}), ("after-2015", {TIME.after: INST["2015"]}),
                         ("between", {TIME.after: INST["2015"], TIME.before: INST["2019"]}), ("unknown", {})):
        node = URIRef("https://w3id.org/mougraph/id/agreement/x/" + name)
        g.add((node, RDF.type, MG.UndeterminedInstant))
        for p, o in bounds.items():
            g.add((node, p, o))
        dates[name] = node
    return g, dates


def test_bounded_and_unknown_dates_are_said_and_sorted():
    g, d = undetermined_dates()
    assert date_text(g, d["before-2019"], "ko") == "2019년 이전"
    assert date_text(g, d["after-2015"], "en") == "after 2015"
    assert date_text(g, d["between"], "en") == "after 2015, before 2019"
    assert date_text(g, d["unknown"], "en") == "date unknown"
    order = sorted(d, key=lambda k: date_key(g, d[k]))
    assert order.index("2018-12-31") < order.index("before-2019") < order.index("2019") < order.index("2019-01-01")
    assert order.index("2015-12-31") < order.index("after-2015") < order.index("2016-01-01")
    assert order[-1] == "unknown"
