"""The fixed world of a synthetic graph: every Korean local government, foreign partner and public body.

It is the same for every seed (:func:`universe` draws the invented names from its own ``Random(0)``): the 17
upper-tier governments under their real names and codes, 226 lower-tier ones with invented names and codes,
foreign partner cities and public bodies; and the stock a seed draws people's names and heads' terms from.
How an organisation is written, with its offices, people and buildings: :mod:`mougraph.synth.writer`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from mougraph.synth.terms import nid

#: Upper-tier local governments: slug (as in data/organisations.ttl where present), Korean and English name,
#: tier, 행정기관코드, 법정동코드, Wikidata QID (only those verified in data/organisations.ttl), short name.
UPPER = [
    ("seoul", "서울특별시", "Seoul", "special-city", "6110000", "1100000000", "Q8684", "서울시"),
    ("busan", "부산광역시", "Busan", "metropolitan-city", "6260000", "2600000000", None, "부산시"),
    ("daegu", "대구광역시", "Daegu", "metropolitan-city", "6270000", "2700000000", None, "대구시"),
    ("incheon", "인천광역시", "Incheon", "metropolitan-city", "6280000", "2800000000", None, "인천시"),
    ("gwangju", "광주광역시", "Gwangju", "metropolitan-city", "6290000", "2900000000", "Q41283", "광주광역시"),
    ("daejeon", "대전광역시", "Daejeon", "metropolitan-city", "6300000", "3000000000", "Q20921", "대전시"),
    ("ulsan", "울산광역시", "Ulsan", "metropolitan-city", "6310000", "3100000000", None, "울산시"),
    ("sejong", "세종특별자치시", "Sejong", "special-self-governing-city", "5690000", "3611000000", "Q20929", "세종시"),
    ("gyeonggi-do", "경기도", "Gyeonggi Province", "province", "6410000", "4100000000", None, "경기도"),
    ("gangwon", "강원특별자치도", "Gangwon State", "special-self-governing-province", "6530000", "5100000000", None, "강원도"),
    ("chungcheongbuk-do", "충청북도", "North Chungcheong Province", "province", "6430000", "4300000000", None, "충북"),
    ("chungcheongnam-do", "충청남도", "South Chungcheong Province", "province", "6440000", "4400000000", None, "충남"),
    ("jeonbuk", "전북특별자치도", "Jeonbuk State", "special-self-governing-province", "6540000", "5200000000", None, "전북"),
    ("jeollanam-do", "전라남도", "South Jeolla Province", "province", "6460000", "4600000000", "Q41161", "전남"),
    ("gyeongsangbuk-do", "경상북도", "North Gyeongsang Province", "province", "6470000", "4700000000", None, "경북"),
    ("gyeongsangnam-do", "경상남도", "South Gyeongsang Province", "province", "6480000", "4800000000", None, "경남"),
    ("jeju", "제주특별자치도", "Jeju Special Self-Governing Province", "special-self-governing-province", "6500000", "5000000000", "Q41164", "제주"),
]
#: Former names of renamed upper-tier governments: slug -> (name until, en, last day, first day of the new name).
FORMER_NAMES = {
    "gangwon": ("강원도", "Gangwon Province", "2023-06-10", "2023-06-11"),
    "jeonbuk": ("전라북도", "North Jeolla Province", "2024-01-17", "2024-01-18"),
}
#: Lower-tier governments per upper-tier one: (cities 시, counties 군, autonomous districts 자치구); 75 + 82 + 69 = 226.
LOWER_COUNTS = {
    "seoul": (0, 0, 25), "busan": (0, 1, 15), "daegu": (0, 2, 7), "incheon": (0, 2, 8), "gwangju": (0, 0, 5),
    "daejeon": (0, 0, 5), "ulsan": (0, 1, 4), "sejong": (0, 0, 0), "gyeonggi-do": (28, 3, 0),
    "gangwon": (7, 11, 0), "chungcheongbuk-do": (3, 8, 0), "chungcheongnam-do": (8, 7, 0), "jeonbuk": (6, 8, 0),
    "jeollanam-do": (5, 17, 0), "gyeongsangbuk-do": (10, 12, 0), "gyeongsangnam-do": (8, 10, 0), "jeju": (0, 0, 0),
}
FOREIGN_PARTNERS = 60
PUBLIC_BODIES = 20

#: Lower-tier kinds: tier slug, Korean and romanised suffix.
TIER_OF_LOWER = {"si": ("city", "시", "-si"), "gun": ("county", "군", "-gun"), "gu": ("autonomous-district", "구", "-gu")}
#: Invented place names are two of these syllables; people's names are a surname and two given syllables.
SYLLABLES = [("한", "han"), ("솔", "sol"), ("누", "nu"), ("리", "ri"), ("별", "byeol"), ("빛", "bit"), ("샘", "saem"),
             ("숲", "sup"), ("들", "deul"), ("온", "on"), ("새", "sae"), ("길", "gil"), ("봄", "bom"), ("달", "dal"),
             ("해", "hae"), ("푸", "pu"), ("른", "reun"), ("가", "ga"), ("람", "ram"), ("여", "yeo"), ("울", "ul"),
             ("나", "na"), ("래", "rae"), ("미", "mi")]
SURNAMES = [("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"), ("강", "Kang"), ("조", "Cho"),
            ("윤", "Yoon"), ("장", "Jang"), ("임", "Lim"), ("한", "Han"), ("오", "Oh"), ("서", "Seo"), ("신", "Shin")]
GIVEN = [("민", "min"), ("서", "seo"), ("준", "jun"), ("지", "ji"), ("현", "hyeon"), ("우", "woo"), ("수", "su"),
         ("영", "yeong"), ("하", "ha"), ("은", "eun"), ("도", "do"), ("윤", "yun"), ("호", "ho"), ("진", "jin"),
         ("재", "jae"), ("연", "yeon"), ("희", "hui"), ("성", "seong")]
#: Elected terms of heads of local governments (the 5th to 8th nationwide local elections).
TERMS = [("2010-07-01", "2014-06-30"), ("2014-07-01", "2018-06-30"), ("2018-07-01", "2022-06-30"),
         ("2022-07-01", "2026-06-30")]


@dataclass
class Org:
    """An organisation of the world, and what the writer has written of it so far (``emitted`` and after)."""

    slug: str
    name_ko: str
    name_en: str
    kind: str  # "upper", "lower", "foreign", "public"
    tier: str | None = None
    admin_code: str | None = None
    dong_code: str | None = None
    qid: str | None = None
    parent: Org | None = None
    head_title_ko: str = ""
    head_title_en: str = ""
    emitted: bool = False
    terms: list = field(default_factory=list)  # (term iri, person iri, from, until)
    registry_line: int = 0
    contact: tuple = ()  # (person, office, unit) of the external cooperation division

    @property
    def iri(self) -> str:
        return nid(f"org/{self.slug}")

    def name(self, date: str, lang: str = "ko") -> str:
        """The name in force on ``date`` (a year or a day), as mgsh:NameInForceShape reads it."""
        if self.slug in FORMER_NAMES:
            old_ko, old_en, until, _since = FORMER_NAMES[self.slug]
            if date[:4] < until[:4] or (len(date) > 4 and date <= until):
                return old_ko if lang == "ko" else old_en
        return self.name_ko if lang == "ko" else self.name_en


def universe() -> list[Org]:
    """Every organisation a synthetic graph can name, in a fixed order: upper, lower, foreign, public."""
    names = random.Random(0)
    orgs: list[Org] = []
    used: set[str] = set()
    for slug, name_ko, name_en, tier, admin, dong, qid, _short in UPPER:
        head_ko = {"special-city": "장", "metropolitan-city": "장", "special-self-governing-city": "장"}.get(tier, "지사")
        head_en = "Mayor of " if head_ko == "장" else "Governor of "
        orgs.append(Org(slug, name_ko, name_en, "upper", tier, admin, dong, qid,
                        head_title_ko=name_ko + head_ko, head_title_en=head_en + name_en))
    serial = 0
    for upper in list(orgs):
        cities, counties, districts = LOWER_COUNTS[upper.slug]
        for kind, count in (("si", cities), ("gun", counties), ("gu", districts)):
            tier, suffix_ko, suffix_en = TIER_OF_LOWER[kind]
            for _ in range(count):
                while True:
                    (k1, r1), (k2, r2) = names.sample(SYLLABLES, 2)
                    if k1 + k2 not in used:
                        used.add(k1 + k2)
                        break
                serial += 1
                name_ko = f"{k1}{k2}{suffix_ko}"
                roman = f"{r1}{r2}".capitalize()
                sido = upper.dong_code[:2]
                head_ko = {"si": "시장", "gun": "군수", "gu": "구청장"}[kind]
                head_en = {"si": "Mayor of ", "gun": "Head of ", "gu": "Head of "}[kind]
                orgs.append(Org(
                    f"synthetic-{serial:03d}-{r1}{r2}{suffix_en}", name_ko, f"{roman}{suffix_en}", "lower", tier,
                    admin_code=f"9{serial:03d}{names.randrange(1000):03d}", dong_code=f"{sido}{700 + serial % 300:03d}00000",
                    parent=upper, head_title_ko=name_ko[:-1] + head_ko if kind != "si" else name_ko + "장",
                    head_title_en=head_en + f"{roman}{suffix_en}"))
    for n in range(1, FOREIGN_PARTNERS + 1):
        (k1, r1), (k2, r2) = names.sample(SYLLABLES, 2)
        orgs.append(Org(f"synthetic-foreign-{n:02d}", f"해외 {k1}{k2}시", f"Foreign city {r1.capitalize()}{r2} {n:02d}",
                        "foreign", head_title_ko=f"해외 {k1}{k2}시장", head_title_en=f"Mayor of foreign city {n:02d}"))
    for n in range(1, PUBLIC_BODIES + 1):
        upper = orgs[n % len(UPPER)]
        orgs.append(Org(f"synthetic-public-body-{n:02d}", f"{upper.name_ko} 가상공사 {n:02d}",
                        f"{upper.name_en} synthetic corporation {n:02d}", "public",
                        admin_code=f"8{n:03d}000", head_title_ko=f"{upper.name_ko} 가상공사 {n:02d} 사장",
                        head_title_en=f"President of {upper.name_en} synthetic corporation {n:02d}"))
    return orgs
