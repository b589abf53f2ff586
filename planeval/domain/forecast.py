"""Projection to the end of the plan: the unit's own forecasts first, a trend otherwise.

In the spirit of the UNSD / Open SDG and UN ESCAP progress assessment, the engine projects
the value the indicator will reach at the end of the plan and compares it with the target
(the *anticipated progress ratio*). The trend rules, kept deliberately simple so a person
can redo them with a calculator:

* level        compound growth at the average annual rate from the baseline to the latest
               value, ``F = V · (V/B)^((H−t)/t)``; linear continuation when B or V is not
               positive; a percentage that starts and stays within 0–100 is capped at 100;
               non-negative quantities are not projected below zero
* cumulative   linear continuation of the average addition per year so far
* rates        the mean realised rate (geometric) held for the remaining years

Time is measured in years since the end of the baseline year: 2022 is t = 2, 2023H1 is
t = 2.5, the end of a 2021–2025 plan is H = 5.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from . import assessment_text as text

_MAX_EXP = 690.0  # exp(690) ~ 1e299: larger projections are clamped, never an OverflowError


def _safe_exp(x: float) -> float:
    return math.exp(max(-_MAX_EXP, min(_MAX_EXP, x)))


@dataclass(frozen=True)
class Projection:
    """A projected end-of-plan value, where it came from and the sentence that explains it."""

    value: float | None
    source: str | None  # "unit" | "trend" | None
    sentence: str = ""
    trend_rate: float | None = None  # the average annual rate used by a compound trend (ratio)


def project_level(
    *,
    baseline: float | None,
    latest_t: float,
    latest: float,
    horizon: float,
    end_year: int,
    baseline_year: int,
    forecasts: dict[int, float],
    unit: str = "",
) -> Projection:
    """Project a level to the end of the plan.

    ``forecasts`` are the unit's own values per year; the end-year forecast is used as is,
    an earlier one is extended by the trend from the baseline through it.
    """
    later = {y: v for y, v in forecasts.items() if latest_t < y - baseline_year <= horizon}
    if end_year in later:
        value = later[end_year]
        return Projection(value, "unit", text.FORECAST_UNIT.format(end=end_year, forecast=text.fmt_value(value, unit)))
    if later:
        year = max(later)
        trend = _level_trend(baseline, year - baseline_year, later[year], horizon, unit, end_year)
        sentence = text.FORECAST_UNIT_EXTENDED.format(
            year=year, end=end_year, forecast=text.fmt_value(trend.value, unit))
        return Projection(trend.value, "unit", sentence, trend.trend_rate)
    return _level_trend(baseline, latest_t, latest, horizon, unit, end_year)


def _level_trend(
    baseline: float | None, t: float, value: float, horizon: float, unit: str, end_year: int
) -> Projection:
    """Compound (or linear) trend from the baseline through ``value`` at time ``t``."""
    remaining = max(0.0, horizon - t)
    if remaining == 0:
        return Projection(value, "trend", text.FORECAST_FINAL.format(forecast=text.fmt_value(value, unit)))
    if baseline is None or t <= 0:
        return Projection(value, "trend", text.FORECAST_HOLD.format(end=end_year, forecast=text.fmt_value(value, unit)))
    years = text.fmt_count_years(t)
    if baseline > 0 and value > 0:
        log_ratio = math.log(value / baseline)
        projected = value * _safe_exp(log_ratio * remaining / t)
        rate = _safe_exp(log_ratio / t) - 1
        projected = _clamp(projected, baseline, value, unit)
        sentence = text.FORECAST_COMPOUND.format(
            n=years, rate=text.fmt_rate(rate * 100), end=end_year, forecast=text.fmt_value(projected, unit))
        return Projection(projected, "trend", sentence, rate)
    delta = (value - baseline) / t
    projected = _clamp(value + delta * remaining, baseline, value, unit)
    sentence = text.FORECAST_LINEAR.format(
        n=years, delta=("+" if delta >= 0 else "") + text.fmt_value(delta, unit), end=end_year,
        forecast=text.fmt_value(projected, unit))
    return Projection(projected, "trend", sentence)


def _clamp(projected: float, baseline: float, value: float, unit: str) -> float:
    # Shares (覆盖率, 优良率) cannot pass 100%, and counts or rates that were never negative
    # do not turn negative; both clamps keep the projection monotonic in the latest value.
    if unit.strip() in ("%", "％") and 0 <= baseline <= 100 and value <= 100:
        projected = min(projected, 100.0)
    if baseline >= 0 and value >= 0:
        projected = max(projected, 0.0)
    return projected


def project_sum(
    *,
    total: float,
    covered_until: float,
    start_year: int,
    end_year: int,
    partial: tuple[int, float] | None,
    forecasts: dict[int, float],
    unit: str = "",
) -> Projection:
    """Project a five-year sum: the unit's yearly additions where given, the average otherwise.

    ``covered_until`` is when the sum so far ends (2023.5 for a total to June 2023);
    ``partial`` is the (year, addition) of a year only partly covered, which a full-year
    forecast for that year replaces.
    """
    elapsed = covered_until - start_year
    if elapsed <= 0:
        return Projection(None, None, text.NO_FORECAST)
    average = total / elapsed
    projected = total
    unit_years, trend_years = [], []
    for year in range(int(math.floor(covered_until)), end_year + 1):
        remaining = year + 1 - max(covered_until, year)
        if remaining <= 0:
            continue
        if year in forecasts:
            already = partial[1] if partial and partial[0] == year else 0.0
            # a full-year forecast cannot be below what the first half already added
            projected += max(forecasts[year], already) - already
            unit_years.append(year)
        else:
            projected += average * remaining
            trend_years.append(year)
    value_text = text.fmt_value(projected, unit)
    avg_text = text.fmt_value(average, unit)
    if not unit_years and not trend_years:
        return Projection(projected, "trend", text.FORECAST_CUMULATIVE_FINAL.format(forecast=value_text))
    if not unit_years:
        return Projection(projected, "trend", text.FORECAST_CUMULATIVE_TREND.format(
            avg=avg_text, end=end_year, forecast=value_text))
    if not trend_years:
        return Projection(projected, "unit", text.FORECAST_CUMULATIVE_UNIT.format(end=end_year, forecast=value_text))
    years = "、".join(str(y) for y in trend_years)
    return Projection(projected, "unit", text.FORECAST_CUMULATIVE_MIXED.format(
        trend_years=years, avg=avg_text, end=end_year, forecast=value_text))


@dataclass(frozen=True)
class IndexProjection:
    """Compounded factors of a rate series: realised so far and projected to the end."""

    realised: float       # product of the realised factors
    mean_factor: float    # their geometric mean, the trend
    projected: float      # realised × factors of the remaining years
    source: str           # "unit" if any remaining year used the unit's forecast
    unit_years: tuple[int, ...]
    trend_years: tuple[int, ...]


def project_index(
    factors: dict[int, float], *, last_year: int, end_year: int, forecast_factors: dict[int, float]
) -> IndexProjection:
    """Compound yearly factors (1 + growth, or 1 − cut) and hold their mean for the rest.

    All factors must be positive; the caller turns rates at or beyond ±100% away first.
    """
    n = len(factors)
    log_sum = sum(math.log(f) for f in factors.values())
    realised = _safe_exp(log_sum)
    mean_log = log_sum / n
    projected_log = log_sum
    unit_years, trend_years = [], []
    for year in range(last_year + 1, end_year + 1):
        if year in forecast_factors:
            projected_log += math.log(forecast_factors[year])
            unit_years.append(year)
        else:
            projected_log += mean_log
            trend_years.append(year)
    return IndexProjection(
        realised=realised,
        mean_factor=_safe_exp(mean_log),
        projected=_safe_exp(projected_log),
        source="unit" if unit_years else "trend",
        unit_years=tuple(unit_years),
        trend_years=tuple(trend_years),
    )
