"""Every format mougraph reads or writes, in one registry: RDF, SPARQL query results, text tables, HTML pages.

A :class:`Format` holds mougraph's name for it, its aliases, file extensions and media types, and the names
rdflib and pyoxigraph know it by. Where pyoxigraph has the format (``pyoxigraph.RdfFormat``,
``pyoxigraph.QueryResultsFormat``), its media type, file extension, title and W3C IRI are read from there;
the registry adds only what pyoxigraph does not hold. Loaders, exporters, query output, the web server's
content negotiation and the command line's ``-f`` choices all take their tables from the views below.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from mougraph.errors import MougraphError

_CHARSET = "; charset=utf-8"


@dataclass(frozen=True)
class Format:
    """One format. ``extensions`` and ``media_types`` start with the ones mougraph writes."""

    name: str
    kind: str  #: ``rdf``, ``results`` (SPARQL SELECT/ASK results), ``text`` (a table for people), ``page`` (HTML)
    extensions: tuple[str, ...] = ()  #: without the dot
    media_types: tuple[str, ...] = ()  #: without parameters
    aliases: tuple[str, ...] = ()
    oxigraph: ox.RdfFormat | ox.QueryResultsFormat | None = None
    parser: str | None = None  #: rdflib's parser (RDF) of the format
    serializer: str | None = None  #: rdflib's serialiser (RDF, query results) mougraph would use
    #: read by pyoxigraph into the Oxigraph store; RDF/XML, JSON-LD and N3 are read by rdflib, whose readings
    #: (XML literals, JSON-LD contexts, formulae) pyoxigraph does not share exactly
    loaded_by_oxigraph: bool = False
    named_graphs: bool = False  #: mougraph writes its triples in named graphs (quads)
    cli: bool = True  #: offered by a command's ``-f`` (``export`` for RDF, ``query`` for the others)
    file_type: str | None = None  #: code in the EU file-type authority table (DCAT distributions)

    @property
    def suffix(self) -> str:
        """The file extension mougraph writes, with its dot."""
        return "." + self.extensions[0]

    @property
    def media_type(self) -> str:
        """The media type mougraph writes."""
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        """``Content-Type`` of a response: the media type, with the charset of a ``text/`` type."""
        return self.media_type + (_CHARSET if self.media_type.startswith("text/") else "")

    @property
    def title(self) -> str:
        """The format's name for people: pyoxigraph's (``RDF/XML``), else mougraph's."""
        return self.oxigraph.name if self.oxigraph is not None else self.name

    @property
    def w3c_name(self) -> str | None:
        """Its name in the W3C format namespace ``http://www.w3.org/ns/formats/`` (``RDF_XML``)."""
        return self.oxigraph.iri.rsplit("/", 1)[-1] if self.oxigraph is not None else None


def _with(oxigraph, name: str, kind: str, *, extensions=(), media_types=(), **fields) -> Format:
    """A format pyoxigraph knows: its extension and media type first, then ``extensions`` and ``media_types``."""
    return Format(name, kind, (oxigraph.file_extension, *extensions),
                  (oxigraph.media_type.split(";")[0].strip(), *media_types), oxigraph=oxigraph, **fields)


_R, _Q = ox.RdfFormat, ox.QueryResultsFormat

#: The registry, in the order the command line lists the formats.
FORMATS: tuple[Format, ...] = (
    _with(_R.TURTLE, "ttl", "rdf", media_types=("application/x-turtle",), aliases=("turtle", "longturtle"),
          parser="turtle", serializer="longturtle", loaded_by_oxigraph=True, file_type="RDF_TURTLE"),
    _with(_R.N_TRIPLES, "nt", "rdf", media_types=("text/plain",), aliases=("ntriples", "n-triples"),
          parser="nt", serializer="nt", loaded_by_oxigraph=True, file_type="RDF_N_TRIPLES"),
    _with(_R.N_QUADS, "nq", "rdf", aliases=("nquads", "n-quads"), parser="nquads", serializer="nquads",
          loaded_by_oxigraph=True, named_graphs=True, file_type="RDF_N_QUADS"),
    _with(_R.TRIG, "trig", "rdf", parser="trig", serializer="trig", loaded_by_oxigraph=True, named_graphs=True,
          file_type="RDF_TRIG"),
    _with(_R.JSON_LD, "jsonld", "rdf", extensions=("json",), media_types=("application/json",),
          aliases=("json-ld",), parser="json-ld", serializer="json-ld", file_type="JSON_LD"),
    _with(_R.RDF_XML, "xml", "rdf", extensions=("owl", "xml"), aliases=("rdf", "rdfxml", "rdf/xml", "owl"),
          parser="xml", serializer="xml", file_type="RDF_XML"),
    # read, never written
    _with(_R.N3, "n3", "rdf", parser="n3", cli=False),
    Format("trix", "rdf", extensions=("trix",), parser="trix", cli=False),
    # SELECT and ASK results: a table for people first, then the SPARQL result formats
    Format("table", "text", extensions=("txt",), media_types=("text/plain",), aliases=("text", "human")),
    _with(_Q.CSV, "csv", "results", serializer="csv"),
    _with(_Q.TSV, "tsv", "results"),
    _with(_Q.JSON, "json", "results", extensions=("json",), media_types=("application/json",), serializer="json"),
    _with(_Q.XML, "srx", "results", media_types=("application/xml", "text/xml"), serializer="xml", cli=False),
    Format("html", "page", extensions=("html",), media_types=("text/html", "application/xhtml+xml"), cli=False),
    # reports for people beside the table: Markdown (a validation report in a pull request)
    Format("md", "text", extensions=("md",), media_types=("text/markdown",), aliases=("markdown",), cli=False),
)
_BY_NAME = {f.name: f for f in FORMATS}


def get(name: str) -> Format:
    """The format named ``name`` (mougraph's name, not an alias)."""
    return _BY_NAME[name]


def export_formats() -> tuple[str, ...]:
    """What ``mougraph export`` writes: ttl nt nq trig jsonld xml."""
    return tuple(f.name for f in FORMATS if f.kind == "rdf" and f.cli)


def export_choices() -> list[str]:
    """``-f`` of ``mougraph export``: the export formats, then their aliases in alphabetical order."""
    return [*export_formats(), *sorted(aliases(export_formats()))]


def graph_formats() -> tuple[str, ...]:
    """The exported formats of one graph, without named graphs (the results of CONSTRUCT and DESCRIBE)."""
    return tuple(name for name in export_formats() if not get(name).named_graphs)


def table_formats() -> tuple[str, ...]:
    """What ``mougraph query`` writes for SELECT and ASK: table csv tsv json."""
    return tuple(f.name for f in FORMATS if f.kind in ("text", "results") and f.cli)


#: ``-f`` of ``mougraph conflicts``: a table for people, the report's own JSON, its graph in Turtle.
REPORT_FORMATS = ("table", "json", "ttl")
#: ``-f`` of ``mougraph validate``: the table, the ``sh:ValidationReport`` graph (Turtle, JSON-LD), the results
#: as JSON, CSV or TSV rows, and pages for people (HTML, Markdown). ``json`` before ``jsonld``: ``.json`` is JSON.
VALIDATION_FORMATS = ("table", "ttl", "json", "jsonld", "csv", "tsv", "html", "md")
#: ``-f`` of ``mougraph reason``.
REASONER_FORMATS = ("table", "json")
#: ``-f`` of ``mougraph resolve``.
RESOLVE_FORMATS = ("table", "json", "csv", "tsv")
#: What `mougraph ingest` writes: the draft graph (Turtle), or with ``--score`` the scores.
INGEST_FORMATS = ("ttl", "table", "json")
#: What ``mougraph ingest --score`` writes: the scores per kind of fact and the differences.
SCORE_FORMATS = ("table", "json")
#: What ``-`` (stdin) may be read as, by ``--input-format``: every RDF format mougraph reads.
INPUT_FORMATS = tuple(f.name for f in FORMATS if f.kind == "rdf")


def aliases(names) -> dict[str, str]:
    """Alias -> name, for the formats ``names``."""
    return {alias: name for name in names for alias in get(name).aliases}


def extensions(names) -> dict[str, str]:
    """File extension (``.ttl``) -> name, for the formats ``names``; an extension goes to the format whose own
    extension it is (``.json``: ``json`` before ``jsonld``), else to the first of ``names`` that has it."""
    found: dict[str, str] = {}
    for name in names:
        found.setdefault(get(name).suffix, name)
    for name in names:
        for ext in get(name).extensions:
            found.setdefault("." + ext, name)
    return found


def suffixes(names) -> dict[str, str]:
    """Name -> the file extension written (``xml`` -> ``.rdf``), for the formats ``names``."""
    return {name: get(name).suffix for name in names}


def normalize(name: str, names) -> str | None:
    """``name`` (any case, or an alias) as one of ``names``; None if it is none of them."""
    name = name.lower()
    name = aliases(names).get(name, name)
    return name if name in names else None


# --- reading -------------------------------------------------------------------------------------------

def read_suffixes() -> tuple[str, ...]:
    """The file extensions read from a folder of data: those of the exported formats."""
    return tuple(extensions(export_formats()))


def parser_for(path: str | Path) -> str | None:
    """rdflib's parser for the file ``path``, by its extension (any case); None for an unknown extension."""
    ext = Path(path).suffix.lower()[1:]
    return next((f.parser for f in FORMATS if f.parser and ext in f.extensions), None)


def oxigraph_loads() -> dict[str, ox.RdfFormat]:
    """rdflib parser name -> pyoxigraph format, for the formats pyoxigraph loads."""
    return {f.parser: f.oxigraph for f in FORMATS if f.loaded_by_oxigraph}


def oxigraph_parsers() -> dict[str, ox.RdfFormat]:
    """rdflib parser name -> pyoxigraph format, for every RDF format pyoxigraph parses (N3 aside: a superset of RDF),
    whoever loads it: the strict syntax check of :mod:`mougraph.store.strict` reads them all."""
    return {f.parser: f.oxigraph for f in FORMATS
            if f.kind == "rdf" and isinstance(f.oxigraph, ox.RdfFormat) and f.parser != "n3"}


# --- media types -----------------------------------------------------------------------------------------

def content_types() -> dict[str, str]:
    """Name -> ``Content-Type`` written, for every format with a media type."""
    return {f.name: f.content_type for f in FORMATS if f.media_types}


def media_offers(*names: str) -> dict[str, str]:
    """Media type -> name, to negotiate between the formats ``names``: their own media types in that order
    (the first is what a client that accepts anything gets), then the other media types clients send for
    them, in alphabetical order."""
    own = {get(name).media_type: name for name in names}
    others = sorted((media, name) for name in names for media in get(name).media_types[1:])
    return {**own, **{media: name for media, name in others if media not in own}}


# --- export ---------------------------------------------------------------------------------------------

def choose(fmt: str | None, out: str | Path | None, names, *, default: str | None = None,
           what: str = "output") -> str:
    """The format of ``names`` that ``fmt`` names (a name or an alias, any case), else the one of the extension
    of the file ``out`` (``-``, stdout, has none), else ``default``: the rule of every command's ``-f`` and ``-o``.

    An unknown name or extension is an error that lists what would do.
    """
    names = tuple(names)
    if fmt:
        name = normalize(fmt, names)
        if name is None:
            raise MougraphError(f"unknown {what} format '{fmt}'; use one of {', '.join(names)}")
        return name
    if out is not None and str(out) != "-":
        suffix = Path(out).suffix.lower()
        found = extensions(names).get(suffix)
        if found is not None:
            return found
        known = ", ".join(extensions(names))
        raise MougraphError(f"{out}: cannot tell the format from the extension '{suffix}'; "
                            f"name the file with one of {known}, or give -f {'|'.join(names)}")
    if default is not None:
        return default
    raise MougraphError(f"no {what} format; give -f {'|'.join(names)} or an output file name")


def export_format(fmt: str | None, out: str | Path | None = None) -> str:
    """The export format named ``fmt`` (or an alias), or else the one of the extension of ``out``."""
    return choose(fmt, out, export_formats(), what="export")
