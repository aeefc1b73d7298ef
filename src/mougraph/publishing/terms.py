"""Terms of the graph as the page templates show them: text, link, language tag and datatype.

:class:`TermView` makes the dict that the ``value``/``values`` macros of
``templates/macros.html.j2`` render, and picks, sorts and links the values of a property.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from mougraph.publishing.i18n import message
from mougraph.publishing.site import Site
from mougraph.publishing.values import date_key, date_text, iso_text, kept_positions, literal_text
from mougraph.vocab import MG, short

#: Links kept (then forgotten all at once): a government's page with 800 agreements makes some 15,000.
MAX_KEPT_LINKS = 50_000


def natural(text: str) -> list:
    """A sort key that orders the numbers inside ``text`` by value (``2`` before ``10``)."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def link_order(link: dict) -> tuple:
    """A sort key of a link (:meth:`TermView.link`): its text, then its IRI, so that two things of the same name
    come in the same order in every run."""
    return natural(link["text"]), link.get("iri") or "", link.get("href") or ""


class TermView:
    """The terms of ``site``'s graph as template values, in one language, linked from one page."""

    def __init__(self, site: Site):
        self.site = site
        self._instants: dict = {}
        self._instant_set: set | None = None
        self._time_of_day: dict = {}
        self._links: dict = {}  # (term, lang, page) -> its value, shared by the pages (the graph does not change)

    def link(self, term, lang: str, here: str) -> dict:
        """A value for a template: text, and href when it can be followed (a fresh dict: callers add to it)."""
        key = (term, lang, here)
        found = self._links.get(key)
        if found is None:  # a page links the same statuses, kinds, themes and partners row after row
            if len(self._links) >= MAX_KEPT_LINKS:
                self._links.clear()
            found = self._links[key] = self._link(term, lang, here)
        return dict(found)

    def _link(self, term, lang: str, here: str) -> dict:
        if isinstance(term, Literal) and term.datatype == XSD.boolean:
            return {"text": message("yes", lang) if term.toPython() is True else message("no", lang)}
        if isinstance(term, Literal):
            readable = literal_text(term, lang)
            if readable is not None:  # the raw form stays in the title, for who wants it
                return {"text": readable, "raw": str(term), "sort": str(term)}
            shown = term.datatype and term.datatype not in (XSD.string, RDF.langString)
            datatype = short(term.datatype, self.site.graph.namespace_manager) if shown else None
            return {"text": str(term), "lang": term.language, "datatype": datatype}
        text = self.site.label(term, lang)
        out = {"text": text, "href": self.site.href(term, lang, here),
               "iri": str(term) if isinstance(term, URIRef) else None}
        instant = self._instant(term, lang)
        if instant is not None:
            out["text"], out["sort"] = instant
        return out

    def _instant(self, term, lang: str) -> tuple[str, str] | None:
        """(date text, sort key) of an instant, else None; remembered, since pages ask for the same ones often."""
        key = (term, lang)
        if key not in self._instants:
            g = self.site.graph
            positions = kept_positions(self.site)
            if self._instant_set is None:  # one pass over the positions, instead of six lookups per term
                self._instant_set = set(positions) | set(g.subjects(RDF.type, MG.UndeterminedInstant))
                for instant, time_of_day in g.subject_objects(MG.timeOfDay):
                    self._time_of_day.setdefault(instant, time_of_day)
            pos = positions.get(term)
            if pos is not None:  # date_text and date_key, without asking the store again for the position
                shown = iso_text(str(pos), lang)
                time_of_day = self._time_of_day.get(term)
                self._instants[key] = (f"{shown} {str(time_of_day)[:5]}" if time_of_day is not None else shown,
                                       str(pos))
            else:
                known = term in self._instant_set
                self._instants[key] = (date_text(g, term, lang), date_key(g, term)) if known else None
        return self._instants[key]

    def links(self, subject, prop, lang: str, here: str) -> list[dict]:
        """The values of ``prop`` on ``subject`` as template values, in the natural order of their labels."""
        return [self.link(o, lang, here) for o in sorted(self.site.graph.objects(subject, prop),
                                                          key=lambda o: natural(self.site.label(o, lang)))]

    def one(self, subject, prop):
        """A value of ``prop`` on ``subject``, or None."""
        return next(iter(self.site.graph.objects(subject, prop)), None)

    @staticmethod
    def in_language(values: list, lang: str) -> list:
        """``values`` without the literals tagged with another language, when some are tagged with ``lang``."""
        tagged = [v for v in values if isinstance(v, Literal) and v.language]
        if any(v.language == lang for v in tagged):
            return [v for v in values if not (isinstance(v, Literal) and v.language and v.language != lang)]
        return values


def value_html(v: dict) -> Markup:
    """A template value as HTML: a link, an IRI without a page, or a literal (its raw form in the title).

    The ``value`` macro of the templates, in Python: a government's page calls it some 12,000 times, and a
    Jinja macro call costs several times this function. Same output as the macro it replaced, byte for byte.
    """
    text = v.get("text")
    long_ = "://" in text
    css = ' class="long"' if long_ else ""
    if v.get("href"):
        title = f' title="{escape(v["iri"])}"' if v.get("iri") else ""
        return Markup(f'<a href="{escape(v["href"])}"{title}{css}>{escape(text)}</a>')
    if v.get("iri"):
        return Markup(f'<span title="{escape(v["iri"])}"{css}>{escape(text)}</span>')
    out = f'<span class="literal{" long" if long_ else ""}"'
    if v.get("lang"):
        out += f' lang="{escape(v["lang"])}"'
    if v.get("raw") or v.get("datatype"):
        datatype = f' ({escape(v["datatype"])})' if v.get("datatype") else ""
        out += f' title="{escape(v.get("raw") or text)}{datatype}"'
    return Markup(f"{out}>{escape(text)}</span>")


def values_html(vs, sep: str = ", ") -> Markup:
    """The ``values`` macro: each of ``vs`` as :func:`value_html`, separated by ``sep`` (escaped)."""
    return Markup(escape(sep)).join(value_html(v) for v in (vs or ()))


def cites_html(ns) -> Markup:
    """The ``cites`` macro: a link to each numbered source, each after a space."""
    return Markup("".join(f' <a class="cite" href="#source-{escape(n)}">[{escape(n)}]</a>' for n in (ns or ())))


def cited_html(v: dict) -> Markup:
    """The ``cited`` macro: a value and the numbers of its sources."""
    return value_html(v) + cites_html(v.get("sources"))


def named_html(v: dict, lang: str) -> Markup:
    """A value, and the name it has now when the page shows an older one."""
    if not v.get("now"):
        return value_html(v)
    return value_html(v) + Markup(f' <small class="now">({escape(message("now_named", lang, name=v["now"]))})</small>')


def nameds_html(vs, sep: str = ", ", *, lang: str) -> Markup:
    """The ``nameds`` macro (``lang`` given by the page's environment): each of ``vs`` as :func:`named_html`."""
    return Markup(escape(sep)).join(named_html(v, lang) for v in (vs or ()))


def passage_html(p: dict, numbered: bool = True, *, lang: str) -> Markup:
    """The ``passage`` macro: one cited passage of the sources (numbered in the list at the foot of a page); a
    government's page lists some 2,500."""
    out = f'<li id="source-{escape(p["n"])}"><span class="n">[{escape(p["n"])}]</span>' if numbered else "<li>"
    out += f"  {value_html(p['document'])}"
    if p.get("line"):
        line = escape(message("line", lang, n=p["line"]))
        out += f', <a href="{escape(p["passage"]["href"])}">{line}</a>' if p.get("passage") else f", {line}"
    if p.get("quote"):
        out += f'<blockquote lang="ko">{escape(p["quote"])}</blockquote>'
    return Markup(out + "</li>")


def passages_html(ps, *, lang: str) -> Markup:
    """The numbered passages at the foot of a page, each as :func:`passage_html` (a loop of the template before)."""
    return Markup("".join(passage_html(p, lang=lang) for p in ps or ()))


def signer_rows_html(rows, *, lang: str) -> Markup:
    """The rows of the table of who signed for a body (a loop of its template before; a government has 600)."""
    acting = f' <strong class="acting">({escape(message("acting", lang))})</strong>'
    return Markup("".join(
        f"<tr><td>{values_html(s['person'])}{cites_html(s['sources'])}</td><td>{values_html(s['office'])}"
        f"{acting if s['acting'] else ''}</td><td>{value_html(s['agreement']) if s['agreement'] else ''}</td></tr>"
        for s in rows or ()))


def agreement_table_html(rows: list[dict], partners: bool = True, via: bool = False, *, lang: str) -> Markup:
    """The table of agreements of a government's or a theme's page (``lang`` given by the page's environment).

    Was the ``agreement_table`` macro, with ``named`` and ``date_cell`` per row: a page of 800 agreements spent
    half its time in those calls. Same output as the macro, byte for byte (the published site is compared).
    """
    heads = [message("date", lang), message("agreement_col", lang)] + ([message("partners", lang)] if partners
                                                                        else [])
    heads += [message("kind", lang), message("status", lang),
              message("via_domain", lang) if via else message("themes", lang)]
    out = ['<div class="table-wrap"><table class="agreements sortable">\n<thead><tr>'
           + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr></thead>\n<tbody>\n"]
    comma = Markup(", ")
    for r in rows:
        date = r.get("date")
        out.append(f'<tr><td data-sort="{escape(r.get("date_key"))}">{value_html(date) if date else ""}</td>'
                   f'<td>{cited_html(r["agreement"])}</td>')
        if partners:
            out.append(f"<td>{nameds_html(r.get('partners'), lang=lang)}</td>")
        out.append(f'<td>{values_html(r.get("kind"))}</td><td>{values_html(r.get("status"))}</td>\n<td>')
        if via:
            out.append(comma.join(
                value_html(c) + (Markup(f' <small lang="ko">({escape(", ".join(map(str, c["wording"])))})</small>')
                                 if c.get("wording") else "") for c in r.get("via") or ()))
        else:
            out.append(values_html(r.get("themes")))
        out.append("</td></tr>\n")
    out.append("</tbody></table></div>")
    return Markup("".join(out))
