"""SPARQL in the browser for the static site: Oxigraph's browser build as one classic script, and the data.

The vendored build (``vendor/oxigraph/``, see its NOTICE.md) is an ES module that fetches its WebAssembly.
A page opened from ``file://`` may run neither (Chromium refuses module scripts and ``fetch`` of local
files), so :func:`engine_script` rewrites the module into a classic script — its ``export`` keywords
dropped, its names gathered on ``window.oxigraph`` — with the WebAssembly inlined in base64, compiled
asynchronously into ``window.oxigraphReady`` (a promise of the module's exports). :func:`data_script` puts
the graph the endpoint would query (ontology + data, N-Triples) on ``window.MOUGRAPH_DATA``. The query
page (``static/query.js``) loads both and answers its SPARQL requests from them; where they do not load,
it says so and shows the precomputed answers.

The rewrite is ours (a handful of fixed substitutions on the file of a pinned version, checked by
:func:`engine_script` so that an update that changes the file's shape fails loudly rather than quietly).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from mougraph.errors import MougraphError

VENDOR = Path(__file__).parent / "vendor" / "oxigraph"
VERSION = "0.5.11"
ENGINE_PATH = "/static/oxigraph.js"
DATA_PATH = "/static/data.js"
EXPORTED = re.compile(r"^export (class|function) (\w+)", re.MULTILINE)
EXPORT_LIST = "export { initSync, __wbg_init as default };"


def engine_script() -> str:
    """The classic script that defines ``window.oxigraph`` and ``window.oxigraphReady``."""
    module = (VENDOR / "web.js").read_text(encoding="utf-8")
    wasm = (VENDOR / "web_bg.wasm").read_bytes()
    names = [name for _kind, name in EXPORTED.findall(module)]
    if EXPORT_LIST not in module or "Store" not in names or "import.meta.url" not in module:
        raise MougraphError(f"{VENDOR / 'web.js'}: not the shape of oxigraph {VERSION}'s web.js; "
                            f"see {VENDOR / 'NOTICE.md'} to update it")
    body = EXPORTED.sub(r"\1 \2", module).replace(EXPORT_LIST, "")
    body = body.replace("import.meta.url", "document.baseURI")
    exports = ", ".join(f"{n}: {n}" for n in [*names, "initSync"])
    return (f"// Oxigraph {VERSION} (MIT OR Apache-2.0), browser build made a classic script by mougraph publish.\n"
            "(function () {\n"
            f"{body}\n"
            f"var bytes = Uint8Array.from(atob(\"{base64.b64encode(wasm).decode('ascii')}\"),"
            " function (c) { return c.charCodeAt(0); });\n"
            f"window.oxigraph = {{{exports}}};\n"
            "window.oxigraphReady = WebAssembly.compile(bytes).then(function (m) {\n"
            "  initSync({module: m});\n"
            "  return window.oxigraph;\n"
            "});\n"
            "})();\n")


def data_script(ntriples: bytes) -> str:
    """The script that defines ``window.MOUGRAPH_DATA``: the graph as N-Triples."""
    text = json.dumps(ntriples.decode("utf-8"), ensure_ascii=False)
    return ("// The graph the query page runs SPARQL on (ontology + data), written by mougraph publish.\n"
            f"window.MOUGRAPH_DATA = {{\"format\": \"application/n-triples\", \"text\": {text}}};\n")
