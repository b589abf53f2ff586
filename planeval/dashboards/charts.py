"""Charts as data: a ``Chart`` carries an ECharts option built here, on the server.

Templates render a chart with ``{% include "web/_chart.html" with chart=... %}`` and load
``web/_chart_scripts.html`` in ``{% block scripts %}``; ``planeval/web/static/planeval/charts.js``
only draws what it is given. A data item may carry ``url``: clicking it navigates there
(drill-down). A chart with nothing to show is ``empty`` and says 暂无数据 instead of drawing
an empty frame.

Colours follow the compiled report's figures (planeval/reports/charts.py) so a conclusion
has one colour everywhere: A/B green shades, C yellow, D red.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from planeval.reports.charts import (
    OTHER_COLOUR,
    RATING_COLOURS,
    SERIES_COLOURS,
    TARGET_COLOUR,
)

WARNING_COLOURS = {"green": "#2e7d32", "yellow": "#f9a825", "red": "#c62828"}
FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif"


@dataclass(frozen=True)
class Chart:
    """One figure. ``id`` must be unique on its page (letters, digits, dashes)."""

    id: str
    title: str
    option: dict[str, Any] = field(default_factory=dict)
    empty: bool = False
    note: str = ""
    height: int | None = None

    @property
    def script_id(self) -> str:
        return f"chart-option-{self.id}"


@dataclass(frozen=True)
class Point:
    """One bar/slice: its value and, optionally, where a click on it leads."""

    name: str
    value: float | int | None
    url: str = ""
    colour: str = ""


def rating_colour(rating: str) -> str:
    return RATING_COLOURS.get((rating or "")[:1].upper(), OTHER_COLOUR)


def _item(point: Point) -> dict[str, Any]:
    item: dict[str, Any] = {"name": point.name, "value": point.value}
    if point.url:
        item["url"] = point.url
    if point.colour:
        item["itemStyle"] = {"color": point.colour}
    return item


def _base(*, legend: bool = True) -> dict[str, Any]:
    option: dict[str, Any] = {
        "textStyle": {"fontFamily": FONT_FAMILY},
        "tooltip": {"trigger": "item"},
        "grid": {"left": 48, "right": 24, "top": 40 if legend else 16, "bottom": 32, "containLabel": True},
    }
    if legend:
        option["legend"] = {"top": 0, "type": "scroll"}   # one line, so it never runs into the plot
    return option


def _has_values(values: Iterable[float | int | None]) -> bool:
    return any(value not in (None, 0) for value in values)


def bar_chart(*, id: str, title: str, points: Sequence[Point], horizontal: bool = False,
              series_name: str = "", note: str = "", height: int | None = None) -> Chart:
    """One series of bars, each bar its own colour/URL."""
    if not _has_values(point.value for point in points):
        return Chart(id=id, title=title, empty=True, note=note)
    option = _base(legend=False)
    categories = [point.name for point in points]
    category_axis = {"type": "category", "data": categories, "axisLabel": {"interval": 0}}
    value_axis = {"type": "value", "minInterval": 1}
    option["xAxis"], option["yAxis"] = (value_axis, category_axis) if horizontal else (category_axis, value_axis)
    if horizontal:
        option["yAxis"]["inverse"] = True   # the first category on top, as read
    option["series"] = [{
        "type": "bar", "name": series_name, "data": [_item(point) for point in points],
        "label": {"show": True, "position": "right" if horizontal else "top"},
        "itemStyle": {"color": SERIES_COLOURS[0]},
    }]
    return Chart(id=id, title=title, option=option, note=note, height=height)


@dataclass(frozen=True)
class Stack:
    """One coloured layer of a stacked bar: a value (and a drill-down URL) per category."""

    name: str
    values: Sequence[float | int | None]
    colour: str = ""
    urls: Sequence[str] = ()


def stacked_bar_chart(*, id: str, title: str, categories: Sequence[str], stacks: Sequence[Stack],
                      horizontal: bool = False, note: str = "", height: int | None = None) -> Chart:
    """Categories along one axis, each bar split into layers (e.g. A/B/C/D per category)."""
    stacks = [stack for stack in stacks if _has_values(stack.values)]   # no legend entries for nothing
    if not categories or not stacks:
        return Chart(id=id, title=title, empty=True, note=note)
    option = _base()
    option["tooltip"] = {"trigger": "axis", "axisPointer": {"type": "shadow"}}
    category_axis = {"type": "category", "data": list(categories), "axisLabel": {"interval": 0}}
    value_axis = {"type": "value", "minInterval": 1}
    option["xAxis"], option["yAxis"] = (value_axis, category_axis) if horizontal else (category_axis, value_axis)
    if horizontal:
        option["yAxis"]["inverse"] = True
    series = []
    for stack in stacks:
        data = []
        for index, value in enumerate(stack.values):
            item: dict[str, Any] = {"value": value or None}
            if index < len(stack.urls) and stack.urls[index] and value:
                item["url"] = stack.urls[index]
            data.append(item)
        entry: dict[str, Any] = {"type": "bar", "name": stack.name, "stack": "total", "data": data,
                                 "label": {"show": True}, "emphasis": {"focus": "series"}}
        if stack.colour:
            entry["itemStyle"] = {"color": stack.colour}
        series.append(entry)
    option["series"] = series
    return Chart(id=id, title=title, option=option, note=note, height=height)


def pie_chart(*, id: str, title: str, points: Sequence[Point], note: str = "",
              height: int | None = None) -> Chart:
    """Shares of a whole (e.g. warnings red/yellow/green); zero slices are left out."""
    shown = [point for point in points if point.value]
    if not shown:
        return Chart(id=id, title=title, empty=True, note=note)
    option = _base()
    option.pop("grid")
    option["legend"] = {"bottom": 0}
    option["series"] = [{
        "type": "pie", "radius": ["38%", "68%"], "data": [_item(point) for point in shown],
        "label": {"formatter": "{b}\n{c}"},
    }]
    return Chart(id=id, title=title, option=option, note=note, height=height)


@dataclass(frozen=True)
class Line:
    """One line of a line chart. ``style`` is solid/dashed/dotted; ``hollow`` draws empty
    symbols (an estimate is drawn differently from an official figure)."""

    name: str
    values: Sequence[float | None]
    colour: str = ""
    style: str = "solid"
    hollow: bool = False
    step: bool = False
    show_symbol: bool = True
    labels: bool = False


@dataclass(frozen=True)
class Band:
    """A shaded target range between ``low`` and ``high`` over every category."""

    name: str
    low: float
    high: float
    colour: str = TARGET_COLOUR


def line_chart(*, id: str, title: str, categories: Sequence[str], lines: Sequence[Line],
               bands: Sequence[Band] = (), unit: str = "", note: str = "",
               height: int | None = None) -> Chart:
    """Lines over shared categories (years); a band draws a target range behind them."""
    if not categories or not any(value is not None for line in lines for value in line.values):
        return Chart(id=id, title=title, empty=True, note=note)
    option = _base()
    option["tooltip"] = {"trigger": "axis"}
    option["xAxis"] = {"type": "category", "data": list(categories), "boundaryGap": False}
    option["yAxis"] = {"type": "value", "name": unit, "scale": True}
    series: list[dict[str, Any]] = []
    for index, line in enumerate(lines):
        colour = line.colour or SERIES_COLOURS[index % len(SERIES_COLOURS)]
        series.append({
            "type": "line", "name": line.name, "data": list(line.values), "connectNulls": True,
            "step": "end" if line.step else False, "showSymbol": line.show_symbol,
            "symbol": "emptyCircle" if line.hollow else "circle", "symbolSize": 8,
            "lineStyle": {"type": line.style, "color": colour, "width": 2},
            "itemStyle": {"color": colour},
            "label": {"show": line.labels, "position": "top"},
        })
    for band in bands:
        # A band is an invisible line carrying a markArea, so the legend can toggle it; its two
        # hidden points (low, high) make the value axis reach the band.
        edges = [band.low, band.high] + [None] * max(0, len(categories) - 2)
        series.append({
            "type": "line", "name": band.name, "data": edges[:max(len(categories), 2)], "symbol": "none",
            "lineStyle": {"color": band.colour, "opacity": 0}, "itemStyle": {"color": band.colour},
            "connectNulls": False,
            "markArea": {"silent": True, "itemStyle": {"color": band.colour, "opacity": 0.12},
                         "data": [[{"yAxis": band.low}, {"yAxis": band.high}]]},
        })
    option["series"] = series
    return Chart(id=id, title=title, option=option, note=note, height=height)
