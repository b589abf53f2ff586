"""规划目录 in the layouts of Putuo's 附件4 (类别, 序号, 规划名称, 牵头部门) and Hongqiao's 附件1
(序号, 规划名称, 责任部门).

The kind comes from a 规划类型 column when there is one, otherwise from the category
(区域规划 → regional, 空间规划 → spatial …); anything else is a special plan. Plans are
matched by name within the jurisdiction; a new plan supports the jurisdiction's outline.
"""
from __future__ import annotations

from planeval.domain import cells
from planeval.planning.models import Plan

from .base import WARN_COLLECTIVE, Column, Context, Sheet, describe

TITLE = "规划目录"
COLUMNS = (
    Column("category", "类别", ("规划类别",), fill_down=True, width=12,
           note="可合并单元格；“区域规划”“空间规划”等类别同时决定规划类型"),
    Column("number", "序号", ("编号",), width=6),
    Column("name", "规划名称", ("规划", "名称", "专项规划名称"), required=True, width=48),
    Column("unit", "牵头部门", ("责任部门", "牵头单位", "编制部门", "责任单位"), width=20),
    Column("kind", "规划类型", ("类型",), width=12, note="可不填：规划纲要、专项规划、区域规划、空间规划或上级规划"),
)
EXAMPLE = ("示例", 1, "××区科技创新“十四五”规划", "区科委", "专项规划")

ERR_KIND = "“{value}”不是规划类型（应为规划纲要、专项规划、区域规划、空间规划或上级规划）"
ERR_DUPLICATE = "规划“{name}”在本表中重复出现（第{first}行已有）"
KIND_BY_LABEL = {cells.key_of(label): value for value, label in Plan.Kind.choices}
FIELD_LABELS = {"category": "类别", "number": "序号", "lead_unit": "牵头部门", "kind": "规划类型"}


def run(sheet: Sheet, ctx: Context) -> None:
    existing = {cells.key_of(p.name): p for p in Plan.objects.filter(jurisdiction=ctx.jurisdiction)}
    outlines = [p for p in existing.values() if p.kind == Plan.Kind.OUTLINE]
    outline = outlines[0] if len(outlines) == 1 else None
    seen: dict[str, int] = {}
    total = len(sheet.rows)
    for done, row in enumerate(sheet.rows, start=1):
        ctx.tick(done, total)
        name = sheet.required_text(row, "name")
        if name is None:
            continue
        key = cells.key_of(name)
        if ctx.seen_before(seen, key, row.number, sheet.header("name"), ERR_DUPLICATE, name=name):
            continue
        values = _values(sheet, row, ctx)
        if values is None:
            continue
        plan = existing.get(key)
        if plan is None:
            plan = Plan(jurisdiction=ctx.jurisdiction, name=name, **values)
            plan.kind = plan.kind or Plan.Kind.SPECIAL
            if plan.kind != Plan.Kind.OUTLINE:
                plan.outline = outline
            plan.save()
            existing[key] = plan
            ctx.change(row.number, "create", name)
            continue
        changed = []
        for field, new in values.items():
            old = getattr(plan, field)
            if old != new:
                changed.append((FIELD_LABELS[field], _shown(field, old), _shown(field, new)))
                setattr(plan, field, new)
        if changed:
            plan.save()
            ctx.change(row.number, "update", name, describe(changed))
        else:
            ctx.change(row.number, "unchanged", name)


def _shown(field: str, value):
    if field == "kind":
        return Plan.Kind(value).label if value else ""
    return getattr(value, "name", value)


def _values(sheet: Sheet, row, ctx: Context) -> dict | None:
    values: dict = {}
    category = sheet.text(row, "category")
    if category:
        values["category"] = cells.key_of(category)   # 区 域 规 划 → 区域规划
    if sheet.text(row, "number"):
        values["number"] = sheet.text(row, "number")
    kind_text = sheet.text(row, "kind")
    if kind_text:
        kind = KIND_BY_LABEL.get(cells.key_of(kind_text))
        if kind is None:
            ctx.problem(row.number, sheet.header("kind"), ERR_KIND.format(value=kind_text))
            return None
        values["kind"] = kind
    elif category:
        values["kind"] = KIND_BY_LABEL.get(cells.key_of(category), Plan.Kind.SPECIAL)
    if sheet.text(row, "unit"):
        units, collective, ok = sheet.units(row, "unit")
        for name in collective:
            ctx.problem(row.number, sheet.header("unit"), WARN_COLLECTIVE.format(name=name), fatal=False)
        if not ok:
            return None
        if units:
            values["lead_unit"] = units[0]
    return values
