"""Reading a portal table, CSV or XLSX, into rows that keep their number and their text as written.

Portal CSVs come in UTF-8 (often with a BOM) or in CP949 (EUC-KR and Microsoft's extension of it); the reader
tries them in that order and says which it used. Anything else (UTF-16, a binary file) is refused with a message,
since guessing a code page would put wrong names in the graph. Workbooks are read with openpyxl (the ``tables``
extra), values as computed, not formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from mougraph.errors import MougraphError

BOM = b"\xef\xbb\xbf"
EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


class TableError(MougraphError):
    """A table file cannot be read: missing, not CSV/XLSX, in an unknown encoding, empty."""


@dataclass(frozen=True)
class Row:
    number: int  # the row's (first) line in a CSV, its row in a sheet
    cells: tuple  # str for CSV; str, int, float, datetime for a workbook
    text: str  # the row as written: its CSV line(s), or a workbook row's cells joined by " | "


@dataclass(frozen=True)
class Table:
    path: Path
    encoding: str  # "UTF-8", "UTF-8 (BOM)", "CP949" or "XLSX"
    sheet: str | None
    rows: tuple[Row, ...]  # the rows that are not empty, header included


def cell_text(value) -> str:
    """A cell as text: dates as ISO days, whole floats as integers (2016.0 -> 2016)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def decode(data: bytes, where: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding used: UTF-8 with or without BOM, else CP949."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise TableError(f"{where}: the file is UTF-16 or binary, not a CSV in UTF-8 or CP949; "
                         f"save it as 'CSV UTF-8' and try again")
    if data.startswith(BOM):
        try:
            return data[len(BOM):].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError as exc:
            raise TableError(f"{where}: starts with a UTF-8 BOM but byte {exc.start + 3} is not UTF-8; "
                             f"save it again as 'CSV UTF-8'") from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp949"), "CP949"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(f"{where}: line {line}: neither UTF-8 nor CP949 (EUC-KR) text (byte {exc.start}); "
                         f"save the table as 'CSV UTF-8' and try again") from None


def _csv_rows(text: str, where: str) -> tuple[Row, ...]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = next((line for line in lines if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows, start = [], 1
    try:
        for record in reader:
            end = reader.line_num
            if any(cell.strip() for cell in record):
                raw = "\n".join(lines[start - 1:end]).strip()
                rows.append(Row(start, tuple(" ".join(c.split()) for c in record), raw))
            start = end + 1
    except csv.Error as exc:
        raise TableError(f"{where}: line {reader.line_num}: not valid CSV ({exc}); check the quotes") from None
    return tuple(rows)


def _xlsx_rows(path: Path, sheet: str | None, where: str) -> tuple[str, tuple[Row, ...]]:
    try:
        import openpyxl  # the 'tables' extra: only workbooks need it
    except ImportError:
        raise TableError(f"{where}: reading a workbook needs openpyxl; install it with "
                         f"pip install 'mougraph[tables]', or save the sheet as CSV") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl's own errors: all mean "not a workbook we can read"
        raise TableError(f"{where}: not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TableError(f"{where}: no sheet {sheet!r}; the sheets are {', '.join(book.sheetnames)}")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            texts = [cell_text(v) for v in values]
            while texts and not texts[-1]:
                texts.pop()
            if any(texts):
                cells = tuple(values[: len(texts)])
                rows.append(Row(number, tuple(c if c is not None else "" for c in cells), " | ".join(texts)))
        return ws.title, tuple(rows)
    finally:
        book.close()


def read_table(path: str | Path, sheet: str | None = None) -> Table:
    """The non-empty rows of a CSV or XLSX file, with the encoding (or "XLSX") that was read."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise TableError(f"{where}: {'is a directory' if path.is_dir() else 'file not found'}; check the path")
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise TableError(f"{where}: not a table file; give a .csv or .xlsx file")
    if suffix in (".xlsx", ".xlsm"):
        title, rows = _xlsx_rows(path, sheet, where)
        table = Table(path, "XLSX", title, rows)
    else:
        text, encoding = decode(path.read_bytes(), where)
        table = Table(path, encoding, None, _csv_rows(text, where))
    if len(table.rows) < 2:
        raise TableError(f"{where}: the table has {'no rows' if not table.rows else 'a header and no rows'}; "
                         f"give a table with a header and at least one row")
    return table
