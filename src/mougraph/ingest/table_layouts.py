"""Table layouts: which column of a portal table holds which fact, shipped as TOML files or given as a mapping.

A layout names each *role* (``owner``, ``partner``, ``country``, ``date``, ``kind``, ``fields``, ``note``) and the
headers its column may have; every role under ``[columns]`` must be in the table's header, those under
``[optional]`` may be. A user's mapping file has the same form, and may also fix a value for the whole table
(``owner = "부산광역시"``, ``country = "일본"``), the sheet of a workbook (``sheet``) and the row of the header
(``header_row``). The shipped layouts are ``layouts/*.toml``; ``layouts/_words.toml`` holds the words the reader
knows (kinds, countries). docs/ingest-tables.md describes the format.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mougraph.errors import MougraphError

LAYOUT_DIR = Path(__file__).parent / "layouts"
ROLES = ("owner", "partner", "country", "date", "kind", "fields", "note")
#: Roles whose value may be fixed for the whole table by a mapping file.
CONSTANTS = ("owner", "country")
KINDS = ("agreement", "mou", "exchange-strengthening-mou", "friendship-exchange", "sister-city", "co-prosperity")
_KEYS = {"description", "kind", "kind_from_note", "columns", "optional", "sheet", "header_row", "fallback",
         *CONSTANTS}


class LayoutError(MougraphError):
    """A table matches no layout, or a layout or mapping file is not valid."""


def normal(header: str) -> str:
    """A header as compared: no spaces, no BOM, no quotes, lower case (``"자매결연 일"`` = ``자매결연일``)."""
    return "".join(ch for ch in str(header) if not ch.isspace() and ch not in "\ufeff\"'").lower()


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    columns: dict[str, tuple[str, ...]]  # role -> headers it may have (required)
    optional: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kind: str = "agreement"
    kind_from_note: bool = False
    constants: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None
    fallback: bool = False  # detected only when no other layout fits the header

    def locate(self, header: list[str]) -> dict[str, int] | None:
        """Role -> column index in ``header``, or None when a required role has no column."""
        index = {}
        for position, cell in enumerate(header):
            index.setdefault(normal(cell), position)
        found = {}
        for roles, required in ((self.columns, True), (self.optional, False)):
            for role, names in roles.items():
                hit = next((index[normal(n)] for n in names if normal(n) in index), None)
                if hit is None and required:
                    return None
                if hit is not None:
                    found[role] = hit
        return found

    def headers(self) -> str:
        return " / ".join(names[0] for names in self.columns.values())


def _strings(value, where: str, key: str) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise LayoutError(f"{where}: '{key}' must be a header or a list of headers (strings); "
                          f"write e.g. {key} = [\"도시명\"]")
    return tuple(values)


def parse_layout(data: dict, name: str, where: str) -> Layout:
    """A layout from the TOML table ``data``; ``where`` names the file in errors."""
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise LayoutError(f"{where}: unknown key(s) {', '.join(unknown)}; a layout has {', '.join(sorted(_KEYS))}")
    sections = {}
    for section in ("columns", "optional"):
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise LayoutError(f"{where}: [{section}] must be a table of role = headers")
        bad = sorted(set(table) - set(ROLES))
        if bad:
            raise LayoutError(f"{where}: [{section}] has unknown role(s) {', '.join(bad)}; "
                              f"the roles are {', '.join(ROLES)}")
        sections[section] = {role: _strings(v, where, role) for role, v in table.items()}
    constants = {}
    for role in CONSTANTS:
        if role in data:
            if not isinstance(data[role], str) or not data[role].strip():
                raise LayoutError(f"{where}: '{role}' must be a name, e.g. {role} = \"부산광역시\"")
            constants[role] = data[role].strip()
    for role in ("partner", "date"):
        if role not in sections["columns"]:
            raise LayoutError(f"{where}: [columns] needs a '{role}' column; add e.g. {role} = [\"...\"]")
    kind = data.get("kind", "agreement")
    if kind not in KINDS:
        raise LayoutError(f"{where}: kind {kind!r} is not a kind of agreement; use one of {', '.join(KINDS)}")
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise LayoutError(f"{where}: header_row must be a row number (1 or more)")
    sheet = data.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise LayoutError(f"{where}: sheet must be the name of a sheet")
    return Layout(name, str(data.get("description", "")), sections["columns"], sections["optional"], kind,
                  bool(data.get("kind_from_note", False)), constants, sheet, header_row,
                  bool(data.get("fallback", False)))


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LayoutError(f"{path}: mapping file not found; check the path") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LayoutError(f"{path}: not a valid TOML file ({exc}); see docs/ingest-tables.md") from None


@lru_cache(maxsize=1)
def shipped() -> dict[str, Layout]:
    """The shipped layouts by name (file stem), sorted."""
    files = sorted(p for p in LAYOUT_DIR.glob("*.toml") if not p.name.startswith("_"))
    return {p.stem: parse_layout(_read_toml(p), p.stem, str(p)) for p in files}


@lru_cache(maxsize=1)
def words() -> dict:
    """``layouts/_words.toml``: kinds, the names of Korea, country slugs (keys compared in lower case)."""
    data = _read_toml(LAYOUT_DIR / "_words.toml")
    return {"kinds": {k.lower(): v for k, v in data["kinds"].items()},
            "korea": {normal(n) for n in data["korea"]["names"]},
            "countries": {normal(k): v for k, v in data["countries"].items()}}


def load_mapping(path: str | Path) -> Layout:
    """A user's mapping file (same form as a layout, plus fixed values)."""
    path = Path(path)
    return parse_layout(_read_toml(path), path.stem, str(path))


def choose(header: list[str], where: str, name: str | None = None, mapping: Layout | None = None):
    """The layout for ``header`` and where its roles are: the mapping, the named layout, or the one detected.

    Detection takes the layout that finds the most columns; several finding as many is an error naming them. A
    layout marked ``fallback`` (one with many headers for each role) is tried only when no other fits.
    """
    layouts = shipped()
    if mapping is not None:
        candidates = {mapping.name: mapping}
    elif name is not None:
        if name not in layouts:
            raise LayoutError(f"{where}: no layout named {name!r}; the layouts are {', '.join(layouts)}")
        candidates = {name: layouts[name]}
    else:
        candidates = layouts
    found = {n: (lay, loc) for n, lay in candidates.items()
             if not (lay.fallback and name is None) and (loc := lay.locate(header)) is not None}
    if not found and mapping is None and name is None:
        found = {n: (lay, loc) for n, lay in candidates.items() if lay.fallback and (loc := lay.locate(header))}
    if not found:
        known = "; ".join(f"{n} ({lay.headers()})" for n, lay in candidates.items())
        shown = " / ".join(str(c) for c in header) or "(empty)"
        what = "do not match the layout asked for" if name or mapping else "match no known layout"
        raise LayoutError(f"{where}: the columns {what}; header found: {shown}; layouts: {known}. "
                          f"Give --layout NAME, or a mapping file (docs/ingest-tables.md)")
    best = max(len(loc) for _lay, loc in found.values())
    top = sorted(n for n, (_lay, loc) in found.items() if len(loc) == best)
    if len(top) > 1:
        raise LayoutError(f"{where}: the header fits several layouts ({', '.join(top)}); give --layout NAME")
    return found[top[0]]
