"""GraphWriter: the triples of a synthetic graph as they are written, and the resources agreements lean on.

Documents and their numbered passages (every fact is ``mg:statedIn`` one), instants named by their value, and
each organisation of :mod:`mougraph.synth.universe` when it first takes part: its head's office and the people
who hold it term by term, its hall with two rooms, its external cooperation division and the division's
director, all stated in the synthetic register of bodies and offices. The agreements:
:mod:`mougraph.synth.generator`.
"""

from __future__ import annotations

import random

from mougraph.synth.terms import (
    DCT,
    LABEL,
    ORG,
    SKOS,
    STATED_IN,
    SYN_EN,
    SYN_KO,
    TIME,
    WD,
    A,
    boolean,
    en,
    integer,
    iri,
    ko,
    lit,
    mg,
    nid,
    typed,
)
from mougraph.synth.universe import FORMER_NAMES, GIVEN, SURNAMES, TERMS, Org, universe


class GraphWriter:
    """Appends triples of N-Triples terms (strings) to ``triples``; ``rng`` is the seed's only source of chance."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.triples: list[tuple[str, str, str]] = []
        self.instants: set[str] = set()
        self.documents: set[str] = set()
        self.person_counter = 0
        self.orgs = universe()
        self.registry = nid("source/synthetic/registry")
        self.registry_lines = 0

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
