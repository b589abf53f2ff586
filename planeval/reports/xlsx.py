"""Excel (.xlsx) renderers of the evaluation tables (附件6, 附件7) and the adjustment plan.

Every sheet has the same shape: a merged title row, the 填报单位 line, a styled header row
that stays frozen on screen and repeats on every printed page, bordered wrapped cells,
A4 landscape fitted to the page width, then the 注 lines.

Security: text typed by users is always stored as text. openpyxl turns any string starting
with "=" into a live formula, so ``safe_cell_value`` forces the string type, and text that
a spreadsheet would read as a formula when retyped (= + - @, also after leading blanks,
tab or carriage return) is marked with the quote prefix as well.
"""
from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from .docx import rating_text
from .documents import AdjustmentPlan, IndicatorRow, IndicatorTable, TaskTable

FONT_NAME = "宋体"
BODY_SIZE = 11
TITLE_SIZE = 16
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LINE_HEIGHT_PT = 15
FORMULA_TRIGGERS = ("=", "+", "-", "@")

TITLE_ROW, SCOPE_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class Column:
    header: str
    width: float          # Excel character units
    centred: bool = False


INDICATOR_COLUMNS = (
    Column("类别", 12, True), Column("指标", 34), Column("“十四五”规划目标", 16, True),
    Column("中期完成数", 12, True), Column("评估结论", 14, True),
    Column("预计到规划期末完成数", 14, True), Column("说明", 36), Column("责任单位", 14, True),
    Column("指标属性", 9, True),
)
TASK_COLUMNS = (
    Column("类别", 16, True), Column("序号", 6, True), Column("主要任务", 56),
    Column("推进情况", 44), Column("评估结论", 14, True),
    Column("预计到规划期末完成情况", 16, True), Column("牵头单位", 18, True),
)
ADJUSTMENT_COLUMNS = (
    Column("序号", 6, True), Column("调整事项", 28), Column("责任单位", 14, True),
    Column("调整前", 14, True), Column("调整后", 14, True), Column("调整理由", 40),
    Column("测算依据", 40), Column("提出单位", 14, True), Column("调整类型", 10, True),
    Column("办理状态", 12, True), Column("审定情况", 30),
)


# ---------------------------------------------------------------- safety


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could take *text* for a formula (= + - @ first, after blanks)."""
    return text.lstrip(" \t\r\n\u3000").startswith(FORMULA_TRIGGERS)


def safe_cell_value(cell: Cell, value) -> Cell:
    """Store *value* in *cell* so that user text never becomes a formula.

    Numbers (int, float, not bool) stay numbers. Everything else is stored as a string:
    control characters Excel rejects are dropped, the string type is forced (openpyxl would
    otherwise write "=1+1" as a formula, and "#N/A" as an error), and formula-like text gets
    the quote prefix so it stays text when someone edits the cell in Excel.
    """
    if value is None:
        cell.value = None
        return cell
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.value = text
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


# ---------------------------------------------------------------- sheet layout


def _text_units(text: str) -> float:
    """Approximate width in Excel character units: CJK and full-width characters count two."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def _line_count(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(_text_units(line) / usable)) for line in text.split("\n"))


class _Sheet:
    """One worksheet being filled top to bottom."""

    def __init__(self, workbook: Workbook, name: str, columns: Sequence[Column], title: str,
                 scope: str) -> None:
        self.ws: Worksheet = workbook.active
        self.ws.title = name
        self.columns = columns
        self.next_row = FIRST_DATA_ROW
        for index, column in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        self._title(title)
        self._merged_line(SCOPE_ROW, f"填报单位：{scope}" if scope else "", bold=False)
        self._header()
        self._print_setup()

    @property
    def last_column(self) -> int:
        return len(self.columns)

    def _title(self, title: str) -> None:
        cell = safe_cell_value(self.ws.cell(TITLE_ROW, 1), title)
        cell.font = Font(name=FONT_NAME, size=TITLE_SIZE, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW,
                            end_column=self.last_column)
        self.ws.row_dimensions[TITLE_ROW].height = 32

    def _merged_line(self, row: int, text: str, *, bold: bool) -> None:
        cell = safe_cell_value(self.ws.cell(row, 1), text)
        cell.font = Font(name=FONT_NAME, size=BODY_SIZE, bold=bold)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.ws.merge_cells(start_row=row, start_column=1, end_row=row,
                            end_column=self.last_column)
        # Excel never grows a merged row to fit its text, so give it the height it needs.
        total_width = sum(column.width for column in self.columns)
        self.ws.row_dimensions[row].height = LINE_HEIGHT_PT * _line_count(text, total_width) + 4

    def _header(self) -> None:
        for index, column in enumerate(self.columns, start=1):
            cell = safe_cell_value(self.ws.cell(HEADER_ROW, index), column.header)
            cell.font = Font(name=FONT_NAME, size=BODY_SIZE, bold=True)
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.ws.row_dimensions[HEADER_ROW].height = 36
        self.ws.freeze_panes = self.ws.cell(FIRST_DATA_ROW, 1).coordinate

    def _print_setup(self) -> None:
        ws = self.ws
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0          # as many pages tall as needed
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7,
                                      header=0.3, footer=0.3)
        ws.print_options.horizontalCentered = True
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"

    def add_row(self, values: Sequence, *, bold: bool = False, fill=None) -> int:
        """Write one bordered, wrapped row; its height fits the longest cell.

        The first column (类别) is left out of the height: it is merged over several rows,
        and ``merge_down`` makes the merged block tall enough for it.
        """
        row = self.next_row
        lines = 1
        for index, (column, value) in enumerate(zip(self.columns, values), start=1):
            cell = safe_cell_value(self.ws.cell(row, index), value)
            cell.font = Font(name=FONT_NAME, size=BODY_SIZE, bold=bold)
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center" if column.centred else "left",
                                       vertical="center", wrap_text=True)
            if fill is not None:
                cell.fill = fill
            if isinstance(value, str) and value and index > 1:
                lines = max(lines, _line_count(value, column.width))
        self.ws.row_dimensions[row].height = LINE_HEIGHT_PT * lines + 4
        self.next_row += 1
        return row

    def merge_across(self, row: int, first_column: int) -> None:
        self.ws.merge_cells(start_row=row, start_column=first_column, end_row=row,
                            end_column=self.last_column)

    def merge_down(self, column: int, first_row: int, last_row: int) -> None:
        """Merge one column over rows *first_row*..*last_row*, grown to fit the anchor's text."""
        if last_row > first_row:
            self.ws.merge_cells(start_row=first_row, start_column=column, end_row=last_row,
                                end_column=column)
        text = self.ws.cell(first_row, column).value
        if not isinstance(text, str) or not text:
            return
        needed = LINE_HEIGHT_PT * _line_count(text, self.columns[column - 1].width) + 4
        heights = self.ws.row_dimensions
        have = sum(heights[row].height or LINE_HEIGHT_PT for row in range(first_row, last_row + 1))
        if needed > have:
            heights[last_row].height = (heights[last_row].height or LINE_HEIGHT_PT) + needed - have

    def notes(self, notes: Sequence[str]) -> None:
        row = self.next_row + 1
        for index, note in enumerate(notes):
            text = note if index or note.startswith("注") else f"注：{note}"
            self._merged_line(row, text, bold=False)
            row += 1
        self.next_row = row

    def to_bytes(self, workbook: Workbook) -> bytes:
        workbook.properties.creator = "planeval"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _merge_equal_runs(sheet: _Sheet, column: int, keys: Sequence[str]) -> None:
    """Merge *column* over each run of equal consecutive keys (the 类别 cells)."""
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            sheet.merge_down(column, FIRST_DATA_ROW + start, FIRST_DATA_ROW + index - 1)
            start = index


# ---------------------------------------------------------------- public renderers


def _indicator_values(row: IndicatorRow, label: str, category: str) -> list:
    return [category, label, row.target_text, row.current,
            rating_text(row.rating, row.suggestion), row.forecast, row.explanation,
            row.lead_unit, row.attribute]


def indicator_table_xlsx(table: IndicatorTable) -> bytes:
    """附件6 主要指标评估表 as a sheet; a composite indicator's parts follow it as rows."""
    workbook = Workbook()
    sheet = _Sheet(workbook, "主要指标评估表", INDICATOR_COLUMNS, table.title, table.scope)
    categories: list[str] = []
    for row in table.rows:
        label = f"{row.number}、{row.name}" if row.number else row.name
        label += f"（{row.unit}）" if row.unit else ""
        sheet.add_row(_indicator_values(row, label, row.category))
        categories.append(row.category)
        for index, part in enumerate(row.parts):
            part_label = ("其中：" if index == 0 else "　　　") + part.name
            sheet.add_row(_indicator_values(part, part_label, ""))
            categories.append(row.category)
    _merge_equal_runs(sheet, 1, categories)
    sheet.notes(table.notes)
    return sheet.to_bytes(workbook)


def task_table_xlsx(table: TaskTable) -> bytes:
    """附件7 主要任务评估表 as a sheet; each section (（一）…) opens with a shaded row."""
    workbook = Workbook()
    sheet = _Sheet(workbook, "主要任务评估表", TASK_COLUMNS, table.title, table.scope)
    areas: list[str] = []
    current_section = None
    for task in table.rows:
        if task.section and task.section != current_section:
            row = sheet.add_row([task.area, task.section], bold=True, fill=SECTION_FILL)
            sheet.merge_across(row, 2)
            areas.append(task.area)
        current_section = task.section
        text = "\n".join(part for part in (task.title, task.content) if part)
        sheet.add_row([task.area, task.number, text, task.progress, rating_text(task.rating),
                       task.expected_completion, task.lead_units])
        areas.append(task.area)
    _merge_equal_runs(sheet, 1, areas)
    sheet.notes(table.notes)
    return sheet.to_bytes(workbook)


def adjustment_plan_xlsx(plan: AdjustmentPlan) -> bytes:
    """指标调整方案 as a sheet: one numbered row per proposed change."""
    workbook = Workbook()
    sheet = _Sheet(workbook, "指标调整方案", ADJUSTMENT_COLUMNS, plan.title, plan.jurisdiction)
    for number, row in enumerate(plan.rows, start=1):
        sheet.add_row([number, row.item + ("（示例数据）" if row.is_sample else ""), row.unit, row.before,
                       row.after, row.reason, row.basis, row.proposed_by, row.kind, row.state, row.decision])
    return sheet.to_bytes(workbook)
