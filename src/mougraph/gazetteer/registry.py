"""Local governments and their history, worked out from the legal-dong registry.

The registry (:mod:`mougraph.gazetteer.sources`) lists codes, not bodies: one row per code, with the day it was
created and the day it was deleted, and the code it replaced. A local government is a line of such rows: a row
continues the body of the row it replaced when that replacement is one to one, on the same day and at the same
level (a rename, a change of tier, a transfer to another province, a new code); a row with two or more ended
predecessors starts a new body (a merger), and so does each of two or more rows that replaced one row (a split).
Which row replaced which comes from the registry's past-code column and its before/after pairs
(``bjd_changed``), lifted from legal dongs to their local government.

Dates are ISO strings. ``deleted`` is the registry's deletion day, the first day the code is no longer in force;
a period's last day (``mg:validUntil``) is the day before.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mougraph.gazetteer import sources
from mougraph.gazetteer.curated import LINKS

#: Bodies whose last record ended before this day are left out.
SINCE = "2010-01-01"
#: The legal-dong codes of the bodies already in data/organisations.ttl, and the IRIs they keep.
SEEDS = {"1100000000": "seoul", "3611000000": "sejong", "3000000000": "daejeon",
         "4600000000": "jeollanam-do", "5000000000": "jeju", "2900000000": "gwangju"}
#: Provinces whose cities lost their self-government (제주, 2006): their 시 are administrative cities.
NOT_SELF_GOVERNING = ("49", "50")
UPPER_SUFFIXES = (("특별자치시", "special-self-governing-city"), ("특별자치도", "special-self-governing-province"),
                  ("특별시", "special-city"), ("광역시", "metropolitan-city"), ("직할시", "metropolitan-city"),
                  ("도", "province"))
LOWER_SUFFIXES = (("시", "city"), ("군", "county"), ("구", "autonomous-district"))


@dataclass
class Record:
    """One local-government row of the registry."""

    code: str
    name: str
    province: str
    created: str | None
    deleted: str | None
    upper: bool
    notes: list[str] = field(default_factory=list)

    @property
    def tier(self) -> str:
        for suffix, tier in (UPPER_SUFFIXES if self.upper else LOWER_SUFFIXES):
            if self.name.endswith(suffix):
                return tier
        raise ValueError(f"{self.code} {self.name}: no tier for this name")

    @property
    def parent_code(self) -> str | None:
        return None if self.upper else self.code[:2] + "00000000"

    @property
    def full_name(self) -> str:
        return self.name if self.upper else f"{self.province} {self.name}"


@dataclass
class Body:
    key: str
    records: list[Record]
    predecessors: set[str] = field(default_factory=set)  # keys of bodies that ended into this one
    successors: set[str] = field(default_factory=set)

    @property
    def first(self) -> Record:
        return self.records[0]

    @property
    def last(self) -> Record:
        return self.records[-1]

    @property
    def upper(self) -> bool:
        return self.last.upper


def _iso(yyyymmdd: str) -> str:
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}" if yyyymmdd else ""


def _is_local_government(row: dict[str, str]) -> bool:
    code, lower = row["법정동코드"], row["시군구명"]
    if code[5:] != "00000":
        return False
    if code[2:] == "00000000" or code == "3611000000":  # 세종: the registry has no 3600000000 row (see README)
        return True
    return (bool(lower) and " " not in lower and lower.endswith(("시", "군", "구"))
            and code[:2] not in NOT_SELF_GOVERNING)


def _merge_dates(row: dict[str, str], pdr: dict[str, str] | None, notes: list[str]) -> tuple[str, str]:
    """Creation and deletion day: vos-data-utils, corrected by PublicDataReader where vos is blank or wrong."""
    created, deleted = row["생성일자"], row["삭제일자"]
    if pdr is None:
        return created, deleted
    p_created, p_deleted = _iso(pdr["생성일자"]), _iso(pdr["말소일자"])
    if not created and p_created:
        notes.append(f"creation day {p_created} from PublicDataReader (blank in vos-data-utils)")
        created = p_created
    if p_deleted and deleted != p_deleted:
        notes.append(f"deletion day {p_deleted} from PublicDataReader; vos-data-utils gives {deleted or 'none'}")
        deleted = p_deleted
    return created, deleted


def read_records(folder: Path | None = None) -> tuple[dict[str, Record], list[tuple[str, str, str]]]:
    """The local-government rows (by code) and the (before, after, day) code pairs between them."""
    pdr = {r["법정동코드"]: r for r in sources.pdr_registry(folder) if r["법정동코드"][5:] == "00000"}
    rows = sources.vos_registry(folder)
    records: dict[str, Record] = {}
    for row in rows:
        if not _is_local_government(row):
            continue
        notes: list[str] = []
        created, deleted = _merge_dates(row, pdr.get(row["법정동코드"]), notes)
        code = row["법정동코드"]
        upper = code[2:] == "00000000" or code == "3611000000"
        name = row["시도명"] if upper else row["시군구명"]
        records[code] = Record(code, name, row["시도명"], created or None, deleted or None, upper, notes)
    _keep_cities_with_districts(records, rows)
    pairs = [(r["과거법정동코드"], r["법정동코드"], r["생성일자"]) for r in rows if r["과거법정동코드"]]
    pairs += [(r["법정동코드_변경전"], r["법정동코드_변경후"], r["생성일자_변경후"])
              for r in sources.vos_changes(folder)]
    edges = {(a, b, day) for a, b, day, _ in LINKS}
    for before, after, day in pairs:
        a, b = _owner(before, records), _owner(after, records)
        if a and b and a != b and day:
            edges.add((a, b, day))
            if not records[a].upper and not records[b].upper:
                pa, pb = records[a].parent_code, records[b].parent_code
                if pa != pb and pa in records and pb in records:
                    edges.add((pa, pb, day))
    return records, sorted(edges)


def _keep_cities_with_districts(records: dict[str, Record], rows: list[dict[str, str]]) -> None:
    """A city whose row is deleted when its non-autonomous districts (일반구) are created is still a city."""
    created_districts = defaultdict(set)
    for row in rows:
        if " " in row["시군구명"] and row["법정동코드"][5:] == "00000" and not row["삭제일자"]:
            created_districts[row["법정동코드"][:4] + "000000"].add(row["생성일자"])
    for code, record in records.items():
        if record.deleted and record.deleted in created_districts.get(code, ()):
            record.notes.append(f"the registry deletes this code on {record.deleted}, the day the city's "
                                f"districts (일반구) were created under it; the city itself continues")
            record.deleted = None


def _owner(code: str, records: dict[str, Record]) -> str | None:
    """The local-government row a legal-dong code belongs to (a 일반구 belongs to its city)."""
    for candidate in (code[:5] + "00000", code[:4] + "000000", code[:2] + "00000000"):
        if candidate in records:
            return candidate
    return None


def bodies(folder: Path | None = None) -> dict[str, Body]:
    """Every local government in force on or after :data:`SINCE`, by key."""
    records, edges = read_records(folder)
    before = defaultdict(set)  # after code -> codes that ended into it on its creation day
    after = defaultdict(set)
    for a, b, day in edges:
        if records[a].deleted == day:
            before[b].add(a)
            after[a].add(b)
    owner: dict[str, Body] = {}
    order = sorted(records.values(), key=lambda r: (r.created or "0000", r.code))
    for record in order:
        preds = {a for a in before[record.code] if records[a].deleted == record.created}
        if len(preds) == 1:
            (a,) = preds
            if after[a] == {record.code} and records[a].upper == record.upper and a in owner:
                owner[record.code] = owner[a]
                owner[a].records.append(record)
                continue
        owner[record.code] = Body(_key(record.code), [record])
    for a, succ in after.items():
        for b in succ:
            if owner[a] is not owner[b]:
                owner[a].successors.add(owner[b].key)
                owner[b].predecessors.add(owner[a].key)
    found: dict[str, Body] = {}
    for body in {id(b): b for b in owner.values()}.values():
        if body.last.deleted is None or body.last.deleted >= SINCE:
            for record in body.records:
                if record.code in SEEDS:
                    body.key = SEEDS[record.code]
            found[body.key] = body
    keys = set(found)
    renamed = {_key(b.first.code): b.key for b in owner.values()}
    for body in found.values():
        body.predecessors = {renamed.get(k, k) for k in body.predecessors if renamed.get(k, k) in keys}
        body.successors = {renamed.get(k, k) for k in body.successors if renamed.get(k, k) in keys}
    return dict(sorted(found.items()))


def _key(code: str) -> str:
    return f"lg-{code[:5]}"


def parent_at(body: Body, record: Record, all_bodies: dict[str, Body]) -> Body | None:
    """The upper-tier body that held ``record``'s province when ``record`` was created."""
    code = record.parent_code
    if code is None:
        return None
    for other in all_bodies.values():
        for r in other.records:
            if r.code == code:
                return other
    return None


def in_force(body: Body, day: str) -> Record | None:
    """The record of ``body`` in force on ``day``, if any."""
    for record in body.records:
        if (record.created or "0000") <= day and (record.deleted is None or day < record.deleted):
            return record
    return None
