"""Revised Romanization on names whose romanisation is published (the rules' own examples and official names)."""

import pytest

from mougraph.gazetteer.romanise import romanise, romanise_word

# Expected values: the examples of 국어의 로마자 표기법 (2000) and the official romanised names of the places.
WORDS = [("신라", "silla"), ("종로", "jongno"), ("왕십리", "wangsimni"), ("별내", "byeollae"), ("백마", "baengma"),
         ("독립", "dongnip"), ("협력", "hyeomnyeok"), ("묵호", "mukho"), ("집현전", "jiphyeonjeon"), ("좋고", "joko"),
         ("설악", "seorak"),
         ("한라산", "hallasan"), ("울릉", "ulleung"), ("선릉", "seolleung"), ("의정부", "uijeongbu"),
         ("낙동강", "nakdonggang"), ("합덕", "hapdeok"), ("강릉", "gangneung")]
NAMES = [("종로구", "Jongno-gu"), ("청주시", "Cheongju-si"), ("전라남도", "Jeollanam-do"),
         ("경상북도", "Gyeongsangbuk-do"),
         ("충청남도", "Chungcheongnam-do"),
         ("해운대구", "Haeundae-gu"), ("옥천군", "Okcheon-gun"), ("중구", "Jung-gu"),
         ("의정부시", "Uijeongbu-si"), ("울릉군", "Ulleung-gun"), ("강릉시", "Gangneung-si"), ("고성군", "Goseong-gun")]


@pytest.mark.parametrize("word, expected", WORDS)
def test_sound_changes(word, expected):
    assert romanise_word(word) == expected


@pytest.mark.parametrize("name, expected", NAMES)
def test_place_names_with_their_unit(name, expected):
    assert romanise(name) == expected
