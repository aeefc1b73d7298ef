"""Every document of the site, by path: what ``mougraph serve`` answers and ``mougraph publish`` writes.

Layout (``R`` is a resource path such as ``/id/org/seoul``, Korean is the default language)::
    /index.html  /index.en.html            home: dataset description, network, timeline, agreements
    /query.html  /query.en.html            query page (YASGUI) with the shipped queries as examples
    R/index.html R/index.en.html           the resource's page
    R/index.ttl  R/index.jsonld  R/index.nt  its description (CBD + incoming links)
    /ontology/index.html, index.en.html    ontology documentation (pyLODE), and index.ttl/.jsonld/.nt
    /ontology/context.jsonld               the JSON-LD context
    /downloads/mougraph.{ttl,nt,nq,trig,jsonld,rdf}   ontology + data in every export format
    /.well-known/void                      the VoID/DCAT description (Turtle); also /id/dataset
    /pictures/{network,timeline}[.en].svg  the two pictures
    /id/index.html, /id/<kind>/index.html  index pages: the kinds, and the resources of each (and .en.html)
    /search.html /search.en.html           the search page; /search-index.js the names it looks through
    /static/oxigraph.js, /static/data.js   (static site only) SPARQL in the browser: browser_engine.py
    /404.html                              a page for missing resources
    /static/...                            CSS, the query page's script and YASGUI (package files)

Documents are made on first use and kept (the graph does not change while serving).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from html import escape
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, VOID

from mougraph import formats
from mougraph.export import SUFFIXES, serialize, serialize_source
from mougraph.export.jsonld import CONTEXT_FILE, load_context
from mougraph.export.ntriples import Source
from mougraph.io import resource_dir
from mougraph.publishing.browser_engine import DATA_PATH, ENGINE_PATH, data_script, engine_script
from mougraph.publishing.describe import DOWNLOADS, describe, download_path
from mougraph.publishing.finding import SEARCH_INDEX, index_path, search_index
from mougraph.publishing.i18n import message
from mougraph.publishing.negotiation import LANGUAGES, MEDIA_TYPES
from mougraph.publishing.ontodoc import ontology_html
from mougraph.publishing.pages import Pages, static_dir
from mougraph.publishing.pictures import network_svg, timeline_svg
from mougraph.publishing.site import (
    DEFAULT_BASE,
    RDF_DOCUMENTS,
    Site,
    lang_file,
    page_name,
    rebase,
    rel,
    resource_path,
)
from mougraph.store import load_files, merge, ontology_files

VOID_PATH = "/.well-known/void"
#: Documents kept rendered, the most recently used; a page renders in tens of ms, a site may have 100,000s.
MAX_CACHED_DOCUMENTS = 4096
FORMAT_OF_SUFFIX = {suffix: fmt for fmt, suffix in SUFFIXES.items()}


@dataclass(frozen=True)
class Document:
    body: bytes
    media_type: str


class Publication:
    """The graph made into a site under one base IRI.

    data_graph: ontology + data. endpoint: the SPARQL endpoint the query page uses
    (``/sparql`` in the server; ``{base}sparql`` in a static site). byte_sizes: put
    ``dcat:byteSize`` of every download in the description (costs one export each).
    """

    def __init__(self, data_graph: Graph, *, base: str = DEFAULT_BASE, static: bool = False,
                 byte_sizes: bool = False):
        self.base = base if base.endswith("/") else base + "/"
        self.data_graph = data_graph = rebase(data_graph, self.base)
        self.static = static
        self._cache: dict[str, Document] = {}  # a fixed few: downloads, the ontology's pages
        self._documents: OrderedDict[str, Document] = OrderedDict()  # by path, the most recently used last
        self._lock = threading.Lock()
        self._last_description: tuple | None = None
        self._context = load_context()  # read once: every resource's JSON-LD document is compacted with it
        sizes = {fmt: len(self.download(fmt)) for fmt in DOWNLOADS} if byte_sizes else None
        # the description's example resource: the first agreement in IRI order, as the site lists its resources
        # (found without making a site for it, which cost two seconds on 100,000 triples)
        id_base = self.base + "id/"
        example = min((s for s in set(data_graph.subjects()) if isinstance(s, URIRef)
                       and (resource_path(s, id_base) or "").startswith("/id/agreement/")), default=None)
        self.description = describe(data_graph, base=self.base, byte_sizes=sizes, example=example)
        self.site = Site(merge(data_graph, self.description), base=self.base)
        endpoint = self.base + "sparql" if static else "/sparql"
        self.pages = Pages(self.site, data_graph, endpoint=endpoint, static=static)

    # --- single documents ------------------------------------------------------

    def download(self, fmt: str) -> bytes:
        key = f"download:{fmt}"
        if key not in self._cache:
            media_type = MEDIA_TYPES.get(fmt, "application/octet-stream")
            self._cache[key] = Document(serialize(self.data_graph, fmt), media_type)
        return self._cache[key].body

    def rdf(self, iri: URIRef, fmt: str) -> bytes:
        """The description of one resource (or of the ontology) in ``fmt``, with the metadata of its document.

        The document (``{base}id/org/seoul/index.ttl``) is a ``foaf:Document`` whose ``foaf:primaryTopic`` is
        the resource, in the dataset (``void:inDataset``), under the dataset's license.
        """
        folder = self.site.resource_path(iri)
        doc = URIRef(self.base + f"{folder}/{RDF_DOCUMENTS[fmt]}".lstrip("/"))
        dataset = URIRef(self.site.id_base + "dataset")
        about = [(doc, RDF.type, FOAF.Document), (doc, FOAF.primaryTopic, iri), (doc, VOID.inDataset, dataset)]
        about += [(doc, DCTERMS.license, license_) for license_ in self.description.objects(dataset, DCTERMS.license)]
        # Its four formats are asked one after the other: the resource is described and its sorted lines made
        # once, and each format adds the lines about its own document (merged into the sorted ones, as an
        # export merges inferred triples); the lock keeps other threads out of the kept source meanwhile.
        with self._lock:
            last = self._last_description
            if last is not None and last[0] == iri:
                source = last[1]
            else:
                graph = self.site.description(iri)
                graph.bind("foaf", FOAF)
                graph.bind("void", VOID)
                source = Source(graph)
                self._last_description = (iri, source)
            extra = Graph(bind_namespaces="none")  # no prefixes of its own: the description's are the document's
            for triple in about:
                if triple not in source.graph:
                    extra.add(triple)
            return serialize_source(source.plus(extra), fmt, context=self._context if fmt == "jsonld" else None)

    def resource_html(self, iri: URIRef, lang: str, here: str) -> bytes:
        return self.pages.resource(iri, lang, here).encode("utf-8")

    def ontology_html(self, lang: str, here: str | None = None) -> bytes:
        """The ontology documentation (pyLODE, made once per language) with the site's links on top."""

        key = f"ontology-doc:{lang}"
        if key not in self._cache:
            owl = load_files([p for p in ontology_files() if p.name.endswith(".owl.ttl")])
            self._cache[key] = Document(ontology_html(owl, lang).encode("utf-8"), MEDIA_TYPES["html"])
        here = here or f"/ontology/{page_name(lang)}"
        other = next(lg for lg in LANGUAGES if lg != lang)
        nav = (f'<nav class="mougraph" style="font-family:sans-serif;padding:.5rem 1rem;background:#f4f1e8">'
               f'<a href="{rel("/" + lang_file("index", lang), here)}">'
               f'mougraph — {escape(message("home", lang))}</a> · '
               f'<a href="{rel("/" + lang_file("query", lang), here)}">{escape(message("query", lang))}</a> · '
               f'<a href="{rel("/ontology/" + page_name(other), here)}" hreflang="{other}" lang="{other}" '
               f'id="lang-switch">{escape(message("lang_name", other))}</a> · '
               f'<a href="{rel("/ontology/index.ttl", here)}">Turtle</a> · '
               f'<a href="{rel("/ontology/context.jsonld", here)}">{escape(message("context", lang))}</a></nav>')
        return self._cache[key].body.replace(b"<body>", b"<body>" + nav.encode("utf-8"), 1)

    def context(self) -> bytes | None:
        path = resource_dir("ontology") / CONTEXT_FILE
        return path.read_bytes() if path.is_file() else None

    def _make(self, path: str) -> Document | None:
        html = MEDIA_TYPES["html"]
        for lang in LANGUAGES:
            if path == "/" + lang_file("index", lang):
                return Document(self.pages.home(lang, path).encode("utf-8"), html)
            if path == "/" + lang_file("query", lang):
                return Document(self.pages.query_page(lang, path).encode("utf-8"), html)
            for picture, draw in (("network", network_svg), ("timeline", timeline_svg)):
                if path == "/pictures/" + lang_file(picture, lang, "svg"):
                    svg = '<?xml version="1.0" encoding="utf-8"?>\n' + draw(self.site, lang, path)
                    return Document(svg.encode("utf-8"), "image/svg+xml")
        for lang in LANGUAGES:
            if path == "/" + lang_file("search", lang):
                return Document(self.pages.search(lang, path).encode("utf-8"), html)
            for kind in [None, *self.pages.kinds()]:
                if path == index_path(kind, lang):
                    return Document(self.pages.index(kind, lang, path).encode("utf-8"), html)
        if self.static and path == ENGINE_PATH:
            return Document(engine_script().encode("utf-8"), "text/javascript; charset=utf-8")
        if self.static and path == DATA_PATH:
            return Document(data_script(self.download("nt")).encode("utf-8"), "text/javascript; charset=utf-8")
        if path == SEARCH_INDEX:
            return Document(search_index(self.site).encode("utf-8"), "text/javascript; charset=utf-8")
        if path == "/404.html":
            return Document(self.pages.not_found("ko", path).encode("utf-8"), html)
        if path == VOID_PATH:
            return Document(serialize(self.description, "ttl"), MEDIA_TYPES["ttl"])
        if path.startswith("/downloads/"):
            name = path[len("/downloads/"):]
            fmt = FORMAT_OF_SUFFIX.get(Path(name).suffix) if name.startswith("mougraph.") else None
            if fmt and path == download_path(fmt):
                return Document(self.download(fmt), DOWNLOADS[fmt][0])
            return None
        if path == "/ontology/context.jsonld":
            body = self.context()
            return Document(body, formats.get("jsonld").media_type) if body is not None else None
        folder, _, name = path.rpartition("/")
        iri = self.site.ontology_iri if folder == "/ontology" else self.site.resources.get(folder)
        if iri is None:
            return None
        for lang in LANGUAGES:
            if name == page_name(lang):
                body = self.ontology_html(lang, path) if folder == "/ontology" else self.resource_html(iri, lang, path)
                return Document(body, html)
        for fmt, doc_name in RDF_DOCUMENTS.items():
            if name == doc_name:
                return Document(self.rdf(iri, fmt), MEDIA_TYPES[fmt])
        return None

    def document(self, path: str) -> Document | None:
        """The document at site path ``path`` (``/id/org/seoul/index.ttl``), or None."""
        with self._lock:
            cached = self._documents.get(path)
            if cached is not None:
                self._documents.move_to_end(path)
                return cached
        doc = self._make(path)
        if doc is not None:
            with self._lock:
                self._documents[path] = doc
                # bounded: a crawler of a large site must not make the server hold every page it has served
                while len(self._documents) > MAX_CACHED_DOCUMENTS:
                    self._documents.popitem(last=False)
        return doc

    # --- the whole site --------------------------------------------------------

    def paths(self) -> list[str]:
        """Every document path of the static site (static assets excluded)."""
        out = []
        for lang in LANGUAGES:
            out += ["/" + lang_file("index", lang), "/" + lang_file("query", lang),
                    "/pictures/" + lang_file("network", lang, "svg"), "/pictures/" + lang_file("timeline", lang, "svg")]
            out += ["/" + lang_file("search", lang)] + [index_path(k, lang) for k in [None, *self.pages.kinds()]]
        out += ["/404.html", VOID_PATH, "/ontology/context.jsonld", SEARCH_INDEX]
        out += [ENGINE_PATH, DATA_PATH] if self.static else []
        out += [download_path(fmt) for fmt in DOWNLOADS]
        for folder in ["/ontology", *self.site.resources]:
            out += [f"{folder}/{page_name(lang)}" for lang in LANGUAGES]
            out += [f"{folder}/{name}" for name in RDF_DOCUMENTS.values()]
        return out

    @staticmethod
    def static_files() -> list[tuple[str, Path]]:
        """The package's static assets as (site path, file)."""
        root = static_dir()
        return [("/static/" + p.relative_to(root).as_posix(), p)
                for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith(".")]
