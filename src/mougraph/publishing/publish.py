"""``mougraph publish``: the site as static files that work from any web server (or none).

Writes every document of :class:`mougraph.publishing.documents.Publication` (pages in Korean
and English, each resource's Turtle/JSON-LD/N-Triples, ontology documentation, the
JSON-LD context, downloads in every export format, the VoID/DCAT description, the
pictures), the static assets, and the configuration a static host needs for content
negotiation (``.htaccess`` for Apache, ``nginx-mougraph.conf``: :mod:`mougraph.publishing.hosting`).
The description is checked with the DCAT/VoID shapes
first; nothing is written when it does not conform.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mougraph.errors import MougraphError
from mougraph.io import staged_folder
from mougraph.publishing.describe import check
from mougraph.publishing.documents import Publication
from mougraph.publishing.hosting import HTACCESS, NGINX, htaccess, nginx
from mougraph.publishing.site import DEFAULT_BASE
from mougraph.store import load_all
from mougraph.validation import ValidationResult


@dataclass
class PublishReport:
    out_dir: Path
    base: str
    resources: int
    description: ValidationResult
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.description.conforms


def target_file(out_dir: Path, site_path: str) -> Path:
    """The file for ``site_path`` inside ``out_dir``; refuses any path that would leave it."""
    return _inside(out_dir.resolve(), site_path, out_dir)


def _inside(root: Path, site_path: str, shown: Path) -> Path:
    """``root`` (resolved) joined with ``site_path``, judged lexically: the staging folder is fresh and holds no
    links to follow, and resolving each of a site's 100,000 files cost a tenth of the publishing time."""
    relative = posixpath.normpath(site_path.lstrip("/"))
    if relative in (".", "..") or relative.startswith(("../", "/")):
        raise MougraphError(f"refusing to write {site_path!r}: it is outside {shown}")
    return root / relative


def _write(path: Path, body: bytes, folders: set) -> None:
    """A plain write: the staging folder as a whole replaces the output, so no file needs its own atomic rename."""
    if path.parent not in folders:
        path.parent.mkdir(parents=True, exist_ok=True)
        folders.add(path.parent)
    path.write_bytes(body)


#: Paths a worker writes per task: a resource's documents (two pages, its RDF documents) mostly fall in one task,
#: so its description is made once (one split between two tasks is described twice), and the tasks are small
#: enough that the workers finish at about the same time.
CHUNK = 250
#: What the forked workers write from: set in the parent just before the pool forks, inherited by the children.
_job: tuple[Publication, Path, Path] | None = None


def processes_available() -> int:
    """How many processes publish uses by default: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _write_documents(paths: list[str]) -> list[Path]:
    """Write the documents at ``paths`` (in a worker, or in the parent) and return the files written."""
    pub, root, out_dir = _job
    written, folders = [], set()
    for path in paths:
        doc = pub.document(path)
        if doc is not None:
            target = _inside(root, path, out_dir)
            _write(target, doc.body, folders)
            written.append(target.relative_to(root))
    return written


def _write_all(pub: Publication, root: Path, out_dir: Path, processes: int) -> list[Path]:
    """Every document of ``pub`` written under ``root``, in ``processes`` processes; the files in path order.

    Each document depends only on the graph, so forked workers (which inherit the publication already made,
    with no copy) write their share straight into the staging folder; the bytes are the same as in one process.
    """
    global _job
    paths = pub.paths()
    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    _job = (pub, root, out_dir)
    try:
        if processes <= 1 or len(chunks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return [f for chunk in chunks for f in _write_documents(chunk)]
        # The workers share the parent's memory until they write to it, and a garbage collection writes to every
        # object it looks at: frozen, the objects already made stay out of the workers' collections.
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(min(processes, len(chunks))) as pool:
                # imap keeps the chunks' order; on an error (or Ctrl-C) the pool's exit stops the workers
                return [f for files in pool.imap(_write_documents, chunks) for f in files]
        finally:
            gc.unfreeze()
    finally:
        _job = None


def publish(out_dir: str | Path, *, base: str = DEFAULT_BASE,
            data: Iterable[str | Path] | None = None, processes: int | None = None) -> PublishReport:
    """Write the static site into ``out_dir``, replacing what the folder held (created if needed).

    ``processes``: how many write the documents (default: :func:`processes_available`; 1: this one only).
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise MougraphError(f"{out_dir}: not a folder; give a folder for the site with -o")
    if not base.startswith(("http://", "https://")):
        raise MougraphError(f"--base-iri must be an http(s) IRI, got {base!r}")
    pub = Publication(load_all(data), base=base, static=True, byte_sizes=True)
    result = check(pub.description)
    report = PublishReport(out_dir, pub.base, len(pub.site.resources), result)
    if not result.conforms:
        return report
    # The site is written into a fresh sibling folder that then replaces out_dir as a whole: a failed run leaves
    # out_dir as it was, and no page of an earlier run outlives the data it came from.
    folders = set()
    with staged_folder(out_dir, whole=True) as staging:
        root = staging.resolve()
        written = _write_all(pub, root, out_dir, processes or processes_available())

        def write(site_path: str, body: bytes) -> None:
            target = _inside(root, site_path, out_dir)
            _write(target, body, folders)
            written.append(target.relative_to(root))

        for path, source in Publication.static_files():
            write(path, source.read_bytes())
        for name, text in ((HTACCESS, htaccess(pub.base)), (NGINX, nginx(pub.base))):
            write("/" + name, text.encode("utf-8"))
    final = out_dir.resolve()
    report.files = [final / f for f in written]
    return report

