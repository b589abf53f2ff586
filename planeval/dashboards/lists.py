"""The drill-down list as a table for 导出 Excel / 导出 CSV: the columns of the page, in its order."""
from __future__ import annotations

from planeval.reports.tables import ListTable

KIND_TITLES = {"indicator": "主要指标", "task": "主要任务", "project": "重大项目"}
UNRATED = "未评估"


def _rating(item) -> str:
    return item.decided or UNRATED


def drill_table(context: dict) -> ListTable:
    kind, rows = context["kind"], context["rows"]
    warnings, statuses = context["warning_labels"], context["status_labels"]
    filters = "（" + "·".join(context["filters"]) + "）" if context["filters"] else ""
    title = f"{context['campaign'].jurisdiction.name}{KIND_TITLES[kind]}明细{filters}"

    def lead(item) -> str:
        return item.lead_unit.name if item.lead_unit else ""

    if kind == "indicator":
        return ListTable(title, ("序号", "指标", "领域", "属性", "目标值", "评估结论", "预警", "牵头单位"), [
            (i.number, i.name, i.category, i.get_attribute_display(), i.target_text, _rating(i),
             warnings.get(i.warning, ""), lead(i)) for i in rows])
    if kind == "task":
        return ListTable(title, ("序号", "任务", "评估结论", "牵头单位"),
                         [(t.number, t.title, _rating(t), lead(t)) for t in rows])
    return ListTable(title, ("项目", "示例数据", "状态", "总投资（亿元）", "已完成投资（亿元）", "预警", "牵头单位"), [
        (p.name, "是" if p.is_sample else "", statuses.get(p.current_status, ""), p.total_investment, p.done,
         warnings.get(p.warning, ""), lead(p)) for p in rows])
