"""Every resource IRI dereferences with content negotiation; unknown IRIs and escapes get 404."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mougraph.publishing.negotiation import RESOURCE_TYPES, best_format, best_language
from mougraph.publishing.site import Site, rel, safe_path

MG = Namespace("https://w3id.org/mougraph/ontology#")
SEOUL = URIRef("https://w3id.org/mougraph/id/org/seoul")
AGREEMENT = "/id/agreement/seoul-sejong-2023"
RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
             "application/rdf+xml": "xml"}
DOC_OF = {"text/turtle": "index.ttl", "application/ld+json": "index.jsonld", "application/n-triples": "index.nt",
          "application/rdf+xml": "index.rdf"}
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VOID = Namespace("http://rdfs.org/ns/void#")


@pytest.fixture
def client(server):
    """A client that follows redirects, as browsers and RDF libraries do (a thing's IRI answers 303)."""
    import httpx

    with httpx.Client(base_url=server.url, timeout=60, follow_redirects=True) as c:
        yield c


def media(response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


@pytest.mark.parametrize("accept", list(RDF_TYPES))
def test_resource_as_rdf(client, accept):
    r = client.get("/id/org/seoul", headers={"Accept": accept})
    assert r.status_code == 200
    assert media(r) == accept
    assert "Accept" in r.history[0].headers["vary"]
    g = Graph().parse(data=r.content, format=RDF_TYPES[accept])
    assert (SEOUL, RDFS.label, Literal("서울특별시", lang="ko")) in g
    assert (SEOUL, RDF.type, MG.LocalGovernment) in g
    # incoming links too: the agreements that have Seoul as a party
    assert (URIRef("https://w3id.org/mougraph" + AGREEMENT), MG.party, SEOUL) in g
    # reached by 303 See Other from the thing to the document about it, which says what it is about
    assert [h.status_code for h in r.history] == [303]
    assert str(r.url).endswith("/id/org/seoul/" + DOC_OF[accept])
    doc = URIRef("https://w3id.org/mougraph/id/org/seoul/" + DOC_OF[accept])
    assert (doc, FOAF.primaryTopic, SEOUL) in g
    assert (doc, VOID.inDataset, URIRef("https://w3id.org/mougraph/id/dataset")) in g
    cc_by = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert (doc, URIRef("http://purl.org/dc/terms/license"), cc_by) in g


@pytest.mark.parametrize("accept, language, expected", [
    ("text/turtle", None, "index.ttl"), ("application/rdf+xml", None, "index.rdf"),
    ("application/n-triples", None, "index.nt"), ("application/ld+json", None, "index.jsonld"),
    ("text/html", None, "index.html"), ("text/html", "en", "index.en.html"), ("*/*", "ko", "index.html"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "en-GB,en;q=0.9", "index.en.html"),
])
def test_a_thing_answers_303_see_other_to_its_document(server, accept, language, expected):
    import httpx

    headers = {"Accept": accept, **({"Accept-Language": language} if language else {})}
    r = httpx.get(server.url + "/id/org/seoul", headers=headers, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/id/org/seoul/" + expected
    assert "Accept" in r.headers["vary"] and "Accept-Language" in r.headers["vary"]
    link = r.headers["link"]
    assert '</id/org/seoul/index.en.html>; rel="alternate"; type="text/html"; hreflang="en"' in link
    assert '</id/org/seoul/index.rdf>; rel="alternate"; type="application/rdf+xml"' in link


def test_documents_carry_validators_and_caching_headers(server):
    import httpx

    for path in ("/id/org/seoul/index.ttl", "/id/org/seoul/index.en.html", "/index.html", "/downloads/mougraph.nt"):
        r = httpx.get(server.url + path)
        assert r.status_code == 200, path
        assert r.headers["etag"].startswith('"') and r.headers["last-modified"].endswith("GMT"), path
        assert "max-age=" in r.headers["cache-control"], path
        again = httpx.get(server.url + path, headers={"If-None-Match": r.headers["etag"]})
        assert again.status_code == 304 and again.content == b"", path
        changed = httpx.get(server.url + path, headers={"If-None-Match": '"something-else"'})
        assert changed.status_code == 200 and changed.content == r.content, path
    page = httpx.get(server.url + "/id/org/seoul/index.en.html")
    assert page.headers["content-language"] == "en" and 'hreflang="ko"' in page.headers["link"]


def test_index_pages_list_each_kind(client):
    r = client.get("/id/org/", headers={"Accept-Language": "en"})
    assert r.status_code == 200 and media(r) == "text/html" and "Seoul" in r.text
    assert 'href="seoul/index.en.html"' in r.text
    everything = client.get("/id/index.html")
    assert everything.status_code == 200 and 'href="org/index.html"' in everything.text
    assert client.get("/id/nothing-here/").status_code == 404


@pytest.mark.parametrize("accept", [
    "text/html", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "*/*"])
def test_resource_as_html_for_browsers(client, accept):
    r = client.get(AGREEMENT, headers={"Accept": accept})
    assert r.status_code == 200 and media(r) == "text/html"
    assert '<html lang="ko">' in r.text
    assert "서울특별시-세종특별자치시 교류강화 업무협약" in r.text
    assert "content-security-policy" in r.headers


def test_html_language_from_accept_language_or_parameter(client):
    by_header = client.get(AGREEMENT, headers={"Accept": "text/html", "Accept-Language": "en-GB,en;q=0.9"})
    by_param = client.get(AGREEMENT + "?lang=en", headers={"Accept": "text/html"})
    for r in (by_header, by_param):
        assert r.status_code == 200 and '<html lang="en">' in r.text
        assert "Seoul–Sejong exchange-strengthening MOU (2023)" in r.text
    korean = client.get(AGREEMENT, headers={"Accept": "text/html", "Accept-Language": "ko-KR"})
    assert '<html lang="ko">' in korean.text and "Seoul–Sejong exchange-strengthening MOU (2023)" not in korean.text


@pytest.mark.parametrize("doc, expected", [
    ("index.html", "text/html"), ("index.en.html", "text/html"), ("index.ttl", "text/turtle"),
    ("index.jsonld", "application/ld+json"), ("index.nt", "application/n-triples"),
    ("index.rdf", "application/rdf+xml"),
])
def test_each_document_of_a_resource_has_its_own_path(client, doc, expected):
    r = client.get(f"/id/org/seoul/{doc}")
    assert r.status_code == 200 and media(r) == expected


def test_every_resource_dereferences(client, server):
    from mougraph.publishing.site import DEFAULT_BASE

    r = client.get("/downloads/mougraph.nt")
    assert r.status_code == 200 and media(r) == "application/n-triples"
    g = Graph().parse(data=r.content, format="nt")
    subjects = sorted({str(s) for s in g.subjects() if str(s).startswith(DEFAULT_BASE + "id/")})
    assert len(subjects) > 100
    for iri in subjects:
        path = iri[len(DEFAULT_BASE) - 1:]
        answer = client.get(path, headers={"Accept": "application/n-triples"})
        assert answer.status_code == 200, iri
        assert f"<{iri}>" in answer.text


def test_ontology_dereferences(client):
    r = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and media(r) == "text/turtle"
    g = Graph().parse(data=r.content, format="turtle")
    assert (URIRef("https://w3id.org/mougraph/ontology"), RDF.type, OWL.Ontology) in g
    assert (MG.Agreement, RDF.type, OWL.Class) in g
    html = client.get("/ontology", headers={"Accept": "text/html", "Accept-Language": "en"})
    assert html.status_code == 200 and media(html) == "text/html"
    assert 'id="Agreement"' in html.text
    context = client.get("/ontology/context.jsonld")
    assert context.status_code == 200 and "@context" in context.json()


@pytest.mark.parametrize("accept", ["text/html", "text/turtle", "application/ld+json", "application/n-triples", "*/*"])
def test_unknown_iri_gets_404(client, accept):
    r = client.get("/id/org/atlantis", headers={"Accept": accept})
    assert r.status_code == 404
    if accept == "text/html":
        assert media(r) == "text/html"


def test_unacceptable_media_type_gets_406(client):
    assert client.get("/id/org/seoul", headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fapp.py",
    "/id/../../../etc/passwd", "/id/%2e%2e/%2e%2e/etc/passwd", "/../pyproject.toml", "/downloads/../../README.md",
    "/ontology/../../ontology/mougraph.owl.ttl", "/static/yasgui/../../web/app.py",
])
def test_paths_cannot_leave_the_site(server, path):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", path)  # sent as is, not normalised by the client
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status in (400, 404), path
    assert b"root:" not in body and b"import " not in body and b"owl:Ontology" not in body


@pytest.mark.parametrize("path", ["/", "/id/agreement/seoul-sejong-2023", "/id/org/seoul/index.en.html", "/query.html",
                                  "/ontology", "/ontology/index.en.html"])
def test_links_of_served_pages_resolve(client, path):
    """Pages served by content negotiation sit at the IRI's path; their relative links still resolve."""
    from html.parser import HTMLParser
    from urllib.parse import urljoin, urlsplit

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links = set()

        def handle_starttag(self, tag, attrs):
            self.links.update(v for k, v in attrs if k in ("href", "src") and v)

    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200
    parser = Links()
    parser.feed(page.text)
    local = {urlsplit(urljoin(str(page.url), link))._replace(fragment="").geturl() for link in parser.links
             if not urlsplit(link).scheme}
    assert len(local) >= 5
    for url in sorted(local):
        assert client.get(url).status_code == 200, (path, url)


def test_home_page_in_both_languages(client):
    ko = client.get("/", headers={"Accept-Language": "ko"})
    en = client.get("/index.en.html")
    assert ko.status_code == en.status_code == 200
    assert '<html lang="ko">' in ko.text and '<html lang="en">' in en.text
    assert ko.text.count("<svg") == en.text.count("<svg") == 2


# --- unit tests of the negotiation and path helpers -------------------------

@pytest.mark.parametrize("accept, expected", [
    (None, "html"), ("", "html"), ("*/*", "html"), ("text/turtle", "ttl"), ("application/json", "jsonld"),
    ("application/ld+json;q=0.5, text/turtle;q=0.8", "ttl"), ("application/*", "html"), ("image/png", None),
])
def test_best_format(accept, expected):
    assert best_format(accept, RESOURCE_TYPES) == expected


def test_best_language():
    assert best_language("en-US,en;q=0.9,ko;q=0.8") == "en"
    assert best_language("fr") == "ko"
    assert best_language("en", "ko") == "ko"
    assert best_language(None, "xx") == "ko"


def test_relative_links():
    assert rel("/id/org/sejong/index.html", "/id/org/seoul/index.html") == "../sejong/index.html"
    assert rel("/id/org/sejong/index.html", "/id/org/seoul") == "sejong/index.html"
    assert rel("/index.html", "/id/org/seoul/index.en.html") == "../../../index.html"
    # a colon in the first segment is escaped, so a link never reads as a scheme
    assert rel("/id/instant/2023-04-10T11:10/index.html", "/id/instant/2016/index.html") == (
        "../2023-04-10T11%3A10/index.html")
    assert rel("/id/x:y/index.html", "/id/index.html") == "x%3Ay/index.html"
    assert rel("/id/장소/index.html", "/id/index.html") == "%EC%9E%A5%EC%86%8C/index.html"
    assert rel("/ontology/index.html#Agreement", "/index.html") == "ontology/index.html#Agreement"


def test_unsafe_iris_get_no_page():
    assert not safe_path("/id/../etc")
    assert not safe_path("/id/a//b")
    assert not safe_path("/id/a/index.html")
    assert safe_path("/id/org/seoul")
    g = Graph()
    for name in ("ok", "../../escape", "a/./b", "x%2F..%2F..%2Fy"):
        g.add((URIRef("https://example.org/kg/id/" + name), RDFS.label, Literal(name)))
    site = Site(g, base="https://example.org/kg")
    assert "/id/ok" in site.resources
    assert all(safe_path(path) for path in site.resources)
    assert len(site.resources) == 1
