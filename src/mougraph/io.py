"""Where the project's content lives, and the one way mougraph writes a file.

Every module finds ``ontology/``, ``data/`` and ``queries/`` through :func:`resource_dir` only:

1. ``$MOUGRAPH_HOME/<name>`` when the ``MOUGRAPH_HOME`` environment variable is set;
2. ``<package>/_resources/<name>`` in an installed wheel (see ``hatch_build.py``);
3. ``<repository root>/<name>`` for an editable install or a source checkout.

Every output file is written by :func:`atomic_write`: readers never see a half-written file. A command that
writes several files into a folder writes them into a staging folder first (:func:`staged_folder`), so a run
that fails or is stopped leaves the folder as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mougraph.errors import MougraphError

RESOURCE_NAMES = ("ontology", "data", "queries")
HOME_ENV = "MOUGRAPH_HOME"
PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder ``name`` (``"ontology"``, ``"data"`` or ``"queries"``)."""
    if name not in RESOURCE_NAMES:
        raise ValueError(f"unknown resource folder {name!r}; expected one of {RESOURCE_NAMES}")
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / name
    shipped = PACKAGE_DIR / "_resources"
    if shipped.is_dir():  # an installed wheel
        return shipped / name
    return PACKAGE_DIR.parents[1] / name


def atomic_write(path: str | os.PathLike, content: bytes | str) -> Path:
    """Write ``content`` to ``path`` so that readers never see a half-written file.

    The content goes to a temporary file in the same directory, which then
    replaces the target with :func:`os.replace`. On any failure the temporary
    file is removed and the target is left untouched.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.name}.{os.getpid()}-"
    if path.exists():  # (an earlier run's output, so perhaps a killed run's temporary file: a new file has none)
        _sweep(path.parent, f".{path.name}.", ".tmp")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp creates 0600; use the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _sweep(folder: Path, prefix: str, suffix: str = "") -> None:
    """Remove what a killed run left in ``folder``: entries ``{prefix}{pid}-….{suffix}`` of a process no longer
    running (SIGKILL gives no chance to clean up). An entry of a running process (or one whose id was reused) is
    left alone."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue
        pid = name[len(prefix):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        except OSError:
            pass  # (running, as another user)


def umask() -> int:
    """The process's file-mode creation mask (read without changing it for longer than a call)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported.

    (ctypes: the standard library has no ``renameat2``; ``os.replace`` cannot put a folder over a non-empty one.)
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without renameat2
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if done == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this kernel or file system cannot; rename instead
        return False
    raise OSError(errno, os.strerror(errno), str(a), None, str(b))


def replace_folder(new: Path, target: Path) -> None:
    """Put the folder ``new`` where ``target`` is, removing what was there.

    Where the system can swap two paths at once, ``target`` is never missing; elsewhere it is missing for the
    moment between two renames (never half-written).
    """
    if target.is_dir() and _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # now the earlier folder
        return
    if target.exists() or target.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        target.rename(old / target.name)
        new.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(target)


@contextmanager
def staged_folder(target: str | os.PathLike, *, whole: bool = False) -> Iterator[Path]:
    """A fresh folder beside ``target`` to write into; on success it replaces ``target`` or its entries.

    ``whole=True``: the staging folder replaces ``target`` as a whole (``mougraph publish``, like
    ``mkdocs build --clean``: nothing of an earlier run outlives the data it came from). Otherwise each top-level
    entry of the staging folder replaces the entry of the same name in ``target`` (a file by an atomic rename, a
    folder by :func:`replace_folder`), and entries of ``target`` that the run did not write (say, a benchmark's
    results in ``build/bench/``) stay. Either way every file in ``target`` is always a whole one, from this run
    or from an earlier one. On any exception, Ctrl-C included, the staging folder is removed and ``target`` is
    left untouched.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise MougraphError(f"{target}: not a folder; give a folder to write into")
    target.parent.mkdir(parents=True, exist_ok=True)
    _sweep(target.parent, f".{target.name}.staging-")
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-{os.getpid()}-", dir=target.parent))
    try:
        yield staging
        if whole:
            staging.chmod(0o777 & ~umask())  # mkdtemp made it private; it becomes the output folder
            replace_folder(staging, target)
            return
        target.mkdir(exist_ok=True)
        for entry in sorted(staging.iterdir()):
            destination = target / entry.name
            if entry.is_dir() and destination.is_dir():
                replace_folder(entry, destination)
            elif entry.is_dir() and destination.exists():
                destination.unlink()
                entry.rename(destination)
            else:
                if destination.is_dir():
                    shutil.rmtree(destination)
                os.replace(entry, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
