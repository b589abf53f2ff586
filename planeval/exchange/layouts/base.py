"""What every layout shares: its columns, finding the header row, reading cells, collecting results."""
from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from planeval.domain import cells

from ..reading import Table
from ..units import UnitMatcher

# --- messages ------------------------------------------------------------------------------------
ERR_NO_HEADER = "找不到表头行：前{rows}行中没有同时包含{columns}的一行。请使用本系统提供的模板。"
ERR_REQUIRED = "不能为空"
ERR_NOT_NUMBER = "“{value}”不是数字"
ERR_TOO_LARGE = "数值“{value}”超出可保存的范围"
ERR_NOT_DATE = "“{value}”不是日期（应写作2023-06-30或2023年6月）"
ERR_UNKNOWN_UNIT = "找不到单位“{name}”（请核对名称，或请区发改委在“单位别名”中登记这一写法）"
ERR_AMBIGUOUS_UNIT = "单位名称“{name}”对应多个单位，请写全称"
WARN_COLLECTIVE = "“{name}”是集合称谓，不作为单位登记"
ERR_NO_PLAN = "导入{kind}须指定规划（--plan）"
ERR_NO_ROWS = "文件中没有数据行"

HEADER_SCAN_ROWS = 10
EXAMPLE_MARK = "示例"
DECIMAL_QUANTUM = Decimal("0.000001")   # DecimalField(decimal_places=6)
DECIMAL_LIMIT = Decimal("1e14")          # DecimalField(max_digits=20)


@dataclass(frozen=True)
class Column:
    """One column of a layout: its key, the header of the template, the other headers it may go by."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    fill_down: bool = False   # merged category cells: an empty cell repeats the one above
    width: int = 14
    note: str = ""            # what to write, for the template's 填表说明 and docs/import.md

    def header_keys(self) -> set[str]:
        return {cells.header_key(h) for h in (self.header, *self.aliases)}


@dataclass(frozen=True)
class Problem:
    """One problem, in Chinese, naming the row and column it was found in."""

    row: int | None
    column: str | None
    message: str
    fatal: bool = True

    @property
    def text(self) -> str:
        if self.row and self.column:
            return f"第{self.row}行“{self.column}”列：{self.message}"
        if self.row:
            return f"第{self.row}行：{self.message}"
        return self.message

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Change:
    """What one row does: create, update (with the fields' old → new) or leave unchanged."""

    row: int
    action: str   # "create" | "update" | "unchanged"
    label: str
    detail: str = ""


@dataclass
class Context:
    """Where an import writes and what it has found so far."""

    kind: str
    jurisdiction: object
    plan: object | None
    user: object | None
    now: datetime.datetime
    units: UnitMatcher
    progress: Callable[[int, int], None] | None = None
    scope: object | None = None   # what a campaign-bound layout writes into (a reviews EvaluatorGrant)
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def actor(self):
        return self.user if self.user is not None and self.user.is_authenticated else None

    def problem(self, row: int | None, column: str | None, message: str, *, fatal: bool = True) -> None:
        self.problems.append(Problem(row, column, message, fatal))

    def change(self, row: int, action: str, label: str, detail: str = "") -> None:
        self.changes.append(Change(row, action, label, detail))

    def seen_before(self, seen: dict, key, row: int, column: str | None, message: str, **names) -> bool:
        """True, with a problem naming the earlier row, when ``key`` already came up in this table."""
        if key in seen:
            self.problem(row, column, message.format(first=seen[key], **names))
            return True
        seen[key] = row
        return False

    def tick(self, done: int, total: int) -> None:
        if self.progress is not None and (done == total or done % 200 == 0):
            self.progress(done, total)


class Row:
    """One data row: its number in the file and its cells by column key."""

    __slots__ = ("cells", "extra", "number")

    def __init__(self, number: int, cells_by_key: dict, extra: dict):
        self.number = number
        self.cells = cells_by_key
        self.extra = extra   # unmapped columns by their header (the values layout reads years there)


class Sheet:
    """A table read against a layout's columns: the header found, data rows with fills applied."""

    def __init__(self, table: Table, columns: Sequence[Column], ctx: Context):
        self.columns = {c.key: c for c in columns}
        self.ctx = ctx
        self.headers: dict[str, str] = {}       # column key → header text as written in the file
        self.extra_headers: dict[int, str] = {}  # column index → header text, for unmapped columns
        self.rows: list[Row] = []
        self.header_row = 0
        self._read(table, columns)

    def _read(self, table: Table, columns: Sequence[Column]) -> None:
        lookup = {k: c.key for c in columns for k in c.header_keys()}
        required = [c for c in columns if c.required]
        found = None
        for number, row in table.rows[:HEADER_SCAN_ROWS]:
            mapped = {lookup[cells.header_key(v)]: i for i, v in enumerate(row) if cells.header_key(v) in lookup}
            if all(c.key in mapped for c in required):
                found = number, row, mapped
                break
        if found is None:
            names = "、".join(f"“{c.header}”" for c in required)
            self.ctx.problem(None, None, ERR_NO_HEADER.format(rows=HEADER_SCAN_ROWS, columns=names))
            return
        self.header_row, header, index = found
        self.headers = {key: " ".join(cells.text_of(header[i]).split()) for key, i in index.items()}
        self.extra_headers = {i: " ".join(cells.text_of(v).split()) for i, v in enumerate(header)
                              if i not in index.values() and cells.text_of(v)}
        header_keys = [cells.header_key(v) for v in header]
        probe = index[required[0].key] if required else 0   # a repeated header has its text here
        filled: dict[str, object] = {}
        fill_keys = [c.key for c in columns if c.fill_down and c.key in index]
        for number, row in table.rows:
            if number <= self.header_row:
                continue
            if probe < len(row) and isinstance(row[probe], str) and (
                    cells.header_key(row[probe]) == header_keys[probe]
                    and all(cells.header_key(row[i] if i < len(row) else None) == header_keys[i]
                            for i in index.values())):
                continue  # the header repeated on a continuation page (续表)
            first = next((cells.text_of(v) for v in row if cells.text_of(v)), "")
            if first == EXAMPLE_MARK:
                continue  # the template's example row
            by_key = {key: row[i] if i < len(row) else None for key, i in index.items()}
            for key in fill_keys:
                if cells.text_of(by_key[key]):
                    filled[key] = by_key[key]
                else:
                    by_key[key] = filled.get(key)
            extra = {i: row[i] for i in self.extra_headers if i < len(row)}
            self.rows.append(Row(number, by_key, extra))

    # --- cells ------------------------------------------------------------------------------------
    def has(self, key: str) -> bool:
        return key in self.headers

    def header(self, key: str) -> str:
        return self.headers.get(key) or self.columns[key].header

    def text(self, row: Row, key: str) -> str:
        return cells.text_of(row.cells.get(key))

    def required_text(self, row: Row, key: str) -> str | None:
        value = self.text(row, key)
        if not value:
            self.ctx.problem(row.number, self.header(key), ERR_REQUIRED)
            return None
        return value

    def decimal(self, row: Row, key: str, *, raw=None, header: str | None = None) -> tuple[Decimal | None, bool, bool]:
        """(value, is_estimate, ok): a number quantised as stored; a problem when it is not one."""
        value = row.cells.get(key) if raw is None else raw
        column = header or self.header(key)
        try:
            number, estimate = cells.number_of(value)
        except cells.NotANumber:
            self.ctx.problem(row.number, column, ERR_NOT_NUMBER.format(value=cells.text_of(value)))
            return None, False, False
        if number is None:
            return None, False, True
        if abs(number) >= DECIMAL_LIMIT:
            self.ctx.problem(row.number, column, ERR_TOO_LARGE.format(value=cells.text_of(value)))
            return None, False, False
        return number.quantize(DECIMAL_QUANTUM), estimate, True

    def date(self, row: Row, key: str) -> tuple[datetime.date | None, bool]:
        value = row.cells.get(key)
        try:
            return cells.date_of(value), True
        except ValueError:
            self.ctx.problem(row.number, self.header(key), ERR_NOT_DATE.format(value=cells.text_of(value)))
            return None, False

    def units(self, row: Row, key: str):
        """(units in order, collective names, ok) of a cell naming one or several units."""
        text = self.text(row, key)
        if not text:
            return [], [], True
        whole = self.ctx.units.find(text)
        if whole is not None:
            return [whole], [], True
        found, collective, ok = [], [], True
        for name in cells.split_names(text):
            if cells.is_collective(name):
                collective.append(name)
                continue
            unit = self.ctx.units.find(name)
            if unit is None:
                message = ERR_AMBIGUOUS_UNIT if self.ctx.units.is_ambiguous(name) else ERR_UNKNOWN_UNIT
                self.ctx.problem(row.number, self.header(key), message.format(name=name))
                ok = False
            elif unit not in found:
                found.append(unit)
        return found, collective, ok


def describe(changes: list[tuple[str, object, object]]) -> str:
    """``目标值 12 → 15；责任部门 区科委 → 区商务委``: the detail line of an update."""
    def show(value) -> str:
        if value is None or value == "":
            return "（空）"
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        return str(value)

    return "；".join(f"{label} {show(old)} → {show(new)}" for label, old, new in changes)


def unit_names(units) -> str:
    return "、".join(u.name for u in units)
