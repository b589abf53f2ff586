"""The comparison and the case list as tables for 导出 Excel / 导出 CSV, columns as on screen."""
from __future__ import annotations

from planeval.reports.tables import ListTable

from .models import Case

SAMPLE = "示例数据"


def self_text(item) -> str:
    if not item.self_rating:
        return ""
    return f"{item.self_rating}（系统建议）" if item.is_suggestion else item.self_rating


def comparison_table(campaign, rows) -> ListTable:
    """自评与第三方评估对照: one row per item and evaluator, as the page shows it."""
    table_rows = [
        (r.item.type_label, r.item.number, r.item.name, r.item.lead_unit, self_text(r.item),
         r.grant.organisation if r.grant else "", r.outside_rating, r.agreement.label if r.conclusion else "",
         r.conclusion.comment if r.conclusion else "", SAMPLE if r.is_sample else "")
        for r in rows
    ]
    return ListTable(f"{campaign.name}自评与第三方评估对照",
                     ("事项类型", "序号", "事项名称", "牵头单位", "自评结论", "评估机构", "第三方评估结论", "比较",
                      "评估意见", "数据性质"), table_rows)


def case_table(campaign, cases) -> ListTable:
    table_rows = [
        (c.unit.name, c.title, c.area, Case.Kind(c.kind).label, c.summary, c.measures, c.results,
         "已选用" if c.selected else "", c.position, c.attachment_name, SAMPLE if c.is_sample else "")
        for c in cases
    ]
    return ListTable(f"{campaign.name}典型案例",
                     ("报送单位", "案例标题", "所属领域", "案例类型", "基本情况", "主要做法", "取得成效", "选用情况",
                      "报告中的次序", "附件", "数据性质"), table_rows)
