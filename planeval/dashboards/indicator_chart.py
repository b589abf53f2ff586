"""The indicator page's figure: baseline → latest value → forecast to the plan's end, with the target.

Official figures (统计数) are a solid line; estimates (预计数) a dashed line with hollow points;
forecasts (预测数, or the engine's projection for the last year) a dotted line. The target is a
line, a band (区间, 左右) or, for a five-year total (累计), the cumulative path; the pace line
is the straight path "时间过半、任务过半" asks for (planeval/domain/target_path.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from planeval.domain.target_path import TargetPath, target_path
from planeval.domain.targets import Target
from planeval.monitoring.models import Observation
from planeval.reports.charts import TARGET_COLOUR

from .charts import Band, Chart, Line, line_chart

ACTUAL_COLOUR, ESTIMATE_COLOUR, FORECAST_COLOUR, PACE_COLOUR = "#1f5fa8", "#1f5fa8", "#e0793b", "#6b7785"


@dataclass(frozen=True)
class IndicatorFigure:
    chart: Chart
    path: TargetPath
    is_sample: bool
    rows: list[tuple[int, str, float, bool]]   # (year, kind label, value, is_sample) as drawn


def annual_observations(indicator_ids) -> dict[int, list[dict]]:
    """indicator id → its annual actual/estimate/forecast values, in one query for many indicators."""
    ids = list(indicator_ids)
    rows = Observation.objects.filter(
        indicator_id__in=ids, granularity="year",
        kind__in=(Observation.Kind.ACTUAL, Observation.Kind.ESTIMATE, Observation.Kind.FORECAST),
    ).order_by("year", "id").values("indicator_id", "year", "kind", "value", "is_sample")
    grouped: dict[int, list[dict]] = {i: [] for i in ids}
    for row in rows:
        grouped[row["indicator_id"]].append(row)
    return grouped


def indicator_figure(indicator, *, assessment=None, end_year: int = 2025, start_year: int = 2021,
                     observations: list[dict] | None = None) -> IndicatorFigure:
    """The figure of one indicator; pass ``observations`` (from ``annual_observations``) when
    drawing several, so a page costs one query whatever the number of indicators."""
    target = Target.from_dict(indicator.target) if indicator.target else None
    if observations is None:
        observations = annual_observations([indicator.id])[indicator.id]
    by_kind: dict[str, dict[int, tuple[float, bool]]] = {k: {} for k in ("actual", "estimate", "forecast")}
    for o in observations:
        by_kind[o["kind"]][o["year"]] = (float(o["value"]), o["is_sample"])
    path = (target_path(target, baseline=indicator.baseline, baseline_year=indicator.baseline_year,
                        start_year=start_year, end_year=end_year, unit=indicator.measure_unit)
            if target else TargetPath(years=tuple(range(indicator.baseline_year, end_year + 1))))
    years = list(path.years)
    actual = dict(by_kind["actual"])
    if not path.cumulative and indicator.baseline is not None:
        actual.setdefault(indicator.baseline_year, (float(indicator.baseline), indicator.baseline_is_sample))
    estimate = {y: v for y, v in by_kind["estimate"].items() if y not in actual}
    forecast = {y: v for y, v in by_kind["forecast"].items() if y not in actual and y not in estimate}
    if assessment is not None and assessment.forecast is not None and end_year not in actual | estimate | forecast:
        forecast[end_year] = (float(assessment.forecast), False)
        projected_year = end_year   # the engine's projection, not a figure anyone reported
    else:
        projected_year = None

    if path.cumulative:
        # A five-year total is drawn as running totals, so it meets the cumulative path.
        running, total = {}, 0.0
        for year in years:
            if year == projected_year:
                # The engine's projection of a total is already the five-year total, not a year's amount.
                running[year] = ("forecast", float(assessment.forecast), False)
                continue
            for kind, source in (("actual", actual), ("estimate", estimate), ("forecast", forecast)):
                if year in source:
                    total += source[year][0]
                    running[year] = (kind, total, source[year][1])
                    break
        drawn = running
    else:
        drawn = {}
        for kind, source in (("forecast", forecast), ("estimate", estimate), ("actual", actual)):
            for year, (value, sample) in source.items():
                if years and years[0] <= year <= years[-1]:
                    drawn[year] = (kind, value, sample)

    def series(kinds: tuple[str, ...], *, join_from: tuple[str, ...] = ()) -> list[float | None]:
        values: list[float | None] = [drawn[y][1] if y in drawn and drawn[y][0] in kinds else None for y in years]
        # Start a dashed/dotted line at the last point of the line before it, so the lines join.
        first = next((i for i, v in enumerate(values) if v is not None), None)
        previous = next((i for i in range((first or 0) - 1, -1, -1) if years[i] in drawn), None)
        if first is not None and previous is not None and drawn[years[previous]][0] in join_from:
            values[previous] = drawn[years[previous]][1]
        return values

    lines = [
        Line(name="统计数", values=series(("actual",)), colour=ACTUAL_COLOUR, labels=True),
        Line(name="预计数", values=series(("estimate",), join_from=("actual",)), colour=ESTIMATE_COLOUR,
             style="dashed", hollow=True, labels=True),
        Line(name="预测数", values=series(("forecast",), join_from=("actual", "estimate")), colour=FORECAST_COLOUR,
             style="dotted", hollow=True),
    ]
    bands = []
    if path.band is not None:
        bands.append(Band(name="目标区间", low=path.band[0], high=path.band[1]))
    if path.target_line is not None and not path.cumulative:
        lines.append(Line(name="目标", values=[path.target_line] * len(years), colour=TARGET_COLOUR,
                          style="dashed", show_symbol=False))
    if path.pace is not None:
        lines.append(Line(name="累计目标路径" if path.cumulative else "序时进度（时间过半、任务过半）",
                          values=path.pace_values(), colour=TARGET_COLOUR if path.cumulative else PACE_COLOUR,
                          style="dashed", show_symbol=path.cumulative))
    labels = {"actual": "统计数", "estimate": "预计数", "forecast": "预测数"}
    rows = [(y, "预测数（系统推算）" if y == projected_year else labels[drawn[y][0]], drawn[y][1], drawn[y][2])
            for y in years if y in drawn]
    is_sample = indicator.baseline_is_sample or any(sample for *_, sample in rows)
    title = f"{indicator.name}（{indicator.measure_unit}）" if indicator.measure_unit else indicator.name
    has_values = any(v is not None for line in lines[:3] for v in line.values)
    note = path.note + ("；图中含示例数据" if is_sample else "")
    chart = (line_chart(id=f"indicator-{indicator.id}", title=title, categories=[str(y) for y in years], lines=lines,
                        bands=bands, unit=indicator.measure_unit, note=note.strip("；"), height=380)
             if has_values else Chart(id=f"indicator-{indicator.id}", title=title, empty=True, note=path.note))
    return IndicatorFigure(chart=chart, path=path, is_sample=is_sample, rows=rows)
