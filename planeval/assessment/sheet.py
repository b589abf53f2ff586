"""The analyst's sheet: judge every indicator of a .csv or .xlsx the analyst already has.

Headers (Chinese, one row): 类别 (optional), 指标, 单位, 属性 (预期性/约束性), 基期值,
目标值, year columns ``2021`` ``2022`` … (and ``2023H1``) with actual values — the annual
rate for growth and reduction indicators, that year's addition for cumulative ones —,
optional ``2023预测`` ``2024预测`` ``2025预测`` and optional ``参照2021`` ``参照2022`` …
for relative targets. Other columns (序号, 责任部门, 备注) are ignored. A number written
``12.3（预计）`` is kept as an estimate. A row whose 指标 starts with ``其中`` is a part of
the composite indicator above it; its 目标值 may be left empty when the parent's target
names the part (``40（智能软件12、研发服务8…）``).

Bad input raises ``SheetError`` with every problem found, each naming row and column.
No Django here: the management command ``assess`` is a thin wrapper.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from planeval.domain import assessment_text as text
from planeval.domain import cells
from planeval.domain.assessment import EvaluationPoint, IndicatorAssessment, IndicatorInput, assess_indicator
from planeval.domain.periods import Granularity, Period
from planeval.domain.ratings import DEFAULT_THRESHOLDS, Thresholds
from planeval.domain.targets import Target, TargetKind, parse_target
from planeval.exchange.reading import FileRefused, FileUnreadable, read_table

# --- messages ------------------------------------------------------------------------------
ERR_FILE_MISSING = "找不到文件“{path}”"
ERR_FORMAT = "不支持的文件格式“{suffix}”，请使用 .csv 或 .xlsx"
ERR_UNREADABLE = "无法读取文件“{path}”：不是有效的 .xlsx 文件或 UTF-8 编码的 .csv 文件（GBK 编码的表格请另存为 UTF-8）"
ERR_EMPTY = "文件中没有表头行"
ERR_OUTPUT_FORMAT = "输出格式应为 csv 或 json，而不是“{fmt}”"
ERR_MISSING_HEADER = "第1行：缺少必需的列“{column}”"
ERR_DUPLICATE_HEADER = "第1行：列“{column}”重复"
ERR_UNKNOWN_YEAR = "第1行：无法识别的年份列“{column}”（应写作2021、2023H1、2023预测或参照2021，年份在{start}—{end}年之间）"
ERR_NOT_NUMBER = "第{row}行“{column}”列：“{value}”不是数字"
ERR_REQUIRED = "第{row}行“{column}”列：不能为空"
ERR_ATTRIBUTE = "第{row}行“{column}”列：“{value}”应为“预期性”或“约束性”"
ERR_ORPHAN_PART = "第{row}行“指标”列：“{value}”是分项，但上方没有对应的总指标"
ERR_NO_ROWS = "文件中没有指标行"

REQUIRED = ("指标", "单位", "属性", "基期值", "目标值")
ALIASES = {
    "类别": "类别",
    "指标": "指标", "指标名称": "指标",
    "单位": "单位", "计量单位": "单位",
    "属性": "属性", "指标属性": "属性",
    "基期值": "基期值", "基期": "基期值", "2020年基期值": "基期值",
    "目标值": "目标值", "目标": "目标值", "规划目标": "目标值", "目标值2021-2025年": "目标值",
}
CSV_COLUMNS = ("类别", "指标", "单位", "目标值", "目标类型", "中期完成数", "目标进度", "时间进度",
               "预计期末值", "预测来源", "预计完成程度", "建议结论", "预警", "研判理由", "数据核查")

MAX_SHEET_BYTES = 200 * 1024 * 1024  # a local file the analyst chose; uploads have their own limit
_PART_PREFIX = re.compile(r"^其中[:：、]?\s*")


class SheetError(Exception):
    """Every problem of a sheet, each a Chinese message naming the row and the column."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@dataclass
class Column:
    index: int
    header: str
    role: str                 # a fixed column ("指标" …), "value", "forecast" or "reference"
    period: Period | None = None


@dataclass
class SheetRow:
    row: int
    category: str
    item: IndicatorInput
    parts: list["SheetRow"] = field(default_factory=list)
    is_part: bool = False


# --- reading -----------------------------------------------------------------------------------
def _clean_header(value) -> str:
    return cells.header_key(value)


def _read_rows(path: Path) -> list[tuple[int, list]]:
    """The sheet's non-empty rows with their row numbers, through the import's safe reader."""
    if not path.exists():
        raise SheetError([ERR_FILE_MISSING.format(path=path)])
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise SheetError([ERR_FORMAT.format(suffix=suffix or path.name)])
    data = path.read_bytes()
    if not data.strip():
        raise SheetError([ERR_EMPTY])
    try:
        return read_table(data, name=path.name, max_bytes=MAX_SHEET_BYTES).rows
    except FileUnreadable:
        raise SheetError([ERR_UNREADABLE.format(path=path)]) from None
    except FileRefused as exc:  # too big, a zip bomb, an XML entity trick: say which
        raise SheetError([exc.message]) from None


def _year_column(header: str, index: int, point: EvaluationPoint) -> Column | None:
    """``2022`` ``2023H1`` ``2023年上半年`` ``2024预测`` ``参照2022``; None when not year-like."""
    role = "value"
    body = header
    if body.startswith("参照"):
        role, body = "reference", body[2:]
    if body.endswith("预测"):
        if role == "reference":
            return Column(index, header, "bad")
        role, body = "forecast", body[:-2]
    if not re.match(r"^\d{4}", body):
        return None if role == "value" else Column(index, header, "bad")
    body = body.replace("年上半年", "H1").replace("年下半年", "H2").replace("上半年", "H1").replace("下半年", "H2")
    body = body.rstrip("年")
    try:
        period = Period.parse(body)
    except ValueError:
        return Column(index, header, "bad")
    if not point.start_year <= period.year <= point.end_year:
        return Column(index, header, "bad")
    if role == "forecast" and period.granularity is not Granularity.YEAR:
        return Column(index, header, "bad")
    return Column(index, header, role, period)


def _columns(header_row: list, point: EvaluationPoint, errors: list[str]) -> list[Column]:
    columns, seen = [], set()
    for index, raw in enumerate(header_row):
        header = _clean_header(raw)
        if not header:
            continue
        if header in ALIASES:
            column = Column(index, str(raw).strip(), ALIASES[header])
        else:
            column = _year_column(header, index, point)
            if column is None:
                continue  # 序号, 责任部门, 备注 …: not the engine's business
            if column.role == "bad":
                errors.append(ERR_UNKNOWN_YEAR.format(column=str(raw).strip(), start=point.start_year, end=point.end_year))
                continue
        key = (column.role, column.period) if column.period else column.role
        if key in seen:
            errors.append(ERR_DUPLICATE_HEADER.format(column=str(raw).strip()))
            continue
        seen.add(key)
        columns.append(column)
    present = {c.role for c in columns}
    errors += [ERR_MISSING_HEADER.format(column=name) for name in REQUIRED if name not in present]
    return columns


def _cell_text(row: list, index: int) -> str:
    value = row[index] if index < len(row) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cell_number(row: list, column: Column, row_number: int, errors: list[str]) -> tuple[Decimal | None, bool]:
    """A number cell: (value, is_estimate). Empty and dash cells are None; text is an error."""
    raw = row[column.index] if column.index < len(row) else None
    try:
        return cells.number_of(raw)
    except cells.NotANumber:
        errors.append(ERR_NOT_NUMBER.format(row=row_number, column=column.header, value=cells.text_of(raw)))
        return None, False


def _safe_parse(raw: str, name: str, unit: str) -> Target:
    try:
        return parse_target(raw, indicator_name=name, unit=unit)
    except Exception as exc:  # the grammar promises not to raise; one bad text must not stop a sheet
        return Target(kind=TargetKind.QUALITATIVE, raw=raw, reason=f"目标解析出错：{type(exc).__name__}")


def _part_target(parent: SheetRow | None, label: str) -> Target | None:
    if parent is None:
        return None
    for part in parent.item.target.parts:
        if part.label == label or part.label in label or label in part.label:
            return part.target
    return None


def _parse_row(row: list, row_number: int, columns: list[Column], parent: SheetRow | None,
               errors: list[str]) -> SheetRow | None:
    fixed = {c.role: c for c in columns if c.period is None}

    def cell(role: str) -> str:
        return _cell_text(row, fixed[role].index) if role in fixed else ""

    name = cell("指标")
    is_part = bool(_PART_PREFIX.match(name))
    if is_part:
        name = _PART_PREFIX.sub("", name)
        if parent is None:
            errors.append(ERR_ORPHAN_PART.format(row=row_number, value=cell("指标")))
            return None
    if not name:
        errors.append(ERR_REQUIRED.format(row=row_number, column=fixed["指标"].header))
        return None
    unit = cell("单位") or (parent.item.unit if is_part else "")
    attribute = cell("属性")
    if attribute not in ("", "预期性", "约束性"):
        errors.append(ERR_ATTRIBUTE.format(row=row_number, column=fixed["属性"].header, value=attribute))
    binding = attribute == "约束性" or (is_part and not attribute and parent.item.binding)
    raw_target = cell("目标值")
    target = _safe_parse(raw_target, name, unit) if raw_target else (_part_target(parent, name) if is_part else None)
    if target is None:
        errors.append(ERR_REQUIRED.format(row=row_number, column=fixed["目标值"].header))
        return None
    baseline, _ = _cell_number(row, fixed["基期值"], row_number, errors)
    values, forecasts, reference, estimates = {}, {}, {}, set()
    for column in columns:
        if column.period is None:
            continue
        number, estimate = _cell_number(row, column, row_number, errors)
        if number is None:
            continue
        if column.role == "value":
            values[column.period] = number
            if estimate:
                estimates.add(column.period)
        elif column.role == "forecast":
            forecasts[column.period.year] = number
        else:
            reference[column.period] = number
    item = IndicatorInput(name=name, unit=unit, target=target, baseline=baseline, binding=binding,
                          values=values, estimates=frozenset(estimates), forecasts=forecasts, reference=reference)
    return SheetRow(row_number, cell("类别"), item, [], is_part)


def read_sheet(path: str | Path, *, point: EvaluationPoint) -> list[SheetRow]:
    """Read and validate a sheet; raise ``SheetError`` listing every problem found."""
    rows = _read_rows(Path(path))
    if not rows:
        raise SheetError([ERR_EMPTY])
    errors: list[str] = []
    columns = _columns(rows[0][1], point, errors)
    if any(e.startswith("第1行") for e in errors):
        raise SheetError(errors)
    parsed: list[SheetRow] = []
    category = ""
    for row_number, row in rows[1:]:
        parent = parsed[-1] if parsed else None
        sheet_row = _parse_row(row, row_number, columns, parent, errors)
        if sheet_row is None:
            continue
        # 类别 is written once per block in the published tables; carry it down.
        category = sheet_row.category or category
        sheet_row.category = category
        if sheet_row.is_part:
            parent.parts.append(sheet_row)
        else:
            parsed.append(sheet_row)
    if errors:
        raise SheetError(errors)
    if not parsed:
        raise SheetError([ERR_NO_ROWS])
    return parsed


# --- judging and writing ------------------------------------------------------------------------
def _with_parts(sheet_row: SheetRow) -> IndicatorInput:
    item = sheet_row.item
    if not sheet_row.parts:
        return item
    return IndicatorInput(name=item.name, unit=item.unit, target=item.target, baseline=item.baseline,
                          binding=item.binding, values=item.values, estimates=item.estimates,
                          forecasts=item.forecasts, reference=item.reference,
                          parts=tuple(p.item for p in sheet_row.parts))


def assess_rows(rows: list[SheetRow], *, point: EvaluationPoint,
                thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[tuple[SheetRow, IndicatorAssessment]]:
    """The engine's judgement of every row (parts inside their composite)."""
    return [(r, assess_indicator(_with_parts(r), point=point, thresholds=thresholds)) for r in rows]


def _json(results) -> str:
    records = []
    for sheet_row, assessment in results:
        record = {"row": sheet_row.row, "category": sheet_row.category, "target": sheet_row.item.target.raw,
                  "binding": sheet_row.item.binding}
        record.update(assessment.to_dict())
        records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _csv_record(category: str, name: str, target_raw: str, a: IndicatorAssessment) -> list[str]:
    def share(x):
        return "" if x is None else text.fmt_share(x)

    return [
        category, name, a.unit, target_raw, text.KIND_LABELS.get(a.kind, a.kind),
        "" if a.current is None else text.fmt_number(a.current), share(a.progress), share(a.expected),
        "" if a.forecast is None else text.fmt_number(a.forecast),
        text.FORECAST_SOURCE_LABELS.get(a.forecast_source or "", ""), share(a.anticipated),
        "" if a.suggestion is None else a.suggestion.value, "" if a.warning is None else a.warning.label,
        "；".join(a.reasons), "；".join(c.message for c in a.checks),
    ]


def _csv(results) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for sheet_row, assessment in results:
        writer.writerow(_csv_record(sheet_row.category, assessment.name, sheet_row.item.target.raw, assessment))
        for part_row, part in zip(sheet_row.parts, assessment.parts):
            writer.writerow(_csv_record(sheet_row.category, f"其中：{part.name}", part_row.item.target.raw, part))
    return out.getvalue()


def assess_sheet(path: str | Path, *, as_of: int = 2022, fmt: str = "csv",
                 thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    """Judge every indicator of the sheet at ``path`` as of ``as_of`` and render CSV or JSON.

    ``as_of=2022`` is the mid-term point (2022 annual data, sums to June 2023); ``2025`` a
    close-out. Raises ``SheetError`` with every problem of the sheet.
    """
    if fmt not in ("csv", "json"):
        raise SheetError([ERR_OUTPUT_FORMAT.format(fmt=fmt)])
    try:
        point = EvaluationPoint.as_of_year(int(as_of))
    except (TypeError, ValueError) as exc:
        raise SheetError([str(exc)]) from None
    results = assess_rows(read_sheet(path, point=point), point=point, thresholds=thresholds)
    return _json(results) if fmt == "json" else _csv(results)
