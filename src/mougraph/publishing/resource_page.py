"""What the page of one resource shows, as the context of ``templates/resource.html.j2``.

Every page has its types, its sources (the passages that state facts about it, numbered), where its sources
disagree, its other formats, and — one click away, folded for the kinds below — every property (each value
with the numbers of the passages that quote it) and the resources that point to it, each group named in its
own direction ("agreements it is party to"). A page of a kind people look for first shows that kind's view,
built by :mod:`mougraph.publishing.kinds`: a local government or other body, an agreement, a person, a source
document, a domain or theme. Facts of the kind views cite their passages too (:class:`Citations`): the
resource's own first, then those of the resources the view lists, so the list of sources stays complete.
"""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS, XSD

from mougraph.publishing.i18n import INVERSE_LABELS, message
from mougraph.publishing.kinds import KindViews, kind_of
from mougraph.publishing.negotiation import MEDIA_TYPES
from mougraph.publishing.site import FORMAT_NAMES, LABEL_PROPERTIES, RDF_DOCUMENTS, Site, rel
from mougraph.publishing.terms import TermView, natural
from mougraph.vocab import MG, short

FIRST_PROPERTIES = (RDF.type, *LABEL_PROPERTIES, SKOS.altLabel)
HIDDEN_PROPERTIES = {MG.statedIn}
MAX_INCOMING = 300


class Citations:
    """The numbered passages of one page: those of the resource first, then those of what the page lists."""

    def __init__(self, site: Site, terms: TermView, lang: str, here: str, known: dict | None = None):
        self.site, self.terms, self.lang, self.here = site, terms, lang, here
        self.items: list[dict] = []
        self._numbers: dict = {}
        self._known = known if known is not None else {}  # source -> (document, line, quote), shared by pages

    def know(self, source, document, line, quote) -> None:
        """Remember a passage's document, line and quote, found by a query that listed many at once."""
        self._known.setdefault(source, (document, line, quote))

    def _entry(self, source) -> dict:
        g, link = self.site.graph, self.terms.link
        if source not in self._known:
            self._known[source] = tuple(next(iter(g.objects(source, p)), None)
                                        for p in (MG.inDocument, MG.line, MG.quote))
        doc, line, quote = self._known[source]
        return {"source": source,
                "passage": link(source, self.lang, self.here) if doc is not None else None,
                "document": link(doc if doc is not None else source, self.lang, self.here),
                "line": int(line) if line is not None else None,
                "quote": str(quote) if quote is not None else None}

    def _sorted_sources(self, resource, sources=None) -> list[dict]:
        if sources is None:
            sources = self.site.graph.objects(resource, MG.statedIn)
        entries = [self._entry(s) for s in sources]
        return sorted(entries, key=lambda p: (p["document"]["text"], p["line"] or 0, str(p["source"])))

    def of(self, resource, sources=None) -> list[int]:
        """The numbers of the passages that state ``resource`` (numbered on first use).

        sources: its ``mg:statedIn`` values when the caller has them already (one query for many resources).
        """
        out = []
        for entry in self._sorted_sources(resource, sources):
            n = self._numbers.get(entry["source"])
            if n is None:
                entry["n"] = n = len(self.items) + 1
                self._numbers[entry["source"]] = n
                self.items.append(entry)
            out.append(n)
        return sorted(out)

    def passages_of(self, resource) -> list[dict]:
        """The passages of ``resource`` on their own (a claim's, inside a conflict), unnumbered."""
        return self._sorted_sources(resource)


class ResourcePage:
    """Builds the context of resource pages from a :class:`Site`."""

    def __init__(self, site: Site, terms: TermView):
        self.site = site
        self.terms = terms
        self._altlabels: dict = {}
        for s, o in site.graph.subject_objects(SKOS.altLabel):
            self._altlabels.setdefault(s, []).append(str(o))
        self._inverse: dict = {}
        for a, b in site.graph.subject_objects(OWL.inverseOf):
            self._inverse.setdefault(a, b)
            self._inverse.setdefault(b, a)
        self.kinds = KindViews(site, terms, self)
        self._sources: dict = {}

    def context(self, iri: URIRef, lang: str, here: str) -> dict:
        """Everything the page of ``iri`` in ``lang`` at path ``here`` shows."""
        site = self.site
        cite = Citations(site, self.terms, lang, here, self._sources)
        cite.of(iri)
        own = list(cite.items)
        kind = kind_of(site.graph, iri)
        view = self.kinds.build(kind, iri, lang, here, cite) if kind else None
        return {
            "iri": str(iri),
            "kind": kind,
            "view": view,
            "types": [self.terms.link(t, lang, here) for t in site.types(iri)],
            "facts": self._facts(iri, lang, here, own),
            "incoming": self._incoming(iri, lang, here),
            "passages": cite.items,
            "conflicts": self.conflicts(iri, lang, here),
            "formats": [{"name": FORMAT_NAMES[f], "href": rel(site.document(iri, f), here),
                         "media": MEDIA_TYPES[f].split(";")[0]} for f in RDF_DOCUMENTS],
        }

    # --- facts and their sources ---------------------------------------------

    def _needles(self, term) -> list[str]:
        if isinstance(term, Literal):
            if term.datatype in (None, XSD.string) or term.language:
                return [str(term)] if len(str(term)) >= 2 else []
            return []
        names = self.site.all_labels(term) + self._altlabels.get(term, [])
        return [n for n in names if len(n) >= 2]

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

    def inverse_name(self, prop, lang: str) -> str:
        """``prop`` read from its object's side: its named inverse, else a sentence around its label."""
        curie = short(prop, self.site.graph.namespace_manager)
        if curie in INVERSE_LABELS:
            return INVERSE_LABELS[curie][lang]
        if prop in self._inverse:
            return self.site.label(self._inverse[prop], lang)
        return message("inverse_of", lang, property=self.site.label(prop, lang))

    def _incoming(self, iri, lang: str, here: str) -> list[dict]:
        g, link = self.site.graph, self.terms.link
        groups: dict = {}
        for s, p in g.subject_predicates(iri):
            groups.setdefault(p, []).append(s)
        out = []
        count = 0
        for p in sorted(groups, key=lambda p: self.inverse_name(p, lang).lower()):
            subjects = sorted(groups[p], key=lambda s: (natural(self.site.label(s, lang)), s))[: MAX_INCOMING - count]
            count += len(subjects)
            name = {**link(p, lang, here), "text": self.inverse_name(p, lang)}
            out.append({"property": name, "subjects": [link(s, lang, here) for s in subjects]})
            if count >= MAX_INCOMING:
                break
        return out

    def conflicts(self, iri, lang: str, here: str) -> list[dict]:
        g, link = self.site.graph, self.terms.link
        cite = Citations(self.site, self.terms, lang, here, self._sources)
        out = []
        for conflict in sorted(g.subjects(MG.about, iri)):
            claims = []
            for claim in sorted(g.objects(conflict, MG.claimOf)):
                claims.append({
                    "claim": link(claim, lang, here),
                    "predicate": [link(o, lang, here) for o in g.objects(claim, RDF.predicate)],
                    "object": [link(o, lang, here) for o in g.objects(claim, RDF.object)],
                    "passages": cite.passages_of(claim),
                })
            notes = self.terms.in_language(list(g.objects(conflict, SKOS.note)), lang)
            out.append({"conflict": link(conflict, lang, here), "claims": claims, "notes": [str(n) for n in notes]})
        return out
