"""Reading a plan spreadsheet (CSV or XLSX) into rows of text cells, refusing what is unsafe.

A spreadsheet comes from anyone's laptop, so it is read defensively:

- only ``.csv`` and ``.xlsx`` files, recognised by their bytes, not just their name;
- an XLSX is a zip: its entries' declared sizes and compression ratios are checked before
  openpyxl inflates anything (a "zip bomb" of a few KB can expand to gigabytes);
- XLSX cells are read as stored, in openpyxl's read-only mode (streamed, not the whole
  tree in memory); a formula is reported, not evaluated or trusted (its cached value can be
  stale or missing, depending on the program that wrote the file);
- a cell longer than ``MAX_CELL_CHARS`` is reported and left out, so one pasted document
  cannot end up as a 10 MB caption.

A file that cannot be read at all raises ``PlanFileError`` (the CLI prints one line and
exits 2); problems in single cells are returned with their row and column.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CELL_CHARS = 20_000  # a long caption with room to spare (Facebook allows 63,206; others less)
MAX_ROWS = 5_000
MAX_COLUMNS = 200
# Zip checks (XLSX): a month's plan is a few hundred KB inflated; a real workbook with photos
# pasted in stays far below these.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_RATIO = 200  # compressed → inflated; text XML compresses ~10-30×, bombs 1000× and more

CellValue = str | date | datetime | time


class PlanFileError(ValueError):
    """The file cannot be read as a plan; ``code`` and ``params`` describe why."""

    def __init__(self, code: str, params: dict[str, str | int] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}


@dataclass(frozen=True)
class CellProblem:
    row: int  # 1-based, as the spreadsheet shows it (row 1 is the header)
    column: str  # the column letter
    code: str  # "cell.too_long" or "cell.formula"
    params: dict[str, str | int] = field(default_factory=dict)


@dataclass
class Sheet:
    header: list[str]  # the first row, as written
    rows: list[tuple[int, list[CellValue]]]  # (row number, cells) for every non-empty row
    problems: list[CellProblem]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as the officer's spreadsheet program names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read(path: Path) -> Sheet:
    """The sheet in *path* (.csv or .xlsx). Raises PlanFileError, never a library error."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise PlanFileError("plan.file_missing", {"name": str(path)}) from None
    except IsADirectoryError:
        raise PlanFileError("plan.not_a_spreadsheet", {"name": path.name}) from None
    except OSError as exc:
        raise PlanFileError("plan.unreadable", {"name": path.name, "reason": exc.strerror or ""}) from None
    if size > MAX_FILE_BYTES:
        raise PlanFileError("plan.file_too_large", {"name": path.name, "limit": MAX_FILE_BYTES // 2**20})
    suffix = path.suffix.lower()
    is_zip = head.startswith(b"PK\x03\x04")
    if suffix == ".xlsx" and is_zip:
        return _read_xlsx(path)
    if suffix == ".csv" and not is_zip and not head.startswith((b"%PDF", b"\xd0\xcf\x11\xe0")):
        return _read_csv(path)
    raise PlanFileError("plan.not_a_spreadsheet", {"name": path.name})


# --- CSV ------------------------------------------------------------------------------------
def _read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise PlanFileError("plan.not_a_spreadsheet", {"name": path.name})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError("plan.not_utf8", {"name": path.name}) from None
    first_line = text.split("\n", 1)[0]
    # Excel in an Indonesian locale writes ";" between cells (the comma is the decimal mark).
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # The csv module refuses fields over 128 KB by default, which would end the whole file;
    # long cells are reported one by one below instead.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise PlanFileError("plan.broken_csv", {"name": path.name, "detail": str(exc)}) from None
    return _sheet(path, ((number, list(cells)) for number, cells in enumerate(records, start=1)))


# --- XLSX -----------------------------------------------------------------------------------
def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PlanFileError("plan.not_a_spreadsheet", {"name": path.name}) from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise PlanFileError("plan.zip_bomb", {"name": path.name})
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if total > MAX_UNZIPPED_BYTES or (entry.file_size > 1024 * 1024 and ratio > MAX_ZIP_RATIO):
            raise PlanFileError("plan.zip_bomb", {"name": path.name})
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise PlanFileError("plan.not_a_spreadsheet", {"name": path.name})


def _read_xlsx(path: Path) -> Sheet:
    _check_zip(path)
    import openpyxl  # loaded when a workbook is opened, not at start-up

    try:
        # data_only=False: a formula cell reads as its "=…" text, so it can be reported.
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise PlanFileError("plan.broken_xlsx", {"name": path.name, "detail": type(exc).__name__}) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise PlanFileError("plan.empty", {"name": path.name})
        rows: list[tuple[int, list[CellValue]]] = []
        formulas: list[CellProblem] = []
        try:
            for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1), start=1):
                if number > MAX_ROWS + 1:
                    raise PlanFileError("plan.too_many_rows", {"name": path.name, "limit": MAX_ROWS})
                values: list[CellValue] = []
                for index, cell in enumerate(cells):
                    value = getattr(cell, "value", None)
                    if getattr(cell, "data_type", "") == "f" or (
                        isinstance(value, str) and value.startswith("=")
                    ):
                        formulas.append(CellProblem(number, column_letter(index), "cell.formula"))
                        values.append("")
                    else:
                        values.append(_xlsx_value(value))
                rows.append((number, values))
        except PlanFileError:
            raise
        except Exception as exc:  # noqa: BLE001 - damaged sheet XML
            raise PlanFileError(
                "plan.broken_xlsx", {"name": path.name, "detail": type(exc).__name__}
            ) from None
    finally:
        book.close()
    result = _sheet(path, iter(rows))
    result.problems[:0] = formulas
    return result


def _xlsx_value(value: object) -> CellValue:
    if value is None:
        return ""
    if isinstance(value, datetime | date | time):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- both -----------------------------------------------------------------------------------
def _sheet(path: Path, records: object) -> Sheet:
    header: list[str] | None = None
    rows: list[tuple[int, list[CellValue]]] = []
    problems: list[CellProblem] = []
    for number, cells in records:  # type: ignore[attr-defined]
        if number > MAX_ROWS + 1:
            raise PlanFileError("plan.too_many_rows", {"name": path.name, "limit": MAX_ROWS})
        if len(cells) > MAX_COLUMNS:
            cells = cells[:MAX_COLUMNS]
        for index, value in enumerate(cells):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                problems.append(
                    CellProblem(
                        number,
                        column_letter(index),
                        "cell.too_long",
                        {"length": len(value), "limit": MAX_CELL_CHARS},
                    )
                )
                cells[index] = ""
        if header is None:
            if not any(_filled(c) for c in cells):
                continue  # blank lines above the header
            header = [str(c).strip() for c in cells]
            continue
        if any(_filled(c) for c in cells):
            rows.append((number, cells))
    if header is None:
        raise PlanFileError("plan.empty", {"name": path.name})
    return Sheet(header, rows, problems)


def _filled(value: CellValue) -> bool:
    return not isinstance(value, str) or bool(value.strip())
