"""The view of an agreement on its page: what an analyst reads first.

Parties, date at its precision, kind and status; the domains it lists, grouped by theme; its commitments as
"who does what for whom"; the signing ceremony with the day's schedule; signatures with the office each
signatory held (acting marked); donations and gifts handed over at the ceremony; lineage both ways. Each
fact carries the numbers of the passages that state it (:class:`mougraph.publishing.resource_page.Citations`).
"""

from __future__ import annotations

from rdflib.namespace import DCTERMS, RDF, SKOS, TIME

from mougraph.publishing.dated_names import dated_party
from mougraph.publishing.terms import natural
from mougraph.publishing.values import date_key
from mougraph.vocab import MG

LINEAGE = (MG.strengthens, MG.renews, MG.supersedes, MG.buildsOn)


def top_theme(graph, concept):
    """The top concept over ``skos:broader`` (every domain reaches exactly one), or the concept itself."""
    seen = {concept}
    while True:
        broader = next(iter(graph.objects(concept, SKOS.broader)), None)
        if broader is None or broader in seen:
            return concept
        seen.add(broader)
        concept = broader


def agreement_view(view, iri, lang: str, here: str, cite) -> dict:
    """``view``: the page's :class:`mougraph.publishing.kinds.KindViews` (graph, links, conflicts)."""
    g, terms = view.site.graph, view.terms
    link, links, one = terms.link, terms.links, terms.one

    def cited(term):
        return {**link(term, lang, here), "sources": cite.of(term)}

    themes: dict = {}
    for listed in g.objects(iri, MG.listsDomain):
        concept = one(listed, MG.domainConcept)
        wording = terms.in_language(list(g.objects(listed, MG.wording)), lang)
        theme = top_theme(g, concept) if concept is not None else None
        position = one(listed, MG.position)
        entry = {"position": int(position) if position is not None else None,
                 "listed": cited(listed), "wording": [str(w) for w in wording],
                 "concept": link(concept, lang, here) if concept is not None else None}
        themes.setdefault(theme, []).append(entry)
    domains = []
    for theme, entries in themes.items():
        entries.sort(key=lambda d: (d["position"] is None, d["position"] or 0))
        domains.append({"theme": link(theme, lang, here) if theme is not None else None, "domains": entries})
    domains.sort(key=lambda t: min((d["position"] or 999) for d in t["domains"]))

    commitments = []
    for c in sorted(g.objects(iri, MG.commitment), key=lambda c: natural(str(c))):
        domain = one(c, MG.inDomain)
        commitments.append({
            "commitment": cited(c),
            "description": [str(d) for d in terms.in_language(list(g.objects(c, DCTERMS.description)), lang)],
            "by": links(c, MG.committedBy, lang, here),
            "actions": links(c, MG.action, lang, here),
            "beneficiaries": links(c, MG.beneficiary, lang, here),
            "domain": one(domain, MG.position) if domain is not None else None,
        })

    ceremonies = []
    donations = []
    for event in g.objects(iri, MG.signingEvent):
        ceremonies.append({**event_view(view, event, lang, here, cite),
                           "conflicts": view.page.conflicts(event, lang, here),
                           "schedule": [event_view(view, e, lang, here, cite) for e in schedule(g, event)]})
        for gift in sorted(g.subjects(MG.atEvent, event)):
            if not ({MG.Donation, MG.Gift} & set(g.objects(gift, RDF.type))):
                continue  # signatures and other things at the event; an exchange is shown by its donations
            donations.append({"gift": cited(gift), "types": [link(t, lang, here) for t in view.site.types(gift)],
                              "donor": links(gift, MG.donor, lang, here),
                              "recipient": links(gift, MG.recipient, lang, here),
                              "scheme": links(gift, MG.donationScheme, lang, here)})

    signatures = []
    for sig in sorted(g.objects(iri, MG.signature)):
        term = one(sig, MG.inTerm)
        acting = one(term, MG.acting) if term is not None else None
        signatures.append({
            "signatory": links(sig, MG.signatory, lang, here),
            "party": [dated_party(view.site, link(p, lang, here), p, one(iri, MG.date))
                      for p in sorted(g.objects(sig, MG.onBehalfOf))],
            "office": links(term, MG.office, lang, here) if term is not None else [],
            "acting": bool(acting.toPython()) if acting is not None else False,
            "sources": cite.of(sig),
        })
    builds_on, built_on_by = [], []
    for prop in LINEAGE:
        for target in sorted(g.objects(iri, prop)):
            builds_on.append({"property": link(prop, lang, here), "agreement": cited(target),
                              "date": links(target, MG.date, lang, here)})
        for source in sorted(g.subjects(prop, iri)):
            built_on_by.append({"property": link(prop, lang, here), "agreement": cited(source),
                                "date": links(source, MG.date, lang, here)})
    count = one(iri, MG.statedDomainCount)
    date = one(iri, MG.date)
    parties = sorted(((link(p, lang, here), p) for p in g.objects(iri, MG.party)),
                     key=lambda vp: natural(vp[0]["text"]))
    return {
        "parties": [dated_party(view.site, v, p, date) for v, p in parties],
        "date": links(iri, MG.date, lang, here),
        "kind": links(iri, MG.kind, lang, here),
        "status": links(iri, MG.status, lang, here),
        "notes": [str(n) for n in terms.in_language(list(g.objects(iri, SKOS.note)), lang)],
        "stated_count": int(count) if count is not None else None,
        "themes": domains, "commitments": commitments, "ceremonies": ceremonies, "donations": donations,
        "signatures": signatures, "builds_on": builds_on, "built_on_by": built_on_by,
    }


def schedule(graph, event) -> list:
    """The events of the day a ceremony belongs to (its programme's sub-events), in time order."""
    programmes = list(graph.subjects(MG.subEvent, event))
    events = {e for p in programmes for e in graph.objects(p, MG.subEvent)}
    return sorted(events, key=lambda e: (date_key(graph, next(iter(graph.objects(e, TIME.hasBeginning)), None)),
                                         str(e)))


def event_view(view, event, lang: str, here: str, cite) -> dict:
    g, terms = view.site.graph, view.terms
    links, one = terms.links, terms.one
    places = [{"place": terms.link(place, lang, here), "building": links(place, MG.inBuilding, lang, here)}
              for place in g.objects(event, MG.location)]
    press = one(event, MG.openToPress)
    return {
        "event": {**terms.link(event, lang, here), "sources": cite.of(event)},
        "begins": links(event, TIME.hasBeginning, lang, here),
        "ends": links(event, TIME.hasEnd, lang, here),
        "duration": links(event, MG.plannedDuration, lang, here),
        "agenda": sorted(str(a) for a in terms.in_language(list(g.objects(event, MG.agendaItem)), lang)),
        "places": places,
        "press": None if press is None else bool(press.toPython()),
        "types": [terms.link(t, lang, here) for t in view.site.types(event) if t != RDF.Statement],
    }
