"""The board and a unit's work list as tables for 导出 Excel / 导出 CSV, columns as on screen."""
from __future__ import annotations

from django.utils import timezone

from planeval.reports.tables import ListTable

KIND_LABELS = {"indicator": "主要指标", "task": "主要任务", "project": "重大项目"}


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def board_table(campaign, rows) -> ListTable:
    """审核工作台: one row per unit with its items, state, lateness and notices."""
    table_rows = [
        (row.unit.name, row.indicators, row.tasks, row.projects, row.state_label, "逾期" if row.overdue else "",
         _when(row.submission.submitted_at) if row.submission else "", row.notices)
        for row in rows
    ]
    return ListTable(f"{campaign.name}审核工作台",
                     ("单位", "指标", "任务", "项目", "状态", "是否逾期", "提交时间", "抄告单"), table_rows)


def _editor(report) -> str:
    if report is None or report.updated_by is None:
        return ""
    return report.updated_by.full_name or report.updated_by.username


def work_table(submission, items) -> ListTable:
    """我的工作: the unit's indicators, tasks and projects with the suggestion and its own rating."""
    rows = []
    for kind, entries in items.items():
        for item in entries:
            obj = item.obj
            if kind == "indicator":
                name = f"{obj.parent.name} · {obj.name}" if obj.parent_id else obj.name
                number, target = obj.number, obj.target_text
            elif kind == "task":
                name, number, target = obj.title, obj.number, ""
            else:
                name, number, target = obj.name, "", ""
            suggestion = item.suggestion if kind == "indicator" else (
                item.assessment.get_warning_display() if item.warning else "")
            rows.append((KIND_LABELS[kind], number, name, target, suggestion, item.rating,
                         _editor(item.report), _when(getattr(item.report, "updated_at", None))))
    return ListTable(f"{submission.unit.name}评估事项",
                     ("类型", "序号", "名称", "规划目标", "平台建议", "本单位结论", "最后修改人", "最后修改时间"), rows)
