"""The server configurations publish writes for static hosts (mougraph.publishing.hosting)."""

from __future__ import annotations

from mougraph.publishing.hosting import htaccess, nginx


def test_rules_send_each_media_type_to_its_document_under_the_base_path():
    apache = htaccess("https://example.org/kg/")
    assert "RewriteBase /kg/" in apache and "ErrorDocument 404 /kg/404.html" in apache
    for media, doc in (("text/turtle", "index.ttl"), ("application/ld\\+json", "index.jsonld"),
                       ("application/n-triples", "index.nt"), ("application/rdf\\+xml", "index.rdf")):
        assert f"RewriteCond %{{HTTP_ACCEPT}} {media}\nRewriteRule ^(id/.+?)/?$ $1/{doc} [R=303,L]" in apache
    assert "RewriteRule ^(id/.+?)/?$ $1/index.en.html [R=303,L]" in apache  # by Accept-Language
    assert apache.rstrip().endswith("RewriteRule ^(id/.+?)/?$ $1/index.html [R=303,L]")  # the default: Korean
    server = nginx("https://example.org/kg/")
    assert "location ~ ^/kg/id/(.+?)/?$ {" in server and "return 303 /kg/id/$1/$mougraph_doc;" in server
    assert "~application/ld[+]json index.jsonld;" in server and "~^en index.en.html;" in server


def test_a_strange_base_path_cannot_break_out_of_a_rule():
    for make in (htaccess, nginx):
        plain, strange = make("https://example.org/ab/"), make('https://example.org/a b";\n{/')
        assert "a b" not in strange and '/a%20b%22%3B%7B/' in strange
        assert len(strange.splitlines()) == len(plain.splitlines())
