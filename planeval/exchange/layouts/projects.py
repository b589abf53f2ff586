"""重大项目: 序号, 项目名称, 牵头单位, 总投资, 已完成投资, 计划开工, 计划建成, 项目状态, 相关任务, 标签.

Projects are matched by name within the plan. 相关任务 is the number of a task of the
same plan (``18``); 标签 names tags such as 重大平台、重大项目 (四个重大), created when new.
"""
from __future__ import annotations

from decimal import Decimal

from planeval.domain import cells
from planeval.planning.models import Project, Tag, Task

from .base import ERR_NO_PLAN, Column, Context, Sheet, describe

TITLE = "重大项目"
COLUMNS = (
    Column("number", "序号", ("编号",), width=6),
    Column("name", "项目名称", ("项目", "名称", "工程名称"), required=True, width=36),
    Column("unit", "牵头单位", ("责任单位", "牵头部门", "责任部门", "建设单位"), width=18),
    Column("total", "总投资（亿元）", ("总投资", "计划总投资（亿元）", "计划总投资"), width=14),
    Column("completed", "已完成投资（亿元）", ("已完成投资", "累计完成投资（亿元）", "累计完成投资"), width=16),
    Column("starts_on", "计划开工", ("开工时间", "计划开工时间", "开工日期"), width=12, note="如 2022-03 或 2022年3月"),
    Column("finishes_on", "计划建成", ("建成时间", "计划建成时间", "竣工时间", "完工时间"), width=12),
    Column("status", "项目状态", ("状态", "进展状态"), width=12,
           note="前期论证、即将开工、开工在建、已建成或已取消"),
    Column("task", "相关任务", ("任务序号", "对应任务"), width=10, note="本规划主要任务的序号，可不填"),
    Column("tags", "标签", ("四个重大",), width=16, note="如“重大项目”“重大平台”，多个用顿号分隔"),
)
EXAMPLE = ("示例", "××科创中心建设项目", "区科委", 12.5, 3.2, "2022-03", "2025-12", "开工在建", "7", "重大项目")

ERR_STATUS = "“{value}”不是项目状态（应为前期论证、即将开工、开工在建、已建成或已取消）"
ERR_TASK = "本规划中没有序号为“{value}”的任务"
ERR_TASK_AMBIGUOUS = "本规划中序号为“{value}”的任务不止一个"
ERR_DUPLICATE = "项目“{name}”在本表中重复出现（第{first}行已有）"
INVESTMENT_QUANTUM = Decimal("0.0001")   # DecimalField(decimal_places=4)
STATUS_BY_LABEL = {cells.key_of(label): value for value, label in Project.Status.choices}
FIELD_LABELS = {"lead_unit": "牵头单位", "total_investment": "总投资", "completed_investment": "已完成投资",
                "starts_on": "计划开工", "finishes_on": "计划建成", "status": "项目状态", "task": "相关任务"}


def run(sheet: Sheet, ctx: Context) -> None:
    if ctx.plan is None:
        ctx.problem(None, None, ERR_NO_PLAN.format(kind=TITLE))
        return
    existing = {cells.key_of(p.name): p for p in Project.objects.filter(plan=ctx.plan).prefetch_related("tags")}
    tasks: dict[str, list[Task]] = {}
    for task in Task.objects.filter(plan=ctx.plan):
        tasks.setdefault(cells.key_of(task.number), []).append(task)
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
        values = _values(sheet, row, ctx, tasks)
        if values is None:
            continue
        tags = values.pop("tags", None)
        project = existing.get(key)
        if project is None:
            project = Project.objects.create(plan=ctx.plan, name=name, **values)
            if tags:
                project.tags.set(tags)
            ctx.change(row.number, "create", name)
            continue
        changed = []
        for field, new in values.items():
            old = getattr(project, field)
            if old != new:
                changed.append((FIELD_LABELS[field], _shown(field, old), _shown(field, new)))
                setattr(project, field, new)
        old_tags = {t.name for t in project.tags.all()}
        tags_changed = tags is not None and old_tags != {t.name for t in tags}
        if tags_changed:
            changed.append(("标签", "、".join(sorted(old_tags)), "、".join(t.name for t in tags)))
        if not changed:
            ctx.change(row.number, "unchanged", name)
            continue
        if project.is_sample and any(f for f in values if f != "lead_unit"):
            project.is_sample = False   # a figure a unit confirmed is no longer sample data
        project.version += 1
        project.save()
        if tags_changed:
            project.tags.set(tags)
        ctx.change(row.number, "update", name, describe(changed))


def _shown(field: str, value):
    if field == "status":
        return Project.Status(value).label
    if field == "task":
        return value.number if value else ""
    return getattr(value, "name", value)


def _values(sheet: Sheet, row, ctx: Context, tasks: dict) -> dict | None:
    values: dict = {}
    ok = True
    if sheet.text(row, "unit"):
        units, _collective, units_ok = sheet.units(row, "unit")
        ok = ok and units_ok
        if units:
            values["lead_unit"] = units[0]
    for key, field in (("total", "total_investment"), ("completed", "completed_investment")):
        if sheet.text(row, key):
            number, _estimate, number_ok = sheet.decimal(row, key)
            ok = ok and number_ok
            if number_ok and number is not None:
                values[field] = number.quantize(INVESTMENT_QUANTUM)
    for key in ("starts_on", "finishes_on"):
        if sheet.text(row, key):
            date, date_ok = sheet.date(row, key)
            ok = ok and date_ok
            if date_ok and date is not None:
                values[key] = date
    status = sheet.text(row, "status")
    if status:
        if cells.key_of(status) not in STATUS_BY_LABEL:
            ctx.problem(row.number, sheet.header("status"), ERR_STATUS.format(value=status))
            ok = False
        else:
            values["status"] = STATUS_BY_LABEL[cells.key_of(status)]
    number = sheet.text(row, "task")
    if number:
        found = tasks.get(cells.key_of(number), [])
        if len(found) != 1:
            ctx.problem(row.number, sheet.header("task"),
                        (ERR_TASK_AMBIGUOUS if found else ERR_TASK).format(value=number))
            ok = False
        else:
            values["task"] = found[0]
    if sheet.text(row, "tags"):
        values["tags"] = [Tag.objects.get_or_create(name=name)[0]
                          for name in cells.split_names(sheet.text(row, "tags"))]
    return values if ok else None
