"""The published site's model: which IRIs are resources, where their documents live, labels.

One base IRI (default ``https://w3id.org/mougraph/``) decides what is published:

- instances have slash IRIs ``{base}id/...``; the resource ``{base}id/org/seoul`` is
  served at ``/id/org/seoul`` (content negotiation) and has the documents
  ``/id/org/seoul/index.html`` (Korean), ``index.en.html``, ``index.ttl``,
  ``index.jsonld`` and ``index.nt``; the static site holds the same files;
- the ontology ``https://w3id.org/mougraph/ontology`` with hash IRIs ``...ontology#Term`` is served at
  ``/ontology`` (``/ontology/index.html``, ``index.en.html``, ``index.ttl``, ...) under any base: only the
  data moves to another base (:func:`rebase`), the vocabulary keeps its IRIs.

Paths are always computed here from IRIs, never from the file system; an IRI whose path
has an empty, ``.`` or ``..`` segment (or a reserved document name) gets no page, so
nothing can be read or written outside the site.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from urllib.parse import quote, unquote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, split_uri

from mougraph import formats
from mougraph.publishing.i18n import TERM_LABELS
from mougraph.publishing.negotiation import DEFAULT_LANGUAGE, LANGUAGES
from mougraph.store import new_graph
from mougraph.vocab import MG, short

DEFAULT_BASE = "https://w3id.org/mougraph/"
#: Where the data's resources are under the default base; ``rebase`` moves only these.
DATA_BASE = DEFAULT_BASE + "id/"
#: The ontology (its terms are ``MG``'s): published at ``/ontology`` of every site, under its own IRI.
ONTOLOGY_IRI = URIRef(str(MG).rstrip("#"))
SCHEMA_NAME = URIRef("https://schema.org/name")
#: Properties that name a resource, strongest first.
LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label, DCTERMS.title, FOAF.name, SCHEMA_NAME)
#: Machine-readable documents of each resource: format -> file name.
RDF_DOCUMENTS = {name: "index" + formats.get(name).suffix for name in ("ttl", "jsonld", "nt", "xml")}
#: The name the pages give each of those formats.
FORMAT_NAMES = {name: formats.get(name).title for name in RDF_DOCUMENTS}
RESERVED_NAMES = frozenset(["index.html", *(f"index.{lang}.html" for lang in LANGUAGES), *RDF_DOCUMENTS.values()])


def rebase(graph: Graph, base: str) -> Graph:
    """``graph`` with the data's resources (IRIs under ``{DEFAULT_BASE}id/``) moved to ``{base}id/``.

    Only the data moves: the ontology's terms (``mg:``) keep their IRIs, because the vocabulary is the same
    wherever the data is published, and the shipped queries, the shapes, the JSON-LD context and the page code
    all name its terms by those IRIs. Subjects, objects and the prefixes bound to the data's namespaces move,
    so every resource dereferences at the new base. The same graph when ``base`` is the default.
    """
    base = base if base.endswith("/") else base + "/"
    if base == DEFAULT_BASE:
        return graph
    old_ids, new_ids = DATA_BASE, base + "id/"

    def move(term):
        if isinstance(term, URIRef) and term.startswith(old_ids):
            return URIRef(new_ids + term[len(old_ids):])
        return term

    out = new_graph()  # the configured store, so that the endpoint's queries run on Oxigraph as without a base
    for prefix, ns in graph.namespaces():
        out.bind(prefix, move(URIRef(ns)), override=True, replace=True)
    out.addN((move(s), p, move(o), out) for s, p, o in graph)
    return out


def prefixed_like(graph: Graph) -> Graph:
    """A new in-memory graph with ``graph``'s prefixes (as ``bind(..., override=True, replace=True)`` would).

    Bound on the store directly: rdflib's namespace manager checks and indexes each prefix (0.4 ms for the 44 of a
    graph), and publishing makes five such graphs per resource; ``graph``'s prefixes are already one-to-one.
    """
    out = Graph(bind_namespaces="none")
    for prefix, ns in graph.namespaces():
        out.store.bind(prefix, ns, override=True)
    return out


def page_name(lang: str) -> str:
    """``index.html`` for the default language (Korean), ``index.<lang>.html`` otherwise."""
    return "index.html" if lang == DEFAULT_LANGUAGE else f"index.{lang}.html"


def lang_file(stem: str, lang: str, ext: str = "html") -> str:
    """``query.html`` / ``query.en.html``: a top-level page in ``lang``."""
    return f"{stem}.{ext}" if lang == DEFAULT_LANGUAGE else f"{stem}.{lang}.{ext}"


def rel(target: str, here: str) -> str:
    """A relative URL from the document at path ``here`` to the site path ``target``.

    Both are absolute site paths (``/id/org/seoul/index.html``); ``target`` may carry a
    ``#fragment``. The result is percent-encoded (a colon too, so it never reads as a scheme).
    """
    path, _, fragment = target.partition("#")
    folder = here if here.endswith("/") else posixpath.dirname(here)
    link = _relpath(path, folder or "/") if path else ""
    if path.endswith("/") and link != ".":
        link += "/"
    link = quote(link, safe="/-._~!$&'()*+,;=@")
    if fragment:
        link += "#" + quote(fragment, safe="-._~!$&'()*+,;=@:/?")
    return link or "./"


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)``, its list arithmetic without its normalising (a page has thousands of
    links); both are absolute site paths, and any ``.``/``..`` segment or relative path goes to ``relpath``."""
    path_list = [x for x in path.split("/") if x]
    start_list = [x for x in start.split("/") if x]
    if not (path.startswith("/") and start.startswith("/")) or {".", ".."} & {*path_list, *start_list}:
        return posixpath.relpath(path, start)
    i = 0
    for a, b in zip(start_list, path_list, strict=False):
        if a != b:
            break
        i += 1
    return "/".join([".."] * (len(start_list) - i) + path_list[i:]) or "."


def resource_path(iri, id_base: str) -> str | None:
    """The site path of a local resource IRI (``/id/org/seoul``, ``/ontology``) under ``id_base``, else None:
    what :meth:`Site.resource_path` answers, for who needs it before the site is made."""
    iri = str(iri)
    if iri == str(ONTOLOGY_IRI):
        return "/ontology"
    if not iri.startswith(id_base) or "#" in iri or "?" in iri:
        return None
    path = "/id/" + unquote(iri[len(id_base):])
    return path if safe_path(path) else None


def safe_path(path: str) -> bool:
    """True when ``path`` (``/id/a/b``) has only ordinary segments: no traversal possible."""
    segments = path.strip("/").split("/")
    return all(
        seg not in ("", ".", "..") and "\\" not in seg and "\x00" not in seg and seg not in RESERVED_NAMES
        for seg in segments
    )


class Site:
    """The graph to publish and everything derived from it that pages and the server share.

    graph: ontology + data (+ the dataset description), the graph that pages show.
    """

    def __init__(self, graph: Graph, *, base: str = DEFAULT_BASE):
        if not base.endswith("/"):
            base += "/"
        self.graph = graph
        self.base = base
        self.id_base = base + "id/"
        # the ontology keeps its IRIs under any base (see rebase); it is documented at this site's /ontology
        self.ontology_iri = ONTOLOGY_IRI
        self.ontology_ns = str(MG)
        self._labels = self._collect_labels(graph)
        self._unlabelled: dict = {}  # (term, lang) -> its short form, for terms without a label
        self._bound: list[str] | None = None  # the namespaces bound in the graph (see _prefixed)
        self.memo: dict[str, dict] = {}  # what pages derive from the graph and share, by what it is
        self.resources: dict[str, URIRef] = {}
        self._paths: dict[str, str] = {}  # IRI -> its page's path, for every subject with one (links ask often)
        for subject in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}):
            path = self.resource_path(subject)
            if path is not None and path.startswith("/id/"):
                self.resources[path] = subject
                self._paths[str(subject)] = path

    # --- IRIs and paths ------------------------------------------------------

    def resource_path(self, iri) -> str | None:
        """The site path of a local resource IRI (``/id/org/seoul``, ``/ontology``), else None."""
        return resource_path(iri, self.id_base)

    def is_resource(self, iri) -> bool:
        path = self.resource_path(iri)
        return path is not None and (path == "/ontology" or path in self.resources)

    def document(self, iri, variant: str = "html", lang: str = DEFAULT_LANGUAGE) -> str | None:
        """The site path of a document of ``iri``: variant ``html`` (in ``lang``), ``ttl``, ``jsonld``, ``nt``.

        Terms of the ontology (``mg:Agreement``) point into the ontology's page.
        """
        iri = str(iri)
        if iri.startswith(self.ontology_ns):
            name = page_name(lang) if variant == "html" else RDF_DOCUMENTS[variant]
            return f"/ontology/{name}#{iri[len(self.ontology_ns):]}"
        path = self._paths.get(iri)
        if path is None:
            if not self.is_resource(iri):
                return None
            path = self.resource_path(iri)
        name = page_name(lang) if variant == "html" else RDF_DOCUMENTS[variant]
        return f"{path}/{name}"

    def href(self, iri, lang: str, here: str) -> str | None:
        """A link from the document ``here`` to the page of ``iri``: relative when local, else the IRI."""
        doc = self.document(iri, "html", lang)
        if doc is not None:
            return rel(doc, here)
        if isinstance(iri, URIRef) and str(iri).startswith(("http://", "https://")):
            return str(iri)
        return None

    # --- labels --------------------------------------------------------------

    @staticmethod
    def _collect_labels(graph: Graph) -> dict:
        labels: dict = defaultdict(dict)
        for rank, prop in enumerate(LABEL_PROPERTIES):
            for s, o in graph.subject_objects(prop):
                if isinstance(o, Literal):
                    lang = o.language or ""
                    best = labels[s].get(lang)
                    if best is None or rank < best[0]:
                        labels[s][lang] = (rank, str(o))
        return labels

    def label(self, term, lang: str) -> str:
        """The label of ``term`` in ``lang``; else in another language; else its short form."""
        if isinstance(term, Literal):
            return str(term)
        found = self._labels.get(term)
        if found:
            for key in (lang, "", *LANGUAGES):
                if key in found:
                    return found[key][1]
            return next(iter(found.values()))[1]
        if isinstance(term, BNode):
            return "…"
        key = (term, lang)
        text = self._unlabelled.get(key)
        if text is None:  # rdflib's prefixed name costs 0.1 ms; a page names a passage or an instant many times
            text = self._unlabelled[key] = self._short_label(term, lang)
        return text

    def _short_label(self, term, lang: str) -> str:
        text = self._prefixed(term)
        if text in TERM_LABELS:
            return TERM_LABELS[text].get(lang, text)
        if text == str(term) and str(term).startswith(self.base):  # our own IRIs: the last segment
            text = text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or text
        return text

    def _prefixed(self, term) -> str:
        """``short(term)`` with the graph's prefixes, without asking rdflib when none can shorten it: rdflib keeps
        a trie of every namespace it is asked about, slower to grow as it grows (a page citing 2,500 passages of
        900 documents spent a quarter of a second there). rdflib shortens an IRI only by the namespace it splits
        off (``.../press-release/line-``) or a bound one that extends it; when no bound namespace does, its answer
        is the IRI itself."""
        if isinstance(term, URIRef):
            if self._bound is None:
                self._bound = [str(ns) for _prefix, ns in self.graph.namespace_manager.namespaces()]
            try:
                split, _name = split_uri(term)
            except ValueError:  # rdflib's other path (the whole IRI as a namespace): let it answer
                split = None
            if split is not None and not any(b.startswith(split) and term.startswith(b) for b in self._bound):
                return str(term)
        return short(term, self.graph.namespace_manager)

    def has_label(self, term) -> bool:
        return term in self._labels

    def all_labels(self, term) -> list[str]:
        """Every label of ``term``, in any language."""
        return [text for _rank, text in self._labels.get(term, {}).values()]

    # --- RDF of one resource -------------------------------------------------

    def description(self, iri: URIRef) -> Graph:
        """The triples that describe ``iri``: its concise bounded description plus incoming links.

        For the ontology: every term under ``mg:`` and the ontology header.
        """
        out = prefixed_like(self.graph)
        if iri == self.ontology_iri:
            subjects = [iri] + sorted({s for s in self.graph.subjects()
                                       if isinstance(s, URIRef) and str(s).startswith(self.ontology_ns)})
        else:
            subjects = [iri]
            out += self.graph.triples((None, None, iri))
        for subject in subjects:
            out += self.graph.cbd(subject)
        return out

    def types(self, iri) -> list[URIRef]:
        return sorted(o for o in self.graph.objects(iri, RDF.type) if isinstance(o, URIRef))
