"""Small shared helpers: the project error, atomic writes and prefixes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import NamespaceManager

MG = Namespace("https://w3id.org/mougraph/ontology#")
ID = Namespace("https://w3id.org/mougraph/id/")

#: Prefixes bound on every graph mougraph loads, so output is readable.
PREFIXES: dict[str, str] = {
    "mg": str(MG),
    "mgid": str(ID),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sh": "http://www.w3.org/ns/shacl#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


class MougraphError(Exception):
    """An error the user can fix (bad input file, unknown query, ...).

    The command line prints it as ``mougraph: error: <message>`` and exits 2.
    """


def atomic_write(path: str | os.PathLike, content: bytes | str) -> Path:
    """Write ``content`` to ``path`` so that readers never see a half-written file.

    The content goes to a temporary file in the same directory, which then
    replaces the target with :func:`os.replace`. On any failure the temporary
    file is removed and the target is left untouched.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; use the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` where they are free (returns it).

    Prefixes declared in the parsed files win; ours only fill the gaps.
    """
    bound = dict(graph.namespaces())
    used_ns = {str(ns) for ns in bound.values()}
    for prefix, ns in PREFIXES.items():
        if ns not in used_ns and prefix not in bound:
            graph.bind(prefix, ns)
    return graph


def short(term, namespace_manager: NamespaceManager | None = None) -> str:
    """Human-readable form of an RDF term: ``mg:Agreement``, ``"서울"@ko`` -> ``서울``.

    IRIs are shortened with the bound prefixes when possible, literals are shown
    by their lexical form, ``None`` (unbound) as an empty string.
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        if namespace_manager is not None:
            try:
                prefix, _ns, local = namespace_manager.compute_qname(str(term), generate=False)
                if local:
                    return f"{prefix}:{local}"
            except (KeyError, ValueError):
                pass
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return str(term)
    return str(term)
