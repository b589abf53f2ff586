"""The multi-level, peer and breakdown figures, built on the dashboards' chart convention."""
from __future__ import annotations

from django.urls import reverse

from planeval.dashboards.charts import Chart, Line, Point, Stack, bar_chart, line_chart, pie_chart, \
    rating_colour, stacked_bar_chart
from planeval.reports.charts import SERIES_COLOURS

from .selectors import RATINGS, BreakdownView, ChildRow, PeerSeries

OWN_COLOUR = "#c62828"


def children_ratings(rows: list[ChildRow]) -> Chart:
    """A/B/C/D counts of each child's indicator conclusions, stacked; a click opens that child's board."""
    urls = [reverse("submissions:board", args=[r.campaign.id]) if r.campaign else "" for r in rows]
    return stacked_bar_chart(
        id="children-ratings", title="各下级行政区划指标评估结论（A/B/C/D）",
        categories=[r.jurisdiction.name for r in rows],
        stacks=[Stack(name=rating, values=[r.ratings[rating] for r in rows], colour=rating_colour(rating), urls=urls)
                for rating in RATINGS],
        horizontal=len(rows) > 6, height=max(320, 34 * len(rows) + 60) if len(rows) > 6 else None,
    )


def children_overdue(rows: list[ChildRow]) -> Chart:
    return bar_chart(
        id="children-overdue", title="各下级行政区划逾期未报单位数",
        points=[Point(r.jurisdiction.name, r.overdue_units,
                      url=reverse("submissions:board", args=[r.campaign.id]) if r.campaign else "")
                for r in rows],
        horizontal=len(rows) > 6, height=max(320, 34 * len(rows) + 60) if len(rows) > 6 else None,
        series_name="逾期未报单位",
    )


def peer_bars(year: int | None, ranked: list[tuple[PeerSeries, object]], unit: str) -> Chart:
    title = f"{year}年对标排名（{unit}）" if year else "对标排名"
    points = [Point(s.name, float(value), colour=OWN_COLOUR if s.is_self else SERIES_COLOURS[0])
              for s, value in ranked]
    return bar_chart(id="peer-bars", title=title, points=points, horizontal=True, series_name=unit,
                     note="本地区以红色标出。" if points else "")


def peer_lines(years: list[int], series: list[PeerSeries], unit: str) -> Chart:
    lines = [Line(name=s.name, values=[float(s.values[y]) if y in s.values else None for y in years],
                  colour=OWN_COLOUR if s.is_self else SERIES_COLOURS[(i + 1) % len(SERIES_COLOURS)],
                  style="solid" if s.is_self else "dashed")
             for i, s in enumerate(series)]
    return line_chart(id="peer-lines", title="历年走势", categories=[str(y) for y in years], lines=lines, unit=unit)


def breakdown_pie(view: BreakdownView, index: int) -> Chart:
    b = view.breakdown
    return pie_chart(id=f"breakdown-{index}", title=f"{b.year}年 按{view.dimension_label}",
                     points=[Point(p.category, float(p.value)) for p in view.parts],
                     note="示例数据" if b.is_sample else "")


def breakdown_stacks(views: list[BreakdownView], dimension_label: str, index: int) -> Chart:
    """One dimension over the years: a stacked bar per year whose height is the year's total."""
    years = sorted({v.breakdown.year for v in views})
    categories = list(dict.fromkeys(p.category for v in views for p in v.parts))
    by_year = {v.breakdown.year: {p.category: float(p.value) for p in v.parts} for v in views}
    stacks = [Stack(name=c, values=[by_year[y].get(c) for y in years],
                    colour=SERIES_COLOURS[i % len(SERIES_COLOURS)]) for i, c in enumerate(categories)]
    return stacked_bar_chart(id=f"breakdown-years-{index}", title=f"按{dimension_label}的历年构成",
                             categories=[str(y) for y in years], stacks=stacks)
