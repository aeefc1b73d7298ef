"""Name resolution on written forms (short, old, English, with context); expected answers from the sources."""

import pytest

from mougraph.cli import cli
from mougraph.gazetteer.resolution import resolve

# (written form, date, near, expected full name of the best candidate on that date, or None when ambiguous)
TABLE = [
    ("서울시", None, (), "서울특별시"),
    ("서울", None, (), "서울특별시"),
    ("Seoul", None, (), "서울특별시"),
    ("세종시", None, (), "세종특별자치시"),
    ("Sejong", None, (), "세종특별자치시"),
    ("대전시", None, (), "대전광역시"),
    ("대전", "2023-04-10", (), "대전광역시"),
    ("전북", None, (), "전북특별자치도"),
    ("전북", "2020-05-01", (), "전라북도"),
    ("전라북도", "2025-01-01", (), "전북특별자치도"),
    ("강원도", "2022-01-01", (), "강원도"),
    ("제주도", None, (), "제주특별자치도"),
    ("경남", None, (), "경상남도"),
    ("광주시", None, (), None),
    ("광주시", "2020-01-01", ("경기도",), "경기도 광주시"),
    ("광주시", "2017-03-01", ("전라남도",), "광주광역시"),
    ("경기도 광주시", None, (), "경기도 광주시"),
    ("광주광역시", "2017-05-01", (), "광주광역시"),
    ("광주특별시", "2026-10-01", (), "전남광주통합특별시"),
    ("고성군", None, (), None),
    ("고성군", "2024-01-01", ("속초시",), "강원특별자치도 고성군"),
    ("고성군", "2024-01-01", ("통영시",), "경상남도 고성군"),
    ("강원 고성군", None, (), "강원특별자치도 고성군"),
    ("경남 고성군", None, (), "경상남도 고성군"),
    ("Goseong-gun", None, (), None),
    ("남구", None, (), None),
    ("남구", None, ("해운대구",), "부산광역시 남구"),
    ("부산 남구", None, (), "부산광역시 남구"),
    ("중구", "2020-01-01", ("인천",), "인천광역시 중구"),
    ("강서구", None, (), None),
    ("종로구", None, (), "서울특별시 종로구"),
    ("Jongno-gu", None, (), "서울특별시 종로구"),
    ("화성", None, (), "경기도 화성시"),
    ("여주군", "2010-05-01", (), "경기도 여주군"),
    ("당진군", "2011-06-01", (), "충청남도 당진군"),
    ("청원군", "2013-01-01", (), "충청북도 청원군"),
    ("군위군", "2022-01-01", (), "경상북도 군위군"),
    ("군위군", "2024-01-01", (), "대구광역시 군위군"),
    ("마산시", "2009-01-01", (), "경상남도 마산시"),
    ("창원시", "2015-01-01", (), "경상남도 창원시"),
    ("미추홀구", None, (), "인천광역시 미추홀구"),
]


@pytest.mark.parametrize("name, on, near, expected", TABLE)
def test_written_forms(name, on, near, expected):
    result = resolve(name, on=on, near=near)
    assert result.candidates
    if expected is None:
        assert result.ambiguous and len(result.candidates) >= 2
    else:
        assert not result.ambiguous, result.as_dict()
        assert result.candidates[0].full_name == expected
        assert result.candidates[0].why


def test_two_goseong_are_both_listed():
    keys = {c.full_name for c in resolve("고성군").candidates}
    assert keys == {"강원특별자치도 고성군", "경상남도 고성군"}


def test_a_body_that_no_longer_existed_is_named_once_with_its_province():
    """Regression: the old 창원시 (merged 2010) on a later day was written "경상남도 경상남도 창원시"."""
    found = {c.key: c.full_name for c in resolve("경상남도 창원시", on="2015-05-01").candidates}
    assert found["lg-48110"] == "경상남도 창원시" and found["lg-48120"] == "경상남도 창원시"
    assert resolve("경상남도 창원시", on="2015-05-01").candidates[0].key == "lg-48120"  # the one in force


def test_ended_body_says_its_successor():
    best = resolve("광주광역시", on="2026-10-01").candidates[0]
    assert best.valid_until == "2026-06-30" and best.successors
    assert any("did not exist" in why for why in best.why)


def test_unknown_name_exit_1_with_nearest(capsys):
    assert cli.main(["resolve", "화성군청사"], standalone_mode=False) == 1
    assert "no candidate" in capsys.readouterr().err


def test_ambiguous_exit_0_with_note(capsys):
    assert cli.main(["resolve", "고성군"], standalone_mode=False) == 0
    assert "ambiguous" in capsys.readouterr().err


def test_malformed_date_exit_2_naming_it(capsys):
    assert cli.main(["resolve", "서울시", "--on", "2023-02-30"], standalone_mode=False) == 2
    assert "2023-02-30" in capsys.readouterr().err


def test_json_output(capsys):
    assert cli.main(["resolve", "세종시", "-f", "json"], standalone_mode=False) == 0
    assert '"full_name": "세종특별자치시"' in capsys.readouterr().out
