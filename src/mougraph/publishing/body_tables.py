"""The tables of a body's page that list hundreds of things, each made by a few queries (its agreements, who
signed for it): asking the store thing by thing cost a dozen lookups per row on a government's page.

Rows are read as tuples (:func:`select`); the footnotes are numbered in the order the rows are shown, never in the
store's order.
"""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import SKOS, TIME

from mougraph.publishing.dated_names import dated_party
from mougraph.publishing.terms import link_order, natural
from mougraph.publishing.values import date_key
from mougraph.vocab import MG

#: The positions of an instant the pictures read, in the order they try them.
DATE_POSITIONS = (TIME.inXSDDateTimeStamp, TIME.inXSDDateTime, TIME.inXSDDate, TIME.inXSDgYear)


def select(graph, query: str):
    """The rows of a SELECT as tuples of terms (None where unbound): Oxigraph's, without a dict per row."""
    result = graph.query(query)
    tuples = getattr(result, "tuples", None)
    return tuples() if tuples is not None else (tuple(row) for row in result)


#: The rows of a party's agreements, by one query each for what the table shows (linear in the agreements,
#: where asking the graph term by term costs a hundred lookups per agreement).
PARTY_QUERIES = {
    "row": """SELECT ?a ?date ?kind ?status WHERE { ?a mg:party ?org ; a mg:Agreement .
              OPTIONAL { ?a mg:date ?date } OPTIONAL { ?a mg:kind ?kind } OPTIONAL { ?a mg:status ?status } }""",
    "partner": "SELECT ?a ?x WHERE { ?a mg:party ?org ; a mg:Agreement ; mg:party ?x . FILTER (?x != ?org) }",
    # the domains: their top concepts are found by themes_over (a few dozen concepts, kept), not by a path per row
    "theme": """SELECT DISTINCT ?a ?c ?x WHERE { ?a mg:party ?org ; a mg:Agreement .
                { ?a mg:listsDomain/mg:domainConcept ?c } UNION { ?a mg:coversDomain ?x } }""",
    "source": """SELECT ?a ?x ?doc ?line ?quote WHERE { ?a mg:party ?org ; a mg:Agreement ; mg:statedIn ?x .
                 OPTIONAL { ?x mg:inDocument ?doc } OPTIONAL { ?x mg:line ?line } OPTIONAL { ?x mg:quote ?quote } }""",
}


def themes_over(site, concept) -> set:
    """The concepts without a broader one that ``concept`` reaches over ``skos:broader*`` (itself when it has none);
    kept in ``site.memo``, since every agreement lists a few of the same few dozen."""
    kept = site.memo.setdefault("themes_over", {})
    if concept not in kept:
        seen, todo, tops = {concept}, [concept], set()
        while todo:
            current = todo.pop()
            broader = set(site.graph.objects(current, SKOS.broader))
            if not broader:
                tops.add(current)
            todo.extend(broader - seen)
            seen |= broader
        kept[concept] = tops
    return kept[concept]


def party_rows(view, org, lang: str, here: str, cite) -> list[dict]:
    """The rows of the agreements ``org`` is party to (as :meth:`KindViews.agreement_row` makes them), by date."""
    g, terms, link = view.site.graph, view.terms, view.terms.link
    found: dict = {}
    for name, text in PARTY_QUERIES.items():
        query = f"PREFIX mg: <{MG}>\nPREFIX skos: <{SKOS}>\n" + text.replace("?org", org.n3())
        for row in select(g, query):
            if name == "row":
                found.setdefault(row[0], {"date": row[1], "kind": set(), "status": set(), "partner": set(),
                                          "theme": set(), "source": set()})
                found[row[0]]["kind"].add(row[2]) if row[2] is not None else None
                found[row[0]]["status"].add(row[3]) if row[3] is not None else None
            elif name == "theme" and row[0] in found:
                themes = found[row[0]]["theme"]
                themes.update(themes_over(view.site, row[1]) if row[1] is not None else ())
                themes.update(themes_over(view.site, row[2]) & {row[2]} if row[2] is not None else ())
            elif row[0] in found:
                found[row[0]][name].add(row[1])
                if name == "source":  # the passage's facts too, so that citing it asks the store nothing more
                    cite.know(row[1], row[2], row[3], row[4])

    def linked(values) -> list[dict]:
        return sorted((link(v, lang, here) for v in values), key=link_order)

    rows = []
    for agreement, facts in found.items():
        date = facts["date"]
        instant = terms._instant(date, lang) if date is not None else None
        rows.append({
            "agreement": link(agreement, lang, here), "iri": agreement,
            "partners": sorted((dated_party(view.site, link(p, lang, here), p, date) for p in facts["partner"]),
                               key=link_order),
            "date": link(date, lang, here) if date is not None else None,
            "date_key": instant[1] if instant else date_key(g, date),
            "kind": linked(facts["kind"]), "status": linked(facts["status"]), "themes": linked(facts["theme"]),
        })
    rows = by_date(rows)
    for row in rows:  # cited in the order shown: the footnotes' numbers do not depend on the store's row order
        row["agreement"]["sources"] = cite.of(row["iri"], found[row["iri"]]["source"])
    return rows


#: Who signed for a body: each signature's agreement, term (acting, office), signatory and passages, in one query
#: (asking the store signature by signature cost a dozen lookups each, with a government's 600 signatures).
SIGNER_QUERY = """SELECT ?sig ?a ?term ?acting ?office ?person ?x ?doc ?line ?quote WHERE { ?sig mg:onBehalfOf ?org .
    OPTIONAL { ?a mg:signature ?sig }
    OPTIONAL { ?sig mg:inTerm ?term OPTIONAL { ?term mg:acting ?acting } OPTIONAL { ?term mg:office ?office } }
    OPTIONAL { ?sig mg:signatory ?person }
    OPTIONAL { ?sig mg:statedIn ?x
               OPTIONAL { ?x mg:inDocument ?doc } OPTIONAL { ?x mg:line ?line } OPTIONAL { ?x mg:quote ?quote } } }"""


def signer_rows(view, org, lang: str, here: str, cite) -> list[dict]:
    """The signatures made on behalf of ``org``, by agreement (cited in that order)."""
    site, link = view.site, view.terms.link
    found: dict = {}
    query = f"PREFIX mg: <{MG}>\n" + SIGNER_QUERY.replace("?org", org.n3())
    for sig, agreement, term, acting, office, person, source, doc, line, quote in select(site.graph, query):
        facts = found.setdefault(sig, {"agreement": set(), "term": {}, "person": set(), "source": set()})
        for name, value in (("agreement", agreement), ("person", person), ("source", source)):
            if value is not None:
                facts[name].add(value)
        if term is not None:
            held = facts["term"].setdefault(term, {"acting": set(), "office": set()})
            held["acting"].add(acting) if acting is not None else None
            held["office"].add(office) if office is not None else None
        if source is not None:
            cite.know(source, doc, line, quote)

    def linked(values) -> list[dict]:
        return [link(v, lang, here) for v in sorted(values, key=lambda v: (natural(site.label(v, lang)), str(v)))]

    signers = []
    chosen = {sig: min(facts["agreement"], default=None) for sig, facts in found.items()}
    for sig, agreement in sorted(chosen.items(), key=lambda item: (
            site.label(item[1], lang) if item[1] is not None else "", str(item[1]), str(item[0]))):
        facts = found[sig]
        held = facts["term"][min(facts["term"])] if facts["term"] else None
        acting = min(held["acting"], default=None) if held else None
        signers.append({"person": linked(facts["person"]),
                        "office": linked(held["office"]) if held else [],
                        "acting": bool(acting is not None and acting.toPython()),
                        "agreement": link(agreement, lang, here) if agreement is not None else None,
                        "sources": cite.of(sig, facts["source"])})
    signers.sort(key=lambda s: (s["agreement"] or {}).get("text", ""))
    return signers


def by_date(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["date_key"], r["agreement"]["text"], r["agreement"].get("href", "")))


#: What the pictures (:mod:`mougraph.publishing.pictures`) draw of a body's agreements, in one query (the first
#: page of a government asked the store seven times for each of its 800 agreements).
POINTS_QUERY = """SELECT ?a ?p ?s ?v ?tp ?t WHERE { ?a mg:party ?focus ; a mg:Agreement .
    { ?a mg:party ?p } UNION { ?a mg:status ?s } UNION { ?a mg:date ?v OPTIONAL { ?v ?tp ?t
      FILTER (?tp IN (time:inXSDDateTimeStamp, time:inXSDDateTime, time:inXSDDate, time:inXSDgYear)) } } }"""


def point_facts(site, focus) -> dict:
    """The parties, statuses and dated positions of the agreements of ``focus`` (an IRI), by agreement."""
    query = f"PREFIX mg: <{MG}>\nPREFIX time: <{TIME}>\n" + POINTS_QUERY.replace("?focus", focus.n3())
    found: dict = {}
    for a, party, status, value, prop, position in select(site.graph, query):
        facts = found.setdefault(a, {"party": set(), "status": set(), "date": {}})
        facts["party"].add(party) if party is not None else None
        facts["status"].add(status) if status is not None else None
        if value is not None:
            positions = facts["date"].setdefault(value, [])
            if prop is not None:
                positions.append((prop, position))
    for facts in found.values():  # each date's positions in the order the pictures try them
        facts["date"] = {value: [value] if isinstance(value, Literal) else [
            t for p in DATE_POSITIONS for tp, t in sorted(positions, key=lambda x: (str(x[0]), str(x[1]))) if tp == p]
            for value, positions in sorted(facts["date"].items(), key=lambda item: str(item[0]))}
    return found
