"""The results' figures, through the dashboards' chart builders (planeval/dashboards/charts.py)."""
from __future__ import annotations

from typing import Any

from planeval.dashboards.charts import Chart, Line, Point, _base, bar_chart, line_chart
from planeval.reports.charts import SERIES_COLOURS

from .selectors import Results


def responses_over_time(results: Results) -> Chart:
    """Answers per day and their running total."""
    days = [day.strftime("%m-%d") for day, _ in results.by_day]
    running, totals = 0, []
    for _, count in results.by_day:
        running += count
        totals.append(running)
    return line_chart(id="responses", title="答卷数量（按日）", categories=days, unit="份",
                      lines=[Line("当日答卷", [c for _, c in results.by_day], labels=True),
                             Line("累计答卷", totals, style="dashed")])


def satisfaction_by_area(results: Results) -> Chart:
    """The index per area as bars, its 95% interval as a box-plot whisker over each bar.

    A box-plot series draws the interval with plain data ([low, low, index, high, high]), so the
    option stays JSON: ECharts' custom error-bar series would need a JavaScript function.
    """
    rows = [row for row in results.satisfaction if row.result.index is not None]
    if not rows:
        return Chart(id="satisfaction", title="各领域满意度指数（0–100）", empty=True)
    option: dict[str, Any] = _base()
    option["tooltip"] = {"trigger": "axis", "axisPointer": {"type": "shadow"}}
    option["xAxis"] = {"type": "category", "data": [row.label for row in rows], "axisLabel": {"interval": 0}}
    option["yAxis"] = {"type": "value", "min": 0, "max": 100, "name": "指数"}
    option["series"] = [
        {"type": "bar", "name": "满意度指数", "data": [round(row.result.index, 1) for row in rows],
         "label": {"show": True, "position": "insideTop"}, "itemStyle": {"color": SERIES_COLOURS[0]},
         "barMaxWidth": 56},
        {"type": "boxplot", "name": "95%置信区间", "boxWidth": [4, 8], "itemStyle": {"color": "#333", "borderColor": "#333"},
         "data": [[round(v, 1) for v in (r.result.low, r.result.low, r.result.index, r.result.high, r.result.high)]
                  if r.result.low is not None else [] for r in rows]},
    ]
    return Chart(id="satisfaction", title="各领域满意度指数（0–100）", option=option,
                 note="柱为满意度指数（1–5分折算为0–100后的平均值），竖线为95%置信区间（t分布）。")


def distribution_chart(index: int, distribution) -> Chart:
    return bar_chart(id=f"question-{index}", title=f"{distribution.question.position}. {distribution.question.text}",
                     points=[Point(label, count) for label, count, _ in distribution.rows], horizontal=True,
                     series_name="人次")
