"""Generator: agreements, one after another, until the graph has the triples asked for.

An agreement has two or more parties (now and then the parties of an earlier one, which it may strengthen, renew
or supersede), a kind, a status and a date. Three in four are detailed, from a press release (and sometimes a
news article) to the day: listed domains with commitments, a signing ceremony in the host's hall with talks
before it, signatures by the heads in office on the day (now and then an acting head), mutual Hometown Love
donations, planned expos, and an ``mg:Conflict`` with both claims where the two sources disagree on the
ceremony's end. The others are known by their year from a yearbook, with some of their domains.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mougraph.synth.terms import (
    DCT,
    RDF,
    SCHEMA,
    SKOS,
    STATED_IN,
    SYN_EN,
    SYN_KO,
    TIME,
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
from mougraph.synth.universe import Org
from mougraph.synth.writer import GraphWriter

#: Leaf concepts of scheme:domains (ontology/mougraph.skos.ttl) with their Korean wording.
DOMAINS = {
    "hometown-love-donation": "고향사랑기부제 활성화", "agri-product-sales": "농특산물 판매지원",
    "sme-support": "중소기업 지원", "design-policy": "도시 디자인정책 교류", "garden-city": "정원도시 조성",
    "carbon-neutral-cooperation": "탄소중립 공동협력", "cyber-security-industry": "사이버 보안산업 육성",
    "culture": "문화 교류", "hangeul-culture-arts": "한글사랑·한국문화예술 발전", "sports-exchange": "스포츠 교류 활성화",
    "personnel-exchange": "인적교류", "civil-servant-training": "인재개발교육 교류", "tram-construction": "트램건설 기술교류",
    "mice-marketing": "마이스(MICE) 공동마케팅", "joint-promotion": "품앗이 홍보",
}
KINDS = {  # kind slug -> (Korean, English) as in the agreement names
    "mou": ("업무협약", "MOU"), "exchange-strengthening-mou": ("교류강화 업무협약", "exchange-strengthening MOU"),
    "friendship-exchange": ("우호교류 협약", "friendship exchange agreement"),
    "sister-city": ("자매결연", "sister-city agreement"), "co-prosperity": ("상생협력 협약", "co-prosperity agreement"),
    "agreement": ("협약", "agreement"),
}


@dataclass
class Agreement:
    """An agreement as written: its parts' IRIs, which :mod:`mougraph.synth.injection` breaks."""

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


class Generator(GraphWriter):
    """Builds the triples of a synthetic graph as N-Triples terms (strings): call :meth:`agreement` until big enough."""

    def __init__(self, seed: int):
        super().__init__(seed)
        self.agreements: list[Agreement] = []
        self.by_pair: dict[tuple[str, ...], list[Agreement]] = {}
        self.expos: list[tuple[str, Org, str]] = []
        self.upper = [o for o in self.orgs if o.kind == "upper"]
        self.lower = [o for o in self.orgs if o.kind == "lower"]
        self.foreign = [o for o in self.orgs if o.kind == "foreign"]
        self.public = [o for o in self.orgs if o.kind == "public"]

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
        slug = f"synthetic-{len(self.agreements) + 1:06d}"
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
