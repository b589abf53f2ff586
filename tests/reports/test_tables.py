"""The list writer behind every 导出 Excel / 导出 CSV button, read back with openpyxl and csv."""
import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from planeval.reports.tables import (
    ListTable,
    csv_cell,
    export_list,
    table_csv,
    table_xlsx,
)

HOSTILE = '=HYPERLINK("http://x","y")'
TABLE = ListTable("普陀区主要指标", ("指标", "目标值", "增速"), [
    (HOSTILE, "@SUM(A1:A2)", -3.5),
    ("+1+1", "\t=1+1", Decimal("12.50")),
    ("-等于", "地区生产总值年均增长率", None),
])


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # Excel needs the BOM to read UTF-8 Chinese
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_neutralises_formula_text_and_keeps_numbers():
    rows = read_csv(table_csv(TABLE))
    assert rows[0] == ["指标", "目标值", "增速"]
    assert rows[1] == ["'" + HOSTILE, "'@SUM(A1:A2)", "-3.5"]
    assert rows[2] == ["'+1+1", "'\t=1+1", "12.5"]
    assert rows[3] == ["'-等于", "地区生产总值年均增长率", ""]


def test_xlsx_keeps_hostile_text_literal_and_numbers_numeric():
    sheet = load_workbook(io.BytesIO(table_xlsx(TABLE))).active
    cell = sheet["A2"]
    assert cell.value == HOSTILE and cell.data_type == "s" and cell.quotePrefix
    assert sheet["B3"].value == "\t=1+1" and sheet["B3"].data_type == "s"
    assert sheet["C2"].value == -3.5 and sheet["C2"].data_type == "n"
    assert sheet["C3"].value == 12.5
    # Nothing anywhere in the file is a formula.
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_xlsx_has_a_frozen_styled_header_an_autofilter_and_fitted_widths():
    sheet = load_workbook(io.BytesIO(table_xlsx(TABLE))).active
    assert sheet.title == "普陀区主要指标"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C4"
    assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb.endswith("D9E1F2")
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_list_names_the_file_after_the_title(fmt):
    exported = export_list(TABLE, fmt)
    assert exported.filename == f"普陀区主要指标.{fmt}"


def test_a_csv_cell_that_only_looks_numeric_is_still_text():
    assert csv_cell("-") == "'-"
    assert csv_cell(True) == "是"
