"""``mougraph publish``: the site as static files that work from any web server (or none).

Writes every document of :class:`mougraph.web.documents.Publication` (pages in Korean
and English, each resource's Turtle/JSON-LD/N-Triples, ontology documentation, the
JSON-LD context, downloads in every export format, the VoID/DCAT description, the
pictures) and the static assets. The description is checked with the DCAT/VoID shapes
first; nothing is written when it does not conform.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ._helpers import MougraphError, atomic_write
from .describe import check
from .store import load_all
from .validate import ValidationResult
from .web.documents import Publication
from .web.site import DEFAULT_BASE


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
    root = out_dir.resolve()
    target = (root / site_path.lstrip("/")).resolve()
    if not target.is_relative_to(root) or target == root:
        raise MougraphError(f"refusing to write {site_path!r}: it is outside {out_dir}")
    return target


def publish(out_dir: str | Path, *, base: str = DEFAULT_BASE,
            data: Iterable[str | Path] | None = None) -> PublishReport:
    """Write the static site into ``out_dir`` (created if needed; other files are left alone)."""
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
    for path in pub.paths():
        doc = pub.document(path)
        if doc is not None:
            report.files.append(atomic_write(target_file(out_dir, path), doc.body))
    for path, source in Publication.static_files():
        report.files.append(atomic_write(target_file(out_dir, path), source.read_bytes()))
    return report
