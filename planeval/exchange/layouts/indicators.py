"""主要指标 in the layout of Putuo's 附件2: 类别 (merged), 序号, 指标, 单位, 目标值, 责任部门, 指标属性.

A row whose 指标 starts with 其中 is a sub-target of the indicator above it (Putuo's
indicator 4 and its four industries); its empty 单位 and 指标属性 are the parent's.
Indicators are matched within the plan by (name, parent). Targets are written through
planning.services so the parsed target, its kind and direction stay consistent.
"""
from __future__ import annotations

from planeval.domain import cells
from planeval.domain.targets import REASON_UNREADABLE, parse_target
from planeval.planning.models import Indicator
from planeval.planning.services import indicator_save, superseded_target

from .base import (
    ERR_NO_PLAN,
    WARN_COLLECTIVE,
    Column,
    Context,
    Sheet,
    describe,
    unit_names,
)

TITLE = "主要指标"
COLUMNS = (
    Column("category", "类别", ("指标类别", "领域"), fill_down=True, width=12,
           note="合并单元格或只在每类第一行填写均可"),
    Column("number", "序号", ("编号",), width=6),
    Column("name", "指标", ("指标名称",), required=True, width=36,
           note="分项目标另起一行，写作“其中：智能软件”"),
    Column("measure_unit", "单位", ("计量单位", "指标单位"), width=10),
    Column("target", "目标值", ("目标值2021-2025年", "2025年目标值", "规划目标", "目标", "规划目标值",
                               "目标值(2025年)"), width=18,
           note="照规划原文填写，如“累计 1400”“3-5”“>84”“与市保持同步”"),
    Column("units", "责任部门", ("责任单位", "牵头部门", "牵头单位"), width=24,
           note="多个部门用顿号分隔，第一个为牵头部门，其余为配合部门"),
    Column("attribute", "指标属性", ("属性",), width=10, note="预期性或约束性"),
    Column("baseline", "基期值", ("2020年基期值", "基期", "2020年"), width=10, note="可不填"),
)
EXAMPLE = ("示例", "1", "新增高新技术企业数", "家", "累计 150", "区科委", "预期性", "")

ERR_ATTRIBUTE = "“{value}”应为“预期性”或“约束性”"
ERR_DUPLICATE = "指标“{name}”在本表中重复出现（第{first}行已有）"
ERR_ORPHAN_PART = "分项“{name}”上方没有可归属的指标"
WARN_TARGET = "目标值“{value}”未能识别，将作为定性目标保存，评估时需人工判断"

ATTRIBUTES = {"预期性": Indicator.Attribute.ANTICIPATORY, "约束性": Indicator.Attribute.BINDING,
              "预期": Indicator.Attribute.ANTICIPATORY, "约束": Indicator.Attribute.BINDING}
FIELD_LABELS = {"category": "类别", "number": "序号", "measure_unit": "单位", "target_text": "目标值",
                "attribute": "指标属性", "lead_unit": "责任部门", "baseline": "基期值"}


def run(sheet: Sheet, ctx: Context) -> None:
    if ctx.plan is None:
        ctx.problem(None, None, ERR_NO_PLAN.format(kind=TITLE))
        return
    existing = {(i.parent_id, cells.key_of(i.name)): i
                for i in Indicator.objects.filter(plan=ctx.plan).prefetch_related("co_units")}
    position = max((i.position for i in existing.values()), default=0)
    seen: dict[tuple, int] = {}
    parent: Indicator | None = None
    parent_failed = False
    total = len(sheet.rows)
    for done, row in enumerate(sheet.rows, start=1):
        ctx.tick(done, total)
        raw_name = sheet.required_text(row, "name")
        if raw_name is None:
            continue
        name, is_part = cells.split_part(raw_name)
        if is_part and parent is None:
            if not parent_failed:
                ctx.problem(row.number, sheet.header("name"), ERR_ORPHAN_PART.format(name=name))
            continue
        owner = parent if is_part else None
        key = (owner.pk if owner else None, cells.key_of(name))
        if ctx.seen_before(seen, key, row.number, sheet.header("name"), ERR_DUPLICATE, name=name):
            parent_failed, parent = (True, None) if not is_part else (parent_failed, parent)
            continue
        values = _values(sheet, row, ctx, owner, name)
        if values is None:
            if not is_part:
                parent, parent_failed = None, True
            continue
        indicator = existing.get(key)
        if indicator is None:
            position += 1
            indicator = _create(ctx, row.number, values, plan=ctx.plan, parent=owner, name=name, position=position)
        else:
            _update(ctx, row.number, indicator, values)
        if not is_part:
            parent, parent_failed = indicator, False


def _values(sheet: Sheet, row, ctx: Context, owner: Indicator | None, name: str) -> dict | None:
    """The row's fields (only the columns the file has and fills), or None after a fatal problem."""
    ok = True
    values: dict = {}
    if sheet.text(row, "category"):
        values["category"] = sheet.text(row, "category")
    elif owner is not None:
        values["category"] = owner.category
    if sheet.text(row, "number"):
        values["number"] = sheet.text(row, "number")
    unit_text = sheet.text(row, "measure_unit")
    if unit_text:
        values["measure_unit"] = unit_text
    elif owner is not None:
        values["measure_unit"] = owner.measure_unit
    attribute = sheet.text(row, "attribute")
    if attribute:
        if attribute not in ATTRIBUTES:
            ctx.problem(row.number, sheet.header("attribute"), ERR_ATTRIBUTE.format(value=attribute))
            ok = False
        else:
            values["attribute"] = ATTRIBUTES[attribute]
    elif owner is not None:
        values["attribute"] = owner.attribute
    target = sheet.text(row, "target")
    if target:
        values["target_text"] = target
        parsed = parse_target(target, indicator_name=name, unit=values.get("measure_unit", ""))
        if parsed.reason == REASON_UNREADABLE:
            ctx.problem(row.number, sheet.header("target"), WARN_TARGET.format(value=target), fatal=False)
    if sheet.text(row, "units"):
        units, collective, units_ok = sheet.units(row, "units")
        ok = ok and units_ok
        for name_ in collective:
            ctx.problem(row.number, sheet.header("units"), WARN_COLLECTIVE.format(name=name_), fatal=False)
        if units:
            values["lead_unit"], values["co_units"] = units[0], units[1:]
    if sheet.text(row, "baseline"):
        baseline, _estimate, number_ok = sheet.decimal(row, "baseline")
        ok = ok and number_ok
        if number_ok:
            values["baseline"] = baseline
    return values if ok else None


def _label(indicator: Indicator) -> str:
    if indicator.parent_id:
        return f"{indicator.parent.name}：{indicator.name}"
    return f"{indicator.number}、{indicator.name}" if indicator.number else indicator.name


def _create(ctx: Context, row: int, values: dict, *, plan, parent, name: str, position: int) -> Indicator:
    co_units = values.pop("co_units", [])
    indicator = Indicator(plan=plan, parent=parent, name=name, position=position, **values)
    indicator_save(indicator=indicator, user=ctx.actor)
    if co_units:
        indicator.co_units.set(co_units)
    ctx.change(row, "create", _label(indicator))
    return indicator


def _update(ctx: Context, row: int, indicator: Indicator, values: dict) -> None:
    co_units = values.pop("co_units", None)
    if "target_text" in values and superseded_target(indicator, values["target_text"]):
        # The published table again, after an approved adjustment (规划调整): not a correction.
        del values["target_text"]
    changed = []
    for field, new in values.items():
        old = getattr(indicator, field)
        if old != new:
            changed.append((FIELD_LABELS[field], _shown(old), _shown(new)))
            setattr(indicator, field, new)
    if "baseline" in values and indicator.baseline_is_sample:
        # A baseline the DRC's table states is no longer the demo's sample figure.
        if not any(label == FIELD_LABELS["baseline"] for label, _old, _new in changed):
            changed.append((FIELD_LABELS["baseline"], f"{_shown(indicator.baseline)}（示例数据）", values["baseline"]))
        indicator.baseline_is_sample = False
    old_co = sorted(indicator.co_units.all(), key=lambda u: u.id)
    co_changed = co_units is not None and {u.id for u in old_co} != {u.id for u in co_units}
    if co_changed:
        changed.append(("配合部门", unit_names(old_co), unit_names(co_units)))
    if not changed:
        ctx.change(row, "unchanged", _label(indicator))
        return
    indicator_save(indicator=indicator, user=ctx.actor)
    if co_changed:
        indicator.co_units.set(co_units)
    ctx.change(row, "update", _label(indicator), describe(changed))


def _shown(value):
    if isinstance(value, str) and value in dict(Indicator.Attribute.choices):
        return dict(Indicator.Attribute.choices)[value]
    return getattr(value, "name", value)
