"""Ontology documentation in Korean and English, made by pyLODE (OntPub profile), offline.

pyLODE shows every language of a label side by side, so each page is made from a copy
of the ontology that keeps only the literals in its language (and those without one).
Should pyLODE be missing or fail, :func:`ontology_html` falls back to a plain page
listing every class and property with its label and definition (and says so), its
headings in the page's language (:mod:`mougraph.publishing.i18n`).
"""

from __future__ import annotations

import html
import logging
import re
from contextlib import contextmanager

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from mougraph.publishing.i18n import message

log = logging.getLogger(__name__)


@contextmanager
def _root_logger_kept():
    """Undo what pyLODE does to the root logger (``basicConfig`` at import, ``logging.info`` calls)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    if not handlers:  # so that basicConfig() inside pyLODE does nothing
        root.addHandler(logging.NullHandler())
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def _pylode_html(graph: Graph) -> str:
    with _root_logger_kept():
        from pylode import OntPub

        from mougraph.export.ntriples import stable_graph

        # pyLODE lists terms and restrictions in the graph's order: sorted, with canonical blank nodes, it is the
        # same from run to run
        return OntPub(ontology=stable_graph(graph), sort_subjects=True).make_html()


def in_language(graph: Graph, lang: str) -> Graph:
    """A copy of ``graph`` without the literals tagged with another language."""
    out = Graph(bind_namespaces="none")
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language and o.language != lang:
            continue
        out.add((s, p, o))
    return out


def ontology_html(ontology: Graph, lang: str) -> str:
    """The documentation page of ``ontology`` (the OWL graph, not the SKOS vocabularies) in ``lang``."""
    graph = in_language(ontology, lang)
    try:
        page = _pylode_html(graph)
    except Exception as exc:  # pyLODE absent or failing on this graph: say so, and keep publishing
        log.warning("pyLODE could not document the ontology (%s); writing a plain page", exc)
        return fallback_html(graph, lang, reason=f"{type(exc).__name__}: {exc}")
    page = page.replace('<html>', f'<html lang="{lang}">', 1)
    page = _SCHEMA_ORG.sub(lambda m: m.group(1) + _sorted_json(m.group(2)) + m.group(3), page, count=1)
    return anchor_terms(page, str(next(graph.subjects(RDF.type, OWL.Ontology), "")) + "#")


# pyLODE writes its schema.org description in the order of a set of nodes, which changes between runs
_SCHEMA_ORG = re.compile(r'(<script id="schema.org" type="application/ld\+json">\s*)(.*?)(\s*</script>)', re.S)


def _sorted_json(text: str) -> str:
    """JSON-LD with every array but ``@list`` sorted and keys in order: the same graph, the same bytes."""
    import json

    def sort(value):
        if isinstance(value, dict):
            return {k: [sort(v) for v in items] if k == "@list" else sort(items) for k, items in value.items()}
        if isinstance(value, list):
            return sorted((sort(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return value

    try:
        return json.dumps(sort(json.loads(text)), indent=2, sort_keys=True, ensure_ascii=False)
    except ValueError:  # not JSON after all: leave pyLODE's text
        return text


_ENTITY = re.compile(r'(<div class="[^"]*\bentity\b[^"]*" id="([^"]*)">)(.{0,800}?)<code>([^<#]+#([^<]+))</code>', re.S)


def anchor_terms(page: str, namespace: str) -> str:
    """Give each term's section the id of its IRI's fragment (``#Agreement``).

    pyLODE names a section after the term's label (``cooperationagreement``), so links
    to hash IRIs such as ``ontology#Agreement`` would not land on it without this.
    """
    taken = set(re.findall(r'\bid="([^"]*)"', page))

    def add_anchor(match: re.Match) -> str:
        opening, pylode_id, between, iri, fragment = match.groups()
        if not iri.startswith(namespace) or fragment == pylode_id or fragment in taken:
            return match.group(0)
        taken.add(fragment)
        return f'{opening}<span id="{html.escape(fragment)}"></span>{between}<code>{iri}</code>'

    return _ENTITY.sub(add_anchor, page)


def fallback_html(graph: Graph, lang: str, reason: str = "") -> str:
    """A plain page: the ontology's title, then each class and property with label and definition."""
    esc = html.escape
    onto = next(iter(graph.subjects(RDF.type, OWL.Ontology)), None)
    title = next((str(o) for o in graph.objects(onto, URIRef("http://purl.org/dc/terms/title"))),
                 message("ontology", lang))
    parts = [f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>',
             f"<h1>{esc(title)}</h1>"]
    if reason:
        parts.append(f"<p><small>{esc(message('ontodoc_unavailable', lang, reason=reason))}</small></p>")
    for heading, kinds in ((message("classes", lang), (OWL.Class,)),
                           (message("properties", lang),
                            (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty))):
        terms = sorted({s for k in kinds for s in graph.subjects(RDF.type, k) if isinstance(s, URIRef)})
        parts.append(f"<h2>{heading}</h2><dl>")
        for term in terms:
            fragment = str(term).rsplit("#", 1)[-1]
            label = next((str(o) for o in graph.objects(term, RDFS.label)), fragment)
            definition = next((str(o) for o in graph.objects(term, SKOS.definition)), "")
            parts.append(f'<dt id="{esc(fragment)}"><code>{esc(str(term))}</code> {esc(label)}</dt>'
                         f'<dd>{esc(definition)}</dd>')
        parts.append("</dl>")
    parts.append("</body></html>")
    return "\n".join(parts)
