"""A body's name on a date and its timeline (expected values from the registry rows, see test_reference.py)."""

from mougraph.gazetteer.history import describe, name_on, timeline
from mougraph.gazetteer.resolution import resolve

GOV = "https://w3id.org/mougraph/id/org/"


def _iri(name: str) -> str:
    return resolve(name).candidates[0].iri


def test_name_in_force_on_a_date():
    jeonbuk = _iri("전북특별자치도")
    assert name_on(jeonbuk, "2024-01-17") == "전라북도"
    assert name_on(jeonbuk, "2024-01-18") == "전북특별자치도"
    assert name_on(GOV + "gwangju", "1990-01-01") == "광주직할시"


def test_unknown_organisation_has_no_history():
    assert name_on(GOV + "seoul-administration-bureau", "2023-04-10") is None
    assert timeline(GOV + "seoul-administration-bureau") == []


def test_gunwi_timeline():
    events = timeline(_iri("군위군"))
    assert [(e.day, e.parent, e.code, e.what) for e in events] == [
        ("1988-04-23", "경상북도", "4772000000", ("start",)),
        ("2023-06-30", "대구광역시", "2772000000", ("parent", "code")),
    ]


def test_renamed_parent_is_not_a_transfer():
    events = timeline(_iri("미추홀구"))
    assert [e.what for e in events] == [("start",), ("code",), ("renamed", "code")]
    assert events[-1].name == "미추홀구" and events[1].parent == "인천광역시"


def test_ended_body_names_its_successor():
    events = timeline(GOV + "jeollanam-do")
    assert events[-1].day == "2026-07-01" and events[-1].what == ("ended",)
    assert events[-1].others == (_iri("전남광주통합특별시"),)
    assert describe(events[-1]) == "2026-07-01: 전라남도 폐지"
