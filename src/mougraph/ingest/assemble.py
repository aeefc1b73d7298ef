"""From what the readers found to a :class:`Draft`: IRIs, and one fact per value, each citing its passage.

IRIs of what the document introduces are minted under ``id/draft/<file>/``; what the graph already holds (local
governments, people, offices, places, earlier agreements) keeps its IRI (:mod:`mougraph.ingest.existing`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from mougraph.gazetteer.romanise import romanise
from mougraph.ingest import transfers
from mougraph.ingest.agreements import Cited, Found
from mougraph.ingest.existing import Known
from mougraph.ingest.model import Draft, Lit, Passage
from mougraph.ingest.names import Party, Person, Place
from mougraph.ingest.table_values import country_name_ko, country_slug

ID = "https://w3id.org/mougraph/id/"
MG = "https://w3id.org/mougraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TIME = "http://www.w3.org/2006/time#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"


def slug(text: str) -> str:
    latin = romanise(text) if re.search(r"[가-힣]", text) else text
    return re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-") or "x"


def instant(d: Draft, day: str, hhmm: str | None = None) -> str:
    """The IRI of the instant of ``day`` (YYYY, YYYY-MM-DD) at ``hhmm``, declared as data/instants.ttl does."""
    value = f"{day}T{hhmm}" if hhmm else day
    iri = f"{ID}instant/{value}"
    d.add(iri, RDF_TYPE, TIME + "Instant", claim=False)
    d.add(iri, LABEL, Lit(value), claim=False)
    if hhmm:
        d.add(iri, TIME + "inXSDDateTimeStamp", Lit(f"{day}T{hhmm}:00+09:00", datatype="dateTimeStamp"), claim=False)
        d.add(iri, TIME + "unitType", TIME + "unitMinute", claim=False)
    elif len(day) == 4:
        d.add(iri, TIME + "inXSDgYear", Lit(day, datatype="gYear"), claim=False)
        d.add(iri, TIME + "unitType", TIME + "unitYear", claim=False)
    else:
        d.add(iri, TIME + "inXSDDate", Lit(day, datatype="date"), claim=False)
        d.add(iri, TIME + "unitType", TIME + "unitDay", claim=False)
    return iri


class Assembler:
    def __init__(self, draft: Draft, known: Known, day: str | None):
        self.d, self.known, self.day = draft, known, day
        self.orgs: dict[str, str] = {}

    # --- organisations, people, offices, places ---------------------------------------------------------------

    def org(self, party: Party, cite: Cited | None = None) -> str:
        key = party.key or party.quote
        if key in self.orgs:
            return self.orgs[key]
        if party.key:
            iri = f"{ID}org/{party.key}"
        else:
            iri = f"{self.d.base}org-{slug(party.quote)}"
            body = "Organisation" if party.government or party.country else "PublicBody"
            self.d.add(iri, RDF_TYPE, MG + body, claim=False)
            if party.country:  # a body abroad, in its country (as tables of sister cities record them)
                country = f"{ID}country/{country_slug(party.country)}"
                where = cite.passage if cite else None
                self.d.add(iri, SCHEMA + "location", country, where, party.country, 0.8, what="country")
                self.d.add(country, RDF_TYPE, SCHEMA + "Country", claim=False)
                self.d.add(country, LABEL, Lit(party.country, _lang(party.country)), where, party.country, 0.9,
                           what="country")
                korean = country_name_ko(country_slug(party.country))
                if korean and korean != party.country:  # "Japan": its Korean name too, as the shapes ask
                    self.d.add(country, LABEL, Lit(korean, "ko"), claim=False)
            self.d.add(iri, LABEL, Lit(party.quote, "ko" if re.search(r"[가-힣]", party.quote) else "en"),
                       cite.passage if cite else None, party.quote, 0.5, what="organisation")
            if party.ambiguous:
                where = cite.passage if cite else None
                self.d.ask("ambiguous-name", f"'{party.quote}'은(는) 여러 지자체일 수 있다: "
                           f"{', '.join(party.candidates)}. 어느 것인지 정해 gov: IRI로 바꾼다.",
                           f"'{party.quote}' may be any of: {', '.join(party.candidates)}. Choose one and replace "
                           f"the draft organisation with its gov: IRI.", where)
            elif party.government:
                self.d.ask("unknown-name", f"'{party.quote}'을(를) 지명 사전에서 찾지 못했다.",
                           f"'{party.quote}' is not in the gazetteer; check the name.", cite.passage if cite else None)
        self.orgs[key] = iri
        return iri

    def person(self, person: Person, cite: Cited) -> str:
        iri = self.known.people.get(person.name) or f"{self.d.base}person-{slug(person.name)}"
        self.d.add(iri, RDF_TYPE, MG + "Person", claim=False)
        lang = "ko" if re.search(r"[가-힣]", person.name) else "en"
        self.d.add(iri, LABEL, Lit(person.name, lang), cite.passage, person.name if person.name in cite.passage.text
                   else cite.quote, 0.9, what="person")
        return iri

    def office(self, person: Person, org_iri: str, cite: Cited) -> str:
        org_words = person.org.quote if person.org else ""
        label = f"{org_words.removesuffix('시') if person.title.endswith('시장') else org_words}{person.title}"
        found = self.known.offices.get(label)
        if found and found[1] == org_iri:
            return found[0]
        iri = f"{self.d.base}office-{slug(org_words)}-{slug(person.title)}"
        self.d.add(iri, RDF_TYPE, MG + "Office", claim=False)
        self.d.add(iri, LABEL, Lit(label if re.search(r"[가-힣]", label) else f"{person.title} of {org_words}",
                                   "ko" if re.search(r"[가-힣]", label) else "en"), claim=False)
        self.d.add(iri, ORG + "postIn", org_iri, cite.passage, cite.quote, 0.8, what="office")
        return iri

    def term(self, person_iri: str, office_iri: str, acting: bool, cite: Cited) -> str:
        iri = self.known.terms.get((person_iri, office_iri)) if not acting else None
        iri = iri or f"{self.d.base}term-{person_iri.rsplit('/', 1)[-1].removeprefix('person-')}"
        self.d.add(iri, RDF_TYPE, MG + "OfficeTerm", claim=False)
        if iri.startswith(self.d.base):
            self.d.add(iri, LABEL, Lit("재임" if not acting else "권한대행", "ko"), claim=False)
        self.d.add(iri, MG + "holder", person_iri, cite.passage, cite.quote, 0.9, what="office holder")
        self.d.add(iri, MG + "office", office_iri, cite.passage, cite.quote, 0.8, what="office")
        self.d.add(iri, MG + "acting", Lit("true" if acting else "false", datatype="boolean"), cite.passage,
                   cite.quote, 0.8, what="acting")
        return iri

    def place(self, spot: Place, passage: Passage, quote: str) -> str:
        known_building = self.known.places.get(spot.building)
        building = known_building[0] if known_building else f"{self.d.base}place-{slug(spot.building)}"
        if not known_building:
            self.d.add(building, RDF_TYPE, MG + "Building", claim=False)
            self.d.add(building, LABEL, Lit(spot.building, _lang(spot.building)), passage, spot.building, 0.8,
                       what="place")
        if not spot.room:
            return building
        room_known = self.known.places.get(spot.room) or self.known.places.get(f"{spot.building} {spot.room}")
        if room_known and room_known[1] == building:
            return room_known[0]
        room = f"{building if not known_building else self.d.base + 'place-' + slug(spot.building)}-{slug(spot.room)}"
        self.d.add(room, RDF_TYPE, MG + "Room", claim=False)
        self.d.add(room, LABEL, Lit(spot.room, _lang(spot.room)), passage, spot.room, 0.8, what="place")
        self.d.add(room, MG + "inBuilding", building, passage, quote, 0.8, what="place")
        if spot.floor is not None:
            self.d.add(room, MG + "floor", Lit(str(spot.floor), datatype="integer"), passage,
                       _floor_quote(passage.text, spot.floor), 0.9, what="floor")
        return room

    # --- donations ---------------------------------------------------------------------------------------------

    def donations(self, agreement: str, found: Found, event: str, signers: dict[str, str]) -> None:
        count = 0
        for p in found.transfers:
            t = transfers.find(p.text)
            parties = sorted(found.parties)
            donors = {k: signers.get(k) or self.org(found.parties[k].value) for k in parties}
            # an exchange is among the parties the sentence names ("춘천시와 원주시는 … 서로 교환"), else all of them
            named = [k for k in parties if _named_in(p.text, found.parties[k])]
            among = named if len(named) >= 2 else parties
            if t.mutual and len(among) >= 2:
                pairs = [(donors[a], b) for a in among for b in among if a != b]
            else:
                to = _recipient(p.text, found)
                if to is None:
                    self.d.ask("transfer-direction", "누가 누구에게 주는지 알 수 없다.",
                               "Who gives to whom is not clear.", p)
                    continue
                pairs = [(donors[k], to) for k in parties if k != to][:1]
            iris = []
            for donor, recipient_key in pairs:
                count += 1
                iri = f"{agreement}/transfer-{count}"
                iris.append(iri)
                self.d.add(iri, RDF_TYPE, MG + ("Gift" if t.gift else "Donation"), p, t.quote, 0.8, what="donation")
                self.d.add(iri, LABEL, Lit(f"{t.quote} {count}", _lang(t.quote)), claim=False)
                self.d.add(iri, MG + "donor", donor, p, t.quote, 0.6 if t.mutual else 0.7, what="donor")
                self.d.add(iri, MG + "recipient", self.org(found.parties[recipient_key].value), p,
                           found.parties[recipient_key].quote if found.parties[recipient_key].quote in p.text
                           else t.quote, 0.6, what="recipient")
                self.d.add(iri, MG + "atEvent", event, p, t.quote, 0.7, what="at event")
                self.d.add(iri, MG + "mutual", Lit("true" if t.mutual else "false", datatype="boolean"), p, t.quote,
                           0.8, what="mutual")
                if t.hometown and not t.gift:
                    self.d.add(iri, MG + "donationScheme", f"{ID}programme/hometown-love-donation", p, t.quote, 0.8,
                               what="scheme")
                if t.amount is not None:
                    self.d.add(iri, MG + "amount", Lit(str(Decimal(t.amount)), datatype="decimal"), p,
                               t.amount_quote, 0.8, what="amount")
                    self.d.add(iri, MG + "currency", Lit("KRW"), claim=False)
            if t.mutual and len(iris) == 2 and not t.gift:  # an exchange is of donations; gifts stay apart
                exchange = f"{agreement}/transfer-exchange"
                self.d.add(exchange, RDF_TYPE, MG + "DonationExchange", p, t.quote, 0.8, what="donation")
                self.d.add(exchange, LABEL, Lit(f"상호 {t.quote}", "ko"), claim=False)
                self.d.add(exchange, MG + "mutual", Lit("true", datatype="boolean"), claim=False)
                self.d.add(exchange, MG + "atEvent", event, p, t.quote, 0.7, what="at event")
                for a, b in ((iris[0], iris[1]), (iris[1], iris[0])):
                    self.d.add(exchange, MG + "exchangeOf", a, p, t.quote, 0.8, what="donation")
                    self.d.add(a, MG + "counterpart", b, p, t.quote, 0.8, what="counterpart")


def _named_in(text: str, cited) -> bool:
    return any(form and form in text for form in {cited.quote, cited.value.quote, cited.value.name})


def _recipient(text: str, found: Found) -> str | None:
    """The party a one-way transfer goes to: "보성군에 …", "… to Boryeong"."""
    for key, cited in found.parties.items():
        for form in {cited.quote, cited.value.quote, cited.value.name}:
            korean = re.search(re.escape(form) + r"(?:에게|에)(?:\s|$)", text)
            if korean or re.search(r"\bto (?:the )?" + re.escape(form), text):
                return key
    return None


def _lang(text: str) -> str:
    return "ko" if re.search(r"[가-힣]", text) else "en"


def _floor_quote(text: str, floor: int) -> str:
    for q in (f"{floor}층", f"{floor}th floor", f"{floor}st floor", f"{floor}nd floor", f"{floor}rd floor"):
        if q in text:
            return q
    return str(floor)
