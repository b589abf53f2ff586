"""The list of special-plan evaluations as a table for 导出 Excel / 导出 CSV, columns as on screen."""
from __future__ import annotations

from planeval.reports.tables import ListTable


def evaluation_table(campaign, rows) -> ListTable:
    return ListTable(
        f"{campaign.name}专项规划评估",
        ("序号", "规划名称", "规划类型", "牵头部门", "状态", "总体评估结论", "随中期评估报告报送", "示例数据"),
        [(e.plan.number, e.plan.name, e.plan.get_kind_display(), e.unit.name, e.get_state_display(),
          e.get_conclusion_display(), "是" if e.in_package else "", "是" if e.is_sample else "") for e in rows])
