"""The Excel renderers: layout a reviewer checks, and user text that never becomes a formula."""
import dataclasses
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from planeval.reports.xlsx import (
    adjustment_plan_xlsx,
    indicator_table_xlsx,
    looks_like_formula,
    safe_cell_value,
    task_table_xlsx,
)


def open_xlsx(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def column_values(sheet, column: int) -> list:
    return [sheet.cell(row, column).value for row in range(1, sheet.max_row + 1)]


def sheet_text(sheet) -> str:
    return "\n".join(str(value) for row in sheet.iter_rows(values_only=True)
                     for value in row if value is not None)


@pytest.fixture
def every_sheet(indicator_table, task_table, adjustment_plan):
    return {
        "indicators": open_xlsx(indicator_table_xlsx(indicator_table)),
        "tasks": open_xlsx(task_table_xlsx(task_table)),
        "adjustment": open_xlsx(adjustment_plan_xlsx(adjustment_plan)),
    }


# ---------------------------------------------------------------- layout


def test_title_row_is_merged_bold_and_larger(every_sheet):
    for name, sheet in every_sheet.items():
        title = sheet["A1"]
        assert title.font.bold and title.font.size == 16, name
        merged = [str(r) for r in sheet.merged_cells.ranges if r.min_row == r.max_row == 1]
        assert merged == [f"A1:{get_column_letter(sheet.max_column)}1"], name


def test_header_row_is_styled_and_frozen(every_sheet):
    for name, sheet in every_sheet.items():
        assert sheet.freeze_panes == "A4", name
        for cell in sheet[3]:
            assert cell.font.bold, name
            assert cell.fill.fgColor.rgb.endswith("D9E1F2"), name
            assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
            assert cell.alignment.wrap_text and cell.alignment.horizontal == "center"


def test_print_setup_is_a4_landscape_fitted_to_width_with_repeated_header(every_sheet):
    for name, sheet in every_sheet.items():
        assert int(sheet.page_setup.paperSize) == 9, name      # 9 = A4 in OOXML
        assert sheet.page_setup.orientation == "landscape", name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$3:$3", name
        assert sheet.page_margins.left == pytest.approx(0.5)


def test_columns_have_sensible_widths_and_cells_wrap_with_borders(every_sheet):
    for name, sheet in every_sheet.items():
        widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[3]]
        assert all(5 <= width <= 60 for width in widths), name
        assert max(widths) >= 28, name                # the long text column is wide
        for row in sheet.iter_rows(min_row=4, max_row=sheet.max_row):
            if all(cell.value is None for cell in row):
                break                                   # the 注 lines follow a blank row
            for cell in row:
                if cell.value is not None:
                    assert cell.alignment.wrap_text, (name, cell.coordinate)
                    assert cell.border.top.style == "thin", (name, cell.coordinate)


def test_indicator_sheet_content(indicator_table):
    sheet = open_xlsx(indicator_table_xlsx(indicator_table))
    assert [cell.value for cell in sheet[3]] == [
        "类别", "指标", "“十四五”规划目标", "中期完成数", "评估结论", "预计到规划期末完成数",
        "说明", "责任单位", "指标属性"]
    text = sheet_text(sheet)
    for row in indicator_table.rows:
        assert row.name in text
    names = column_values(sheet, 2)
    parent = names.index("4、重点培育产业税收占比（%）")
    assert names[parent + 1] == "其中：智能软件"
    assert "C 进展较慢" in text and "约束性" in text
    # 高质量发展: 4 indicators + 4 parts under one merged 类别 cell.
    assert "A4:A11" in {str(r) for r in sheet.merged_cells.ranges}
    notes = [value for value in column_values(sheet, 1) if str(value).startswith(("注", "2、"))]
    assert notes[0].startswith("注：1、") and len(notes) == 2


def test_task_sheet_content(task_table):
    sheet = open_xlsx(task_table_xlsx(task_table))
    assert [cell.value for cell in sheet[3]][:3] == ["类别", "序号", "主要任务"]
    numbers = [value for value in column_values(sheet, 2) if value in {"1", "2", "3", "12", "14"}]
    assert numbers == ["1", "2", "3", "12", "14"]
    text = sheet_text(sheet)
    assert "（五）发挥四大产业引领作用" in text and "D 情况变化" in text


def test_adjustment_sheet_numbers_rows_as_numbers(adjustment_plan):
    sheet = open_xlsx(adjustment_plan_xlsx(adjustment_plan))
    assert sheet["A4"].value == 1 and sheet["A4"].data_type == "n"
    assert sheet["E4"].value == "累计 8-15"
    assert sheet["H4"].value == "区金融办"


# ---------------------------------------------------------------- formula injection


@pytest.mark.parametrize("text", [
    "=1+1", "+86 123", "-5", "@SUM(A1)", "  =HYPERLINK(\"http://x\")", "\t=1+1", "\r=1+1",
    "=", "#N/A", "普通文本",
])
def test_user_text_round_trips_as_text(text):
    workbook = Workbook()
    cell = safe_cell_value(workbook.active["A1"], text)
    buffer = io.BytesIO()
    workbook.save(buffer)
    reloaded = load_workbook(io.BytesIO(buffer.getvalue())).active["A1"]
    assert reloaded.data_type == "s"
    assert reloaded.value == text
    assert cell.quotePrefix == looks_like_formula(text)


@pytest.mark.parametrize("number", [42, -5, 3.25, 0])
def test_real_numbers_stay_numbers(number):
    workbook = Workbook()
    safe_cell_value(workbook.active["A1"], number)
    buffer = io.BytesIO()
    workbook.save(buffer)
    reloaded = load_workbook(io.BytesIO(buffer.getvalue())).active["A1"]
    assert reloaded.data_type == "n" and reloaded.value == number


def test_control_characters_are_dropped_not_fatal():
    workbook = Workbook()
    cell = safe_cell_value(workbook.active["A1"], "含有\x00控制\x1b字符")
    assert cell.value == "含有控制字符"


def test_no_formula_reaches_the_file_from_report_text(indicator_table):
    hostile = dataclasses.replace(indicator_table, rows=(dataclasses.replace(
        indicator_table.rows[0], explanation="=HYPERLINK(\"http://evil\",\"点此\")",
        current="-5", forecast="+10", name="@SUM(A1:A9)"),))
    data = indicator_table_xlsx(hostile)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = open_xlsx(data)
    assert sheet["G4"].value == "=HYPERLINK(\"http://evil\",\"点此\")"
    assert sheet["G4"].data_type == "s"
    assert sheet["D4"].value == "-5" and sheet["D4"].data_type == "s"
