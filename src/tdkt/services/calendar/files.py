"""A file of moved days (CSV or .xlsx) read into rows: a header row naming the columns — ngày,
loại, văn bản, ghi chú (or date, kind, document, note) — then one day a row. Reading never
judges the values: :func:`tdkt.domain.calendar.check_calendar_rows` does, for every row."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import load_workbook

from tdkt.domain.calendar import CalendarProblem
from tdkt.domain.vietnamese import nfc

__all__ = ["read_calendar_file", "COLUMNS", "MAX_ROWS", "MAX_BYTES"]

#: column key → the headers a file may use for it
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("ngày", "date", "ngay"),
    "kind": ("loại", "kind", "loai", "loại ngày"),
    "document": ("văn bản", "document", "van ban", "văn bản quyết định", "căn cứ"),
    "note": ("ghi chú", "note", "ghi chu"),
}
MAX_ROWS = 1000  # a year moves a handful of days
MAX_BYTES = 2 * 1024 * 1024

Rows = list[tuple[int, dict[str, Any]]]


def _key(header: Any) -> str | None:
    word = nfc(str(header or "")).casefold()
    return next((key for key, names in COLUMNS.items() if word in names), None)


def _rows(table: Iterable[Sequence[Any]]) -> tuple[Rows, list[CalendarProblem]]:
    lines = iter(table)
    header = next(lines, None)
    if header is None:
        return [], [CalendarProblem(0, "", "tệp rỗng")]
    keys = [_key(h) for h in header]
    missing = [COLUMNS[k][0] for k in ("date", "kind", "document") if k not in keys]
    if missing:
        return [], [CalendarProblem(1, "", f"dòng tiêu đề thiếu cột: {', '.join(missing)} "
                                           "(cần: ngày, loại, văn bản, ghi chú)")]
    rows: Rows = []
    for number, values in enumerate(lines, start=2):
        if all(v is None or not str(v).strip() for v in values):
            continue  # blank line
        if len(rows) >= MAX_ROWS:
            return [], [CalendarProblem(number, "", f"quá {MAX_ROWS} dòng")]
        rows.append((number, {k: v for k, v in zip(keys, values, strict=False) if k}))
    return rows, []


def read_calendar_file(name: str, data: bytes) -> tuple[Rows, list[CalendarProblem]]:
    """The rows of a .csv (UTF-8, comma or semicolon) or .xlsx file (its first sheet)."""
    if len(data) > MAX_BYTES:
        return [], [CalendarProblem(0, "", f"tệp quá lớn (tối đa {MAX_BYTES // 1024 // 1024} MB)")]
    if name.lower().endswith(".xlsx"):
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
            return [], [CalendarProblem(0, "", f"không đọc được tệp Excel: {err}")]
        try:
            return _rows(book.worksheets[0].iter_rows(values_only=True))
        finally:
            book.close()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [CalendarProblem(0, "", "tệp CSV không phải UTF-8; hãy lưu dạng «CSV UTF-8»")]
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")  # type: ignore[assignment]
    except csv.Error:
        pass
    return _rows(csv.reader(io.StringIO(text), dialect))
