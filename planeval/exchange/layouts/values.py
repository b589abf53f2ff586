"""指标数值 in wide form: one row per indicator, one column per period.

Columns: 指标 (a sub-target as ``其中：智能软件`` under its indicator), optional 序号 and
单位, then periods: ``2021`` ``2022`` ``2023H1`` ``2023-06`` hold 统计数 unless the cell says
``12.3（预计）``; ``2022预计数`` holds 预计数, ``2022统计数`` 统计数, ``2024预测`` 预测数 and
``参照2022`` the higher level's figure (参照值). Optional 数据来源 and 说明 columns apply to
the row's values. Empty cells leave stored values alone.

The same rules as monitoring.services.observation_record, in bulk: an official figure and
an estimate are separate rows; an unchanged value writes nothing; a change bumps the version
and writes an ObservationRevision with old → new, who and when; values of an indicator whose
lead unit's report is under review or signed are refused. One query reads the stored
values, one pair checks the locks, and the writes are bulk inserts and updates.
"""
from __future__ import annotations

from collections import namedtuple
from decimal import Decimal

from django.db import connection

from planeval.domain import cells
from planeval.monitoring.models import Observation, ObservationRevision
from planeval.planning.models import Indicator, Plan
from planeval.submissions.locks import indicator_value_locks

from .base import DECIMAL_QUANTUM, Column, Context, Sheet, describe

TITLE = "指标数值"
COLUMNS = (
    Column("number", "序号", ("编号",), width=6),
    Column("name", "指标", ("指标名称",), required=True, width=36,
           note="与规划中的指标名称一致；分项写作“其中：智能软件”"),
    Column("measure_unit", "单位", ("计量单位",), width=10, note="仅供核对，不导入"),
    Column("source", "数据来源", ("来源",), width=14, note="可不填"),
    Column("note", "说明", ("备注",), width=20, note="可不填"),
)
PERIOD_HEADERS = ("2021", "2022", "2023H1", "2023预计数", "2024预测", "2025预测")
EXAMPLE = ("示例", "新增高新技术企业数", "家", "区统计局", "", 38, 41, 12, "", 30, 30)
PERIOD_NOTE = ("年份列：2021、2022、2023H1（上半年）、2023-06（月度）为统计数；单元格写“12.3（预计）”或列名写"
               "“2023预计数”为预计数；“2024预测”为预测数；“参照2022”为上级参照值")

KIND_LABELS = dict(Observation.Kind.choices)
_Stored = namedtuple("_Stored", "id indicator_id year granularity period_index kind value source note is_sample version")
ERR_PERIOD_HEADER = "无法识别的期间列“{header}”（应写作2022、2023H1、2023-06、2023预计数、2024预测或参照2022）"
ERR_PERIOD_RANGE = "期间列“{header}”不在规划期{start}—{end}年内"
ERR_NO_PERIODS = "没有期间列（如2021、2022、2023H1）"
ERR_UNKNOWN_INDICATOR = "找不到指标“{name}”"
ERR_AMBIGUOUS_INDICATOR = "指标“{name}”在多个规划中都有，请指定规划（--plan）"
ERR_DUPLICATE = "指标“{name}”在本表中重复出现（第{first}行已有）"
ERR_DUPLICATE_PERIOD = "期间列“{header}”与另一列重复"
NEW_VALUES = "新增{periods}"
ERR_ORPHAN_PART = "分项“{name}”上方没有可归属的指标"


def _period_columns(sheet: Sheet, ctx: Context, start: int, end: int):
    """[(column index, header, period, kind or None)] of the period columns; problems for bad ones."""
    columns, seen = [], set()
    for index, header in sheet.extra_headers.items():
        try:
            parsed = cells.value_column(header)
        except ValueError:
            ctx.problem(sheet.header_row, header, ERR_PERIOD_HEADER.format(header=header))
            continue
        if parsed is None:
            continue   # 责任部门, 目标值 …: not this layout's business
        period, kind = parsed
        if not start <= period.year <= end:
            ctx.problem(sheet.header_row, header, ERR_PERIOD_RANGE.format(header=header, start=start, end=end))
            continue
        key = (period, kind or Observation.Kind.ACTUAL)
        if key in seen:
            ctx.problem(sheet.header_row, header, ERR_DUPLICATE_PERIOD.format(header=header))
            continue
        seen.add(key)
        columns.append((index, header, period, kind))
    if not columns and not ctx.problems:
        ctx.problem(sheet.header_row, None, ERR_NO_PERIODS)
    return columns


# The few fields a value row needs of its indicator: plain rows, not model instances.
_Target = namedtuple("_Target", "id name plan_id lead_unit_id parent_id parent_name")


def _indicators(ctx: Context) -> dict[tuple, list[_Target]]:
    """The indicators a row may name, by (parent name key or None, name key) → list."""
    query = Indicator.objects.filter(plan=ctx.plan) if ctx.plan is not None else Indicator.objects.filter(
        plan__jurisdiction=ctx.jurisdiction)
    index: dict[tuple, list[_Target]] = {}
    for values in query.values_list(*_Target._fields[:-1], "parent__name"):
        indicator = _Target(*values)
        parent_key = cells.key_of(indicator.parent_name) if indicator.parent_id else None
        index.setdefault((parent_key, cells.key_of(indicator.name)), []).append(indicator)
    return index


def _plan_years(ctx: Context) -> tuple[int, int]:
    plans = [ctx.plan] if ctx.plan is not None else list(Plan.objects.filter(jurisdiction=ctx.jurisdiction))
    if not plans:
        return 2021, 2025
    # The baseline year (2020) may carry values too.
    return min(p.start_year for p in plans) - 1, max(p.end_year for p in plans)


def run(sheet: Sheet, ctx: Context) -> None:
    start, end = _plan_years(ctx)
    columns = _period_columns(sheet, ctx, start, end)
    if not columns:
        return
    index = _indicators(ctx)
    # (indicator id, year, granularity, index, kind) → the stored observation, as a plain row
    query = Observation.objects.select_for_update()
    query = query.filter(indicator__plan=ctx.plan) if ctx.plan is not None else query.filter(
        indicator__plan__jurisdiction=ctx.jurisdiction)
    stored = {(r.indicator_id, r.year, r.granularity, r.period_index, r.kind): r
              for r in (_Stored(*values) for values in query.values_list(*_Stored._fields))}

    planned = []   # (row number, indicator, [(period, kind, value)], source or None, note or None)
    seen: dict[int, int] = {}
    parent_key = None
    total = len(sheet.rows)
    has_source, has_note = sheet.has("source"), sheet.has("note")
    for done, row in enumerate(sheet.rows, start=1):
        ctx.tick(done, total)
        raw_name = sheet.required_text(row, "name")
        if raw_name is None:
            continue
        name, is_part = cells.split_part(raw_name)
        if is_part and parent_key is None:
            ctx.problem(row.number, sheet.header("name"), ERR_ORPHAN_PART.format(name=name))
            continue
        name_key = cells.key_of(name)
        found = index.get((parent_key if is_part else None, name_key), [])
        if not is_part:
            parent_key = name_key
        if len(found) != 1:
            message = ERR_AMBIGUOUS_INDICATOR if found else ERR_UNKNOWN_INDICATOR
            ctx.problem(row.number, sheet.header("name"), message.format(name=name))
            continue
        indicator = found[0]
        if ctx.seen_before(seen, indicator.id, row.number, sheet.header("name"), ERR_DUPLICATE, name=name):
            continue
        source = sheet.text(row, "source") if has_source else None
        note = sheet.text(row, "note") if has_note else None
        values, ok = [], True
        for column_index, header, period, kind in columns:
            raw = row.extra.get(column_index)
            if raw is None or raw == "":
                continue
            if type(raw) in (int, float) and abs(raw) < 1e14:   # the usual Excel number: skip the text rules
                value, estimate = Decimal(repr(raw) if type(raw) is float else raw).quantize(DECIMAL_QUANTUM), False
            else:
                value, estimate, number_ok = sheet.decimal(row, "", raw=raw, header=header)
                if not number_ok:
                    ok = False
                    continue
                if value is None:
                    continue
            marked = Observation.Kind.ESTIMATE if estimate else Observation.Kind.ACTUAL
            values.append((period, kind or marked, value))
        if ok and values:
            planned.append((row.number, indicator, values, source, note))
    _write(ctx, planned, stored, name_header=sheet.header("name"))


def _label(indicator: _Target) -> str:
    return f"{indicator.parent_name}：{indicator.name}" if indicator.parent_id else indicator.name


def _write(ctx: Context, planned: list, stored: dict, *, name_header: str) -> None:
    """Diff every planned value against the stored one, refuse locked indicators, then bulk write."""
    actor_id = ctx.actor.pk if ctx.actor is not None else None
    diffs = []   # (row, indicator, [(period, kind, value, source, note, stored row or None)])
    for row, indicator, values, source, note in planned:
        row_changes = []
        for period, kind, value in values:
            existing = stored.get((indicator.id, period.year, period.granularity.value, period.index, kind))
            new_source = existing.source if existing is not None and source is None else (source or "")
            new_note = existing.note if existing is not None and note is None else (note or "")
            if existing is not None and (existing.value, existing.source, existing.note, existing.is_sample) == (
                    value, new_source, new_note, False):
                continue   # as observation_record: nothing changed, nothing written
            row_changes.append((period, kind, value, new_source, new_note, existing))
        diffs.append((row, indicator, row_changes))

    locks = indicator_value_locks([indicator for _row, indicator, changes in diffs if changes])
    creates, updates, revisions = [], [], []
    for row, indicator, row_changes in diffs:
        if not row_changes:
            ctx.change(row, "unchanged", _label(indicator))
            continue
        if indicator.id in locks:
            ctx.problem(row, name_header, locks[indicator.id])
            continue
        details, created_only = [], True   # (what, old, new); a new value's detail is only its name
        for period, kind, value, source, note, existing in row_changes:
            what = f"{period.label}{KIND_LABELS[kind]}"
            if existing is None:
                creates.append((indicator.id, period.year, period.granularity.value, period.index, kind, value,
                                source, note, False, actor_id, 1))
                revisions.append((indicator.id, str(period), kind, ObservationRevision.Action.CREATED.value, None,
                                  value, source, note, actor_id))
                details.append((what, None, None))
                continue
            created_only = False
            updates.append((value, source, note, False, actor_id, existing.version + 1, existing.id))
            revisions.append((indicator.id, str(period), kind, ObservationRevision.Action.UPDATED.value,
                              existing.value, value, source, note, actor_id))
            details.append((what, existing.value, value))
        if created_only:
            ctx.change(row, "create", _label(indicator), NEW_VALUES.format(periods="、".join(d[0] for d in details)))
        else:
            ctx.change(row, "update", _label(indicator),
                       describe([(what, old, new) for what, old, new in details if new is not None]
                                + [(what, None, "新增") for what, _old, new in details if new is None]))
    if any(p.fatal for p in ctx.problems):
        return   # the whole import is rolled back: spare the writes
    _bulk_write(ctx.now, creates, updates, revisions)


# Tens of thousands of rows: the ORM's per-field preparation of bulk_create/bulk_update would
# cost several times the reading of the file, so the statements are written out here, with
# the values adapted the way the fields would adapt them.
_BATCH = 5_000


def _bulk_write(now, creates: list, updates: list, revisions: list) -> None:
    # Decimals go to the driver as they are: adapt_decimalfield_value is the identity on every
    # built-in backend, and the values were quantised to the field's six places already.
    at = connection.ops.adapt_datetimefield_value(now)
    _execute_many(_insert_sql(Observation, ("indicator", "year", "granularity", "period_index", "kind", "value",
                                            "source", "note", "is_sample", "recorded_by", "version", "recorded_at")),
                  [(*r, at) for r in creates])
    _execute_many(_update_sql(Observation, ("value", "source", "note", "is_sample", "recorded_by", "version",
                                            "recorded_at")),
                  [(*r[:6], at, r[6]) for r in updates])
    _execute_many(_insert_sql(ObservationRevision, ("indicator", "period", "kind", "action", "old_value", "new_value",
                                                    "source", "note", "changed_by", "changed_at")),
                  [(*r, at) for r in revisions])


def _columns(model, fields) -> list[str]:
    return [connection.ops.quote_name(model._meta.get_field(f).column) for f in fields]


def _insert_sql(model, fields) -> str:
    columns = _columns(model, fields)
    return (f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})")


def _update_sql(model, fields) -> str:
    assignments = ", ".join(f"{c} = %s" for c in _columns(model, fields))
    return f"UPDATE {connection.ops.quote_name(model._meta.db_table)} SET {assignments} WHERE id = %s"


def _execute_many(sql: str, rows: list) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _BATCH):
            cursor.executemany(sql, rows[start:start + _BATCH])
