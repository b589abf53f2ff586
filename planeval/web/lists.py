"""The read-only lists as tables for 导出 Excel / 导出 CSV: the same rows and columns as on screen."""
from __future__ import annotations

from planeval.reports.tables import ListTable


def _percent(fraction) -> int | None:
    return None if fraction is None else round(fraction * 100)


def _suggestion(indicator) -> str:
    if indicator.suggestion:
        return indicator.suggestion
    return "暂不研判" if indicator.suggestion == "" else "未研判"


def indicator_table(jurisdiction, indicators) -> ListTable:
    """主要指标 as listed: parts follow their indicator, marked 其中."""
    rows = [
        (i.category, i.number, f"其中：{i.name}" if i.parent_id else i.name, i.measure_unit, i.target_text,
         i.target_kind, "约束性" if i.attribute == "binding" else "预期性",
         "、".join(([i.lead_unit.name] if i.lead_unit else []) + [u.name for u in i.co_units.all()]),
         _percent(i.progress), _percent(i.expected), _suggestion(i))
        for i in indicators
    ]
    return ListTable(f"{jurisdiction.name}主要指标", (
        "类别", "序号", "指标", "单位", "目标值", "目标类型", "属性", "责任部门", "目标进度（%）", "时间进度（%）",
        "建议结论"), rows)


def task_table(jurisdiction, forest) -> ListTable:
    """主要任务: the tree flattened depth first, with its level, so a filter on 层级 finds the items."""
    rows = []

    def walk(plan, node, level):
        task = node.task
        co_units = [u.name for u in task.co_units.all()] + ([task.co_units_note] if task.co_units_note else [])
        rows.append((plan.name, level, task.number, task.title, task.content,
                     task.lead_unit.name if task.lead_unit else "", "、".join(co_units)))
        for child in node.children:
            walk(plan, child, level + 1)

    for plan, roots in forest:
        for root in roots:
            walk(plan, root, 1)
    return ListTable(f"{jurisdiction.name}主要任务",
                     ("规划", "层级", "序号", "任务", "主要内容", "牵头单位", "配合单位"), rows)


def plan_table(jurisdiction, plans) -> ListTable:
    rows = [(p.category, p.number, p.name, p.get_kind_display(), p.lead_unit.name if p.lead_unit else "",
             p.indicator_count, p.task_count) for p in plans]
    return ListTable(f"{jurisdiction.name}规划目录",
                     ("类别", "序号", "规划名称", "类型", "牵头部门", "指标", "任务"), rows)
