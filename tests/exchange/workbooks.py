"""The seeds' tables rebuilt as .xlsx the way the published forms look: a title row above the
header, headers broken over lines, merged category and section cells, a repeated header on a
continuation page (续表), sub-target rows under Putuo's indicator 4."""
from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import Workbook

SEEDS = Path(__file__).resolve().parents[2] / "planeval" / "demo" / "seeds"


def seed(name: str) -> dict:
    return json.loads((SEEDS / f"{name}.json").read_text("utf-8"))


def _bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _merge_down(sheet, column: int, first: int, last: int) -> None:
    if last > first:
        sheet.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)


def _title(sheet, text: str, width: int) -> None:
    sheet.append([text])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)


INDICATOR_HEADER = ["类别", "序号", "指标", "单位", "目标值\n2021-2025 年", "责任部门", "指标\n属性"]


def putuo_indicators(data: dict | None = None) -> bytes:
    """附件2 区“十四五”规划纲要主要指标中期评估分工表."""
    data = data or seed("putuo")
    workbook = Workbook()
    sheet = workbook.active
    _title(sheet, "区“十四五”规划纲要主要指标中期评估分工表", len(INDICATOR_HEADER))
    sheet.append(INDICATOR_HEADER)
    block_start, block_category = None, None
    for row in data["indicators"]:
        if row["number"] == "17":
            # The published table breaks here: a new page repeats the header, and the
            # category cell of 17–18 is the continuation of a merged cell (empty).
            _merge_down(sheet, 1, block_start, sheet.max_row)
            sheet.append(INDICATOR_HEADER)
            block_start, block_category = sheet.max_row + 1, row["category"]
            first_category = None
        elif row["category"] != block_category:
            if block_start:
                _merge_down(sheet, 1, block_start, sheet.max_row)
            block_start, block_category = sheet.max_row + 1, row["category"]
            first_category = row["category"]
        else:
            first_category = None
        units = [row["lead_unit"], *row.get("co_units", ())]
        # Two published ways of listing several units: spaces (指标10, 20) and 、.
        separator = " " if row["number"] in ("10", "20") else "、"
        sheet.append([first_category, int(row["number"]), row["name"], row["unit"], row["target_text"],
                      separator.join(units), row["attribute"]])
        for part in row.get("parts", ()):
            sheet.append([None, None, f"其中：{part['name']}", None, part["target_text"], part["lead_unit"], None])
    _merge_down(sheet, 1, block_start, sheet.max_row)
    return _bytes(workbook)


def _walk_tasks(tasks):
    for area in tasks:
        yield "area", area
        for section in area.get("children", ()):
            yield "section", section
            for item in section.get("children", ()):
                yield "item", item


def putuo_tasks(data: dict | None = None) -> bytes:
    """附件3 区“十四五”规划纲要主要任务中期评估分工表."""
    data = data or seed("putuo")
    workbook = Workbook()
    sheet = workbook.active
    _title(sheet, "区“十四五”规划纲要主要任务中期评估分工表", 4)
    sheet.append(["序号", "项目", "主要内容", "牵头单位"])
    section_start, section_count = None, 0
    pending_section = None
    for level, task in _walk_tasks(data["tasks"]):
        if level in ("area", "section") and section_start:
            _merge_down(sheet, 2, section_start, sheet.max_row)
            section_start = None
        if level == "area":
            sheet.append([task["number"], task["title"], None, None])
        elif level == "section":
            section_count += 1
            number = task["number"]
            # Some published section numbers are half-width with a space: (一) 深化…
            if section_count % 2:
                number = number.replace("（", "(").replace("）", ") ")
            pending_section = f"{number}{task['title']}"
        else:
            units = [*task.get("lead_units", ()), *task.get("collective_units", ())]
            text = f"{task['title']} {task['content']}".strip()
            sheet.append([int(task["number"]), pending_section, text, "、".join(units)])
            if pending_section is not None:
                section_start, pending_section = sheet.max_row, None
    if section_start:
        _merge_down(sheet, 2, section_start, sheet.max_row)
    return _bytes(workbook)


def putuo_plans(data: dict | None = None) -> bytes:
    """附件4 区“十四五”专项规划中期评估分工表 (类别 merged; 区 域 规 划 with its spaces)."""
    data = data or seed("putuo")
    workbook = Workbook()
    sheet = workbook.active
    _title(sheet, "区“十四五”专项规划中期评估分工表", 4)
    sheet.append(["类别", "序号", "规划名称", "牵头部门"])
    block_start, block_category = None, None
    for row in data["plans"]:
        if row["category"] != block_category:
            if block_start:
                _merge_down(sheet, 1, block_start, sheet.max_row)
            block_start, block_category = sheet.max_row + 1, row["category"]
            shown = " ".join(row["category"]) if row["category"] == "区域规划" else row["category"]
        else:
            shown = None
        sheet.append([shown, row["number"], row["name"], row["lead_unit"]])
    _merge_down(sheet, 1, block_start, sheet.max_row)
    return _bytes(workbook)


def hongqiao_plans(data: dict | None = None) -> bytes:
    """Hongqiao's 附件1 红桥区“十四五”专项规划编制目录清单: 序号, 规划名称, 责任部门."""
    data = data or seed("hongqiao")
    workbook = Workbook()
    sheet = workbook.active
    _title(sheet, "红桥区“十四五”专项规划编制目录清单", 3)
    sheet.append(["序号", "规划名称", "责任部门"])
    for row in data["plans"]:
        sheet.append([row["number"], row["name"], row["lead_unit"]])
    return _bytes(workbook)


def table(header: list, rows: list, *, title: str | None = None) -> bytes:
    """A plain workbook: optional title row, header, rows."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    return _bytes(workbook)
