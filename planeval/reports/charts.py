"""Figures for the compiled report, drawn with matplotlib's Agg backend into PNG bytes.

The object-oriented API (``Figure`` + ``FigureCanvasAgg``) is used instead of pyplot: no
global figure state, so it is safe in a web process. Chinese labels need a CJK font; the
first installed one of ``CJK_FONT_PREFERENCE`` is used, with DejaVu Sans as the glyph
fallback, and without any CJK font the chart still renders (with boxes) rather than fail.
"""
from __future__ import annotations

import io
import math
from functools import lru_cache

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .documents import Chart

CJK_FONT_PREFERENCE = ("Noto Sans CJK SC", "WenQuanYi Zen Hei", "AR PL UMing CN",
                       "Source Han Sans SC", "SimHei", "Microsoft YaHei")
WIDTH_CM, HEIGHT_CM, DPI = 16.0, 9.0, 150
_FONT_PT = 9
NO_DATA = "暂无数据"

RATING_COLOURS = {"A": "#2e7d32", "B": "#66bb6a", "C": "#f9a825", "D": "#c62828"}
OTHER_COLOUR = "#9e9e9e"
SERIES_COLOURS = ("#1f5fa8", "#9e9e9e", "#e0793b", "#5b8f3a", "#7a4fa0")
TARGET_COLOUR = "#c62828"


@lru_cache(maxsize=1)
def cjk_font_name() -> str | None:
    """The first preferred CJK font matplotlib knows on this machine, or None."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in CJK_FONT_PREFERENCE:
        if name in installed:
            return name
    return None


def _rc() -> dict:
    families = [name for name in (cjk_font_name(), "DejaVu Sans") if name]
    return {
        "font.family": "sans-serif",
        "font.sans-serif": families,
        "font.size": _FONT_PT,
        # CJK fonts often lack U+2212 MINUS SIGN; the ASCII hyphen always exists.
        "axes.unicode_minus": False,
        "svg.hashsalt": "planeval",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def chart_figure(chart: Chart, *, with_title: bool = False) -> Figure:
    """Draw *chart* on a new 16 × 9 cm figure; a chart without data says 暂无数据.

    Raises ``ValueError`` for an unknown ``chart.kind``.
    """
    with rc_context(_rc()):
        figure = _build_figure(chart, with_title=with_title)
        # Fonts are looked up when drawing: draw now, while the CJK font settings apply.
        figure.canvas.draw()
    return figure


def chart_png(chart: Chart, *, with_title: bool = False) -> bytes:
    """PNG bytes of *chart*: 944 × 531 px (16 × 9 cm at 150 dpi), identical for equal input."""
    buffer = io.BytesIO()
    with rc_context(_rc()):
        figure = _build_figure(chart, with_title=with_title)
        # No "Software" text chunk: the bytes then depend on the data only. zlib level 2
        # instead of 6 halves the encoding time for files about a fifth larger.
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None},
                       pil_kwargs={"compress_level": 2})
    return buffer.getvalue()


def _build_figure(chart: Chart, *, with_title: bool) -> Figure:
    if chart.kind not in _DRAWERS:
        raise ValueError(f"未知的图表类型：{chart.kind}")
    figure = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if has_data(chart):
        _DRAWERS[chart.kind](axes, chart)
    else:
        _draw_no_data(axes)
    if with_title:
        axes.set_title(chart.title)
    _fit_margins(figure, axes, with_title=with_title)
    return figure


def _fit_margins(figure: Figure, axes, *, with_title: bool) -> None:
    """Margins sized from the labels themselves, in points.

    matplotlib's constrained layout would measure every text by drawing the figure once
    before the real draw; that doubled the cost of a chart. The labels are known here:
    x labels are wrapped to a few short lines, y labels are numbers of known length.
    """
    width_pt, height_pt = WIDTH_CM / 2.54 * 72, HEIGHT_CM / 2.54 * 72
    x_lines = max((label.get_text().count("\n") + 1 for label in axes.get_xticklabels()), default=1)
    y_chars = max(len(_format(limit)) for limit in axes.get_ylim()) + 1   # + the minus sign or a decimal
    tick = 3.5 + 3.5                                   # tick length + pad
    line = _FONT_PT * 1.5                              # CJK glyphs are taller than the nominal 1.2 em
    left = tick + y_chars * _FONT_PT * 0.6 + 4
    bottom = tick + x_lines * line + 4
    top = line + 8 + (line * 1.3 if with_title else 0)  # the 单位 note above the axes
    figure.subplots_adjust(left=left / width_pt, right=1 - 8 / width_pt,
                           bottom=bottom / height_pt, top=1 - top / height_pt)


def has_data(chart: Chart) -> bool:
    """True when at least one value is present (and, for counts, not all zero)."""
    values = [value for _, series in chart.series for value in series
              if value is not None and not math.isnan(value)]
    if not chart.labels or not values:
        return False
    if chart.kind == "rating_distribution":
        return any(value > 0 for value in values)
    return True


def _draw_no_data(axes) -> None:
    axes.set_axis_off()
    axes.text(0.5, 0.5, NO_DATA, ha="center", va="center", fontsize=20, color="#757575",
              transform=axes.transAxes)


def _value(value) -> float:
    return math.nan if value is None else float(value)


def _format(value: float) -> str:
    if float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.2f}" if abs(value) < 1 else f"{value:.1f}"


def _wrap(label: str, width: int = 6) -> str:
    """Break a long Chinese label every *width* characters (no spaces to break at)."""
    return "\n".join(label[i:i + width] for i in range(0, len(label), width)) or label


def _unit_label(axes, unit: str) -> None:
    """The unit above the y axis, upright (a rotated Chinese label reads sideways)."""
    if unit:
        axes.annotate(f"单位：{unit}", xy=(0, 1), xycoords="axes fraction", xytext=(0, 6),
                      textcoords="offset points", ha="left", va="bottom", fontsize=8)


def _rating_colour(label: str) -> str:
    return RATING_COLOURS.get(label.strip()[:1].upper(), OTHER_COLOUR)


def _annotate_bars(axes, bars) -> None:
    for bar in bars:
        height = bar.get_height()
        if math.isnan(height) or height == 0:
            continue
        below = height < 0   # a fall is labelled under its bar, not across it
        axes.annotate(_format(height), (bar.get_x() + bar.get_width() / 2, height),
                      xytext=(0, -2 if below else 2), textcoords="offset points", ha="center",
                      va="top" if below else "bottom", fontsize=8)


def _is_rating(name: str) -> bool:
    return name.strip()[:1].upper() in RATING_COLOURS


def _rating_stacks(chart: Chart) -> tuple[list[str], list[tuple[str, list[float]]]]:
    """The bars (x labels) and, per rating, the height of its segment in each bar.

    Both shapes a builder may send are accepted: ratings as labels with one series per
    category, or categories as labels with one series per rating (A, B, C, D).
    """
    if chart.series and all(_is_rating(name) for name, _ in chart.series) \
            and not all(_is_rating(label) for label in chart.labels):
        stacks = [(name, [_count(v) for v in values]) for name, values in chart.series]
        return list(chart.labels), stacks
    bars = [name for name, _ in chart.series]
    stacks = [(label, [_count(values[index]) for _, values in chart.series])
              for index, label in enumerate(chart.labels)]
    return bars, stacks


def _count(value) -> float:
    return 0.0 if value is None or math.isnan(value) else float(value)


def _draw_rating_distribution(axes, chart: Chart) -> None:
    """One series over the ratings: a coloured bar per rating. Otherwise a stacked bar per
    category, each rating's segment in its colour (A/B green, C yellow, D red)."""
    if len(chart.series) == 1 and all(_is_rating(label) for label in chart.labels):
        _, values = chart.series[0]
        bars = axes.bar(range(len(chart.labels)), [_value(v) for v in values],
                        color=[_rating_colour(label) for label in chart.labels])
        axes.set_xticks(range(len(chart.labels)), [_wrap(label, 8) for label in chart.labels])
        _annotate_bars(axes, bars)
    else:
        bars, stacks = _rating_stacks(chart)
        bottoms = [0.0] * len(bars)
        for rating, heights in stacks:
            axes.bar(range(len(bars)), heights, bottom=bottoms, color=_rating_colour(rating),
                     label=rating)
            bottoms = [bottom + height for bottom, height in zip(bottoms, heights)]
        axes.set_xticks(range(len(bars)), [_wrap(name) for name in bars])
        axes.legend(frameon=False, fontsize=8, reverse=True)   # top segment listed first
    _unit_label(axes, chart.unit or "项")
    axes.yaxis.get_major_locator().set_params(integer=True)


def _draw_progress_by_category(axes, chart: Chart) -> None:
    """Grouped bars per label: each series (e.g. 完成进度, 时间进度) side by side."""
    count = len(chart.series)
    width = 0.8 / count
    for index, (name, values) in enumerate(chart.series):
        offsets = [position - 0.4 + width * (index + 0.5) for position in range(len(chart.labels))]
        colour = OTHER_COLOUR if "时间" in name else SERIES_COLOURS[index % len(SERIES_COLOURS)]
        bars = axes.bar(offsets, [_value(v) for v in values], width=width, color=colour,
                        label=name)
        _annotate_bars(axes, bars)
    axes.set_xticks(range(len(chart.labels)), [_wrap(label) for label in chart.labels])
    _unit_label(axes, chart.unit)
    # Headroom above the tallest bar keeps the one-line legend clear of the value labels,
    # and room under a falling bar keeps its label off the x axis.
    bottom, top = axes.get_ylim()
    axes.set_ylim(bottom=bottom - (top - bottom) * 0.06 if bottom < 0 else bottom, top=top * 1.2)
    axes.legend(loc="upper left", ncols=count, frameon=False, fontsize=8)


def _draw_trajectory(axes, chart: Chart) -> None:
    """Lines over the years, gaps (None) skipped; the target as a dashed horizontal line."""
    for index, (name, values) in enumerate(chart.series):
        points = [(position, float(value)) for position, value in enumerate(values)
                  if value is not None and not math.isnan(value)]
        if not points:
            continue
        xs, ys = zip(*points)
        axes.plot(xs, ys, marker="o", color=SERIES_COLOURS[index % len(SERIES_COLOURS)],
                  label=name)
        for x, y in points:
            axes.annotate(_format(y), (x, y), xytext=(0, 5), textcoords="offset points",
                          ha="center", fontsize=8)
    if chart.target is not None:
        axes.axhline(chart.target, linestyle="--", color=TARGET_COLOUR,
                     label=f"目标 {_format(chart.target)}{chart.unit}")
    axes.set_xticks(range(len(chart.labels)), list(chart.labels))
    axes.set_xlim(-0.5, len(chart.labels) - 0.5)
    if axes.get_ylim()[0] > 0:
        axes.set_ylim(bottom=0)   # totals and rates read honestly from zero
    _unit_label(axes, chart.unit)
    axes.legend(frameon=False, fontsize=8)


_DRAWERS = {
    "rating_distribution": _draw_rating_distribution,
    "progress_by_category": _draw_progress_by_category,
    "trajectory": _draw_trajectory,
}
