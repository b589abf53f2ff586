"""Any list on screen as a spreadsheet: headers and rows → .xlsx or .csv bytes.

One writer for every 导出 Excel / 导出 CSV button. Text a user typed never becomes a formula:
the .xlsx cells go through ``safe_cell_value`` (string type forced, quote prefix), and in the
.csv a cell that a spreadsheet would read as a formula (= + - @ first, or a leading tab or
carriage return) gets a leading apostrophe, as OWASP's CSV-injection guidance recommends.
Numbers stay numbers in both. The .csv starts with a byte-order mark so Excel reads UTF-8
Chinese correctly.
"""
from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .services import ExportedFile
from .xlsx import (
    BORDER,
    FONT_NAME,
    HEADER_FILL,
    _text_units,
    looks_like_formula,
    safe_cell_value,
)

LIST_FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
BOM = "\ufeff"
MIN_WIDTH, MAX_WIDTH = 6, 60


@dataclass(frozen=True)
class ListTable:
    """A list as the user sees it: a title (sheet and file name), column headers, rows of values."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence]


def _plain(value):
    """Values as a spreadsheet should hold them: numbers stay numbers, the rest becomes text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def csv_cell(value) -> str:
    """One CSV cell: formula-like text neutralised with a leading apostrophe."""
    value = _plain(value)
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    if looks_like_formula(value) or value.startswith(("\t", "\r")):
        return "'" + value
    return value


def table_csv(table: ListTable) -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def table_xlsx(table: ListTable) -> bytes:
    """A plain sheet: bold shaded header frozen on screen, an autofilter, widths fitted to the text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(table.title)
    widths = [_text_units(str(h)) for h in table.headers]
    header_font, body_font = Font(name=FONT_NAME, bold=True), Font(name=FONT_NAME)
    for column, header in enumerate(table.headers, start=1):
        cell = safe_cell_value(sheet.cell(1, column), header)
        cell.font, cell.fill, cell.border = header_font, HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row_number, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            value = _plain(value)
            cell = safe_cell_value(sheet.cell(row_number, column), value)
            cell.font, cell.alignment = body_font, wrap
            if value is not None:
                longest = max((_text_units(line) for line in str(value).split("\n")), default=0)
                widths[column - 1] = max(widths[column - 1], longest)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(table.headers), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    workbook.properties.creator = "planeval"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return cleaned[:31] or "列表"


def export_list(table: ListTable, fmt: str) -> ExportedFile:
    """The table as a file of format *fmt* (csv or xlsx), named after its title."""
    writer = {"csv": table_csv, "xlsx": table_xlsx}[fmt]
    return ExportedFile(content=writer(table), filename=f"{table.title}.{fmt}", content_type=LIST_FORMATS[fmt])
