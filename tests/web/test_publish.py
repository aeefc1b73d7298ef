"""`mougraph publish`: a static site whose links all resolve, with a conforming VoID/DCAT description."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from mougraph import MougraphError
from mougraph.export import SUFFIXES
from mougraph.publishing.describe import VOID, check, describe
from mougraph.publishing.publish import target_file
from tests.support.cli import invoke

MG = Namespace("https://w3id.org/mougraph/ontology#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
BASE = "https://w3id.org/mougraph/"


class Links(HTMLParser):
    """Collects href/src values and element ids of one page (inline SVG included)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "xlink:href") and value is not None:
                self.links.append(value)
            elif name == "id" and value:
                self.ids.add(value)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(web_home, tmp_path_factory):
    out = tmp_path_factory.mktemp("published") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOUGRAPH_HOME", str(web_home))
        result = invoke("publish", "-o", out)
    assert result.exit_code == 0, result.output
    assert "publish OK" in result.output
    return out


@pytest.mark.slow
def test_every_link_of_the_site_resolves(site):
    pages = sorted(site.rglob("*.html")) + sorted((site / "pictures").glob("*.svg"))
    assert len(pages) > 400
    root = site.resolve()
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    checked = 0
    for page in pages:
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//") or link.startswith("mailto:"):
                continue  # external: the IRIs of other datasets, the public endpoint
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if not target.is_relative_to(root):
                broken.append((page.relative_to(site), link, "leaves the site"))
                continue
            if not target.is_file():
                broken.append((page.relative_to(site), link, "no such file"))
                continue
            checked += 1
            ontology_doc = target.parent.name == "ontology" and target.suffix == ".html"
            if parts.fragment and target.suffix == ".html" and (not ontology_doc or page.parent != target.parent):
                if target not in ids_cache:
                    ids_cache[target] = parse(target).ids
                if unquote(parts.fragment) not in ids_cache[target]:
                    broken.append((page.relative_to(site), link, "no such anchor"))
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:10]}"
    assert checked > 5000


@pytest.mark.slow
def test_site_layout(site):
    for path in ("index.html", "index.en.html", "query.html", "query.en.html", "404.html",
                 "id/org/seoul/index.html", "id/org/seoul/index.en.html", "id/org/seoul/index.ttl",
                 "id/org/seoul/index.jsonld", "id/org/seoul/index.nt", "ontology/index.html",
                 "ontology/index.en.html", "ontology/index.ttl", "ontology/context.jsonld", ".well-known/void",
                 "static/mougraph.css", "static/query.js", "static/yasgui/yasgui.min.js",
                 "pictures/network.svg", "pictures/timeline.en.svg"):
        assert (site / path).is_file(), path
    for suffix in SUFFIXES.values():
        assert (site / "downloads" / f"mougraph{suffix}").stat().st_size > 1000
    seoul = Graph().parse(site / "id/org/seoul/index.ttl", format="turtle")
    assert (URIRef(BASE + "id/org/seoul"), RDFS.label, Literal("서울특별시", lang="ko")) in seoul
    json.loads((site / "ontology/context.jsonld").read_text())
    for svg in (site / "pictures").glob("*.svg"):
        ET.parse(svg)  # well-formed
    # what a static host needs to negotiate: Apache's .htaccess and an nginx snippet
    htaccess = (site / ".htaccess").read_text()
    assert "RewriteRule ^(id/.+?)/?$ $1/index.ttl [R=303,L]" in htaccess and "AddType text/turtle .ttl" in htaccess
    assert "return 303 /mougraph/id/$1/$mougraph_doc;" in (site / "nginx-mougraph.conf").read_text()
    for path in ("id/index.html", "id/org/index.en.html", "search.html", "search-index.js", "id/org/seoul/index.rdf"):
        assert (site / path).is_file(), path


@pytest.mark.slow
def test_pages_show_agreements_with_sources_in_both_languages(site):
    ko = (site / "id/agreement/seoul-sejong-2023/index.html").read_text()
    en = (site / "id/agreement/seoul-sejong-2023/index.en.html").read_text()
    assert '<html lang="ko">' in ko and '<html lang="en">' in en
    for page, words in ((ko, ["당사자", "협력 분야", "약속", "협약식", "서명", "계승 관계", "출처", "세종특별자치시"]),
                        (en, ["Parties", "Cooperation domains", "Commitments", "Signing ceremony", "Signatures",
                              "Lineage", "Sources", "Sejong"])):
        for word in words:
            assert word in page, word
    # a source passage is quoted, with its document and line
    assert "한글사랑 세종책문화센터" in ko and 'id="source-1"' in ko
    assert "seoul-sejong-2016/index.en.html" in en  # the lineage links to the earlier agreement


@pytest.mark.slow
def test_home_has_the_two_pictures_linking_to_agreements(site):
    for name in ("index.html", "index.en.html"):
        home = (site / name).read_text()
        assert home.count("<svg") == 2
        assert 'class="edge"' in home and 'class="agreement"' in home
        assert 'href="id/agreement/seoul-sejong-2023/' in home
        assert 'href="id/org/daejeon/' in home
    assert "서울특별시" in (site / "index.html").read_text()
    assert ">Seoul<" in (site / "index.en.html").read_text()


@pytest.mark.slow
def test_description_conforms_and_counts_the_graph(site, in_web_home):
    from mougraph import load_all

    graph = load_all()
    description = Graph().parse(site / ".well-known/void", format="turtle")
    result = check(description)
    assert result.conforms, [r.message("en") for r in result.results]
    dataset = URIRef(BASE + "id/dataset")
    assert (dataset, RDF.type, VOID.Dataset) in description and (dataset, RDF.type, DCAT.Dataset) in description
    assert int(description.value(dataset, VOID.triples)) == len(graph)
    assert description.value(dataset, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert description.value(dataset, VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    partitions = {description.value(p, VOID["class"]): int(description.value(p, VOID.entities))
                  for p in description.objects(dataset, VOID.classPartition)}
    assert partitions[MG.Agreement] == len(set(graph.subjects(RDF.type, MG.Agreement)))
    downloads = list(description.objects(dataset, VOID.dataDump))
    assert len(downloads) == len(SUFFIXES)
    for url in downloads:  # every download the description names is in the site, at its stated size
        local = site / str(url)[len(BASE):]
        assert local.is_file(), url
        dist = next(description.subjects(DCAT.downloadURL, url))
        assert int(description.value(dist, DCAT.byteSize)) == local.stat().st_size


def test_incomplete_description_does_not_conform(in_web_home):
    from mougraph import load_all

    description = describe(load_all(), base=BASE)
    assert check(description).conforms
    description.remove((None, DCTERMS.license, None))
    description.remove((URIRef(BASE + "id/dataset"), VOID.triples, None))
    result = check(description)
    assert not result.conforms
    messages = " ".join(r.message("en") for r in result.results)
    assert "license" in messages and "triples" in messages


def test_base_iri_is_configurable():
    g = Graph()
    g.add((URIRef("https://data.example.org/kg/id/thing/a"), RDFS.label, Literal("a", lang="en")))
    g.add((URIRef(BASE + "ontology"), RDF.type, URIRef("http://www.w3.org/2002/07/owl#Ontology")))
    description = describe(g, base="https://data.example.org/kg/")
    assert check(description).conforms
    urls = {str(o) for o in description.objects(None, DCAT.downloadURL)}
    assert urls and all(u.startswith("https://data.example.org/kg/downloads/") for u in urls)
    assert str(description.value(URIRef("https://data.example.org/kg/id/dataset"), VOID.uriSpace)) == \
        "https://data.example.org/kg/id/"
    from mougraph.publishing.site import Site

    site = Site(g, base="https://data.example.org/kg/")
    assert site.resources == {"/id/thing/a": URIRef("https://data.example.org/kg/id/thing/a")}
    # the ontology keeps its own IRI under any base (only the data moves): its terms link to this site's page
    assert site.document(MG.Agreement) == "/ontology/index.html#Agreement"
    assert site.document("https://data.example.org/kg/ontology#Thing") is None
    assert description.value(URIRef("https://data.example.org/kg/id/dataset"), VOID.rootResource) == \
        URIRef(BASE + "ontology")


def test_publish_never_writes_outside_the_folder(tmp_path):
    out = tmp_path / "site"
    assert target_file(out, "/id/org/seoul/index.html") == (out / "id/org/seoul/index.html").resolve()
    for bad in ("/../escape.html", "/id/../../escape.html", "/"):
        with pytest.raises(MougraphError):
            target_file(out, bad)


def test_publish_rejects_a_file_as_folder(run_cli, in_web_home, tmp_path):
    afile = tmp_path / "file.txt"
    afile.write_text("x")
    result = run_cli("publish", "-o", afile)
    assert result.exit_code == 2 and "is a file" in result.output
    result = run_cli("publish", "-o", tmp_path / "x", "--base-iri", "ftp://example.org/")
    assert result.exit_code == 2 and "base-iri" in result.output
