"""A portal table of sister and friendship cities becomes a draft graph: one agreement per row, each row a passage.

:func:`ingest_table` reads a CSV or XLSX file (:mod:`.table_files`), finds its layout (:mod:`.table_layouts`:
named, given as a mapping file, or detected from the header), and writes each row as an agreement between the
Korean body (the row's, or the table's owner) and the partner: a Korean partner resolved with the gazetteer on the
row's date, a foreign one as an organisation located in its country. Nothing is guessed: an ambiguous Korean name
is kept as written, with the candidates, and reported in the notes; so is a date that cannot be read. The graph
uses the vocabulary of data/ (docs/data-model.md, docs/provenance.md); docs/ingest-tables.md shows the output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SDO, SKOS, TIME, XSD

from mougraph import store
from mougraph.errors import MougraphError
from mougraph.gazetteer.resolution import default_index, parse_day, resolve
from mougraph.ingest.table_files import Row, Table, cell_text, read_table
from mougraph.ingest.table_layouts import Layout, LayoutError, choose, load_mapping
from mougraph.ingest.table_values import country_slug, is_korea, kind_of, parse_date, slug
from mougraph.io import resource_dir
from mougraph.vocab import ID, MG

#: How many rows from the top may hold the header (portal workbooks put a title above it).
HEADER_SEARCH = 10
_PRECISION = {"year": (TIME.inXSDgYear, XSD.gYear, TIME.unitYear), "month": (TIME.inXSDgYearMonth, XSD.gYearMonth,
              TIME.unitMonth), "day": (TIME.inXSDDate, XSD.date, TIME.unitDay)}
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SPLIT_FIELDS = re.compile(r"\s*[,;·、]\s*")
_MEDIA = {"XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Party:
    iri: URIRef
    label: str
    korean: bool
    tier: str = ""  # the body's tier now (tier/<this>), as the reference graph gives it
    name_then: str = ""  # its name in force on the agreement's date, "" if none is known (mgsh:NameInForceShape)


def _text(value: str) -> Literal:
    """A name or quote: @ko when it has Hangul, @en when it is Latin, else a plain string."""
    if _HANGUL.search(value):
        return Literal(value, lang="ko")
    return Literal(value, lang="en") if re.search(r"[A-Za-z]", value) else Literal(value)


def _labels(value: str) -> list[Literal]:
    """The labels of a name as a Korean table writes it: @ko always (the shapes ask for one), @en if Latin."""
    latin = _text(value)
    return [Literal(value, lang="ko")] + ([latin] if latin.language == "en" else [])


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, tuple[str, list[URIRef]]], dict[URIRef, str]]:
    """Exchange fields by every spelling -> (notation, themes matching it), and the kinds' Korean labels."""
    skos = store.parse_file(resource_dir("ontology") / "mougraph.skos.ttl")
    scheme = URIRef(f"{ID}scheme/exchange-fields")
    fields = {}
    for field in skos.subjects(SKOS.inScheme, scheme):
        # a theme that matches the field closely wins over themes the field is only broader than
        themes = sorted(skos.subjects(SKOS.closeMatch, field)) or sorted(skos.subjects(SKOS.broadMatch, field))
        notation = str(skos.value(field, SKOS.notation))
        spellings = [notation, *skos.objects(field, SKOS.altLabel), *skos.objects(field, SKOS.prefLabel)]
        for spelling in spellings:
            fields["".join(str(spelling).split())] = (notation, themes)
    kinds = {k: str(label) for k, label in skos.subject_objects(SKOS.prefLabel)
             if str(k).startswith(f"{ID}kind/") and getattr(label, "language", None) == "ko"}
    return fields, kinds


class _Draft:
    """The graph being written and the notes, for one table."""

    def __init__(self, table: Table, layout: Layout, where: str):
        self.table, self.layout, self.where = table, layout, where
        self.graph = Graph(bind_namespaces="core")
        for prefix, ns in (("mg", MG), ("mgid", ID), ("skos", SKOS), ("time", TIME), ("dcterms", DCTERMS),
                           ("schema", SDO), ("inst", f"{ID}instant/"), ("kind", f"{ID}kind/"),
                           ("status", f"{ID}status/"), ("dom", f"{ID}domain/"), ("gov", f"{ID}org/"),
                           ("agr", f"{ID}agreement/"), ("src", f"{ID}source/"), ("country", f"{ID}country/"),
                           ("tier", f"{ID}tier/")):
            self.graph.bind(prefix, ns)
        self.notes: list[str] = []
        self.dataset = slug(table.path.stem)
        self.source = URIRef(f"{ID}source/table-{self.dataset}")
        self.graph.bind("row", f"{self.source}/")  # the passages: row:row-12
        self._resolved: dict[tuple[str, str | None], tuple[Party | None, str | None]] = {}

    def note(self, row: int | None, text: str) -> None:
        self.notes.append(f"{self.where}:{row}: {text}" if row else f"{self.where}: {text}")

    def add(self, s, p, o) -> None:
        self.graph.add((s, p, o))

    def describe_source(self, owner: Party | None) -> None:
        t, name = self.table, self.table.path.name
        g = self.source
        self.add(g, RDF.type, MG.SourceDocument)
        self.add(g, RDFS.label, Literal(f"{name} (표)", lang="ko"))
        self.add(g, RDFS.label, Literal(f"{name} (table)", lang="en"))
        self.add(g, DCTERMS.title, _text(t.path.stem))
        self.add(g, DCTERMS.format, Literal(_MEDIA.get(t.encoding, "text/csv")))
        self.add(g, MG.sourceFile, Literal(name))
        read = f"{t.encoding}, sheet {t.sheet}" if t.sheet else t.encoding
        self.add(g, SKOS.note, Literal(f"표 데이터셋; {read}로 읽음; 배치 {self.layout.name}", lang="ko"))
        self.add(g, SKOS.note, Literal(f"A table dataset; read as {read}; layout {self.layout.name}", lang="en"))
        if owner is not None:
            self.add(g, DCTERMS.publisher, owner.iri)

    def passage(self, row: Row) -> URIRef:
        p = URIRef(f"{self.source}/row-{row.number}")
        self.add(p, RDF.type, MG.Passage)
        self.add(p, MG.inDocument, self.source)
        self.add(p, MG.line, Literal(row.number))
        where = f"{self.table.sheet} 시트 {row.number}행" if self.table.sheet else f"{row.number}행"
        self.add(p, MG.locator, Literal(where))
        self.add(p, MG.quote, _text(row.text))
        return p

    def korean(self, name: str, day: str | None, row: int, passage: URIRef) -> Party:
        """The local government ``name`` is on ``day``; kept as written (unresolved) when not certain."""
        key = (name, day)
        if key not in self._resolved:
            found = resolve(name, on=day)
            if found.candidates and not found.ambiguous:
                best = found.candidates[0]
                body = default_index().bodies[best.key]
                last_day = parse_day(day) if day else None
                in_force = last_day is None or body.name_in(last_day) is not None
                self._resolved[key] = (Party(URIRef(best.iri), body.label, True, body.periods[-1].tier,
                                             (best.full_name if day else body.label) if in_force else ""), None)
            else:
                listed = ", ".join(f"{c.full_name} ({c.iri.rsplit('/', 1)[1]}, {c.valid_from or '?'}–"
                                   f"{c.valid_until or ''})" for c in found.candidates)
                why = (f"'{name}' is ambiguous on {day or 'an unknown date'}: {listed}" if found.candidates
                       else f"'{name}' names no Korean local government ({found.note})")
                self._resolved[key] = (None, why)
        party, why = self._resolved[key]
        if party is None:
            self.note(row, f"{why}; kept as written, not resolved: choose the body and correct the draft")
            party = Party(URIRef(f"{ID}org/unresolved-{slug(name)}"), name, True, name_then=name)
            self.add(party.iri, RDF.type, MG.Organisation)
            for label in _labels(name):
                self.add(party.iri, RDFS.label, label)
            self.add(party.iri, SKOS.editorialNote, Literal(why))
        else:
            self.add(party.iri, RDF.type, MG.LocalGovernment)
            self.add(party.iri, RDFS.label, Literal(party.label, lang="ko"))
            self.add(party.iri, MG.tier, URIRef(f"{ID}tier/{party.tier}"))
        self.add(party.iri, MG.statedIn, passage)
        return party

    def foreign(self, city: str, country: str | None, row: int, passage: URIRef) -> Party:
        cslug = country_slug(country) if country else "unknown-country"
        party = Party(URIRef(f"{ID}org/abroad-{cslug}-{slug(city)}"), city, False, name_then=city)
        self.add(party.iri, RDF.type, MG.Organisation)
        for label in _labels(city):
            self.add(party.iri, RDFS.label, label)
        self.add(party.iri, MG.statedIn, passage)
        if country:
            place = URIRef(f"{ID}country/{cslug}")
            self.add(place, RDF.type, SDO.Country)
            for label in _labels(country):
                self.add(place, RDFS.label, label)
            self.add(place, MG.statedIn, passage)
            self.add(party.iri, SDO.location, place)
        else:
            self.note(row, f"'{city}' is not a Korean local government and the table gives no country; "
                           f"recorded as an organisation abroad, country unknown")
        return party

    def partner(self, name: str, country: str | None, day: str | None, row: int, passage: URIRef) -> Party:
        if country:
            if is_korea(country):
                return self.korean(name, day, row, passage)
            return self.foreign(name, country, row, passage)
        first, _, rest = name.partition(" ")
        if rest and (is_korea(first) or country_slug(first) != slug(first)):
            return self.partner(rest, first, day, row, passage)  # "중국 웨이하이시": the country written first
        found = resolve(name, on=day)
        if found.candidates:
            return self.korean(name, day, row, passage)
        return self.foreign(name, None, row, passage)

    def date(self, agreement: URIRef, value, row: int) -> str | None:
        parsed = parse_date(value) if cell_text(value) else None
        if parsed is None:
            instant = URIRef(f"{agreement}-date")
            self.add(instant, RDF.type, MG.UndeterminedInstant)
            self.add(instant, RDF.type, TIME.Instant)
            self.add(agreement, MG.date, instant)
            what = f"'{cell_text(value)}' is not a date" if cell_text(value) else "no date"
            self.note(row, f"{what}; the agreement's date is left undetermined: give the year at least")
            return None
        text, precision = parsed
        instant = URIRef(f"{ID}instant/{text}")
        prop, datatype, unit = _PRECISION[precision]
        self.add(instant, RDF.type, TIME.Instant)
        self.add(instant, RDFS.label, Literal(text))
        self.add(instant, prop, Literal(text, datatype=datatype))
        self.add(instant, TIME.unitType, unit)
        self.add(agreement, MG.date, instant)
        return text

    def kind(self, cells: dict[str, str], row: int) -> URIRef:
        kind = self.layout.kind
        if cells.get("kind"):
            kind = kind_of(cells["kind"]) or "agreement"
            if kind_of(cells["kind"]) is None:
                self.note(row, f"kind '{cells['kind']}' is no known kind of agreement; recorded as kind:agreement")
        elif self.layout.kind_from_note and cells.get("note"):
            kind = kind_of(cells["note"]) or kind
        return URIRef(f"{ID}kind/{kind}")

    def domains(self, agreement: URIRef, text: str, row: int, passage: URIRef) -> None:
        fields, _kinds = _vocabulary()
        position = 0
        for item in (i for i in _SPLIT_FIELDS.split(text) if i):
            notation, themes = fields.get("".join(item.split()), (None, []))
            if not themes:
                self.note(row, f"field '{item}' is no exchange field (scheme:exchange-fields); not listed")
                continue
            if len(themes) > 1:
                self.note(row, f"field '{item}' matches {len(themes)} themes; a domain is listed under each: "
                               f"keep the one the agreement means")
            for theme in themes:
                position += 1
                listed = URIRef(f"{agreement}-domain-{position}")
                self.add(agreement, MG.listsDomain, listed)
                self.add(listed, RDF.type, MG.ListedDomain)
                self.add(listed, RDFS.label, Literal(f"분야 {position}: {item}", lang="ko"))
                self.add(listed, MG.position, Literal(position))
                self.add(listed, MG.domainConcept, theme)
                self.add(listed, MG.wording, _text(item))
                self.add(listed, MG.statedIn, passage)

    def row(self, row: Row, where: dict[str, int], owner_name: str | None) -> None:
        cells = {role: cell_text(row.cells[i]) if i < len(row.cells) else "" for role, i in where.items()}
        raw_date = row.cells[where["date"]] if where["date"] < len(row.cells) else ""
        for role, value in self.layout.constants.items():
            cells.setdefault(role, value)
        if not cells.get("partner"):
            self.note(row.number, "no partner named; row left out")
            return
        owner_name = cells.get("owner") or owner_name
        if not owner_name:
            self.note(row.number, "no Korean body named; row left out")
            return
        passage = self.passage(row)
        agreement = URIRef(f"{ID}agreement/table-{self.dataset}-row-{row.number}")
        day = self.date(agreement, raw_date, row.number)
        owner = self.korean(owner_name, day, row.number, passage)
        partner = self.partner(cells["partner"], cells.get("country"), day, row.number, passage)
        kind = self.kind(cells, row.number)
        kind_label = _vocabulary()[1].get(kind, "협약")
        g = agreement
        self.add(g, RDF.type, MG.Agreement)
        # a party with no name known in force on the date is left out of the label, not named anachronistically
        names = "–".join(p.name_then for p in (owner, partner) if p.name_then) or "협약"
        self.add(g, RDFS.label, Literal(f"{names} {kind_label} ({day or '날짜 미상'})", lang="ko"))
        self.add(g, MG.kind, kind)
        self.add(g, MG.status, URIRef(f"{ID}status/signed"))
        self.add(g, MG.party, owner.iri)
        self.add(g, MG.party, partner.iri)
        self.add(g, MG.statedIn, passage)
        if cells.get("note"):
            self.add(g, SKOS.note, _text(cells["note"]))
        if cells.get("fields"):
            self.domains(g, cells["fields"], row.number, passage)
        if owner.iri == partner.iri:
            self.note(row.number, f"the partner '{cells['partner']}' is the Korean body itself; check the row")


def _header(table: Table, where: str, layout: str | None, mapping: Layout | None):
    """The header row and the layout it fits: the mapping's ``header_row``, else the first fitting row on top."""
    if mapping is not None and mapping.header_row is not None:
        rows = [r for r in table.rows if r.number == mapping.header_row]
        if not rows:
            raise LayoutError(f"{where}: header_row {mapping.header_row} is empty or past the end")
    else:
        rows = list(table.rows[:HEADER_SEARCH])
    first_error = None
    for row in rows:
        header = [cell_text(c) for c in row.cells]
        try:
            chosen, located = choose(header, where, layout, mapping)
            return row, chosen, located
        except LayoutError as exc:
            first_error = first_error or exc
    raise first_error


def _owner_from(table: Table, given: str | None, layout: Layout, where: str, draft: _Draft) -> str | None:
    """The Korean body of a table without an owner column: given, fixed by the mapping, or the file's name."""
    if given or layout.constants.get("owner"):
        return given or layout.constants["owner"]
    if "owner" in layout.columns or "owner" in layout.optional:
        return None
    prefix = re.split(r"[_\s]", table.path.stem, maxsplit=1)[0]
    found = resolve(prefix) if prefix else None
    if found is None or not found.candidates or found.ambiguous:
        raise LayoutError(f"{where}: the layout {layout.name} has no column for the Korean body and the file "
                          f"name does not name one; give it with --owner NAME (e.g. --owner 부산광역시)")
    draft.note(None, f"the Korean body is taken from the file name: '{prefix}' "
                     f"({found.candidates[0].full_name}); give --owner NAME if it is another")
    return prefix


def ingest_table(path: str | Path, layout: str | None = None, mapping: str | Path | None = None, *,
                 owner: str | None = None, sheet: str | None = None) -> tuple[Graph, list[str]]:
    """The draft graph of a sister/friendship-city table, and the notes for the curator (file:row: what).

    ``layout`` names a shipped layout, ``mapping`` a mapping file; with neither the layout is detected from the
    header. ``owner`` is the Korean body of a table that names it in no column. Raises a
    :class:`~mougraph.errors.MougraphError` for a file that cannot be read or fits no layout.
    """
    if layout is not None and mapping is not None:
        raise MougraphError("give a layout name or a mapping file, not both")
    chosen_mapping = load_mapping(mapping) if mapping is not None else None
    path = Path(path)
    where = str(path)
    table = read_table(path, sheet=sheet or (chosen_mapping.sheet if chosen_mapping else None))
    header, chosen, located = _header(table, where, layout, chosen_mapping)
    draft = _Draft(table, chosen, path.name)
    how = "given" if layout or mapping else "detected from the header"
    read = f"{table.encoding}, sheet {table.sheet}" if table.sheet else table.encoding
    draft.note(None, f"read as {read}; layout {chosen.name} ({how}, header on row {header.number})")
    owner_name = _owner_from(table, owner, chosen, where, draft)
    owner_party = None
    if owner_name:
        found = resolve(owner_name)
        if not found.candidates:
            raise LayoutError(f"{where}: the owner '{owner_name}' names no Korean local government "
                              f"({found.note}); give its name as the gazetteer knows it (mougraph resolve NAME)")
        if not found.ambiguous:
            owner_party = Party(URIRef(found.candidates[0].iri), found.candidates[0].full_name, True)
    draft.describe_source(owner_party)
    for row in table.rows:
        if row.number > header.number:
            draft.row(row, located, owner_name)
    return draft.graph, draft.notes
