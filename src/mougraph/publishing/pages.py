"""HTML pages (Korean or English, one language per page), rendered with jinja2.

Each language has its own Jinja environment, whose global ``t`` is the catalogue of
:mod:`mougraph.publishing.i18n` in that language.

The same pages serve ``mougraph serve`` and ``mougraph publish``: every link is
relative to the page's own path (``here``), so the static site works from any
folder of any web server, and from the file system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS, TIME, XSD

from mougraph.vocab import MG, short
from mougraph.publishing.describe import DOWNLOADS, download_path
from mougraph.publishing.pictures import agreement_points, network_svg, timeline_svg
from mougraph.query import available_queries, run_sparql
from mougraph.publishing.i18n import Messages, message
from mougraph.publishing.negotiation import LANGUAGES
from mougraph.publishing.site import LABEL_PROPERTIES, RDF_DOCUMENTS, Site, lang_file, rel
from mougraph.errors import MougraphError

RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = RDF.subject, RDF.predicate, RDF.object
FIRST_PROPERTIES = (RDF.type, *LABEL_PROPERTIES, SKOS.altLabel)
HIDDEN_PROPERTIES = {MG.statedIn}
LINEAGE = (MG.strengthens, MG.renews, MG.supersedes, MG.buildsOn)
FORMAT_NAMES = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples"}
MAX_INCOMING = 300
MAX_RESULT_ROWS = 60


def page_environment(lang: str) -> Environment:
    """The Jinja environment of the pages in ``lang``: the package's templates, ``t`` the catalogue in ``lang``."""
    env = Environment(loader=PackageLoader("mougraph.publishing", "templates"),
                      autoescape=select_autoescape(["j2", "html"]), trim_blocks=True, lstrip_blocks=True)
    env.globals["t"] = Messages(lang)
    return env


def _natural(text: str):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


@dataclass
class Example:
    """A shipped query shown on the query page."""

    name: str
    titles: dict[str, str]
    text: str
    vars: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    total: int = 0
    error: str | None = None


def _hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def query_title(text: str, lang: str = "en") -> str:
    """The question a query answers, from its first comment paragraph, in ``lang`` when it has one.

    Each line of the paragraph starts an item (indented lines continue it); a query
    may give its question once per language (Korean is told by its script).
    """
    items: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        body = stripped[1:]
        if not body.strip():
            if items:
                break
            continue
        if body.startswith("  ") and items:
            items[-1] += " " + body.strip()
        else:
            items.append(body.strip())
    if not items:
        return ""
    wanted = [item for item in items if _hangul(item) == (lang == "ko")]
    return (wanted or items)[0]


class Pages:
    """Renders every page of the site from a :class:`Site`.

    data_graph: ontology + data (what the example queries run on); endpoint: the URL
    of the SPARQL endpoint the query page talks to (relative in the server).
    """

    def __init__(self, site: Site, data_graph: Graph, *, endpoint: str, static: bool = False):
        self.site = site
        self.data_graph = data_graph
        self.endpoint = endpoint
        self.static = static
        self.envs = {lang: page_environment(lang) for lang in LANGUAGES}
        self._examples: list[Example] | None = None
        self._altlabels: dict = {}
        for s, o in site.graph.subject_objects(SKOS.altLabel):
            self._altlabels.setdefault(s, []).append(str(o))

    # --- shared --------------------------------------------------------------

    def _base_context(self, lang: str, here: str, other_lang_doc: str, title: str) -> dict:
        other = next(lg for lg in LANGUAGES if lg != lang)
        return {
            "lang": lang, "here": here, "title": title, "other_lang": other,
            "other_lang_name": message("lang_name", other),
            "other_lang_href": rel(other_lang_doc, here),
            "nav": {
                "home": rel("/" + lang_file("index", lang), here),
                "query": rel("/" + lang_file("query", lang), here),
                "ontology": rel(self.site.document(self.site.ontology_iri, "html", lang), here),
                "dataset": rel(self.site.document(self.site.id_base + "dataset", "html", lang), here)
                if "/id/dataset" in self.site.resources else None,
                "css": rel("/static/mougraph.css", here),
                "favicon": rel("/static/favicon.svg", here),
            },
        }

    def link(self, term, lang: str, here: str) -> dict:
        """A value for a template: text, and href when it can be followed."""
        if isinstance(term, Literal) and term.datatype == XSD.boolean:
            return {"text": message("yes", lang) if term.toPython() is True else message("no", lang)}
        if isinstance(term, Literal):
            return {"text": str(term), "lang": term.language, "datatype": short(term.datatype, self.site.graph.namespace_manager)
                    if term.datatype and term.datatype not in (XSD.string,) else None}
        return {"text": self.site.label(term, lang), "href": self.site.href(term, lang, here),
                "iri": str(term) if isinstance(term, URIRef) else None}

    def _render(self, template: str, **context) -> str:
        return self.envs[context["lang"]].get_template(template).render(**context)

    # --- resource pages ------------------------------------------------------

    def _needles(self, term) -> list[str]:
        if isinstance(term, Literal):
            if term.datatype in (None, XSD.string) or term.language:
                return [str(term)] if len(str(term)) >= 2 else []
            return []
        names = self.site.all_labels(term) + self._altlabels.get(term, [])
        return [n for n in names if len(n) >= 2]

    def _passages(self, iri, lang: str, here: str) -> list[dict]:
        g = self.site.graph
        out = []
        for source in g.objects(iri, MG.statedIn):
            doc = next(iter(g.objects(source, MG.inDocument)), None)
            line = next(iter(g.objects(source, MG.line)), None)
            quote = next(iter(g.objects(source, MG.quote)), None)
            out.append({
                "passage": self.link(source, lang, here) if doc is not None else None,
                "document": self.link(doc if doc is not None else source, lang, here),
                "line": int(line) if line is not None else None,
                "quote": str(quote) if quote is not None else None,
            })
        out.sort(key=lambda p: (p["document"]["text"], p["line"] or 0))
        for n, passage in enumerate(out, 1):
            passage["n"] = n
        return out

    def _value_literals(self, values: list, lang: str) -> list:
        tagged = [v for v in values if isinstance(v, Literal) and v.language]
        if any(v.language == lang for v in tagged):
            return [v for v in values if not (isinstance(v, Literal) and v.language and v.language != lang)]
        return values

    def _value(self, term, lang: str, here: str, passages: list[dict], depth: int = 0) -> dict:
        value = self.link(term, lang, here)
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
            values = self._value_literals(by_property[p], lang)
            values = sorted(values, key=lambda v: _natural(self.site.label(v, lang)))
            facts.append({"property": self.link(p, lang, here), "vals": [
                self._value(v, lang, here, passages, depth) for v in values]})
        return facts

    def _incoming(self, iri, lang: str, here: str) -> list[dict]:
        g = self.site.graph
        groups: dict = {}
        for s, p in g.subject_predicates(iri):
            groups.setdefault(p, []).append(s)
        out = []
        count = 0
        for p in sorted(groups, key=lambda p: self.site.label(p, lang).lower()):
            subjects = sorted(groups[p], key=lambda s: _natural(self.site.label(s, lang)))[: MAX_INCOMING - count]
            count += len(subjects)
            out.append({"property": self.link(p, lang, here), "subjects": [self.link(s, lang, here) for s in subjects]})
            if count >= MAX_INCOMING:
                break
        return out

    def _conflicts(self, iri, lang: str, here: str) -> list[dict]:
        g = self.site.graph
        out = []
        for conflict in sorted(g.subjects(MG.about, iri)):
            claims = []
            for claim in sorted(g.objects(conflict, MG.claimOf)):
                claims.append({
                    "claim": self.link(claim, lang, here),
                    "predicate": [self.link(o, lang, here) for o in g.objects(claim, RDF_PREDICATE)],
                    "object": [self.link(o, lang, here) for o in g.objects(claim, RDF_OBJECT)],
                    "passages": self._passages(claim, lang, here),
                })
            notes = self._value_literals(list(g.objects(conflict, SKOS.note)), lang)
            out.append({"conflict": self.link(conflict, lang, here), "claims": claims, "notes": [str(n) for n in notes]})
        return out

    def _one(self, subject, prop):
        return next(iter(self.site.graph.objects(subject, prop)), None)

    def _links(self, subject, prop, lang, here) -> list[dict]:
        return [self.link(o, lang, here) for o in sorted(self.site.graph.objects(subject, prop),
                                                          key=lambda o: _natural(self.site.label(o, lang)))]

    def _agreement(self, iri, lang: str, here: str) -> dict:
        g = self.site.graph
        domains = []
        for listed in g.objects(iri, MG.listsDomain):
            concept = self._one(listed, MG.domainConcept)
            wording = self._value_literals(list(g.objects(listed, MG.wording)), lang)
            domains.append({
                "position": self._one(listed, MG.position),
                "listed": self.link(listed, lang, here),
                "wording": [str(w) for w in wording],
                "concept": self.link(concept, lang, here) if concept is not None else None,
                "themes": self._links(concept, SKOS.broader, lang, here) if concept is not None else [],
            })
        domains.sort(key=lambda d: (d["position"] is None, int(d["position"] or 0)))
        commitments = []
        for c in sorted(g.objects(iri, MG.commitment), key=lambda c: _natural(str(c))):
            domain = self._one(c, MG.inDomain)
            commitments.append({
                "commitment": self.link(c, lang, here),
                "description": [str(d) for d in self._value_literals(list(g.objects(c, DCTERMS.description)), lang)],
                "by": self._links(c, MG.committedBy, lang, here),
                "actions": self._links(c, MG.action, lang, here),
                "beneficiaries": self._links(c, MG.beneficiary, lang, here),
                "domain": self._one(domain, MG.position) if domain is not None else None,
            })
        ceremonies = []
        for event in g.objects(iri, MG.signingEvent):
            places = []
            for place in g.objects(event, MG.location):
                places.append({"place": self.link(place, lang, here),
                               "building": self._links(place, MG.inBuilding, lang, here)})
            press = self._one(event, MG.openToPress)
            ceremonies.append({
                "event": self.link(event, lang, here),
                "begins": self._links(event, TIME.hasBeginning, lang, here),
                "ends": self._links(event, TIME.hasEnd, lang, here),
                "places": places,
                "press": None if press is None else bool(press.toPython()),
                "conflicts": self._conflicts(event, lang, here),
            })
        signatures = []
        for sig in sorted(g.objects(iri, MG.signature)):
            term = self._one(sig, MG.inTerm)
            acting = self._one(term, MG.acting) if term is not None else None
            signatures.append({
                "signatory": self._links(sig, MG.signatory, lang, here),
                "party": self._links(sig, MG.onBehalfOf, lang, here),
                "office": self._links(term, MG.office, lang, here) if term is not None else [],
                "acting": bool(acting.toPython()) if acting is not None else False,
            })
        builds_on, built_on_by = [], []
        for prop in LINEAGE:
            for target in sorted(g.objects(iri, prop)):
                builds_on.append({"property": self.link(prop, lang, here), "agreement": self.link(target, lang, here),
                                  "date": self._links(target, MG.date, lang, here)})
            for source in sorted(g.subjects(prop, iri)):
                built_on_by.append({"property": self.link(prop, lang, here), "agreement": self.link(source, lang, here),
                                    "date": self._links(source, MG.date, lang, here)})
        count = self._one(iri, MG.statedDomainCount)
        return {
            "parties": self._links(iri, MG.party, lang, here),
            "date": self._links(iri, MG.date, lang, here),
            "kind": self._links(iri, MG.kind, lang, here),
            "status": self._links(iri, MG.status, lang, here),
            "stated_count": int(count) if count is not None else None,
            "domains": domains, "commitments": commitments, "ceremonies": ceremonies,
            "signatures": signatures, "builds_on": builds_on, "built_on_by": built_on_by,
        }

    def resource(self, iri: URIRef, lang: str, here: str) -> str:
        """The page of one resource: summary (for agreements), properties with sources, links, sources."""
        site = self.site
        passages = self._passages(iri, lang, here)
        title = site.label(iri, lang)
        context = self._base_context(lang, here, site.document(iri, "html", next(lg for lg in LANGUAGES if lg != lang)), title)
        context.update({
            "iri": str(iri),
            "types": [self.link(t, lang, here) for t in site.types(iri)],
            "facts": self._facts(iri, lang, here, passages),
            "incoming": self._incoming(iri, lang, here),
            "passages": passages,
            "conflicts": self._conflicts(iri, lang, here),
            "formats": [{"name": FORMAT_NAMES[f], "href": rel(site.document(iri, f), here)} for f in RDF_DOCUMENTS],
            "agreement": self._agreement(iri, lang, here) if (iri, RDF.type, MG.Agreement) in site.graph else None,
        })
        return self._render("resource.html.j2", **context)

    # --- home -----------------------------------------------------------------

    def home(self, lang: str, here: str | None = None) -> str:
        site, g = self.site, self.site.graph
        here = here or "/" + lang_file("index", lang)
        other = next(lg for lg in LANGUAGES if lg != lang)
        dataset = URIRef(site.id_base + "dataset")
        title = site.label(dataset, lang) if site.has_label(dataset) else message("tagline", lang)
        description = [str(d) for d in self._value_literals(list(g.objects(dataset, DCTERMS.description)), lang)]
        context = self._base_context(lang, here, "/" + lang_file("index", other), title)
        agreements = []
        for point in agreement_points(site):
            agreements.append({"agreement": self.link(point.iri, lang, here), "date": point.date_text,
                               "parties": [self.link(p, lang, here) for p in point.parties],
                               "kind": self._links(point.iri, MG.kind, lang, here)})
        organisations = {o for a in g.subjects(RDF.type, MG.Agreement) for o in g.objects(a, MG.party)}
        sources = set(g.subjects(RDF.type, MG.SourceDocument)) | set(g.subjects(RDF.type, MG.PressRelease)) | set(
            g.subjects(RDF.type, MG.NewsArticle))
        context.update({
            "description": description,
            "stats": {"triples": len(self.data_graph), "agreements": len(agreements),
                      "organisations": len(organisations), "sources": len(sources)},
            "network": Markup(network_svg(site, lang, here)),
            "timeline": Markup(timeline_svg(site, lang, here)),
            "agreements": agreements,
            "downloads": [{"name": name, "href": rel(download_path(fmt), here), "media": media}
                          for fmt, (media, _ft, _w3c, name) in DOWNLOADS.items()],
            "dataset_links": [{"name": FORMAT_NAMES[f], "href": rel(f"/id/dataset/{doc}", here)}
                              for f, doc in RDF_DOCUMENTS.items()] if "/id/dataset" in site.resources else [],
            "context_href": rel("/ontology/context.jsonld", here),
            "void_href": rel("/.well-known/void", here),
            "license": self._links(dataset, DCTERMS.license, lang, here),
        })
        return self._render("home.html.j2", **context)

    # --- query page -----------------------------------------------------------

    def examples(self) -> list[Example]:
        """The shipped queries with their precomputed results (computed once)."""
        if self._examples is None:
            examples = []
            roles = {"report": 0, "construct": 1, "describe": 1, "check": 2}
            shipped = sorted(available_queries().items(),
                             key=lambda item: (roles.get(item[0].rsplit(".", 1)[-1], 1), item[0]))
            for name, path in shipped:
                text = path.read_text(encoding="utf-8")
                example = Example(name=name, titles={lg: query_title(text, lg) or name for lg in LANGUAGES}, text=text)
                try:
                    run = run_sparql(text, self.data_graph, name=name, path=path)
                    if run.type == "SELECT":
                        example.vars = run.vars
                        rows = run.result.bindings
                        example.total = len(rows)
                        nm = self.data_graph.namespace_manager
                        example.rows = [[short(row.get(v), nm) for v in run.result.vars] for row in rows[:MAX_RESULT_ROWS]]
                    elif run.type == "ASK":
                        example.vars, example.rows, example.total = ["ASK"], [[str(run.result.askAnswer).lower()]], 1
                    else:
                        example.vars, example.total = ["triples"], len(run.result.graph)
                        example.rows = [[str(len(run.result.graph))]]
                except MougraphError as exc:
                    example.error = str(exc)
                examples.append(example)
            self._examples = examples
        return self._examples

    def query_page(self, lang: str, here: str | None = None) -> str:
        here = here or "/" + lang_file("query", lang)
        other = next(lg for lg in LANGUAGES if lg != lang)
        context = self._base_context(lang, here, "/" + lang_file("query", other), message("query", lang))
        endpoint = self.endpoint if self.static else rel(self.endpoint, here)
        context.update({
            "endpoint": endpoint,
            "examples": self.examples(),
            "yasgui_js": rel("/static/yasgui/yasgui.min.js", here),
            "yasgui_css": rel("/static/yasgui/yasgui.min.css", here),
            "query_js": rel("/static/query.js", here),
        })
        return self._render("query.html.j2", **context)

    def not_found(self, lang: str, here: str) -> str:
        context = self._base_context(lang, here, "/" + lang_file("index", next(lg for lg in LANGUAGES if lg != lang)),
                                     message("not_found", lang))
        return self._render("notfound.html.j2", **context)


def static_dir() -> Path:
    """The folder of the site's static assets (CSS, YASGUI), shipped in the package."""
    return Path(__file__).parent / "static"
