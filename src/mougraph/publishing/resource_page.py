"""What the page of one resource shows, as the context of ``templates/resource.html.j2``.

Its types and properties (each value with the numbers of the source passages that quote
it), the resources that point to it, where its sources disagree, the passages themselves,
its other formats, and for an agreement a summary: parties, date, kind, status, listed
domains, commitments, signing ceremonies, signatures and lineage.
"""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, TIME, XSD

from mougraph.publishing.site import FORMAT_NAMES, LABEL_PROPERTIES, RDF_DOCUMENTS, Site, rel
from mougraph.publishing.terms import TermView, natural
from mougraph.vocab import MG

FIRST_PROPERTIES = (RDF.type, *LABEL_PROPERTIES, SKOS.altLabel)
HIDDEN_PROPERTIES = {MG.statedIn}
LINEAGE = (MG.strengthens, MG.renews, MG.supersedes, MG.buildsOn)
MAX_INCOMING = 300


class ResourcePage:
    """Builds the context of resource pages from a :class:`Site`."""

    def __init__(self, site: Site, terms: TermView):
        self.site = site
        self.terms = terms
        self._altlabels: dict = {}
        for s, o in site.graph.subject_objects(SKOS.altLabel):
            self._altlabels.setdefault(s, []).append(str(o))

    def context(self, iri: URIRef, lang: str, here: str) -> dict:
        """Everything the page of ``iri`` in ``lang`` at path ``here`` shows."""
        site = self.site
        passages = self._passages(iri, lang, here)
        return {
            "iri": str(iri),
            "types": [self.terms.link(t, lang, here) for t in site.types(iri)],
            "facts": self._facts(iri, lang, here, passages),
            "incoming": self._incoming(iri, lang, here),
            "passages": passages,
            "conflicts": self._conflicts(iri, lang, here),
            "formats": [{"name": FORMAT_NAMES[f], "href": rel(site.document(iri, f), here)} for f in RDF_DOCUMENTS],
            "agreement": self._agreement(iri, lang, here) if (iri, RDF.type, MG.Agreement) in site.graph else None,
        }

    # --- facts and their sources ---------------------------------------------

    def _needles(self, term) -> list[str]:
        if isinstance(term, Literal):
            if term.datatype in (None, XSD.string) or term.language:
                return [str(term)] if len(str(term)) >= 2 else []
            return []
        names = self.site.all_labels(term) + self._altlabels.get(term, [])
        return [n for n in names if len(n) >= 2]

    def _passages(self, iri, lang: str, here: str) -> list[dict]:
        g, link = self.site.graph, self.terms.link
        out = []
        for source in g.objects(iri, MG.statedIn):
            doc = next(iter(g.objects(source, MG.inDocument)), None)
            line = next(iter(g.objects(source, MG.line)), None)
            quote = next(iter(g.objects(source, MG.quote)), None)
            out.append({
                "passage": link(source, lang, here) if doc is not None else None,
                "document": link(doc if doc is not None else source, lang, here),
                "line": int(line) if line is not None else None,
                "quote": str(quote) if quote is not None else None,
            })
        out.sort(key=lambda p: (p["document"]["text"], p["line"] or 0))
        for n, passage in enumerate(out, 1):
            passage["n"] = n
        return out

    def _value(self, term, lang: str, here: str, passages: list[dict], depth: int = 0) -> dict:
        value = self.terms.link(term, lang, here)
        needles = self._needles(term)
        value["sources"] = [p["n"] for p in passages if p["quote"] and any(n in p["quote"] for n in needles)]
        if isinstance(term, BNode) and depth < 2:
            value["nested"] = self._facts(term, lang, here, [], depth + 1)
        return value

    def _facts(self, iri, lang: str, here: str, passages: list[dict], depth: int = 0) -> list[dict]:
        g = self.site.graph
        by_property: dict = {}
        for p, o in g.predicate_objects(iri):
            if p not in HIDDEN_PROPERTIES:
                by_property.setdefault(p, []).append(o)
        order = {p: i for i, p in enumerate(FIRST_PROPERTIES)}

        def key(p):
            return (order.get(p, len(order)), self.site.label(p, lang).lower())

        facts = []
        for p in sorted(by_property, key=key):
            values = self.terms.in_language(by_property[p], lang)
            values = sorted(values, key=lambda v: (natural(self.site.label(v, lang)), str(v)))  # str: blank nodes
            facts.append({"property": self.terms.link(p, lang, here), "vals": [
                self._value(v, lang, here, passages, depth) for v in values]})
        return facts

    def _incoming(self, iri, lang: str, here: str) -> list[dict]:
        g, link = self.site.graph, self.terms.link
        groups: dict = {}
        for s, p in g.subject_predicates(iri):
            groups.setdefault(p, []).append(s)
        out = []
        count = 0
        for p in sorted(groups, key=lambda p: self.site.label(p, lang).lower()):
            subjects = sorted(groups[p], key=lambda s: natural(self.site.label(s, lang)))[: MAX_INCOMING - count]
            count += len(subjects)
            out.append({"property": link(p, lang, here), "subjects": [link(s, lang, here) for s in subjects]})
            if count >= MAX_INCOMING:
                break
        return out

    def _conflicts(self, iri, lang: str, here: str) -> list[dict]:
        g, link = self.site.graph, self.terms.link
        out = []
        for conflict in sorted(g.subjects(MG.about, iri)):
            claims = []
            for claim in sorted(g.objects(conflict, MG.claimOf)):
                claims.append({
                    "claim": link(claim, lang, here),
                    "predicate": [link(o, lang, here) for o in g.objects(claim, RDF.predicate)],
                    "object": [link(o, lang, here) for o in g.objects(claim, RDF.object)],
                    "passages": self._passages(claim, lang, here),
                })
            notes = self.terms.in_language(list(g.objects(conflict, SKOS.note)), lang)
            out.append({"conflict": link(conflict, lang, here), "claims": claims, "notes": [str(n) for n in notes]})
        return out

    # --- the summary of an agreement -----------------------------------------

    def _agreement(self, iri, lang: str, here: str) -> dict:
        g, terms = self.site.graph, self.terms
        link, links, one = terms.link, terms.links, terms.one
        domains = []
        for listed in g.objects(iri, MG.listsDomain):
            concept = one(listed, MG.domainConcept)
            wording = terms.in_language(list(g.objects(listed, MG.wording)), lang)
            domains.append({
                "position": one(listed, MG.position),
                "listed": link(listed, lang, here),
                "wording": [str(w) for w in wording],
                "concept": link(concept, lang, here) if concept is not None else None,
                "themes": links(concept, SKOS.broader, lang, here) if concept is not None else [],
            })
        domains.sort(key=lambda d: (d["position"] is None, int(d["position"] or 0)))
        commitments = []
        for c in sorted(g.objects(iri, MG.commitment), key=lambda c: natural(str(c))):
            domain = one(c, MG.inDomain)
            commitments.append({
                "commitment": link(c, lang, here),
                "description": [str(d) for d in terms.in_language(list(g.objects(c, DCTERMS.description)), lang)],
                "by": links(c, MG.committedBy, lang, here),
                "actions": links(c, MG.action, lang, here),
                "beneficiaries": links(c, MG.beneficiary, lang, here),
                "domain": one(domain, MG.position) if domain is not None else None,
            })
        ceremonies = []
        for event in g.objects(iri, MG.signingEvent):
            places = []
            for place in g.objects(event, MG.location):
                places.append({"place": link(place, lang, here),
                               "building": links(place, MG.inBuilding, lang, here)})
            press = one(event, MG.openToPress)
            ceremonies.append({
                "event": link(event, lang, here),
                "begins": links(event, TIME.hasBeginning, lang, here),
                "ends": links(event, TIME.hasEnd, lang, here),
                "places": places,
                "press": None if press is None else bool(press.toPython()),
                "conflicts": self._conflicts(event, lang, here),
            })
        signatures = []
        for sig in sorted(g.objects(iri, MG.signature)):
            term = one(sig, MG.inTerm)
            acting = one(term, MG.acting) if term is not None else None
            signatures.append({
                "signatory": links(sig, MG.signatory, lang, here),
                "party": links(sig, MG.onBehalfOf, lang, here),
                "office": links(term, MG.office, lang, here) if term is not None else [],
                "acting": bool(acting.toPython()) if acting is not None else False,
            })
        builds_on, built_on_by = [], []
        for prop in LINEAGE:
            for target in sorted(g.objects(iri, prop)):
                builds_on.append({"property": link(prop, lang, here), "agreement": link(target, lang, here),
                                  "date": links(target, MG.date, lang, here)})
            for source in sorted(g.subjects(prop, iri)):
                built_on_by.append({"property": link(prop, lang, here), "agreement": link(source, lang, here),
                                    "date": links(source, MG.date, lang, here)})
        count = one(iri, MG.statedDomainCount)
        return {
            "parties": links(iri, MG.party, lang, here),
            "date": links(iri, MG.date, lang, here),
            "kind": links(iri, MG.kind, lang, here),
            "status": links(iri, MG.status, lang, here),
            "stated_count": int(count) if count is not None else None,
            "domains": domains, "commitments": commitments, "ceremonies": ceremonies,
            "signatures": signatures, "builds_on": builds_on, "built_on_by": built_on_by,
        }
