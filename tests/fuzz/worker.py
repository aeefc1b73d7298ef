"""The process that runs fuzz cases through mougraph's Python API, one JSON line in, one JSON line out.

Run by :mod:`tests.fuzz.runner`, which restarts it when it crashes or hangs. A request is
``{"kind", "fmt", "suffix", "data" (base64), "backend"}``; the answer says what happened (``outcome``: ``accepted``,
``error`` for a :class:`~mougraph.errors.MougraphError`, ``internal`` for any other exception), the message, and,
for an accepted input, whether the judge (Oxigraph's strict parser) calls it valid and whether mougraph's export of
it reads back.
"""

from __future__ import annotations

import base64
import itertools
import json
import logging
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

from mougraph import sparql_guard, store
from mougraph.errors import MougraphError
from mougraph.export import export
from mougraph.query import check_grammar, parse_sparql, query, query_text

JUDGE_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
                 "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
ROOT = Path(__file__).resolve().parents[2]


def judge_rdf(fmt: str, data: bytes, base: str) -> bool | None:
    """Whether Oxigraph's strict parser reads ``data`` (a leading BOM allowed); None when it cannot tell."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        for _quad in ox.parse(input=body, format=JUDGE_FORMATS[fmt], base_iri=base):
            pass
    except (SyntaxError, ValueError, UnicodeDecodeError):
        return False
    except Exception:  # noqa: BLE001 (e.g. a JSON-LD feature the judge does not implement)
        return None
    return True


def judge_sparql(data: bytes) -> bool | None:
    """Whether Oxigraph's SPARQL parser reads the query (on an empty store); None for SERVICE (never run here)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if sparql_guard.service_count(text):
        return None
    try:
        sparql_guard.check_depth(text)
    except MougraphError:
        return None  # deeper than the judge's own parser can take without a crash
    try:
        ox.Store().query(text)
    except SyntaxError:
        return False
    except Exception:  # noqa: BLE001 (an evaluation error is no syntax error)
        return True
    return True


def _rdf(request: dict, path: Path) -> dict:
    try:
        graph = store.load_files([path])
    except MougraphError as exc:
        return {"outcome": "error", "message": str(exc)}
    out = {"outcome": "accepted", "valid": judge_rdf(request["fmt"], path.read_bytes(), path.resolve().as_uri())}
    try:
        data = export(graph, "nt")
    except MougraphError as exc:
        out["export"] = f"refused: {str(exc)[:200]}"
        return out
    out["export_reads_back"] = judge_rdf("nt", data, "http://example.org/") is not False
    return out


_graphs: dict[str, object] = {}


def _sparql(request: dict, path: Path) -> dict:
    backend = request["backend"]
    if backend not in _graphs:
        _graphs[backend] = store.load_files(sorted((ROOT / "data").glob("*.ttl"))[:3])
    try:
        name, _path, text = query_text(str(path))  # read, and checked as every query is before it runs
        sparql_guard.check(text, name)
        parse_sparql(text, name)
        check_grammar(text, name)
        print(json.dumps({"phase": "evaluating"}), flush=True)
        run = query(str(path), graph=_graphs[backend])
        if run.type == "SELECT":
            list(itertools.islice(iter(run.result), 100))
        elif run.type != "ASK":
            len(run.result.graph)
    except MougraphError as exc:
        return {"outcome": "error", "message": str(exc)}
    return {"outcome": "accepted", "valid": judge_sparql(path.read_bytes())}


def handle(request: dict, folder: Path) -> dict:
    path = folder / f"case{request['index']}{request['suffix']}"
    path.write_bytes(base64.b64decode(request["data"]))
    try:
        with store.using(store.Backend(request["backend"])):
            answer = (_rdf if request["kind"] == "rdf" else _sparql)(request, path)
    except Exception as exc:  # noqa: BLE001 (what the fuzzer looks for: anything but a user error)
        answer = {"outcome": "internal", "message": f"{type(exc).__name__}: {exc}"[:500]}
    finally:
        path.unlink(missing_ok=True)
    answer["name"] = path.name
    return answer


def main() -> None:
    logging.disable(logging.CRITICAL)  # rdflib's and --lenient's warnings are not answers
    with store.using(store.Backend("oxigraph")):
        _graphs["oxigraph"] = store.load_files(sorted((ROOT / "data").glob("*.ttl"))[:3])
    print(json.dumps({"ready": True}), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for line in sys.stdin:
            print(json.dumps(handle(json.loads(line), Path(tmp))), flush=True)


if __name__ == "__main__":
    main()
