"""``ingest_text``: a press release or an article (UTF-8 text) to a draft graph with every fact on its passage."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from mougraph.ingest import (
    commitments as commitment_reader,
    conflicts,
    domains as domain_lists,
    earlier as earlier_reader,
    names,
    rules,
    schedule as tables,
)
from mougraph.ingest.agreements import Finder, Found, party_key
from mougraph.ingest.assemble import ID, LABEL, MG, ORG, RDF_TYPE, SKOS, Assembler, _lang, instant, slug
from mougraph.ingest.document import Document, IngestError, read
from mougraph.ingest.existing import Known, known
from mougraph.ingest.model import Draft, Lit

DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
TIME = "http://www.w3.org/2006/time#"
RELATION = {"strengthens": "strengthens", "renews": "renews", "supersedes": "supersedes"}


def parse_published(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise IngestError(f"--published {text!r}: not a date; write YYYY-MM-DD or YYYY-MM-DDTHH:MM "
                          f"(e.g. 2023-04-10T11:15)") from None


def ingest_text(path: Path, *, url: str | None = None, published: str | None = None, publisher: str | None = None,
                graph: Known | None = None) -> Draft:
    doc = read(Path(path))
    when = parse_published(published) or doc.published
    base = f"{ID}draft/{slug(Path(path).stem)}/"
    d = Draft(base, base + "document", doc.passages)
    if when is None:
        d.ask("no-publication-date", "문서에 날짜가 없고 --published도 없다. '10일(월)' 같은 날짜를 고정할 수 없다.",
              "The document states no date and --published was not given: relative dates ('10일(월)') cannot be "
              "anchored. Give --published YYYY-MM-DD.")
    anchor: date | None = when.date() if when else None
    day = anchor.isoformat() if anchor else None
    a = Assembler(d, graph or known(), day)
    publisher_iri = _document(d, doc, a, url, when, publisher)
    abroad = names.reading_abroad(p.text for p in doc.passages)
    try:
        return _read(d, a, doc, anchor, day, publisher_iri)
    finally:
        names.forget_abroad(abroad)


def _read(d: Draft, a: Assembler, doc: Document, anchor: date | None, day: str | None, publisher_iri) -> Draft:
    found = Finder(doc.passages, anchor, day).run()
    if not found:
        d.notes.append("no agreement found in the document")
    rows = tables.rows(doc.passages)
    # the party every agreement of the document shares (its issuer) does not tell the schedule's rows apart
    shared = set.intersection(*(set(f.key) for f in found)) if len(found) > 1 else set()
    issuer = publisher_iri or (f"{ID}org/{sorted(shared)[0]}" if len(shared) == 1 else None)
    _contacts(d, doc, issuer)
    domain_passages = domain_lists.of_agreements(doc.passages, [f.key for f in found], day)
    for f in found:
        _agreement(d, a, f, rows, shared, domain_passages)
    _programme(d, doc)
    _earlier(d, a, doc, anchor, day, found)
    return conflicts.found(d)


def _programme(d: Draft, doc: Document) -> None:
    """The press release's event as a whole (행사명), with the schedule's rows as its sub-events."""
    if not d.programme:
        return
    iri = f"{d.base}programme"
    name = next(((p, m) for p in doc.passages for m in [rules.pattern("schedule.name").search(p.text)] if m), None)
    d.add(iri, RDF_TYPE, MG + "Programme", claim=False)
    if name:
        title = name[1]["name"].strip()
        d.add(iri, LABEL, Lit(title, _lang(title)), name[0], title, 0.8, what="programme")
    else:  # no 행사명: the schedule table states the programme
        d.add(iri, LABEL, Lit("행사", "ko"), claim=False)
        table = next((p for p in doc.passages if "\t" in p.text and p.text.split("\t")[0].strip()), None)
        if table is not None:
            d.add(iri, MG + "subEvent", d.programme[0][0], table, table.text.split("\t")[0].strip(), 0.6,
                  what="programme")
    days = sorted({day for _, day in d.programme if day})
    if days:
        d.add(iri, TIME + "hasBeginning", instant(d, days[0]), claim=False)
    for event, _ in sorted(set(d.programme)):
        d.add(iri, MG + "subEvent", event, claim=False)


def _document(d: Draft, doc: Document, a: Assembler, url, when, publisher) -> str | None:
    doc_iri = d.document
    d.add(doc_iri, RDF_TYPE, MG + ("PressRelease" if doc.press_release else "NewsArticle"), claim=False)
    d.add(doc_iri, MG + "sourceFile", Lit(doc.path.name), claim=False)
    d.add(doc_iri, DCT + "language", Lit(doc.language), claim=False)
    if doc.title:
        d.add(doc_iri, DCT + "title", Lit(doc.title.text, doc.language), doc.title, doc.title.text, 0.8, what="title")
        d.add(doc_iri, LABEL, Lit(doc.title.text, doc.language), claim=False)
    else:
        d.add(doc_iri, LABEL, Lit(doc.path.name), claim=False)
    if url:
        d.add(doc_iri, FOAF + "page", url, claim=False)
    if when is not None:
        if doc.published and doc.published_passage and when == doc.published:
            d.add(doc_iri, DCT + "issued", Lit(when.strftime("%Y-%m-%dT%H:%M:00+09:00"), datatype="dateTime"),
                  doc.published_passage, doc.published_passage.text, 0.9, what="published")
        else:
            d.add(doc_iri, DCT + "date", Lit(when.date().isoformat(), datatype="date"), claim=False)
    publisher_iri = None
    if publisher:
        from mougraph.ingest.names import parties

        named = parties(publisher, when.date().isoformat() if when else None)
        if named and named[0].key:
            d.add(doc_iri, DCT + "publisher", f"{ID}org/{named[0].key}", claim=False)
            publisher_iri = f"{ID}org/{named[0].key}"
        else:
            d.add(doc_iri, DCT + "publisher", Lit(publisher), claim=False)
    for p in d.passages:
        iri = d.base + p.key
        d.add(iri, RDF_TYPE, MG + "Passage", claim=False)
        d.add(iri, MG + "inDocument", doc_iri, claim=False)
        d.add(iri, MG + "line", Lit(str(p.line), datatype="integer"), claim=False)
        d.add(iri, MG + "quote", Lit(p.text, doc.language), claim=False)
    return publisher_iri


def _contacts(d: Draft, doc: Document, issuer: str | None) -> None:
    contacts = tables.contacts(doc.passages)
    if not contacts:
        return
    unit = None
    for n, c in enumerate(contacts, 1):
        if c.department and unit is None:
            unit = f"{d.base}unit-{slug(c.department)}"
            d.add(unit, RDF_TYPE, MG + "OrganisationalUnit", c.passage, c.department, 0.8, what="department")
            d.add(unit, LABEL, Lit(c.department, _lang(c.department)), c.passage, c.department, 0.8, what="department")
            d.add(d.document, DCT + "creator", unit, c.passage, c.department, 0.8, what="department")
            if issuer:
                d.add(unit, ORG + "unitOf", issuer, c.passage, c.department, 0.6, what="department")
            else:
                d.ask("no-issuer", f"담당부서 '{c.department}'가 어느 기관의 부서인지 모른다: --publisher로 알린다.",
                      f"Which body the department '{c.department}' belongs to is unknown: give --publisher.", c.passage)
        iri = f"{d.base}contact-{n}"
        person = f"{d.base}person-{slug(c.name)}"
        d.add(iri, RDF_TYPE, MG + "ContactPoint", c.passage, c.name, 0.9, what="contact")
        d.add(iri, LABEL, Lit(f"{c.office} {c.name}", _lang(f"{c.office} {c.name}")), claim=False)
        d.add(person, RDF_TYPE, MG + "Person", claim=False)
        d.add(person, LABEL, Lit(c.name, _lang(c.name)), c.passage, c.name, 0.9, what="person")
        d.add(iri, MG + "contactPerson", person, c.passage, c.name, 0.9, what="contact person")
        d.add(iri, SCHEMA + "telephone", Lit(c.phone), c.passage, c.phone, 1.0, what="telephone")
        office = f"{d.base}office-{slug(c.office)}"
        d.add(office, RDF_TYPE, MG + "Office", claim=False)
        d.add(office, LABEL, Lit(c.office, _lang(c.office)), c.passage, c.phone, 0.7, what="contact office")
        if unit:
            d.add(office, ORG + "postIn", unit, claim=False)
        d.add(iri, MG + "contactOffice", office, c.passage, c.phone, 0.7, what="contact office")
        d.add(d.document, MG + "contactPoint", iri, c.passage, c.phone, 0.9, what="contact")


def _agreement(d: Draft, a: Assembler, f: Found, rows, shared: set, domain_passages: dict) -> None:
    iri = f"{d.base}agreement-" + "-".join(sorted(slug(k) for k in f.key))
    d.agreements.append(iri)
    first = f.mentions[0]
    d.add(iri, RDF_TYPE, MG + "Agreement", first, "", 1.0, claim=False)
    names = {}
    for key, cited in sorted(f.parties.items()):
        org = a.org(cited.value, cited)
        names[key] = org
        d.add(iri, MG + "party", org, cited.passage, cited.quote, cited.confidence, what="party")
    title = f.title.value if f.title else "협약"
    label = " ".join(c.value.name for _, c in sorted(f.parties.items())) + f" {title}"
    d.add(iri, LABEL, Lit(label.strip(), "ko"), claim=False)
    if f.title:
        d.add(iri, SKOS + "altLabel", Lit(f.title.value, _lang(f.title.value)), f.title.passage, f.title.quote,
              f.title.confidence, what="title")
    kind = f.kind.value if f.kind else "agreement"
    d.add(iri, MG + "kind", f"{ID}kind/{kind}", f.kind.passage if f.kind else first, f.kind.quote if f.kind else "",
          f.kind.confidence if f.kind else 0.4, what="kind")
    status = next((c for c in f.status if c.value == "signed"), f.status[0] if f.status else None)
    d.add(iri, MG + "status", f"{ID}status/{status.value if status else 'announced'}",
          status.passage if status else first, status.quote if status else "", status.confidence if status else 0.3,
          what="status")
    event = f"{iri}/ceremony"
    d.add(iri, MG + "signingEvent", event, claim=False)
    d.add(event, RDF_TYPE, MG + "SigningCeremony", claim=False)
    d.add(event, LABEL, Lit(f"{label.strip()} 체결식", "ko"), claim=False)
    if status and status.value == "announced":
        d.add(event, MG + "planned", Lit("true", datatype="boolean"), status.passage, status.quote, 0.7,
              what="planned")
    if f.day:
        day = f.day.value.iso
        d.add(iri, MG + "date", instant(d, day), f.day.passage, f.day.quote, f.day.confidence, what="date")
        if f.time:
            d.add(event, TIME + "hasBeginning", instant(d, day, f.time.value), f.time.passage, f.time.quote,
                  f.time.confidence, what="time")
        elif f.day:
            d.add(event, TIME + "hasBeginning", instant(d, day), f.day.passage, f.day.quote, f.day.confidence,
                  what="date")
    else:
        # a date not known is an undetermined instant of its own (docs/dates.md), after the document's day
        undetermined = f"{iri}/date"
        d.add(iri, MG + "date", undetermined, claim=False)
        d.add(undetermined, RDF_TYPE, MG + "UndeterminedInstant", claim=False)
        d.add(undetermined, RDF_TYPE, TIME + "Instant", claim=False)
        d.add(undetermined, LABEL, Lit("날짜 미상", "ko"), claim=False)
        if a.day:
            d.add(undetermined, TIME + "after", instant(d, a.day), claim=False)
        said = f" ('{f.vague.quote}')" if f.vague else ""
        d.ask("missing-date", f"협약일을 알 수 없다{said}: 정해지면 날짜를 넣는다.",
              f"The day of signing is not stated{said}: add it when known.", f.vague.passage if f.vague else first)
    if f.place:
        d.add(event, MG + "location", a.place(f.place.value, f.place.passage, f.place.quote), f.place.passage,
              f.place.quote, f.place.confidence, what="place")
    signers: dict[str, str] = {}
    for n, s in enumerate(f.signatories, 1):
        person = s.value
        org = names.get(party_key(person.org)) or a.org(person.org, s)
        p_iri = a.person(person, s)
        signers[party_key(person.org)] = p_iri
        office = a.office(person, org, s)
        sig = f"{iri}/signature-{n}"
        d.add(iri, MG + "signature", sig, s.passage, s.quote, s.confidence, what="signature")
        d.add(sig, RDF_TYPE, MG + "Signature", claim=False)
        d.add(sig, LABEL, Lit(f"{person.name} 서명", "ko"), claim=False)
        if _lang(person.name) == "en":  # an English document: an English label too, not a copy of the Korean one
            d.add(sig, LABEL, Lit(f"signature of {person.name}", "en"), claim=False)
        d.add(sig, MG + "signatory", p_iri, s.passage, s.quote, s.confidence, what="signatory")
        d.add(sig, MG + "onBehalfOf", org, s.passage, s.quote, s.confidence, what="signatory party")
        d.add(sig, MG + "inTerm", a.term(p_iri, office, person.acting, s), s.passage, s.quote, 0.8, what="office")
        d.add(sig, MG + "atEvent", event, claim=False)
        d.add(event, MG + "participant", p_iri, claim=False)
        if person.name in f.remote:
            part = f"{event}/participation-{n}"
            d.add(event, MG + "participation", part, s.passage, s.quote, 0.7, what="remote")
            d.add(part, RDF_TYPE, MG + "Participation", claim=False)
            d.add(part, MG + "participantAgent", p_iri, claim=False)
            d.add(part, MG + "remote", Lit("true", datatype="boolean"), s.passage, s.quote, 0.7, what="remote")
    for att in f.attendees:
        p_iri = a.person(att.value, att)
        d.add(event, MG + "participant", p_iri, att.passage, att.quote, att.confidence, what="attendee")
    lists = domain_passages.get(f.key)
    if lists:
        _domains(d, iri, lists[1], lists[0], lines=lists[2])
        _commitments(d, a, f, iri, lists, [k for k in domain_passages if k != f.key])
    for sub_event in _schedule(d, a, f, iri, event, rows, shared):
        d.programme.append((sub_event, f.day.value.iso if f.day else None))
    a.donations(iri, f, event, signers)
    _duplicates(d, a, f, iri)


def _domains(d: Draft, agreement: str, lists, p, *, complete: bool | None = None, lines=None) -> None:
    """The domain list; ``lines``: the passage of each item, when they are the lines below ``p``."""
    items = lists.items
    if lists.count is not None and lists.count != len(items):
        d.ask("count-list", f"'{lists.count_quote}'라 하지만 {len(items)}개 분야를 나열한다.",
              f"The text says '{lists.count_quote}' but lists {len(items)} domains.", p)
        d.add(agreement, SKOS + "note", Lit(f"출처는 {lists.count_quote}라 하지만 {len(items)}개를 나열한다.", "ko"),
              claim=False)
    elif lists.count is not None:
        d.add(agreement, MG + "statedDomainCount", Lit(str(lists.count), datatype="integer"), p, lists.count_quote,
              0.9, what="domain count")
    d.add(agreement, MG + "domainListComplete",
          Lit("true" if (lists.complete if complete is None else complete) else "false", datatype="boolean"),
          claim=False)
    for n, (wording, concept) in enumerate(items, 1):
        p = lines[n - 1] if lines else p
        li = f"{agreement}/domain-{n}"
        d.add(agreement, MG + "listsDomain", li, p, wording, 0.9, what="domain item")
        d.add(li, RDF_TYPE, MG + "ListedDomain", claim=False)
        d.add(li, LABEL, Lit(f"분야 {n}: {wording}", "ko"), claim=False)
        if _lang(wording) == "en":
            d.add(li, LABEL, Lit(f"domain {n}: {wording}", "en"), claim=False)
        d.add(li, MG + "position", Lit(str(n), datatype="integer"), claim=False)
        d.add(li, MG + "wording", Lit(wording, _lang(wording)), p, wording, 0.9, what="domain item")
        if concept:
            d.add(li, MG + "domainConcept", f"{ID}domain/{concept}", p, wording, 0.7, what="domain concept")
        else:
            d.ask("no-domain-concept", f"분야 '{wording}'에 맞는 개념이 없다: data/domains.ttl에 추가하거나 고른다.",
                  f"No domain concept fits '{wording}': choose one or add it (docs/data-model.md).", p)


def _commitments(d: Draft, a: Assembler, f: Found, agreement: str, lists, others) -> None:
    for n, c in enumerate(commitment_reader.find(d.passages, lists[0], f.key, lists[1].items, others, a.day), 1):
        iri = f"{agreement}/commitment-{n}"
        d.add(agreement, MG + "commitment", iri, c.passage, c.action_quote, 0.6, what="commitment")
        d.add(iri, RDF_TYPE, MG + "Commitment", claim=False)
        d.add(iri, LABEL, Lit(c.passage.text[:60], _lang(c.passage.text)), claim=False)
        d.add(iri, MG + "inDomain", f"{agreement}/domain-{c.domain}", c.passage, c.action_quote, 0.5, what="commitment")
        d.add(iri, MG + "action", f"{ID}action/{c.action}", c.passage, c.action_quote, 0.6, what="commitment action")
        d.add(iri, MG + "mutual", Lit("true" if c.mutual else "false", datatype="boolean"), c.passage,
              c.action_quote, 0.6, what="commitment")
        for key in c.by:
            d.add(iri, MG + "committedBy", a.org(f.parties[key].value), c.passage, c.action_quote, 0.6,
                  what="committed by")
        if c.beneficiary:
            d.add(iri, MG + "beneficiary", a.org(f.parties[c.beneficiary].value), c.passage, c.action_quote, 0.5,
                  what="beneficiary")


def _schedule(d: Draft, a: Assembler, f: Found, agreement: str, event: str, rows, shared: set) -> list[str]:
    """The schedule's rows of this agreement's visit, as events; the ceremony's row completes its ceremony."""
    from mougraph.ingest.names import parties

    events: list[str] = []
    for row in rows:
        # "서울시장-세종시장 환담", "세종시청 5층 접견실": an office or a city hall names its body
        words = re.sub(r"(시|도|군|구)(?:청|장|수)", r"\1 ", f"{row.detail} {row.place_quote or ''}")
        words = words.replace("군 ", "군 ").replace("-", " ")
        named = {party_key(x) for x in parties(words, a.day)}
        if not named or not named <= f.key or not named - shared:
            continue
        target = event if row.kind == "SigningCeremony" else f"{agreement}/event-{row.start.replace(':', '')}"
        events.append(target)
        if target != event:
            d.add(target, RDF_TYPE, MG + row.kind, row.passage, row.name, 0.8, what="schedule event")
            target_label = row.detail.lstrip("○ ").strip() or row.name
            d.add(target, LABEL, Lit(target_label, _lang(target_label)), claim=False)
        day = f.day.value.iso if f.day and f.day.value.day else None
        if day:
            d.add(target, TIME + "hasBeginning", instant(d, day, row.start), row.passage, row.time_quote, 0.9,
                  what="time")
            if row.end:
                d.add(target, TIME + "hasEnd", instant(d, day, row.end), row.passage, row.time_quote, 0.9, what="time")
        if row.minutes:
            d.add(target, MG + "plannedDuration", Lit(f"PT{row.minutes}M", datatype="duration"), row.passage,
                  row.time_quote, 0.9, what="duration")
        d.add(target, MG + "openToPress", Lit("true" if row.open_to_press else "false", datatype="boolean"),
              row.passage, row.closed_quote or row.name, 0.7, what="open to press")
        if row.place and not (target == event and f.place):
            d.add(target, MG + "location", a.place(row.place, row.passage, row.place_quote), row.passage,
                  row.place_quote, 0.8, what="place")
    return events


def _duplicates(d: Draft, a: Assembler, f: Found, iri: str) -> None:
    year = f.day.value.year if f.day else None
    for other, when, label in a.known.agreements_of(frozenset(f.key), year):
        if f.day and when[:10] in (f.day.value.iso, str(year)):
            d.ask("duplicate", f"이미 그래프에 있는 협약 {other} ('{label}', {when})과 같은 협약일 수 있다.",
                  f"May be the agreement already in the graph: {other} ('{label}', {when}).", f.mentions[0])


def _earlier(d: Draft, a: Assembler, doc: Document, anchor, day, found: list[Found]) -> None:
    current = {f.key: f"{d.base}agreement-" + "-".join(sorted(slug(k) for k in f.key)) for f in found}
    only = [cited.value for cited in found[0].parties.values()] if len(found) == 1 else None
    for e in earlier_reader.find(doc.passages, anchor.year if anchor else None, day, parties_of_both=only):
        existing = a.known.agreements_of(e.key, e.year.value)
        if existing:
            iri = existing[0][0]
        else:
            iri = f"{d.base}earlier-" + "-".join(sorted(slug(k) for k in e.key)) + f"-{e.year.value}"
            d.add(iri, RDF_TYPE, MG + "Agreement", claim=False)
            # the parties as they were named then (mgsh:NameInForceShape); left out where the gazetteer knows no name
            names = " ".join(filter(None, (_name_then(c.value, e.year.value) for _, c in sorted(e.parties.items()))))
            title = e.title.value if e.title else "협약"
            label = f"{names} {title} ({e.year.value})".strip()
            d.add(iri, LABEL, Lit(label, _lang(label)), claim=False)
            d.add(iri, MG + "status", f"{ID}status/signed", e.passage, e.year.quote, 0.7, what="status")
            d.add(iri, MG + "kind", f"{ID}kind/{e.kind.value if e.kind else 'agreement'}", e.passage,
                  e.kind.quote if e.kind else "", 0.6, what="kind")
            for _, cited in sorted(e.parties.items()):
                d.add(iri, MG + "party", a.org(cited.value, cited), cited.passage, cited.quote, cited.confidence,
                      what="earlier party")
            d.add(iri, MG + "date", instant(d, str(e.year.value)), e.passage, e.year.quote, 0.9, what="earlier year")
            if e.title:
                d.add(iri, SKOS + "altLabel", Lit(e.title.value, _lang(e.title.value)), e.passage, e.title.quote,
                      0.8, what="earlier title")
            if e.domains and e.domains.items:
                _domains(d, iri, e.domains, e.passage, complete=e.domains.complete)
        d.add(iri, MG + "statedIn", d.base + e.passage.key, claim=False)
        d.add(iri, RDF_TYPE, MG + "Agreement", e.passage, str(e.year.value) if str(e.year.value) in e.passage.text
              else e.year.quote, 0.8, what="earlier agreement")
        # the new agreement of the same parties, else the one new agreement they are all parties to (a joint one)
        wider = [iri for key, iri in current.items() if e.key < key]
        newer = current.get(e.key) or (wider[0] if len(wider) == 1 else None)
        if newer:
            relation = RELATION.get(e.relation.value, "buildsOn") if e.relation else "buildsOn"
            d.add(newer, MG + relation, iri, e.passage, e.relation.quote if e.relation else e.year.quote,
                  e.relation.confidence if e.relation else 0.5, what="earlier agreement")


def _name_then(party, year: int) -> str:
    """``party``'s name in force in ``year``, "" for a local government whose name then the gazetteer does not know."""
    from mougraph.gazetteer.resolution import default_index

    body = default_index().bodies.get(party.key) if party.key else None
    if body is None:
        return party.name
    return body.name_in(f"{year}-01-01") or body.name_in(f"{year}-12-31") or ""
