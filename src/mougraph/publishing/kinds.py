"""The views of the kinds of things people look for, shown at the top of their pages.

- a local government or other body: its names (and names over time, ``mg:hasName``), tier, parent, codes
  and Wikidata as links; its agreements as a sortable table; who signed for it; its offices; the documents
  that mention it; its own network and timeline;
- an agreement: :mod:`mougraph.publishing.agreement_view`;
- a person: offices held with terms (acting marked), agreements signed, donations, events;
- a source document: its passages in order, and what each states;
- a domain or theme of cooperation: every agreement listing it (or a narrower domain) and their parties.

:func:`kind_of` tells which view a resource gets (None: the generic page only).
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup
from rdflib import URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, RDF, SKOS, TIME, VOID

from mougraph.publishing.agreement_view import agreement_view, top_theme
from mougraph.publishing.body_tables import by_date, party_rows, signer_rows
from mougraph.publishing.dated_names import dated_party, history_view
from mougraph.publishing.pictures import network_svg, timeline_svg
from mougraph.publishing.site import LABEL_PROPERTIES
from mougraph.publishing.terms import link_order, natural
from mougraph.publishing.values import date_key
from mougraph.vocab import MG

ORGANISATIONS = (MG.LocalGovernment, MG.PublicBody, MG.OrganisationalUnit, MG.Organisation)
DOCUMENTS = (MG.SourceDocument, MG.PressRelease, MG.NewsArticle)
WIKIDATA = "http://www.wikidata.org/entity/"
CODES = (MG.adminAgencyCode, MG.legalDongCode)


def kind_of(graph, iri) -> str | None:
    """``agreement``, ``organisation``, ``person``, ``document``, ``concept`` or None."""
    types = set(graph.objects(iri, RDF.type))
    if VOID.Dataset in types:
        return "dataset"
    if MG.Agreement in types:
        return "agreement"
    if types & set(ORGANISATIONS):
        return "organisation"
    if MG.Person in types:
        return "person"
    if types & set(DOCUMENTS):
        return "document"
    if SKOS.Concept in types and ((None, MG.domainConcept, iri) in graph or (None, SKOS.broader, iri) in graph
                                  or (None, MG.coversDomain, iri) in graph):
        return "concept"
    return None


class KindViews:
    """Builds the view of each kind; ``page`` is the :class:`ResourcePage` (its values, conflicts)."""

    def __init__(self, site, terms, page):
        self.site, self.terms, self.page = site, terms, page

    def build(self, kind: str, iri, lang: str, here: str, cite) -> dict:
        build = {"agreement": agreement_view, "organisation": organisation_view, "person": person_view,
                 "document": document_view, "concept": concept_view, "dataset": dataset_view}[kind]
        return build(self, iri, lang, here, cite)

    def cited(self, term, lang: str, here: str, cite) -> dict:
        return {**self.terms.link(term, lang, here), "sources": cite.of(term)}

    def own(self, iri, props, lang: str, here: str, cite) -> list[dict]:
        """The values of ``props`` on ``iri``, each with the numbers of its own passages that quote it."""
        g = self.site.graph
        values = [o for p in props for o in g.objects(iri, p)]
        values = sorted(self.terms.in_language(values, lang), key=lambda v: (natural(self.site.label(v, lang)), str(v)))
        return [self.page._value(v, lang, here, cite.items) for v in values]

    def agreement_row(self, agreement, lang: str, here: str, cite, focus=None) -> dict:
        g, terms = self.site.graph, self.terms
        date = terms.one(agreement, MG.date)
        themes = {top_theme(g, c) for d in g.objects(agreement, MG.listsDomain)
                  for c in g.objects(d, MG.domainConcept)} | set(g.objects(agreement, MG.coversDomain))
        return {
            "agreement": self.cited(agreement, lang, here, cite),
            "partners": [dated_party(self.site, terms.link(p, lang, here), p, date)
                         for p in sorted(g.objects(agreement, MG.party), key=lambda p: (self.site.label(p, lang), p))
                         if p != focus],
            "date": terms.link(date, lang, here) if date is not None else None,
            "date_key": date_key(g, date),
            "kind": terms.links(agreement, MG.kind, lang, here),
            "status": terms.links(agreement, MG.status, lang, here),
            "themes": sorted((terms.link(t, lang, here) for t in themes), key=link_order),
        }


def organisation_view(view, iri, lang: str, here: str, cite) -> dict:
    site, g, terms = view.site, view.site.graph, view.terms
    link, one = terms.link, terms.one
    names_over_time = []
    # each loop that cites goes in the order shown (or a fixed one): footnote numbers must not follow the store's
    for name in sorted(g.objects(iri, MG.hasName), key=lambda n: (str(one(n, MG.validFrom) or ""), str(n))):
        start, end = one(name, MG.validFrom), one(name, MG.validUntil)
        names_over_time.append({
            "names": [link(t, lang, here) for t in g.objects(name, MG.nameText)],
            "from": link(start, lang, here) if start is not None else None,
            "until": link(end, lang, here) if end is not None else None,
            "key": str(start or ""), "sources": cite.of(name)})
    names_over_time.sort(key=lambda n: n["key"])
    external = []
    for match in sorted(set(g.objects(iri, SKOS.exactMatch)) | set(g.objects(iri, SKOS.closeMatch))):
        if isinstance(match, URIRef) and str(match).startswith(WIKIDATA):
            qid = str(match)[len(WIKIDATA):]
            external.append({"text": f"Wikidata {qid}", "href": f"https://www.wikidata.org/wiki/{qid}",
                             "iri": str(match)})
        elif isinstance(match, URIRef):
            external.append(link(match, lang, here))
    agreements = any((a, RDF.type, MG.Agreement) in g for a in g.subjects(MG.party, iri))  # one is enough
    signers = signer_rows(view, iri, lang, here, cite)
    offices = []
    for office in sorted(g.subjects(ORG.postIn, iri), key=lambda o: (site.label(o, lang), str(o))):
        offices.append({"office": link(office, lang, here), "terms": [
            term_row(view, t, lang, here, cite) for t in sorted(g.subjects(MG.office, office), key=lambda t: (
                str(one(t, MG.validFrom) or ""), str(t)))]})
    documents: dict = {}
    for source in g.objects(iri, MG.statedIn):
        doc = one(source, MG.inDocument) or source
        line = one(source, MG.line)
        documents.setdefault(doc, []).append({"line": int(line), "href": site.href(source, lang, here)}
                                             if line is not None else None)
    for prop in (DCTERMS.publisher, DCTERMS.creator):
        for doc in g.subjects(prop, iri):
            documents.setdefault(doc, [])
    return {
        "labels": view.own(iri, LABEL_PROPERTIES, lang, here, cite),
        "short": view.own(iri, (SKOS.altLabel,), lang, here, cite),
        "names_over_time": names_over_time,
        "history": history_view(site, terms, iri, lang, here),
        "tier": view.own(iri, (MG.tier,), lang, here, cite),
        "parent": view.own(iri, (MG.withinArea, ORG.unitOf), lang, here, cite),
        "units": view.own(iri, (ORG.hasUnit,), lang, here, cite),
        "within": [link(s, lang, here) for s in sorted(g.subjects(MG.withinArea, iri),
                                                       key=lambda s: (site.label(s, lang), str(s)))],
        "codes": [{"property": link(p, lang, here), "values": view.own(iri, (p,), lang, here, cite)}
                  for p in CODES if (iri, p, None) in g],
        "external": external,
        "notes": [str(n) for n in terms.in_language(list(g.objects(iri, SKOS.note)), lang)],
        "agreements": party_rows(view, iri, lang, here, cite),  # sorted by date already
        "signers": signers,
        "offices": offices,
        "received": [view.cited(d, lang, here, cite) for d in sorted(g.subjects(MG.recipient, iri))],
        "documents": [{"document": link(d, lang, here), "lines": sorted(
            (ln for ln in lines if ln), key=lambda ln: ln["line"])}
            for d, lines in sorted(documents.items(), key=lambda item: (site.label(item[0], lang), str(item[0])))],
        "network": Markup(network_svg(site, lang, here, focus=iri)) if agreements else None,
        "timeline": Markup(timeline_svg(site, lang, here, focus=iri)) if agreements else None,
    }


def term_row(view, term, lang: str, here: str, cite) -> dict:
    terms = view.terms
    one = terms.one
    office = one(term, MG.office)
    acting = one(term, MG.acting)
    start, end = one(term, MG.validFrom), one(term, MG.validUntil)
    return {"term": view.cited(term, lang, here, cite),
            "holder": terms.links(term, MG.holder, lang, here),
            "office": terms.link(office, lang, here) if office is not None else None,
            "organisation": terms.links(office, ORG.postIn, lang, here) if office is not None else [],
            "from": terms.link(start, lang, here) if start is not None else None,
            "until": terms.link(end, lang, here) if end is not None else None,
            "acting": bool(acting is not None and acting.toPython())}


def person_view(view, iri, lang: str, here: str, cite) -> dict:
    g, terms = view.site.graph, view.terms
    link, links, one = terms.link, terms.links, terms.one
    signatures = []
    for sig in g.subjects(MG.signatory, iri):
        agreement = next(iter(g.subjects(MG.signature, sig)), None)
        term = one(sig, MG.inTerm)
        acting = one(term, MG.acting) if term is not None else None
        date = one(agreement, MG.date) if agreement is not None else None
        signatures.append({"agreement": view.cited(agreement, lang, here, cite) if agreement is not None else None,
                           "party": [dated_party(view.site, link(p, lang, here), p, date)
                                     for p in sorted(g.objects(sig, MG.onBehalfOf))],
                           "office": links(term, MG.office, lang, here) if term is not None else [],
                           "acting": bool(acting is not None and acting.toPython()),
                           "date": link(date, lang, here) if date is not None else None,
                           "key": date_key(g, date)})
    signatures.sort(key=lambda s: s["key"])
    donations = [{"donation": view.cited(d, lang, here, cite), "recipient": links(d, MG.recipient, lang, here),
                  "event": links(d, MG.atEvent, lang, here)} for d in sorted(g.subjects(MG.donor, iri))]
    return {
        "terms": [term_row(view, t, lang, here, cite) for t in sorted(g.subjects(MG.holder, iri))],
        "signatures": signatures,
        "donations": donations,
        "events": [view.cited(e, lang, here, cite) for e in sorted(
            g.subjects(MG.participant, iri), key=lambda e: date_key(g, one(e, TIME.hasBeginning)))],
    }


def document_view(view, iri, lang: str, here: str, cite) -> dict:
    g, terms = view.site.graph, view.terms
    passages = []
    for passage in g.subjects(MG.inDocument, iri):
        line = terms.one(passage, MG.line)
        quote = terms.one(passage, MG.quote)
        states = sorted(g.subjects(MG.statedIn, passage), key=lambda s: (natural(view.site.label(s, lang)), str(s)))
        passages.append({"passage": terms.link(passage, lang, here), "line": int(line) if line is not None else None,
                         "quote": str(quote) if quote is not None else "",
                         "states": [terms.link(s, lang, here) for s in states]})
    passages.sort(key=lambda p: (p["line"] is None, p["line"] or 0))
    stated = Counter(s for p in g.subjects(MG.inDocument, iri) for s in g.subjects(MG.statedIn, p))
    return {"passages": passages, "facts_count": len(stated)}


def concept_view(view, iri, lang: str, here: str, cite) -> dict:
    g, terms = view.site.graph, view.terms
    concepts, todo = {iri}, [iri]
    while todo:
        for narrower in g.subjects(SKOS.broader, todo.pop()):
            if narrower not in concepts:
                concepts.add(narrower)
                todo.append(narrower)
    rows: dict = {}
    for concept in sorted(concepts):  # sorted: footnotes are numbered in the order they are cited
        for listed in sorted(g.subjects(MG.domainConcept, concept)):
            for agreement in sorted(g.subjects(MG.listsDomain, listed)):
                row = rows.setdefault(agreement, {**view.agreement_row(agreement, lang, here, cite), "via": []})
                row["via"].append({**terms.link(concept, lang, here),
                                   "wording": [str(w) for w in g.objects(listed, MG.wording)]})
        for agreement in sorted(g.subjects(MG.coversDomain, concept)):
            rows.setdefault(agreement, {**view.agreement_row(agreement, lang, here, cite), "via": []})
    parties = Counter(p for a in rows for p in g.objects(a, MG.party))
    return {
        "broader": terms.links(iri, SKOS.broader, lang, here),
        "narrower": [terms.link(c, lang, here) for c in sorted(g.subjects(SKOS.broader, iri),
                                                               key=lambda c: view.site.label(c, lang))],
        "definition": [str(d) for d in terms.in_language(list(g.objects(iri, SKOS.definition)), lang)],
        "agreements": by_date(list(rows.values())),
        "parties": [{**terms.link(p, lang, here), "count": n}
                    for p, n in sorted(parties.items(), key=lambda kv: (-kv[1], view.site.label(kv[0], lang), kv[0]))],
    }



def dataset_view(view, iri, lang: str, here: str, cite) -> dict:
    """The dataset description (VoID, DCAT) as a page: what it is, how big, what is in it, where to get it."""
    g, terms = view.site.graph, view.terms
    one = terms.one
    counts = [{"property": terms.link(p, lang, here), "value": terms.link(one(iri, p), lang, here)}
              for p in (VOID.triples, VOID.entities, VOID.distinctSubjects, VOID.properties, VOID.classes)
              if one(iri, p) is not None]
    classes = []
    for part in g.objects(iri, VOID.classPartition):
        cls, n = one(part, VOID["class"]), one(part, VOID.entities)
        if cls is not None and n is not None:
            classes.append({"class": terms.link(cls, lang, here), "count": int(n)})
    classes.sort(key=lambda c: (-c["count"], c["class"]["text"]))
    downloads = []
    for dist in g.objects(iri, DCAT.distribution):
        url = one(dist, DCAT.downloadURL) or one(dist, DCAT.accessURL)
        size = one(dist, DCAT.byteSize)
        downloads.append({"distribution": terms.link(dist, lang, here), "url": str(url) if url else None,
                          "media": [{"text": str(m).rsplit("media-types/", 1)[-1], "href": str(m), "iri": str(m)}
                                    for m in g.objects(dist, DCAT.mediaType)],
                          "size": terms.link(size, lang, here) if size is not None else None})
    downloads.sort(key=lambda d: d["distribution"]["text"])
    return {
        "description": [str(d) for d in terms.in_language(list(g.objects(iri, DCTERMS.description)), lang)],
        "license": terms.links(iri, DCTERMS.license, lang, here),
        "publisher": terms.links(iri, DCTERMS.publisher, lang, here),
        "endpoint": terms.links(iri, VOID.sparqlEndpoint, lang, here),
        "keywords": sorted(str(k) for k in terms.in_language(list(g.objects(iri, DCAT.keyword)), lang)),
        "counts": counts, "classes": classes, "downloads": downloads,
        "sources": terms.links(iri, DCTERMS.source, lang, here),
    }
