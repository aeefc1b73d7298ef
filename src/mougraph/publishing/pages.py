"""HTML pages (Korean or English, one language per page), rendered with jinja2.

:class:`Pages` renders each kind of page from ``templates/``: the home page, the page of a
resource (its content: :mod:`mougraph.publishing.resource_page`), the query page (its
examples: :mod:`mougraph.publishing.examples`) and the page for a missing resource. Each
language has its own Jinja environment, whose global ``t`` is the catalogue of
:mod:`mougraph.publishing.i18n` in that language.

The same pages serve ``mougraph serve`` and ``mougraph publish``: every link is
relative to the page's own path (``here``), so the static site works from any
folder of any web server, and from the file system.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from jinja2 import BytecodeCache, Environment, PackageLoader, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from mougraph.publishing.browser_engine import DATA_PATH, ENGINE_PATH
from mougraph.publishing.describe import DOWNLOADS, download_path
from mougraph.publishing.examples import Example, comment_in, run_examples
from mougraph.publishing.finding import SEARCH_INDEX, index_context, index_path, kinds
from mougraph.publishing.i18n import Messages, message
from mougraph.publishing.negotiation import LANGUAGES
from mougraph.publishing.pictures import agreement_points, network_svg, timeline_svg
from mougraph.publishing.resource_page import ResourcePage
from mougraph.publishing.site import FORMAT_NAMES, RDF_DOCUMENTS, Site, lang_file, rel
from mougraph.publishing.terms import (
    TermView,
    agreement_table_html,
    cited_html,
    cites_html,
    nameds_html,
    passage_html,
    passages_html,
    signer_rows_html,
    value_html,
    values_html,
)
from mougraph.publishing.values import date_key
from mougraph.query.params import browser_rules
from mougraph.vocab import MG


class _CompiledTemplates(BytecodeCache):
    """The templates compiled once per process for both languages' environments (the same settings; the
    catalogue ``t`` is looked up when rendering): compiling them all takes a quarter of a second."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def page_environment(lang: str) -> Environment:
    """The Jinja environment of the pages in ``lang``: the package's templates, ``t`` the catalogue in ``lang``."""
    env = Environment(loader=PackageLoader("mougraph.publishing", "templates"),
                      autoescape=select_autoescape(["j2", "html"]), trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=_COMPILED)
    env.globals["t"] = Messages(lang)
    env.globals.update(value_html=value_html, values_html=values_html, cites_html=cites_html, cited_html=cited_html,
                       nameds_html=partial(nameds_html, lang=lang), passage_html=partial(passage_html, lang=lang),
                       agreement_table_html=partial(agreement_table_html, lang=lang),
                       passages_html=partial(passages_html, lang=lang),
                       signer_rows_html=partial(signer_rows_html, lang=lang))
    return env


def _other(lang: str) -> str:
    return next(lg for lg in LANGUAGES if lg != lang)


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
        for env in self.envs.values():  # loaded now, so that no reader's first page waits for it
            for name in env.list_templates(filter_func=lambda n: n.endswith(".j2")):
                env.get_template(name)
        self.terms = TermView(site)
        self._resource_page = ResourcePage(site, self.terms)
        self._examples: list[Example] | None = None
        self._kinds: list[str] | None = None

    # --- shared --------------------------------------------------------------

    def _base_context(self, lang: str, here: str, other_lang_doc: str, title: str) -> dict:
        other = _other(lang)
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
                "sort_js": rel("/static/sort.js", here),
                "filter_js": rel("/static/filter.js", here),
                "browse": rel(index_path(None, lang), here),
                "search": rel("/" + lang_file("search", lang), here),
                "favicon": rel("/static/favicon.svg", here),
            },
        }

    def _render(self, template: str, context: dict) -> str:
        return self.envs[context["lang"]].get_template(template).render(**context)

    # --- the page kinds --------------------------------------------------------

    def resource(self, iri: URIRef, lang: str, here: str) -> str:
        """The page of one resource: summary (for agreements), properties with sources, links, sources."""
        site = self.site
        context = self._base_context(lang, here, site.document(iri, "html", _other(lang)), site.label(iri, lang))
        context.update(self._resource_page.context(iri, lang, here))
        return self._render("resource.html.j2", context)

    def home(self, lang: str, here: str | None = None) -> str:
        site, g, terms = self.site, self.site.graph, self.terms
        here = here or "/" + lang_file("index", lang)
        dataset = URIRef(site.id_base + "dataset")
        title = site.label(dataset, lang) if site.has_label(dataset) else message("tagline", lang)
        description = [str(d) for d in terms.in_language(list(g.objects(dataset, DCTERMS.description)), lang)]
        context = self._base_context(lang, here, "/" + lang_file("index", _other(lang)), title)
        agreements = []
        for point in agreement_points(site):
            date = terms.one(point.iri, MG.date)
            agreements.append({"agreement": terms.link(point.iri, lang, here),
                               "date": terms.link(date, lang, here) if date is not None else None,
                               "date_key": date_key(g, date),
                               "parties": [terms.link(p, lang, here) for p in point.parties],
                               "kind": terms.links(point.iri, MG.kind, lang, here),
                               "status": terms.links(point.iri, MG.status, lang, here)})
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
            "license": terms.links(dataset, DCTERMS.license, lang, here),
        })
        return self._render("home.html.j2", context)

    def examples(self) -> list[Example]:
        """The shipped queries with their precomputed results (computed once)."""
        if self._examples is None:
            self._examples = run_examples(self.data_graph)
        return self._examples

    def query_page(self, lang: str, here: str | None = None) -> str:
        here = here or "/" + lang_file("query", lang)
        context = self._base_context(lang, here, "/" + lang_file("query", _other(lang)), message("query", lang))
        endpoint = self.endpoint if self.static else rel(self.endpoint, here)
        examples = [{"name": e.name, "title": e.titles[lang], "comment": comment_in(e.comment, lang), "body": e.body,
                     "form": json.dumps(e.form, ensure_ascii=False) if e.form else None,
                     "vars": e.vars, "total": e.total, "error": e.error,
                     "rows": [[self.terms.link(term, lang, here) if term is not None else None for term in row]
                              for row in e.rows]} for e in self.examples()]
        context.update({
            "endpoint": endpoint,
            "static": self.static,
            "examples": examples,
            "yasgui_words": json.dumps(yasgui_words(lang), ensure_ascii=False, sort_keys=True),
            "param_rules": json.dumps(browser_rules(), ensure_ascii=False),
            "param_words": json.dumps(param_words(lang), ensure_ascii=False, sort_keys=True),
            "params_js": rel("/static/params.js", here),
            "id_base": self.site.id_base,
            "root": rel("/index.html", here)[: -len("index.html")],
            "index_js": rel(SEARCH_INDEX, here),
            "engine_js": rel(ENGINE_PATH, here) if self.static else None,
            "data_js": rel(DATA_PATH, here) if self.static else None,
            "yasgui_js": rel("/static/yasgui/yasgui.min.js", here),
            "yasgui_css": rel("/static/yasgui/yasgui.min.css", here),
            "query_js": rel("/static/query.js", here),
        })
        return self._render("query.html.j2", context)

    def index(self, kind: str | None, lang: str, here: str | None = None) -> str:
        """The index of one kind of resource (``/id/org/``), or of the kinds (``kind`` None)."""
        here = here or index_path(kind, lang)
        context = self._base_context(lang, here, index_path(kind, _other(lang)), message("browse", lang))
        context.update(index_context(self.site, self.terms, kind, lang, here))
        if kind is not None:
            context["title"] = context["kind_title"] or kind
        return self._render("index.html.j2", context)

    def kinds(self) -> list[str]:
        """The kinds of resources that have an index page (computed once: every request asks)."""
        if self._kinds is None:
            self._kinds = list(kinds(self.site))
        return self._kinds

    def search(self, lang: str, here: str | None = None) -> str:
        here = here or "/" + lang_file("search", lang)
        context = self._base_context(lang, here, "/" + lang_file("search", _other(lang)), message("search", lang))
        context.update({"index_js": rel(SEARCH_INDEX, here), "search_js": rel("/static/search.js", here),
                        "id_base": self.site.id_base})
        return self._render("search.html.j2", context)

    def not_found(self, lang: str, here: str) -> str:
        context = self._base_context(lang, here, "/" + lang_file("index", _other(lang)), message("not_found", lang))
        return self._render("notfound.html.j2", context)


def yasgui_words(lang: str) -> dict[str, str]:
    """YASGUI's own English words and what the page shows instead (``query.js`` swaps them in the page)."""
    return {
        "Simple view": message("yasgui_simple_view", lang),
        "Ellipse": message("yasgui_ellipse", lang),
        "Filter query results": message("yasgui_filter", lang),
        "Page size: ": message("yasgui_page_size", lang),
        "Download result": message("yasgui_download", lang),
        "Run query": message("yasgui_run", lang),
        "Share query": message("yasgui_share", lang),
        "Add tab": message("yasgui_add_tab", lang),
        "Close tab": message("yasgui_close_tab", lang),
        "Show all": message("yasgui_show_all", lang),
        "Table": message("yasgui_table", lang),
        "Response": message("yasgui_response", lang),
        "No data available in table": message("yasgui_no_data", lang),
        "Search or add an endpoint": message("yasgui_endpoint", lang),
        "Showing _START_ to _END_ of _TOTAL_ _ENTRIES-TOTAL_": message("yasgui_showing", lang),
        "Query": message("yasgui_query", lang),
    }


def param_words(lang: str) -> dict[str, str]:
    """The words ``static/query.js`` writes into the form of a query's parameters; ``{name}``, ``{value}`` are
    filled in the browser."""
    slots = {"name": "{name}", "value": "{value}"}
    return {
        "any": message("param_any", lang),
        "add": message("param_add", lang),
        "remove": message("param_remove", lang),
        "iri_hint": message("param_iri_hint", lang),
        "bad_iri": message("param_bad_iri", lang, **slots),
        "bad_date": message("param_bad_date", lang, **slots),
        "bad_value": message("param_bad_value", lang, **slots),
        "empty": message("param_empty", lang, name="{name}"),
    }


def static_dir() -> Path:
    """The folder of the site's static assets (CSS, YASGUI), shipped in the package."""
    return Path(__file__).parent / "static"
