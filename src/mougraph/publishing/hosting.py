"""Server configuration for a static host, so that the published files answer like ``mougraph serve``.

A static site holds each resource's documents in its folder (``id/org/seoul/index.html``, ``index.en.html``,
``index.ttl``, ...). A plain web server answers the folder ``id/org/seoul/`` with ``index.html`` only; with
these rules it answers a thing's IRI with 303 See Other to the document the client asks for (by ``Accept``,
then ``Accept-Language``), gives every RDF file its media type, and sends missing pages ``404.html``.

- :func:`htaccess`: Apache 2.4 (mod_rewrite, mod_mime; the site's folder needs ``AllowOverride FileInfo``);
- :func:`nginx`: a snippet for nginx (one part for the ``http`` block, one for the site's ``server`` block).

Both match ``Accept`` by substring, as these servers can; ``mougraph serve`` weighs q-values. docs/publishing.md
says how to install them.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

from mougraph import formats
from mougraph.publishing.negotiation import DEFAULT_LANGUAGE, LANGUAGES
from mougraph.publishing.site import RDF_DOCUMENTS, page_name

HTACCESS = ".htaccess"
NGINX = "nginx-mougraph.conf"
#: Media types of the files of the site that web servers may not know.
FILE_TYPES = {fmt: formats.get(fmt) for fmt in ("ttl", "jsonld", "nt", "xml", "nq", "trig")}


def _path(base: str) -> str:
    """The base IRI's path, percent-encoded: nothing of it can break out of a rule or a directive."""
    path = quote(unquote(urlsplit(base).path or "/"), safe="/-._~")
    return path if path.endswith("/") else path + "/"


def htaccess(base: str) -> str:
    path = _path(base)
    lines = [
        "# mougraph: content negotiation for the published site (Apache 2.4: mod_rewrite and mod_mime,",
        "# AllowOverride FileInfo). Written by `mougraph publish`; see docs/publishing.md.",
        "AddDefaultCharset utf-8",
        *(f"AddType {f.media_type} {f.suffix}" for f in FILE_TYPES.values()),
        f"ErrorDocument 404 {path}404.html",
        "<IfModule mod_headers.c>",
        "  Header append Vary \"Accept, Accept-Language\" \"expr=%{REQUEST_URI} =~ m#^" + path + "id/#\"",
        "</IfModule>",
        "RewriteEngine On",
        f"RewriteBase {path}",
        "# A thing's IRI is a folder under id/: 303 See Other to the document the client asks for.",
        "RewriteCond %{REQUEST_FILENAME} -d",
        "RewriteCond %{HTTP_ACCEPT} text/html [OR]",
        "RewriteCond %{HTTP_ACCEPT} ^$",
        "RewriteRule ^(id/.+?)/?$ - [E=MOUGRAPH_HTML:1]",
    ]
    for fmt, name in RDF_DOCUMENTS.items():
        media = formats.get(fmt).media_type
        lines += ["RewriteCond %{ENV:MOUGRAPH_HTML} !=1", "RewriteCond %{REQUEST_FILENAME} -d",
                  "RewriteCond %{HTTP_ACCEPT} " + media.replace("+", "\\+"),
                  f"RewriteRule ^(id/.+?)/?$ $1/{name} [R=303,L]"]
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            lines += ["RewriteCond %{REQUEST_FILENAME} -d", "RewriteCond %{HTTP:Accept-Language} ^" + lang,
                      f"RewriteRule ^(id/.+?)/?$ $1/{page_name(lang)} [R=303,L]"]
    lines += ["RewriteCond %{REQUEST_FILENAME} -d",
              f"RewriteRule ^(id/.+?)/?$ $1/{page_name(DEFAULT_LANGUAGE)} [R=303,L]", ""]
    return "\n".join(lines)


def nginx(base: str) -> str:
    path = _path(base)
    rdf = "\n".join(f"    ~{formats.get(fmt).media_type.replace('+', '[+]')} {name};"
                    for fmt, name in RDF_DOCUMENTS.items())
    langs = "\n".join(f"    ~^{lang} {page_name(lang)};" for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
    types = "\n".join(f"    {f.media_type} {f.suffix.lstrip('.')};" for f in FILE_TYPES.values())
    return f"""# mougraph: content negotiation for the published site. Written by `mougraph publish`;
# see docs/publishing.md. Part 1 goes in the http {{ }} block, part 2 in the site's server {{ }} block.

# --- part 1: http {{ }} ---
map $http_accept $mougraph_rdf {{
    default "";
    ~text/html "";
{rdf}
}}
map $http_accept_language $mougraph_page {{
    default {page_name(DEFAULT_LANGUAGE)};
{langs}
}}

# --- part 2: server {{ }} (root is the published folder) ---
types {{
{types}
    text/html html;
    image/svg+xml svg;
    text/css css;
    application/javascript js;
    application/wasm wasm;
}}
error_page 404 {path}404.html;
location ~ ^{path}id/(.+?)/?$ {{
    add_header Vary "Accept, Accept-Language";
    if (-d $request_filename) {{
        set $mougraph_doc $mougraph_rdf;
        if ($mougraph_doc = "") {{ set $mougraph_doc $mougraph_page; }}
        return 303 {path}id/$1/$mougraph_doc;
    }}
}}
"""
