"""The dataset description: VoID and DCAT (DCAT-AP's mandatory and recommended properties).

:func:`describe` computes it from the graph (triples, entities, classes, properties,
one ``void:classPartition`` per class), with the license, the downloads in every
export format, the SPARQL endpoint and the source documents. Every IRI it mints lies
under the publishing base (its root resource is the ontology, under the ontology's own IRI):

- ``{base}id/dataset``            the ``void:Dataset`` / ``dcat:Dataset``
- ``{base}id/dataset/catalog``    the ``dcat:Catalog`` that lists it
- ``{base}id/dataset/sparql``     the ``dcat:DataService`` of the endpoint ``{base}sparql``
- ``{base}id/dataset/<fmt>``      one ``dcat:Distribution`` per download ``{base}downloads/mougraph.<ext>``

Their titles, descriptions and keywords, in Korean and English, are messages of
:mod:`mougraph.publishing.i18n`.

:func:`check` validates a description with ``shapes/dataset.shacl.ttl`` (shipped in the package).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, VOID, XSD

from mougraph import formats
from mougraph.publishing.i18n import translations
from mougraph.publishing.site import ONTOLOGY_IRI
from mougraph.validation import ValidationResult, validate
from mougraph.vocab import DATA_THEME, FILE_TYPE, FORMATS_NS, LANGUAGE, MG, SD, WD, bind_prefixes

IANA = "http://www.iana.org/assignments/media-types/"

SHAPES_FILE = Path(__file__).parent / "shapes" / "dataset.shacl.ttl"
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
BASENAME = "mougraph"

#: Each export format: media type, EU file type, W3C format name (where one exists), name.
DOWNLOADS: dict[str, tuple[str, str, str | None, str]] = {
    f.name: (f.media_type, f.file_type, f.w3c_name, f.title) for f in map(formats.get, formats.export_formats())
}


def download_path(fmt: str) -> str:
    """Site path of the download in ``fmt``: ``/downloads/mougraph.ttl``."""
    return f"/downloads/{BASENAME}{formats.get(fmt).suffix}"


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def statistics(graph: Graph, id_base: str) -> dict:
    """Counts for VoID: triples, entities, subjects, objects, properties, classes and instances per class."""
    # one pass over the triples (each pass makes every term anew: four of them took five seconds on 100,000)
    subjects, predicates, objects, classes = set(), set(), set(), Counter()
    for s, p, o in graph:
        subjects.add(s)
        predicates.add(p)
        objects.add(o)
        if p == RDF.type and isinstance(o, URIRef):
            classes[o] += 1
    return {
        "triples": len(graph),
        "entities": sum(1 for s in subjects if isinstance(s, URIRef) and str(s).startswith(id_base)),
        "distinctSubjects": len(subjects),
        "distinctObjects": len(objects),
        "properties": len(predicates),
        "classes": classes,
        "vocabularies": sorted({_namespace(str(p)) for p in predicates} | {_namespace(str(c)) for c in classes}),
    }


def describe(graph: Graph, *, base: str, byte_sizes: dict[str, int] | None = None,
             example: URIRef | None = None) -> Graph:
    """The VoID + DCAT description of ``graph`` published under ``base``."""
    if not base.endswith("/"):
        base += "/"
    id_base = base + "id/"
    stats = statistics(graph, id_base)
    d = Graph(bind_namespaces="core")
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("sd", SD),
                       ("formats", FORMATS_NS), ("filetype", FILE_TYPE), ("mg", MG)):
        d.bind(prefix, ns)
    dataset = URIRef(id_base + "dataset")
    catalog = URIRef(id_base + "dataset/catalog")
    service = URIRef(id_base + "dataset/sparql")
    publisher = URIRef(id_base + "dataset/publisher")
    endpoint = URIRef(base + "sparql")
    license_ = next((o for o in graph.objects(ONTOLOGY_IRI, DCTERMS.license)), LICENSE)

    def titled(node, title: dict, description: dict | None = None):
        for lang, text in title.items():
            d.add((node, DCTERMS.title, Literal(text, lang=lang)))
            d.add((node, RDFS.label, Literal(text, lang=lang)))
        for lang, text in (description or {}).items():
            d.add((node, DCTERMS.description, Literal(text, lang=lang)))

    d.add((publisher, RDF.type, FOAF.Agent))
    d.add((publisher, FOAF.name, Literal("mougraph contributors")))
    d.add((publisher, RDFS.label, Literal("mougraph contributors")))

    d.add((catalog, RDF.type, DCAT.Catalog))
    titled(catalog, translations("catalogue_title"), translations("catalogue_description"))
    d.add((catalog, DCTERMS.publisher, publisher))
    d.add((catalog, DCTERMS.license, license_))
    d.add((catalog, DCAT.dataset, dataset))
    d.add((catalog, DCAT.service, service))
    d.add((catalog, FOAF.homepage, URIRef(base)))

    d.add((dataset, RDF.type, VOID.Dataset))
    d.add((dataset, RDF.type, DCAT.Dataset))
    titled(dataset, translations("dataset_title"), translations("dataset_description"))
    d.add((dataset, DCTERMS.publisher, publisher))
    d.add((dataset, DCTERMS.license, license_))
    d.add((dataset, DCAT.landingPage, URIRef(base)))
    d.add((dataset, FOAF.homepage, URIRef(base)))
    d.add((dataset, DCAT.theme, DATA_THEME.GOVE))
    d.add((dataset, DCTERMS.spatial, WD.Q884))
    for code in ("KOR", "ENG"):
        d.add((dataset, DCTERMS.language, LANGUAGE[code]))
    for lang, words in translations("dataset_keywords").items():
        for word in words.split(", "):
            d.add((dataset, DCAT.keyword, Literal(word, lang=lang)))
    for source in sorted(graph.subjects(RDF.type, MG.SourceDocument)) + sorted(
            s for c in (MG.PressRelease, MG.NewsArticle) for s in graph.subjects(RDF.type, c)):
        d.add((dataset, DCTERMS.source, source))
    d.add((dataset, VOID.uriSpace, Literal(id_base)))
    d.add((dataset, VOID.sparqlEndpoint, endpoint))
    d.add((dataset, VOID.rootResource, ONTOLOGY_IRI))  # its own IRI under any base: see site.rebase
    if example is not None:
        d.add((dataset, VOID.exampleResource, example))
    d.add((dataset, VOID.triples, Literal(stats["triples"], datatype=XSD.integer)))
    d.add((dataset, VOID.entities, Literal(stats["entities"], datatype=XSD.integer)))
    d.add((dataset, VOID.distinctSubjects, Literal(stats["distinctSubjects"], datatype=XSD.integer)))
    d.add((dataset, VOID.distinctObjects, Literal(stats["distinctObjects"], datatype=XSD.integer)))
    d.add((dataset, VOID.properties, Literal(stats["properties"], datatype=XSD.integer)))
    d.add((dataset, VOID.classes, Literal(len(stats["classes"]), datatype=XSD.integer)))
    for ns in stats["vocabularies"]:
        d.add((dataset, VOID.vocabulary, URIRef(ns)))
    for cls, count in sorted(stats["classes"].items()):
        part = BNode("class-" + hashlib.sha1(str(cls).encode()).hexdigest()[:12])
        d.add((dataset, VOID.classPartition, part))
        d.add((part, VOID["class"], cls))
        d.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))

    for fmt, (media, file_type, w3c, name) in DOWNLOADS.items():
        dist = URIRef(f"{id_base}dataset/{fmt}")
        url = URIRef(base + download_path(fmt).lstrip("/"))
        d.add((dataset, DCAT.distribution, dist))
        d.add((dataset, VOID.dataDump, url))
        d.add((dist, RDF.type, DCAT.Distribution))
        titled(dist, translations("download_title", format=name))
        d.add((dist, DCAT.accessURL, url))
        d.add((dist, DCAT.downloadURL, url))
        d.add((dist, DCAT.mediaType, URIRef(IANA + media)))
        d.add((dist, DCTERMS.format, FILE_TYPE[file_type]))
        d.add((dist, DCTERMS.license, license_))
        if w3c:
            d.add((dataset, VOID.feature, FORMATS_NS[w3c]))
        if byte_sizes and fmt in byte_sizes:
            d.add((dist, DCAT.byteSize, Literal(byte_sizes[fmt], datatype=XSD.nonNegativeInteger)))

    d.add((service, RDF.type, DCAT.DataService))
    d.add((service, RDF.type, SD.Service))
    titled(service, translations("data_service_title"), translations("data_service_description"))
    d.add((service, DCAT.endpointURL, endpoint))
    d.add((service, SD.endpoint, endpoint))
    d.add((service, DCAT.servesDataset, dataset))
    d.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    d.add((service, DCTERMS.license, license_))
    d.add((service, DCTERMS.publisher, publisher))
    d.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    d.add((dataset, DCAT.distribution, URIRef(f"{id_base}dataset/sparql-access")))
    access = URIRef(f"{id_base}dataset/sparql-access")
    d.add((access, RDF.type, DCAT.Distribution))
    titled(access, translations("sparql_access_title"))
    d.add((access, DCAT.accessURL, endpoint))
    d.add((access, DCAT.accessService, service))
    d.add((access, DCTERMS.license, license_))
    return bind_prefixes(d)


def load_description_shapes() -> Graph:
    shapes = Graph()
    shapes.parse(SHAPES_FILE, format="turtle")
    return shapes


def check(description: Graph) -> ValidationResult:
    """Validate a dataset description against the shipped DCAT/VoID shapes."""
    return validate(description, shapes_graph=load_description_shapes(), ont_graph=Graph())
