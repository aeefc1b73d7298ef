"""``mougraph synth``: a realistic synthetic agreement graph of a chosen size, for benchmarks and tests.

The graph follows the patterns of ``data/*.ttl``: every Korean local government (the 17 upper-tier ones under
their real names, codes from the administrative code lists, and 226 lower-tier ones with invented names, marked
synthetic), foreign partner cities and public bodies, offices held by people over terms (some acting heads),
agreements of two or more parties with a kind, a status, a date at its precision (year, day), listed domains,
commitments, signatures in office, a signing ceremony in a room of a building, talks, mutual Hometown Love
donations, lineage (strengthens / renews / supersedes an earlier agreement of the same parties), planned expos,
and for every fact the passages (``mg:quote``, ``mg:line``) of a source document (``mg:sourceFile``) that state
it; where a press release and a news article disagree on a ceremony's end, an ``mg:Conflict`` with both claims.
Instants are named by their value (``instant/2016``, ``instant/2023-04-10``, ``instant/2023-04-10T11:10``).

Everything except the upper-tier governments' names and codes is invented: labels carry "(가상)" /
"(synthetic)" and every resource is stated in synthetic documents (``source/synthetic/...``).

The output is deterministic for a seed: N-Triples are written sorted (same bytes for the same seed and size),
other formats through :func:`mougraph.export.serialize`. With ``error_rate > 0``, violations of the shipped
SHACL shapes are injected (each kind at that rate of its eligible targets, at least once) and listed in a
sidecar JSON (``<output>.injected.json``): the shape (``sh:sourceShape``) and the focus node of each
``sh:Violation`` the validator must report, and nothing else of severity Violation.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from mougraph.errors import MougraphError
from mougraph.io import atomic_write
from mougraph.export import normalize_format, serialize
from mougraph.store import parse_bytes

ID = "https://w3id.org/mougraph/id/"
MG = "https://w3id.org/mougraph/ontology#"
MGSH = "https://w3id.org/mougraph/shapes#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
TIME = "http://www.w3.org/2006/time#"
ORG = "http://www.w3.org/ns/org#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
WD = "http://www.wikidata.org/entity/"

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

#: Leaf concepts of scheme:domains (ontology/mougraph.skos.ttl) with their Korean wording.
DOMAINS = {
    "hometown-love-donation": "고향사랑기부제 활성화", "agri-product-sales": "농특산물 판매지원",
    "sme-support": "중소기업 지원", "design-policy": "도시 디자인정책 교류", "garden-city": "정원도시 조성",
    "carbon-neutral-cooperation": "탄소중립 공동협력", "cyber-security-industry": "사이버 보안산업 육성",
    "culture": "문화 교류", "hangeul-culture-arts": "한글사랑·한국문화예술 발전", "sports-exchange": "스포츠 교류 활성화",
    "personnel-exchange": "인적교류", "civil-servant-training": "인재개발교육 교류", "tram-construction": "트램건설 기술교류",
    "mice-marketing": "마이스(MICE) 공동마케팅", "joint-promotion": "품앗이 홍보",
}
ACTIONS = ("share", "support", "promote", "exchange", "cooperate", "participate")
KINDS = {  # kind slug -> (Korean, English) as in the agreement names
    "mou": ("업무협약", "MOU"), "exchange-strengthening-mou": ("교류강화 업무협약", "exchange-strengthening MOU"),
    "friendship-exchange": ("우호교류 협약", "friendship exchange agreement"),
    "sister-city": ("자매결연", "sister-city agreement"), "co-prosperity": ("상생협력 협약", "co-prosperity agreement"),
    "agreement": ("협약", "agreement"),
}
TIER_OF_LOWER = {"si": ("city", "시", "-si"), "gun": ("county", "군", "-gun"), "gu": ("autonomous-district", "구", "-gu")}
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
SYN_KO, SYN_EN = " (가상)", " (synthetic)"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def iri(value: str) -> str:
    return f"<{value}>"


def ko(text: str) -> str:
    return f'"{_esc(text)}"@ko'


def en(text: str) -> str:
    return f'"{_esc(text)}"@en'


def lit(text: str) -> str:
    return f'"{_esc(text)}"'


def typed(lexical: str, datatype: str) -> str:
    return f'"{_esc(lexical)}"^^<{XSD}{datatype}>'


def integer(n: int) -> str:
    return typed(str(n), "integer")


def boolean(b: bool) -> str:
    return typed("true" if b else "false", "boolean")


A = iri(RDF + "type")
LABEL = iri(RDFS + "label")
STATED_IN = iri(MG + "statedIn")


def mg(name: str) -> str:
    return iri(MG + name)


def nid(path: str) -> str:
    return iri(ID + path)


@dataclass
class Org:
    slug: str
    name_ko: str
    name_en: str
    kind: str  # "upper", "lower", "foreign", "public"
    tier: str | None = None
    admin_code: str | None = None
    dong_code: str | None = None
    qid: str | None = None
    parent: "Org | None" = None
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


@dataclass
class Agreement:
    iri: str
    slug: str
    parties: list[Org]
    date: str  # "2016" or "2016-05-03"
    detailed: bool
    signatures: list = field(default_factory=list)  # (iri, org, term iri, person iri)
    domains: list = field(default_factory=list)  # (iri, has commitments)
    commitments: list = field(default_factory=list)  # (iri, committers, beneficiary)
    ceremony: str | None = None
    ceremony_start: str | None = None
    meeting: str | None = None
    donations: list = field(default_factory=list)  # donation iris
    exchange: str | None = None
    builds_on: list = field(default_factory=list)
    built_on_by: list = field(default_factory=list)
    passages: list = field(default_factory=list)
    status_index: int = -1
    conflict: str | None = None
    claims: list = field(default_factory=list)
    stated_count: int = 0


def _year(date: str) -> str:
    return date[:4]


def builds_on_ok(later: str, earlier: str) -> bool:
    """The date rule of mgsh:BuildsOnDateShape: not earlier by year, nor by day when both have a day."""
    if later[:4] < earlier[:4]:
        return False
    return not (len(later) > 4 and len(earlier) > 4 and later[:10] < earlier[:10])


class Generator:
    """Builds the triples of a synthetic graph as N-Triples terms (strings)."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.triples: list[tuple[str, str, str]] = []
        self.instants: set[str] = set()
        self.agreements: list[Agreement] = []
        self.by_pair: dict[tuple[str, ...], list[Agreement]] = {}
        self.persons: set[str] = set()
        self.person_counter = 0
        self.documents: set[str] = set()
        self.expos: list[tuple[str, Org, str]] = []
        self.orgs = self._universe()
        self.upper = [o for o in self.orgs if o.kind == "upper"]
        self.lower = [o for o in self.orgs if o.kind == "lower"]
        self.foreign = [o for o in self.orgs if o.kind == "foreign"]
        self.public = [o for o in self.orgs if o.kind == "public"]
        self.registry = nid("source/synthetic/registry")
        self.registry_lines = 0

    # --- the fixed universe of organisations (the same for every seed) ---------------------------------

    def _universe(self) -> list[Org]:
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

    # --- emitting ----------------------------------------------------------------------------------------

    def add(self, s: str, p: str, o: str) -> None:
        self.triples.append((s, p, o))

    def labels(self, s: str, text_ko: str, text_en: str) -> None:
        self.add(s, LABEL, ko(text_ko))
        self.add(s, LABEL, en(text_en))

    def document(self, doc: str, cls: str, label_ko: str, label_en: str, file: str, extra=()) -> None:
        if doc in self.documents:
            return
        self.documents.add(doc)
        self.add(doc, A, mg(cls))
        self.labels(doc, label_ko + SYN_KO, label_en + SYN_EN)
        self.add(doc, iri(DCT + "language"), lit("ko"))
        self.add(doc, mg("sourceFile"), lit(file))
        for p, o in extra:
            self.add(doc, p, o)

    def passage(self, doc: str, line: int, quote: str) -> str:
        p = iri(doc[1:-1] + f"/line-{line}")
        self.add(p, A, mg("Passage"))
        self.add(p, mg("inDocument"), doc)
        self.add(p, mg("line"), integer(line))
        self.add(p, mg("quote"), ko(quote))
        return p

    def instant(self, value: str) -> str:
        s = nid(f"instant/{value}")
        if value not in self.instants:
            self.instants.add(value)
            self.add(s, A, iri(TIME + "Instant"))
            self.add(s, LABEL, lit(value))
            if len(value) == 4:
                self.add(s, iri(TIME + "inXSDgYear"), typed(value, "gYear"))
                self.add(s, iri(TIME + "unitType"), iri(TIME + "unitYear"))
            elif len(value) == 10:
                self.add(s, iri(TIME + "inXSDDate"), typed(value, "date"))
                self.add(s, iri(TIME + "unitType"), iri(TIME + "unitDay"))
            else:
                self.add(s, iri(TIME + "inXSDDateTimeStamp"), typed(f"{value}:00+09:00", "dateTimeStamp"))
                self.add(s, iri(TIME + "unitType"), iri(TIME + "unitMinute"))
        return s

    def person(self, org: Org) -> str:
        self.person_counter += 1
        (s1, r1) = self.rng.choice(SURNAMES)
        (g1, q1), (g2, q2) = self.rng.sample(GIVEN, 2)
        p = nid(f"person/synthetic-{self.person_counter:06d}")
        self.add(p, A, mg("Person"))
        self.labels(p, f"{s1}{g1}{g2}{SYN_KO}", f"{r1} {q1.capitalize()}-{q2}{SYN_EN}")
        self.add(p, STATED_IN, self.registry_passage(org))
        return p

    def registry_passage(self, org: Org) -> str:
        if not org.registry_line:
            if not self.registry_lines:
                self.document(self.registry, "SourceDocument", "가상 기관·직위 목록", "Synthetic register of bodies and offices",
                              "synthetic/registry.txt")
            self.registry_lines += 1
            org.registry_line = self.registry_lines
            self.passage(self.registry, org.registry_line, f"{org.name_ko} {org.admin_code or ''} {org.head_title_ko}".strip())
        return iri(self.registry[1:-1] + f"/line-{org.registry_line}")

    def emit_org(self, org: Org) -> None:
        if org.emitted:
            return
        org.emitted = True
        s, src = org.iri, self.registry_passage(org)
        if org.kind in ("upper", "lower"):
            self.add(s, A, mg("LocalGovernment"))
            label_ko = org.name_ko if org.kind == "upper" else org.name_ko + SYN_KO
            label_en = org.name_en if org.kind == "upper" else org.name_en + SYN_EN
            self.labels(s, label_ko, label_en)
            self.add(s, mg("tier"), nid(f"tier/{org.tier}"))
            self.add(s, mg("adminAgencyCode"), lit(org.admin_code))
            self.add(s, mg("legalDongCode"), lit(org.dong_code))
            if org.qid:
                self.add(s, iri(SKOS + "exactMatch"), iri(WD + org.qid))
            if org.parent is not None:
                self.emit_org(org.parent)
                self.add(s, mg("withinArea"), org.parent.iri)
            if org.slug in FORMER_NAMES:
                old_ko, old_en, until, since = FORMER_NAMES[org.slug]
                for suffix, name_ko, name_en, start, end in (("former", old_ko, old_en, None, until),
                                                             ("current", org.name_ko, org.name_en, since, None)):
                    n = nid(f"org/{org.slug}-name-{suffix}")
                    self.add(s, mg("hasName"), n)
                    self.add(n, A, mg("OrganisationName"))
                    self.labels(n, f"{name_ko} (명칭)", f"{name_en} (name)")
                    self.add(n, mg("nameText"), ko(name_ko))
                    self.add(n, mg("nameText"), en(name_en))
                    if start:
                        self.add(n, mg("validFrom"), typed(start, "date"))
                    if end:
                        self.add(n, mg("validUntil"), typed(end, "date"))
                    self.add(n, STATED_IN, src)
        elif org.kind == "public":
            self.add(s, A, mg("PublicBody"))
            self.labels(s, org.name_ko + SYN_KO, org.name_en + SYN_EN)
            self.add(s, mg("adminAgencyCode"), lit(org.admin_code))
        else:
            self.add(s, A, mg("Organisation"))
            self.labels(s, org.name_ko + SYN_KO, org.name_en + SYN_EN)
        self.add(s, STATED_IN, src)
        # the head's office and its terms, one person per elected term (re-elected now and then)
        office = nid(f"office/{org.slug}-head")
        self.add(office, A, mg("Office"))
        self.labels(office, org.head_title_ko, org.head_title_en)
        self.add(office, iri(ORG + "postIn"), s)
        self.add(office, STATED_IN, src)
        holder = None
        for start, end in TERMS:
            if holder is None or self.rng.random() < 0.7:
                holder = self.person(org)
            term = nid(f"office/{org.slug}-head-{start[:4]}")
            self.term(term, office, holder, start, end, False, src)
            org.terms.append((term, holder, start, end))
        # the city hall with a ceremony room and a reception room
        hall = nid(f"place/{org.slug}-hall")
        self.add(hall, A, mg("Building"))
        self.labels(hall, f"{org.name_ko} 청사", f"{org.name_en} hall")
        self.add(hall, mg("operatedBy"), s)
        self.add(hall, STATED_IN, src)
        for room, label_ko, label_en, floor in (("conference-room", "대회의실", "main conference room", 5),
                                               ("reception-room", "접견실", "reception room", 7)):
            r = nid(f"place/{org.slug}-hall-{room}")
            self.add(r, A, mg("Room"))
            self.labels(r, f"{org.name_ko} {label_ko}", f"{label_en.capitalize()}, {org.name_en} hall")
            self.add(r, mg("inBuilding"), hall)
            self.add(r, mg("floor"), integer(floor + len(org.slug) % 3))
            self.add(r, STATED_IN, src)
        # the external cooperation division, which issues press releases, and its director (invented: not the IRI of
        # a real division such as data/'s org/seoul-external-cooperation-division, which has other labels and units)
        unit = nid(f"org/{org.slug}-synthetic-external-cooperation-division")
        self.add(unit, A, mg("OrganisationalUnit"))
        self.labels(unit, f"{org.name_ko} 대외협력과", f"External Cooperation Division, {org.name_en}")
        self.add(unit, iri(ORG + "unitOf"), s)
        self.add(unit, STATED_IN, src)
        director = nid(f"office/{org.slug}-external-cooperation-director")
        self.add(director, A, mg("Office"))
        self.labels(director, f"{org.name_ko} 대외협력과장", f"Director of External Cooperation, {org.name_en}")
        self.add(director, iri(ORG + "postIn"), unit)
        self.add(director, STATED_IN, src)
        contact = self.person(org)
        self.term(nid(f"office/{org.slug}-external-cooperation-director-term"), director, contact,
                  "2022-07-01", "2026-06-30", False, src)
        org.contact = (contact, director, unit)

    def term(self, term: str, office: str, holder: str, start: str, end: str, acting: bool, src: str) -> None:
        self.add(term, A, mg("OfficeTerm"))
        self.add(term, LABEL, ko(f"{'권한대행 ' if acting else ''}재임 {start[:4]}–{end[:4]}{SYN_KO}"))
        self.add(term, LABEL, en(f"{'Acting ' if acting else ''}term {start[:4]}–{end[:4]}{SYN_EN}"))
        self.add(term, mg("holder"), holder)
        self.add(term, mg("office"), office)
        self.add(term, mg("acting"), boolean(acting))
        self.add(term, mg("validFrom"), typed(start, "date"))
        self.add(term, mg("validUntil"), typed(end, "date"))
        self.add(term, STATED_IN, src)

    # --- agreements -------------------------------------------------------------------------------------

    def pick_parties(self) -> list[Org]:
        rng = self.rng
        if self.agreements and rng.random() < 0.25:  # partners meet again: a renewal, a stronger agreement
            return list(rng.choice(self.agreements).parties)
        roll = rng.random()
        korean = self.upper + self.lower
        if roll < 0.12:  # a Korean local government and a foreign partner city
            first = rng.choice(self.upper) if rng.random() < 0.5 else rng.choice(self.lower)
            return [first, rng.choice(self.foreign)]
        if roll < 0.22:  # a multi-party co-prosperity agreement, sometimes with a public body
            parties = rng.sample(korean, rng.randint(3, 4))
            if rng.random() < 0.5:
                parties[-1] = rng.choice(self.public)
            return parties
        first = self.upper[0] if rng.random() < 0.15 else (rng.choice(self.upper) if rng.random() < 0.4 else rng.choice(self.lower))
        second = rng.choice(korean)
        while second is first:
            second = rng.choice(korean)
        return [first, second]

    def agreement(self) -> Agreement:
        rng = self.rng
        parties = self.pick_parties()
        for org in parties:
            self.emit_org(org)
        detailed = rng.random() < 0.75
        year = rng.randint(2011, 2025)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if detailed else str(year)
        slug = "synthetic-{:06d}".format(len(self.agreements) + 1)
        ag = Agreement(nid(f"agreement/{slug}"), slug, parties, date, detailed)
        self.agreements.append(ag)
        if len(parties) == 2 and parties[1].kind == "foreign":
            kind = rng.choice(["sister-city", "friendship-exchange"])
        elif len(parties) > 2:
            kind = "co-prosperity"
        elif detailed:
            kind = rng.choice(["mou", "exchange-strengthening-mou", "friendship-exchange"])
        else:
            kind = rng.choice(["agreement", "friendship-exchange"])
        kind_ko, kind_en = KINDS[kind]
        names_ko = "-".join(o.name(date) for o in parties)
        names_en = "–".join(o.name(date, "en") for o in parties)
        s = ag.iri
        self.add(s, A, mg("Agreement"))
        self.labels(s, f"{names_ko} {kind_ko} ({_year(date)}){SYN_KO}", f"{names_en} {kind_en} ({_year(date)}){SYN_EN}")
        self.add(s, iri(SKOS + "altLabel"), ko(f"{parties[0].name(date)} {kind_ko}"))
        self.add(s, mg("kind"), nid(f"kind/{kind}"))
        ag.status_index = len(self.triples)
        self.add(s, mg("status"), nid("status/signed"))
        for org in parties:
            self.add(s, mg("party"), org.iri)
        self.add(s, mg("date"), self.instant(date))
        # lineage: build on an earlier agreement of the same parties
        key = tuple(sorted(o.slug for o in parties))
        earlier = [e for e in self.by_pair.get(key, []) if builds_on_ok(date, e.date)]
        if earlier and rng.random() < 0.7:
            prev = rng.choice(earlier)
            relation = rng.choice(["strengthens", "renews", "supersedes"])
            self.add(s, mg(relation), prev.iri)
            ag.builds_on.append(prev)
            prev.built_on_by.append(ag)
            if relation == "supersedes":
                self.triples[prev.status_index] = (prev.iri, mg("status"), nid("status/superseded"))
        self.by_pair.setdefault(key, []).append(ag)
        if detailed:
            self.detailed(ag, kind_ko)
        else:
            self.sparse(ag, kind_ko)
        return ag

    def sparse(self, ag: Agreement, kind_ko: str) -> None:
        """An agreement known only by its year from a yearbook, with an incomplete list of domains."""
        year = _year(ag.date)
        doc = nid(f"source/synthetic/yearbook-{year}")
        self.document(doc, "SourceDocument", f"가상 지방자치단체 교류 연감 {year}", f"Synthetic yearbook of exchanges {year}",
                      f"synthetic/yearbook-{year}.txt")
        line = self.passage(doc, int(ag.slug.rsplit("-", 1)[1]),
                            f"{year}년 {'·'.join(o.name(year) for o in ag.parties)} {kind_ko} 체결 (문화, 인적교류 등)")
        ag.passages.append(line)
        self.add(ag.iri, STATED_IN, line)
        self.add(ag.iri, mg("domainListComplete"), boolean(False))
        for position, concept in enumerate(self.rng.sample(sorted(DOMAINS), self.rng.randint(1, 3)), 1):
            self.listed_domain(ag, position, concept, [line])

    def listed_domain(self, ag: Agreement, position: int, concept: str, sources: list[str]) -> str:
        d = iri(ag.iri[1:-1] + f"/domain-{position}")
        self.add(ag.iri, mg("listsDomain"), d)
        self.add(d, A, mg("ListedDomain"))
        self.labels(d, f"협력 분야 {position}: {DOMAINS[concept]}{SYN_KO}", f"Domain {position}: {concept.replace('-', ' ')}{SYN_EN}")
        self.add(d, mg("position"), integer(position))
        self.add(d, mg("domainConcept"), nid(f"domain/{concept}"))
        self.add(d, mg("wording"), ko(DOMAINS[concept]))
        for src in sources:
            self.add(d, STATED_IN, src)
        ag.domains.append([d, False])
        return d

    def detailed(self, ag: Agreement, kind_ko: str) -> None:
        rng, s, host = self.rng, ag.iri, ag.parties[0]
        base = ag.iri[1:-1]
        # the press release and its passages
        doc = nid(f"source/synthetic/{ag.slug}/press-release")
        contact, director, unit = host.contact
        cp = iri(doc[1:-1] + "/contact")
        self.document(doc, "PressRelease", f"{host.name(ag.date)} 보도자료 ({ag.date})",
                      f"{host.name(ag.date, 'en')} press release ({ag.date})",
                      f"synthetic/{ag.slug}/press-release.txt", extra=[
                          (iri(DCT + "title"), ko(f"{'·'.join(o.name(ag.date) for o in ag.parties)} {kind_ko} 체결")),
                          (iri(DCT + "publisher"), host.iri), (iri(DCT + "creator"), unit),
                          (iri(DCT + "date"), typed(ag.date, "date")), (mg("pageCount"), integer(rng.randint(2, 8))),
                          (mg("contactPoint"), cp)])
        lines = [self.passage(doc, n, f"{ag.date} {host.name(ag.date)} 보도자료 {n}행 (가상)") for n in range(1, 7)]
        ag.passages.extend(lines)
        self.add(doc, STATED_IN, lines[0])
        self.add(cp, A, mg("ContactPoint"))
        self.labels(cp, f"{host.name_ko} 대외협력과 연락처", f"Contact, External Cooperation Division, {host.name_en}")
        self.add(cp, mg("contactPerson"), contact)
        self.add(cp, mg("contactOffice"), director)
        self.add(cp, iri(SCHEMA + "telephone"), lit(f"{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"))
        self.add(cp, STATED_IN, lines[0])
        news_lines: list[str] = []
        if rng.random() < 0.4:
            news = nid(f"source/synthetic/{ag.slug}/news-article")
            self.document(news, "NewsArticle", f"가상 기사 ({ag.date})", f"Synthetic news article ({ag.date})",
                          f"synthetic/{ag.slug}/news-article.txt", extra=[
                              (iri(DCT + "issued"), typed(f"{ag.date}T15:00:00+09:00", "dateTime")),
                              (mg("hasPhotos"), boolean(rng.random() < 0.5))])
            news_lines = [self.passage(news, n, f"{ag.date} 기사 {n}행 (가상)") for n in range(1, 4)]
            ag.passages.extend(news_lines)
            self.add(news, STATED_IN, news_lines[0])
        for src in [lines[0], lines[1]] + news_lines[:1]:
            self.add(s, STATED_IN, src)
        # domains and commitments
        concepts = rng.sample(sorted(DOMAINS), rng.randint(3, 7))
        ag.stated_count = len(concepts)
        self.add(s, mg("statedDomainCount"), integer(len(concepts)))
        self.add(s, mg("domainListComplete"), boolean(True))
        for position, concept in enumerate(concepts, 1):
            sources = [lines[2]] + ([news_lines[1]] if news_lines and position % 2 else [])
            d = self.listed_domain(ag, position, concept, sources)
            for letter in "ab"[: rng.choice([0, 1, 1, 1, 2])]:
                self.commitment(ag, d, position, letter, concept, lines[3])
        # the ceremony (and talks before it) at the host's hall
        hour, minute = rng.randint(10, 16), rng.choice([0, 10, 20, 30])
        start = f"{ag.date}T{hour:02d}:{minute:02d}"
        length = rng.choice([20, 30, 40])
        end_min = hour * 60 + minute + length
        end = f"{ag.date}T{end_min // 60:02d}:{end_min % 60:02d}"
        cer = nid(f"event/{ag.slug}-ceremony")
        ag.ceremony, ag.ceremony_start = cer, start
        self.add(s, mg("signingEvent"), cer)
        self.add(cer, A, mg("SigningCeremony"))
        self.labels(cer, f"{'·'.join(o.name(ag.date) for o in ag.parties)} 협약식", f"Signing ceremony, {ag.slug}{SYN_EN}")
        self.add(cer, iri(TIME + "hasBeginning"), self.instant(start))
        disputed = bool(news_lines) and rng.random() < 0.25
        if not disputed:
            self.add(cer, iri(TIME + "hasEnd"), self.instant(end))
            self.add(cer, mg("plannedDuration"), typed(f"PT{length}M", "duration"))
        self.add(cer, mg("openToPress"), boolean(True))
        self.add(cer, mg("location"), nid(f"place/{host.slug}-hall-conference-room"))
        self.add(cer, mg("agendaItem"), ko("협약서 서명"))
        self.add(cer, mg("agendaItem"), en("signing of the agreement"))
        self.add(cer, STATED_IN, lines[4])
        if disputed:
            self.conflict(ag, cer, end, lines[4], news_lines[2])
        if rng.random() < 0.5:
            talk = nid(f"event/{ag.slug}-talks")
            ag.meeting = talk
            t0 = hour * 60 + minute - 10
            self.add(talk, A, mg("Meeting"))
            self.labels(talk, f"{'·'.join(o.name(ag.date) for o in ag.parties)} 환담", f"Talks, {ag.slug}{SYN_EN}")
            self.add(talk, iri(TIME + "hasBeginning"), self.instant(f"{ag.date}T{t0 // 60:02d}:{t0 % 60:02d}"))
            self.add(talk, iri(TIME + "hasEnd"), self.instant(start))
            self.add(talk, mg("plannedDuration"), typed("PT10M", "duration"))
            self.add(talk, mg("openToPress"), boolean(False))
            self.add(talk, mg("location"), nid(f"place/{host.slug}-hall-reception-room"))
            self.add(talk, STATED_IN, lines[4])
        # signatures by the heads in office on the day (now and then an acting head)
        for org in ag.parties:
            sig = iri(base + f"/signature-{org.slug}")
            term, person = self.term_at(org, ag, lines[5])
            self.add(s, mg("signature"), sig)
            self.add(sig, A, mg("Signature"))
            self.labels(sig, f"{org.name(ag.date)}의 서명 ({ag.slug})", f"Signature for {org.name(ag.date, 'en')} ({ag.slug}){SYN_EN}")
            self.add(sig, mg("signatory"), person)
            self.add(sig, mg("onBehalfOf"), org.iri)
            self.add(sig, mg("inTerm"), term)
            self.add(sig, mg("atEvent"), cer)
            self.add(sig, STATED_IN, lines[5])
            self.add(cer, mg("participant"), person)
            ag.signatures.append((sig, org, term, person))
        # mutual Hometown Love donations (the scheme started in 2023)
        if len(ag.parties) == 2 and ag.date >= "2023" and all(o.kind in ("upper", "lower") for o in ag.parties) \
                and rng.random() < 0.6:
            self.donations(ag, lines[5])

    def term_at(self, org: Org, ag: Agreement, src: str) -> tuple[str, str]:
        for term, holder, start, end in org.terms:
            if start <= ag.date <= end:
                if self.rng.random() < 0.1:  # an acting head (권한대행) on that day
                    acting = iri(ag.iri[1:-1] + f"/acting-term-{org.slug}")
                    person = self.person(org)
                    self.term(acting, nid(f"office/{org.slug}-head"), person, ag.date, ag.date, True, src)
                    return acting, person
                return term, holder
        raise AssertionError(f"no term of {org.slug} on {ag.date}")

    def commitment(self, ag: Agreement, domain: str, position: int, letter: str, concept: str, src: str) -> None:
        rng = self.rng
        c = iri(ag.iri[1:-1] + f"/commitment-{position}{letter}")
        self.add(ag.iri, mg("commitment"), c)
        self.add(c, A, mg("Commitment"))
        self.add(c, mg("inDomain"), domain)
        mutual = rng.random() < 0.6
        if mutual:
            committers, beneficiary = list(ag.parties), None
            actions = [rng.choice(["exchange", "cooperate", "promote"])]
        else:
            committers = [rng.choice(ag.parties)]
            beneficiary = rng.choice([o for o in ag.parties if o is not committers[0]])
            actions = rng.sample(["share", "support", "participate"], rng.randint(1, 2))
        self.labels(c, f"{'·'.join(o.name(ag.date) for o in committers)}: {DOMAINS[concept]}{SYN_KO}",
                    f"{', '.join(o.name(ag.date, 'en') for o in committers)}: {concept.replace('-', ' ')}{SYN_EN}")
        for org in committers:
            self.add(c, mg("committedBy"), org.iri)
        if beneficiary is not None:
            self.add(c, mg("beneficiary"), beneficiary.iri)
        self.add(c, mg("mutual"), boolean(mutual))
        for action in actions:
            self.add(c, mg("action"), nid(f"action/{action}"))
        if concept == "garden-city" and rng.random() < 0.7:
            self.add(c, mg("concerns"), self.expo(ag))
        self.add(c, STATED_IN, src)
        ag.commitments.append((c, committers, beneficiary))
        for item in ag.domains:
            if item[0] == domain:
                item[1] = True

    def expo(self, ag: Agreement) -> str:
        organiser = ag.parties[0]
        year = str(int(_year(ag.date)) + 1)
        e = nid(f"event/synthetic-expo-{organiser.slug}-{year}")
        if not any(x[0] == e for x in self.expos):
            self.expos.append((e, organiser, year))
            self.add(e, A, mg("Expo"))
            self.labels(e, f"{year} {organiser.name_ko} 정원박람회{SYN_KO}", f"{organiser.name_en} Garden Expo {year}{SYN_EN}")
            self.add(e, iri(TIME + "hasBeginning"), self.instant(year))
            self.add(e, mg("organiser"), organiser.iri)
            self.add(e, mg("planned"), boolean(True))
            self.add(e, STATED_IN, ag.passages[3])
        return e

    def donations(self, ag: Agreement, src: str) -> None:
        a, b = ag.parties
        heads = {sig[1].slug: sig[3] for sig in ag.signatures}
        ex = iri(ag.iri[1:-1].replace("/agreement/", "/donation/") + "-exchange")
        d1 = iri(ag.iri[1:-1].replace("/agreement/", "/donation/") + f"-to-{b.slug}")
        d2 = iri(ag.iri[1:-1].replace("/agreement/", "/donation/") + f"-to-{a.slug}")
        ag.exchange, ag.donations = ex, [d1, d2]
        self.add(ex, A, mg("DonationExchange"))
        self.labels(ex, f"{a.name_ko}-{b.name_ko} 상호 고향사랑기부", f"Mutual Hometown Love donations, {ag.slug}{SYN_EN}")
        self.add(ex, mg("atEvent"), ag.ceremony)
        self.add(ex, mg("mutual"), boolean(True))
        self.add(ex, STATED_IN, src)
        for d, donor_org, recipient, other in ((d1, a, b, d2), (d2, b, a, d1)):
            self.add(ex, mg("exchangeOf"), d)
            self.add(d, A, mg("Donation"))
            self.labels(d, f"{donor_org.name_ko} 단체장의 {recipient.name_ko} 고향사랑기부",
                        f"Hometown Love donation to {recipient.name_en} ({ag.slug}){SYN_EN}")
            self.add(d, mg("donor"), heads[donor_org.slug])
            self.add(d, mg("recipient"), recipient.iri)
            self.add(d, mg("donationScheme"), nid("programme/hometown-love-donation"))
            self.add(d, mg("atEvent"), ag.ceremony)
            self.add(d, mg("mutual"), boolean(True))
            self.add(d, mg("counterpart"), other)
            self.add(d, STATED_IN, src)

    def conflict(self, ag: Agreement, event: str, end: str, press: str, news: str) -> None:
        """The press release and the news article give different ends: both claims, no asserted end."""
        hh, mm = int(end[-5:-3]), int(end[-2:])
        later = hh * 60 + mm + 10
        other = f"{end[:-5]}{later // 60:02d}:{later % 60:02d}"
        cf = nid(f"conflict/{ag.slug}-ceremony-end")
        ag.conflict = cf
        self.add(cf, A, mg("Conflict"))
        self.labels(cf, f"협약식 종료 시각 ({ag.slug})", f"End of the ceremony ({ag.slug}){SYN_EN}")
        self.add(cf, mg("about"), event)
        self.add(cf, mg("onProperty"), iri(TIME + "hasEnd"))
        for value, src, tag in ((end, press, "press"), (other, news, "news")):
            claim = iri(cf[1:-1] + f"-{tag}")
            ag.claims.append(claim)
            self.add(cf, mg("claimOf"), claim)
            self.add(claim, A, mg("Claim"))
            self.labels(claim, f"종료 {value[-5:]} ({tag})", f"Ends {value[-5:]} ({tag})")
            self.add(claim, iri(RDF + "subject"), event)
            self.add(claim, iri(RDF + "predicate"), iri(TIME + "hasEnd"))
            self.add(claim, iri(RDF + "object"), self.instant(value))
            self.add(claim, STATED_IN, src)


# --- error injection -------------------------------------------------------------------------------------

@dataclass
class Injected:
    kind: str
    shape: str
    focus: str  # IRI, or the lexical form of a literal focus node
    severity: str = "Violation"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "shape": self.shape, "focus": self.focus, "severity": self.severity}


class Injector:
    """Breaks chosen resources so that each breaks exactly the shapes recorded for it.

    Each kind of violation has its eligible targets (agreements, or organisations); it breaks ``rate`` of them
    (at least one). Kinds take their targets in turns, one at a time, and a target is broken once only, so
    that no two injections meet and every kind gets a target while any is left.
    """

    def __init__(self, gen: Generator, rate: float):
        self.gen, self.rate = gen, rate
        self.rng = random.Random(gen.rng.random())
        self.removed: set[int] = set()
        self.index: dict[tuple[str, str], list[int]] = {}
        for i, (s, p, _o) in enumerate(gen.triples):
            self.index.setdefault((s, p), []).append(i)
        self.used: set[str] = set()  # agreements and organisations already broken once
        self.injected: list[Injected] = []

    # triple edits
    def values(self, s: str, p: str) -> list[str]:
        return [self.gen.triples[i][2] for i in self.index.get((s, p), []) if i not in self.removed]

    def drop(self, s: str, p: str, o: str | None = None) -> None:
        for i in self.index.get((s, p), []):
            if o is None or self.gen.triples[i][2] == o:
                self.removed.add(i)

    def put(self, s: str, p: str, o: str) -> None:
        self.index.setdefault((s, p), []).append(len(self.gen.triples))
        self.gen.triples.append((s, p, o))

    def replace(self, s: str, p: str, o: str) -> None:
        self.drop(s, p)
        self.put(s, p, o)

    def free(self, a, role: str, items: list, ok=lambda item: True):
        """The first of ``items`` (sub-resources of agreement ``a``) not broken yet, reserved as ``role<i>``."""
        for i, item in enumerate(items):
            key = f"{a.iri}#{role}{i}"
            if key not in self.used and ok(item):
                self.used.add(key)
                return item
        return None

    def instant(self, value: str) -> str:
        before = len(self.gen.triples)
        s = self.gen.instant(value)
        for i in range(before, len(self.gen.triples)):
            s2, p2, _ = self.gen.triples[i]
            self.index.setdefault((s2, p2), []).append(i)
        return s

    def kinds(self):
        """(kind, eligible targets, action): the action breaks a target and returns [(shape, focus), ...]."""
        gen, M, T = self.gen, mg, TIME
        agreements = gen.agreements
        detailed = [a for a in agreements if a.detailed]
        isolated = [a for a in agreements if not a.builds_on and not a.built_on_by]
        with_commitments = [a for a in detailed if a.commitments]
        donating = [a for a in detailed if a.donations]
        governments = [o for o in gen.orgs if o.emitted and o.kind in ("upper", "lower")]
        organisations = [o for o in gen.orgs if o.emitted]

        def one_party(a):
            self.drop(a.iri, M("party"), a.parties[1].iri)
            return [("Agreement-party", a.iri)]

        def without(prop, shape):
            def act(a):
                self.drop(a.iri, M(prop))
                return [(shape, a.iri)]
            return act

        def meeting_as_ceremony(a):
            self.replace(a.iri, M("signingEvent"), a.meeting)
            return [("Agreement-signingEvent", a.iri)]

        def person_as_signature(a):
            self.put(a.iri, M("signature"), a.signatures[0][3])
            return [("Agreement-signature", a.iri)]

        def concept_as_domain(a):
            self.put(a.iri, M("listsDomain"), nid("domain/culture"))
            return [("Agreement-listsDomain", a.iri)]

        def untyped_commitment(a):
            self.put(a.iri, M("commitment"), iri(a.iri[1:-1] + "/untyped-commitment"))
            return [("Agreement-commitment", a.iri)]

        def renews_later(a):
            later = [b for b in gen.by_pair[tuple(sorted(o.slug for o in a.parties))]
                     if b is not a and not builds_on_ok(a.date, b.date) and b.iri + "#core" not in self.used]
            if not later:
                return None
            b = later[0]
            self.used.add(b.iri + "#core")
            self.put(a.iri, M("renews"), b.iri)
            return [("BuildsOnDateShape", a.iri)]

        def strengthens_stranger(a):
            mine = {o.slug for o in a.parties}
            b = next((b for b in agreements if b.date[:4] < a.date[:4] and not {o.slug for o in b.parties} & mine), None)
            if b is None:
                return None
            self.put(a.iri, M("strengthens"), b.iri)
            return [("BuildsOnPartyShape", a.iri)]

        # each signature, listed domain, commitment and passage is broken once at most
        def signature(act):
            def pick(a):
                found = self.free(a, "signature", a.signatures)
                return None if found is None else act(a, found)
            return pick

        def signature_without(prop, shape):
            def act(a, signature):
                self.drop(signature[0], M(prop))
                return [(shape, signature[0])]
            return signature(act)

        def signature_of_nothing(a, signature):
            self.drop(a.iri, M("signature"), signature[0])
            return [("Signature-agreement", signature[0])]

        def term_of_another(a, signature):
            sig, org, _term, person = signature
            other = next((t for t, holder, _s, _e in org.terms if holder != person), None)
            if other is None:
                return None
            self.replace(sig, M("inTerm"), other)  # another person's term, and not in force on the day
            return [("SignatureTermShape", sig), ("SignatoryInOfficeShape", sig)]

        def domain(act, ok=lambda item: True):
            def pick(a):
                found = self.free(a, "domain", a.domains, ok)
                return None if found is None else act(a, found[0])
            return pick

        def domain_of_nothing(a, d):
            self.drop(a.iri, M("listsDomain"), d)
            return [("ListedDomain-agreement", d)]

        def domain_without_concept(a, d):
            self.drop(d, M("domainConcept"))
            return [("ListedDomain-domainConcept", d)]

        def position_zero(a, d):
            self.replace(d, M("position"), integer(0))
            return [("PositionValueShape", d)]

        def domain_without_source(a, d):
            self.drop(d, STATED_IN)
            return [("StatedIn-source", d)]

        def commitment(act):
            def pick(a):
                found = self.free(a, "commitment", a.commitments)
                return None if found is None else act(a, found[0])
            return pick

        def commitment_without(prop, shape):
            def act(a, c):
                self.drop(c, M(prop))
                return [(shape, c)]
            return commitment(act)

        def for_a_stranger(a, c):
            stranger = next(o for o in self.rng.sample(organisations, len(organisations)) if o not in a.parties)
            self.replace(c, M("beneficiary"), stranger.iri)
            return [("CommitmentFitShape", c)]

        def commitment_of_nothing(a, c):
            self.drop(a.iri, M("commitment"), c)
            return [("Commitment-agreement", c)]

        def mutual_as_text(a, c):
            self.replace(c, M("mutual"), lit("yes"))
            return [("MutualValueShape", c)]

        def action_of_another_scheme(a, c):
            self.put(c, M("action"), nid("domain/culture"))
            return [("Commitment-action", c)]

        def shifted(a, hours):
            start = a.ceremony_start
            return f"{start[:-5]}{int(start[-5:-3]) - hours:02d}:{start[-2:]}"

        def ends_before_start(a):
            self.replace(a.ceremony, iri(T + "hasEnd"), self.instant(shifted(a, 1)))
            return [("EventOrderShape", a.ceremony)]

        def two_beginnings(a):
            self.put(a.ceremony, iri(T + "hasBeginning"), self.instant(shifted(a, 2)))
            return [("Event-hasBeginning", a.ceremony)]

        def location_is_organisation(a):
            self.replace(a.ceremony, M("location"), a.parties[0].iri)
            return [("Event-location", a.ceremony)]

        def open_to_press_as_text(a):
            self.replace(a.ceremony, M("openToPress"), lit("true"))
            return [("OpenToPressValueShape", a.ceremony)]

        def duration_as_text(a):
            self.replace(a.meeting, M("plannedDuration"), ko("10분"))
            return [("PlannedDurationValueShape", a.meeting)]

        def passage(edit, shape):
            def pick(a):
                p = self.free(a, "passage", a.passages[1:6])  # lines 2-6 of the press release
                if p is None:
                    return None
                edit(p)
                return [(shape, p)]
            return pick

        def donation_without_donor(a):
            self.drop(a.donations[0], M("donor"))
            return [("Donation-donor", a.donations[0])]

        def exchange_of_one(a):
            self.drop(a.exchange, M("exchangeOf"), a.donations[1])
            return [("DonationExchange-exchangeOf", a.exchange)]

        def claim_with_two_objects(a):
            self.put(a.claims[0], iri(RDF + "object"), nid("instant/" + a.date))
            return [("Claim-object", a.claims[0])]

        def without_tier(o):
            self.drop(o.iri, M("tier"))
            return [("LocalGovernment-tier", o.iri)]

        def six_digit_code(o):
            self.replace(o.iri, M("adminAgencyCode"), lit(o.admin_code[:6]))
            return [("AdminAgencyCodeValueShape", o.iri)]

        def shared_dong_code(o):
            other = next((x for x in governments if x.iri + "#core" not in self.used and x is not o), None)
            if other is None:
                return None
            self.used.add(other.iri + "#core")
            self.replace(other.iri, M("legalDongCode"), lit(o.dong_code))
            return [("LegalDongCodeUniqueShape", o.dong_code)]

        def office_in_nothing(o):
            director = o.contact[1]
            self.drop(director, iri(ORG + "postIn"))
            return [("Office-postIn", director)]

        def person_without_korean_label(o):
            contact = o.contact[0]
            self.drop(contact, LABEL, next(v for v in self.values(contact, LABEL) if v.endswith("@ko")))
            return [("LabelKo-label", contact)]

        core = "core"  # the agreement's own triples: broken once per agreement
        return [
            ("agreement-with-one-party", [a for a in isolated if not a.detailed and len(a.parties) == 2], one_party, core),
            ("agreement-without-kind", isolated, without("kind", "Agreement-kind"), core),
            ("agreement-without-status", isolated, without("status", "Agreement-status"), core),
            ("agreement-without-date", isolated, without("date", "Agreement-date"), core),
            ("agreement-signing-event-is-a-meeting", [a for a in detailed if a.meeting], meeting_as_ceremony, core),
            ("agreement-signature-is-a-person", detailed, person_as_signature, core),
            ("agreement-lists-a-concept", detailed, concept_as_domain, core),
            ("agreement-commitment-untyped", detailed, untyped_commitment, core),
            ("agreement-renews-a-later-agreement", isolated, renews_later, core),
            ("agreement-strengthens-one-of-other-parties", isolated, strengthens_stranger, core),
            ("signature-without-signatory", detailed, signature_without("signatory", "Signature-signatory"), None),
            ("signature-without-term", detailed, signature_without("inTerm", "Signature-inTerm"), None),
            ("signature-of-no-agreement", detailed, signature(signature_of_nothing), None),
            ("signature-in-the-term-of-another-person", detailed, signature(term_of_another), None),
            ("listed-domain-of-no-agreement", detailed, domain(domain_of_nothing, lambda d: not d[1]), None),
            ("listed-domain-without-concept", detailed, domain(domain_without_concept), None),
            ("listed-domain-at-position-zero", detailed, domain(position_zero), None),
            ("resource-without-source", detailed, domain(domain_without_source), None),
            ("commitment-without-domain", with_commitments, commitment_without("inDomain", "Commitment-inDomain"), None),
            ("commitment-by-nobody", with_commitments, commitment_without("committedBy", "Commitment-committedBy"), None),
            ("commitment-for-a-non-party", with_commitments, commitment(for_a_stranger), None),
            ("commitment-of-no-agreement", with_commitments, commitment(commitment_of_nothing), None),
            ("commitment-mutual-as-text", with_commitments, commitment(mutual_as_text), None),
            ("commitment-action-from-another-scheme", with_commitments, commitment(action_of_another_scheme), None),
            ("event-ends-before-it-starts", [a for a in detailed if not a.conflict], ends_before_start, "ceremony"),
            ("event-with-two-beginnings", detailed, two_beginnings, "ceremony"),
            ("event-location-is-an-organisation", detailed, location_is_organisation, "location"),
            ("event-open-to-press-as-text", detailed, open_to_press_as_text, "press"),
            ("event-planned-duration-as-text", [a for a in detailed if a.meeting], duration_as_text, "meeting"),
            ("passage-without-line", detailed, passage(lambda p: self.drop(p, M("line")), "PassageLineShape"), None),
            ("passage-with-two-quotes", detailed,
             passage(lambda p: self.put(p, M("quote"), ko("두 번째 인용 (가상)")), "Passage-quote"), None),
            ("passage-at-line-zero", detailed,
             passage(lambda p: self.replace(p, M("line"), integer(0)), "LineValueShape"), None),
            ("passage-of-no-document", detailed, passage(lambda p: self.drop(p, M("inDocument")), "Passage-inDocument"), None),
            ("donation-without-donor", donating, donation_without_donor, "donation"),
            ("donation-exchange-of-one-donation", donating, exchange_of_one, "exchange"),
            ("claim-with-two-objects", [a for a in detailed if a.conflict], claim_with_two_objects, "claim"),
            ("local-government-without-tier", governments, without_tier, core),
            ("admin-agency-code-six-digits", governments, six_digit_code, core),
            ("legal-dong-code-shared", governments, shared_dong_code, core),
            ("office-in-no-organisation", organisations, office_in_nothing, core),
            ("person-without-korean-label", organisations, person_without_korean_label, core),
        ]

    def run(self) -> list[Injected]:
        plan = []
        for kind, targets, act, role in self.kinds():
            order = self.rng.sample(targets, len(targets))
            plan.append([kind, order, act, role, max(1, round(self.rate * len(targets))) if targets else 0])
        progress = True
        while progress:  # in turns: each kind breaks one more target while its quota lasts
            progress = False
            for entry in plan:
                kind, order, act, role, quota = entry
                while quota and order:
                    target = order.pop()
                    if role is not None:  # a fixed part of the target, broken once
                        if f"{target.iri}#{role}" in self.used:
                            continue
                        self.used.add(f"{target.iri}#{role}")
                    results = act(target)
                    if results is None:
                        continue
                    for shape, focus in results:
                        self.injected.append(Injected(kind, MGSH + shape, focus[1:-1] if focus.startswith("<") else focus))
                    entry[4] = quota = quota - 1
                    progress = True
                    break
        return self.injected

    def remaining(self) -> list[tuple[str, str, str]]:
        return [t for i, t in enumerate(self.gen.triples) if i not in self.removed]


# --- entry point ---------------------------------------------------------------------------------------

@dataclass
class SynthResult:
    path: Path
    triples: int
    agreements: int
    organisations: int
    injected: list[Injected]
    sidecar: Path | None


def generate(triples: int, seed: int = 0, error_rate: float = 0.0) -> tuple[list[str], Generator, list[Injected]]:
    """The sorted, de-duplicated N-Triples lines of a synthetic graph of about ``triples`` triples."""
    if triples < 1:
        raise MougraphError(f"--triples must be at least 1 (got {triples})")
    if not 0.0 <= error_rate <= 1.0:
        raise MougraphError(f"--error-rate must be between 0 and 1 (got {error_rate})")
    gen = Generator(seed)
    while len(gen.triples) < triples:
        gen.agreement()
    injected: list[Injected] = []
    rows = gen.triples
    if error_rate > 0:
        injector = Injector(gen, error_rate)
        injected = injector.run()
        rows = injector.remaining()
    lines = sorted({f"{s} {p} {o} .\n" for s, p, o in rows})
    return lines, gen, injected


def synth(triples: int, out: str | Path, *, seed: int = 0, error_rate: float = 0.0, fmt: str | None = None) -> SynthResult:
    """Write a synthetic graph to ``out`` (N-Triples when it ends in .nt, else any export format).

    With ``error_rate > 0`` also writes ``<out>.injected.json`` listing the injected violations.
    """
    out = Path(out)
    lines, gen, injected = generate(triples, seed, error_rate)
    data = "".join(lines).encode("utf-8")

    fmt = normalize_format(fmt, out)
    if fmt != "nt":
        data = serialize(parse_bytes(data, "nt"), fmt)
    atomic_write(out, data)
    sidecar = None
    if error_rate > 0:
        sidecar = out.with_name(out.name + ".injected.json")
        doc = {"generator": "mougraph synth", "seed": seed, "triples": len(lines), "errorRate": error_rate,
               "file": out.name, "injected": [i.to_dict() for i in injected]}
        atomic_write(sidecar, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return SynthResult(out, len(lines), len(gen.agreements), sum(o.emitted for o in gen.orgs), injected, sidecar)
