"""From the overview's counts to charts: one function per figure, each bar leading to its items."""
from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from planeval.domain.assessment_text import RATING_LABELS
from planeval.planning.models import Indicator, Project

from .charts import (
    WARNING_COLOURS,
    Chart,
    Point,
    Stack,
    bar_chart,
    pie_chart,
    rating_colour,
    stacked_bar_chart,
)
from .selectors import (
    ATTRIBUTE_ORDER,
    RATINGS,
    UNRATED,
    UNRATED_LABEL,
    WARNINGS,
    Overview,
    state_counts,
)

# Short legend names (A（进展超前）…); the full wording is on the drill-down page.
RATING_NAMES = {r: f"{r}（{RATING_LABELS[r].split('、')[0]}）" for r in RATINGS}


class Links:
    """Drill-down URLs into a campaign's items (disabled on the public page, which has no lists)."""

    def __init__(self, campaign, *, enabled: bool = True):
        self.enabled = enabled
        self.base = reverse("dashboards:items", args=[campaign.id]) if enabled else ""

    def __call__(self, **params) -> str:
        if not self.enabled:
            return ""
        return f"{self.base}?{urlencode({k: v for k, v in params.items() if v is not None})}"


def _rating_stacks(keys, counts: dict[tuple, int], link, param: str) -> list[Stack]:
    stacks = []
    for rating in (*RATINGS, UNRATED):
        values = [counts.get((key, rating), 0) for key in keys]
        if rating == UNRATED and not any(values):
            continue
        stacks.append(Stack(
            name=RATING_NAMES.get(rating, UNRATED_LABEL), values=values, colour=rating_colour(rating),
            urls=[link(kind="indicator", rating=rating or "none", **{param: key}) for key in keys]))
    return stacks


def by_category(o: Overview, link: Links) -> Chart:
    categories = o.categories()
    return stacked_bar_chart(
        id="by-category", title="主要指标评估结论（按领域）", categories=[c or "未分类" for c in categories],
        stacks=_rating_stacks(categories, o.by_category, link, "category"))


def by_attribute(o: Overview, link: Links) -> Chart:
    keys = [a for a in ATTRIBUTE_ORDER if any(k[0] == a for k in o.by_attribute)]
    return stacked_bar_chart(
        id="by-attribute", title="主要指标评估结论（按指标属性，约束性在前）",
        categories=[Indicator.Attribute(a).label for a in keys], stacks=_rating_stacks(keys, o.by_attribute, link,
                                                                                     "attribute"))


def by_unit(o: Overview, link: Links) -> Chart:
    units = sorted({(uid, name) for uid, name, _ in o.by_unit}, key=lambda u: (u[1] is None, u[1] or ""))
    counts = {(uid, rating): n for (uid, _, rating), n in o.by_unit.items()}
    keys = [uid for uid, _ in units]
    stacks = []
    for rating in (*RATINGS, UNRATED):
        values = [counts.get((uid, rating), 0) for uid in keys]
        if rating == UNRATED and not any(values):
            continue
        stacks.append(Stack(name=RATING_NAMES.get(rating, UNRATED_LABEL), values=values, colour=rating_colour(rating),
                            urls=[link(kind="indicator", rating=rating or "none", lead_unit=uid or "none")
                                  for uid in keys]))
    return stacked_bar_chart(id="by-unit", title="主要指标评估结论（按牵头单位）",
                             categories=[name or "未明确牵头单位" for _, name in units], stacks=stacks, horizontal=True,
                             height=max(320, 26 * len(units) + 80))


def warnings(o: Overview, link: Links) -> Chart:
    rows = (("主要指标", o.indicator_warnings, "indicator"), ("重大项目", o.project_warnings, "project"))
    stacks = [Stack(name=label, colour=WARNING_COLOURS[key], values=[counts.get((key,), 0) for _, counts, _ in rows],
                    urls=[link(kind=kind, warning=key) for _, _, kind in rows])
              for key, label in WARNINGS]
    return stacked_bar_chart(id="warnings", title="预警情况（红、黄、绿）", categories=[r[0] for r in rows],
                             stacks=stacks, horizontal=True, height=220)


def task_ratings(o: Overview, link: Links) -> Chart:
    points = [Point(name=RATING_NAMES.get(r, UNRATED_LABEL) if r else "未评估（单位未填报结论）",
                    value=o.task_ratings.get((r,), 0), url=link(kind="task", rating=r or "none"),
                    colour=rating_colour(r)) for r in (*RATINGS, UNRATED)]
    return pie_chart(id="task-ratings", title="主要任务评估结论", points=points)


def project_statuses(o: Overview, link: Links) -> Chart:
    points = [Point(name=label, value=o.project_statuses.get((value,), 0), url=link(kind="project", status=value))
              for value, label in Project.Status.choices]
    return bar_chart(id="project-statuses", title="重大项目建设状态", points=points)


def submission_progress(o: Overview) -> Chart:
    board_url = reverse("submissions:board", args=[o.campaign.id])
    points = [Point(name=label, value=n, url=f"{board_url}#state-{state}")
              for state, label, n in state_counts(o.board)]
    overdue = sum(1 for row in o.board if row.overdue)
    return bar_chart(id="submission-progress", title="单位报送进度", points=points,
                     note=f"逾期未报送 {overdue} 家（点击柱形进入审核工作台）")


def overview_charts(o: Overview, *, links: bool = True) -> dict[str, Chart]:
    link = Links(o.campaign, enabled=links)
    charts = {
        "by_category": by_category(o, link), "by_attribute": by_attribute(o, link), "warnings": warnings(o, link),
        "task_ratings": task_ratings(o, link), "project_statuses": project_statuses(o, link),
    }
    if o.unit is None:
        charts["by_unit"] = by_unit(o, link)
        if links:
            charts["submission_progress"] = submission_progress(o)
    return charts


def task_areas_chart(areas, counts: dict[tuple, int], link: Links) -> Chart:
    """Leaf tasks per top-level area, stacked by conclusion."""
    keys = [a.id for a in areas]
    stacks = []
    for rating in (*RATINGS, UNRATED):
        values = [counts.get((key, rating), 0) for key in keys]
        if rating == UNRATED and not any(values):
            continue
        stacks.append(Stack(name=RATING_NAMES.get(rating, "未评估（单位未填报结论）"), values=values,
                            colour=rating_colour(rating),
                            urls=[link(kind="task", rating=rating or "none", area=key) for key in keys]))
    return stacked_bar_chart(id="task-areas", title="主要任务推进情况（按领域）",
                             categories=[f"{a.number}、{a.title[:14]}" for a in areas], stacks=stacks,
                             horizontal=True, height=max(320, 40 * len(areas) + 80))


def project_investment_chart(projects) -> Chart:
    """Investment completed (% of total) per project against its 序时进度 (% of the build time gone)."""
    shown = [p for p in projects if p.investment_progress is not None or p.schedule is not None]
    title = "重大项目投资完成进度与序时进度"
    if not shown:
        return Chart(id="project-investment", title=title, empty=True)
    names = [p.name if len(p.name) <= 16 else p.name[:15] + "…" for p in shown]

    def pct(share):
        return None if share is None else round(share * 100, 1)

    option = {
        "textStyle": {"fontFamily": "'Noto Sans CJK SC', sans-serif"},
        "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
        "grid": {"left": 40, "right": 24, "top": 40, "bottom": 24, "containLabel": True},
        "xAxis": {"type": "value", "name": "%", "max": 100},
        "yAxis": {"type": "category", "data": names, "inverse": True, "axisLabel": {"interval": 0}},
        "series": [
            {"type": "bar", "name": "投资完成进度", "itemStyle": {"color": "#1f5fa8"},
             "label": {"show": True, "position": "right"},
             "data": [{"value": pct(p.investment_progress),
                       "itemStyle": {"color": WARNING_COLOURS.get(p.warning, "#1f5fa8")}} for p in shown]},
            {"type": "scatter", "name": "序时进度", "symbol": "rect", "symbolSize": [4, 22],
             "itemStyle": {"color": "#1f2933"}, "data": [[pct(p.schedule), index] for index, p in enumerate(shown)]},
        ],
    }
    return Chart(id="project-investment", title=title, option=option, height=max(320, 34 * len(shown) + 80),
                 note="柱形颜色为预警等级（红、黄、绿）；竖线为序时进度（已过建设工期占计划工期的比例）。")
