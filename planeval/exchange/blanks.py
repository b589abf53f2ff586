"""Blank import templates: the layout's header row, styled, an example row marked 示例, and 填表说明."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_HEADER_FONT = Font(name="黑体", bold=True, size=11)
_EXAMPLE_FONT = Font(name="宋体", italic=True, color="808080", size=11)
NOTE_SHEET = "填表说明"
EXAMPLE_NOTE = "第2行为示例（第一列写“示例”的行不会导入），可直接覆盖或删除。"


def template_bytes(layout, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    headers = [c.header for c in layout.COLUMNS] + list(getattr(layout, "PERIOD_HEADERS", ()))
    widths = [c.width for c in layout.COLUMNS] + [10] * len(getattr(layout, "PERIOD_HEADERS", ()))
    sheet.append(headers)
    sheet.append(list(layout.EXAMPLE))
    for index, (header, width) in enumerate(zip(headers, widths), start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        example = sheet.cell(row=2, column=index)
        example.font, example.border = _EXAMPLE_FONT, _BORDER
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.row_dimensions[1].height = 30
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet(NOTE_SHEET)
    notes.append(["列名", "是否必填", "填写说明"])
    for column in layout.COLUMNS:
        aliases = f"（也可写作：{'、'.join(column.aliases)}）" if column.aliases else ""
        notes.append([column.header, "必填" if column.required else "", f"{column.note}{aliases}".strip()])
    if getattr(layout, "PERIOD_NOTE", ""):
        notes.append(["期间列", "至少一列", layout.PERIOD_NOTE])
    notes.append(["", "", EXAMPLE_NOTE])
    for cell in notes[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 90
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
