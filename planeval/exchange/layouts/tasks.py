"""主要任务 in the layout of Putuo's 附件3: 序号, 项目, 主要内容, 牵头单位.

An area row has a Chinese numeral (一, 二 …) in 序号 and its title in 项目. An item row has
its number in 序号, its section in 项目 (``（一）深化…``, one merged cell over the section's
items) and in 主要内容 its title sentence, a space, then its content. 牵头单位 may name
several units (the first leads, the others share the work); 各街镇-like collective names
are kept as the item's 其他责任主体. Tasks are matched within the plan by their number path
(area, section, item).
"""
from __future__ import annotations

from planeval.domain import cells
from planeval.planning.models import Task

from .base import (
    ERR_NO_PLAN,
    ERR_REQUIRED,
    Column,
    Context,
    Sheet,
    describe,
    unit_names,
)

TITLE = "主要任务"
COLUMNS = (
    Column("number", "序号", ("编号",), required=True, width=6,
           note="领域行写“一”“二”……，任务行写阿拉伯数字"),
    Column("section", "项目", ("任务类别", "节", "重点任务", "领域"), width=30,
           note="节的编号和标题，如“（一）深化科技创新布局”；同一节的任务可合并单元格"),
    Column("content", "主要内容", ("任务内容", "具体任务", "任务"), required=True, width=60,
           note="任务标题（以句号结束）后空一格接具体内容；领域行可留空"),
    Column("units", "牵头单位", ("牵头部门", "责任单位", "责任部门"), width=24,
           note="多个单位用顿号分隔，第一个为牵头单位；“各街镇”等集合称谓记为其他责任主体"),
)
EXAMPLE = ("示例", "（一）深化科技创新布局", "深入推进协同创新。 争取更多国家级、市级工程技术研究中心落户。", "区科委")

ERR_DUPLICATE = "序号“{number}”在本表中重复出现（第{first}行已有）"
ERR_NO_AREA = "任务“{number}”上方没有领域行（序号为“一”“二”……的行）"
FIELD_LABELS = {"title": "任务", "content": "主要内容", "lead_unit": "牵头单位", "co_units_note": "其他责任主体"}


def _path_key(number: str, title: str) -> str:
    return cells.key_of(number) or "#" + cells.key_of(title)


class _Tree:
    """Existing tasks of the plan by their number path, and the next free position."""

    def __init__(self, plan):
        tasks = list(Task.objects.filter(plan=plan).prefetch_related("co_units"))
        by_id = {t.id: t for t in tasks}
        self.by_path: dict[tuple, Task] = {}
        for task in tasks:
            path, node = [], task
            while node is not None:
                path.append(_path_key(node.number, node.title))
                node = by_id.get(node.parent_id)
            self.by_path[tuple(reversed(path))] = task
        self.position = max((t.position for t in tasks), default=0)


def run(sheet: Sheet, ctx: Context) -> None:
    if ctx.plan is None:
        ctx.problem(None, None, ERR_NO_PLAN.format(kind=TITLE))
        return
    tree = _Tree(ctx.plan)
    seen: dict[tuple, int] = {}
    area = section = None          # the Task objects rows attach to
    area_path: tuple = ()
    section_path: tuple = ()
    section_text = ""
    total = len(sheet.rows)
    for done, row in enumerate(sheet.rows, start=1):
        ctx.tick(done, total)
        number = sheet.required_text(row, "number")
        if number is None:
            continue
        if cells.is_area_number(number):
            title = sheet.text(row, "section") or sheet.text(row, "content")
            if not title:
                ctx.problem(row.number, sheet.header("section"), ERR_REQUIRED)
            area_path = (_path_key(number, title),)
            if ctx.seen_before(seen, area_path, row.number, sheet.header("number"), ERR_DUPLICATE, number=number):
                area = None
                continue
            fields = {"title": title, **_units(sheet, row, ctx)}
            area = _save(ctx, tree, row.number, area_path, fields, parent=None, number=number)
            section, section_path, section_text = None, (), ""
            continue
        if area is None and not area_path:
            ctx.problem(row.number, sheet.header("number"), ERR_NO_AREA.format(number=number))
            continue
        if area is None:
            continue  # its area row failed: that problem is reported already
        cell = sheet.text(row, "section")
        if cell and cell != section_text:
            section_text = cell
            section_number, section_title = cells.split_section(cell)
            section_path = (*area_path, _path_key(section_number, section_title))
            if section_path in seen:   # the same section again further down: rows join it
                section = tree.by_path.get(section_path)
            else:
                seen[section_path] = row.number
                section = _save(ctx, tree, row.number, section_path, {"title": section_title},
                                parent=area, number=section_number)
        owner = section or area
        owner_path = section_path if section is not None else area_path
        content = sheet.required_text(row, "content")
        if content is None:
            continue
        title, body = cells.split_title(content)
        path = (*owner_path, _path_key(number, title))
        if ctx.seen_before(seen, path, row.number, sheet.header("number"), ERR_DUPLICATE, number=number):
            continue
        fields = {"title": title, "content": body, **_units(sheet, row, ctx)}
        if fields.pop("failed", False):
            continue
        _save(ctx, tree, row.number, path, fields, parent=owner, number=number)


def _units(sheet: Sheet, row, ctx: Context) -> dict:
    if not sheet.text(row, "units"):
        return {}
    units, collective, ok = sheet.units(row, "units")
    if not ok:
        return {"failed": True}
    return {"lead_unit": units[0] if units else None, "co_units": units[1:], "co_units_note": "、".join(collective)}


def _save(ctx: Context, tree: _Tree, row: int, path: tuple, fields: dict, *, parent, number: str) -> Task:
    fields.pop("failed", None)
    co_units = fields.pop("co_units", None)
    task = tree.by_path.get(path)
    label = f"{number} {fields['title']}".strip()
    if task is None:
        tree.position += 1
        task = Task.objects.create(plan=ctx.plan, parent=parent, number=number, position=tree.position,
                                   depth=parent.depth + 1 if parent else 0, **fields)
        if co_units:
            task.co_units.set(co_units)
        tree.by_path[path] = task
        ctx.change(row, "create", label)
        return task
    changed = []
    for field, new in fields.items():
        old = getattr(task, field)
        if old != new:
            changed.append((FIELD_LABELS[field], getattr(old, "name", old), getattr(new, "name", new)))
            setattr(task, field, new)
    old_co = list(task.co_units.all())
    co_changed = co_units is not None and {u.id for u in old_co} != {u.id for u in co_units}
    if co_changed:
        changed.append(("配合单位", unit_names(old_co), unit_names(co_units)))
    if not changed:
        ctx.change(row, "unchanged", label)
        return task
    task.version += 1
    task.save()
    if co_changed:
        task.co_units.set(co_units)
    ctx.change(row, "update", label, describe(changed))
    return task
