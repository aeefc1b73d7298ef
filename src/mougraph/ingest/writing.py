"""The draft and its review page written together or not at all.

Each file is written with :func:`mougraph.io.atomic_write` (a temporary file beside it, then a rename), so neither
is ever half-written; and when a later file fails (a folder that cannot be written, Ctrl-C), the files already
written are put back as they were (removed, when they were new), so a draft never stands beside the review page of
another run.
"""

from __future__ import annotations

from pathlib import Path

from mougraph.ingest.document import IngestError
from mougraph.io import atomic_write


def write_together(files: list[tuple[Path, bytes | str]]) -> None:
    """Write each ``(path, content)``; on any failure, Ctrl-C included, every path is left as it was before."""
    paths = [Path(path).resolve() for path, _ in files]
    if len(set(paths)) != len(paths):
        raise IngestError(f"{files[0][0]}: the draft and the review page would be the same file; give two names")
    before = [(path, path.read_bytes() if path.is_file() else None) for path in paths]
    written = 0
    try:
        for path, (_, content) in zip(paths, files, strict=True):
            atomic_write(path, content)
            written += 1
    except BaseException as error:
        for path, old in reversed(before[:written]):
            if old is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, old)
        if isinstance(error, OSError):
            raise IngestError(f"cannot write {error.filename or paths[written]}: {error.strerror or error}; "
                              "nothing was written") from error
        raise
