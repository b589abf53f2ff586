"""Plausible sample values (示例数据) for indicators whose real figures the seeds do not give.

Pure Python and reproducible: the same indicator always gets the same numbers,
so loading the demo twice changes nothing. Each indicator draws a "pace" — how
fast it moves compared with what its target needs — so the demo shows the
whole range of conclusions (ahead, on track, slow, off track), not only good news.
"""
from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

from planeval.domain.periods import Period
from planeval.domain.targets import Direction, Target, TargetKind

YEARS = (2021, 2022)
FORECAST_YEARS = (2023, 2024, 2025)
PACES = (1.25, 1.05, 1.0, 0.95, 0.85, 0.7, 0.5)


@dataclass
class SampleSeries:
    baseline: Decimal | None = None
    actuals: dict[Period, Decimal] = field(default_factory=dict)
    estimates: set[Period] = field(default_factory=set)  # actuals still 预计数
    forecasts: dict[int, Decimal] = field(default_factory=dict)
    reference: dict[Period, Decimal] = field(default_factory=dict)


def _rng(key: str) -> random.Random:
    return random.Random(zlib.crc32(key.encode("utf-8")))


# Units that count whole things: their sample values are whole numbers.
COUNT_UNITS = {"家", "个", "张", "条", "条(段)", "条（段）", "人", "所", "座", "项"}


def _round(value: float, like: Decimal, *, whole: bool = False) -> Decimal:
    """Round like the target is written, with two more places for small rates (0.01 → 0.0093)."""
    if whole:
        return Decimal(max(0, round(value)))
    exponent = like.as_tuple().exponent
    written = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    places = written + 2 if abs(value) < 1 else max(1, written)
    if abs(value) >= 1000:
        places = 0
    return Decimal(str(round(value, places)))


def sample_series(key: str, target: Target, *, measure_unit: str = "") -> SampleSeries:
    """Baseline, 2021–2022 (and 2023H1 for five-year totals), forecasts and references."""
    rng = _rng(key)
    pace = rng.choice(PACES)
    whole = measure_unit in COUNT_UNITS
    series = SampleSeries()
    kind = target.kind
    low = target.low
    high = target.high if target.high is not None else low

    if kind in (TargetKind.QUALITATIVE,):
        return series
    if kind is TargetKind.RELATIVE:
        return _relative_series(rng, target, series, measure_unit)
    if low is None:
        return series
    goal = float(high if kind is TargetKind.RANGE else low)

    if target.cumulative or kind is TargetKind.CUMULATIVE:
        yearly = goal / 5 * pace
        for year in YEARS:
            series.actuals[Period(year)] = _round(yearly * rng.uniform(0.85, 1.15), low, whole=whole)
        series.actuals[Period.parse("2023H1")] = _round(yearly / 2 * rng.uniform(0.8, 1.2), low, whole=whole)
        if rng.random() < 0.5:
            for year in FORECAST_YEARS:
                series.forecasts[year] = _round(yearly * rng.uniform(0.9, 1.2), low, whole=whole)
        series.estimates.add(Period.parse("2023H1"))
        return series

    if target.annual_rate or kind in (TargetKind.GROWTH_RATE, TargetKind.REDUCTION):
        centre = float(low + high) / 2 if high is not None else goal
        for year in YEARS:
            series.actuals[Period(year)] = _round(centre * pace * rng.uniform(0.8, 1.2), low)
        return series

    # Levels, floors, ceilings, bands: move from a baseline toward the target.
    lower = target.direction is Direction.LOWER or kind is TargetKind.AT_MOST
    if kind in (TargetKind.AT_LEAST, TargetKind.AT_MOST, TargetKind.APPROXIMATELY):
        start_gap = rng.uniform(0.005, 0.05)
    else:
        start_gap = rng.uniform(0.15, 0.45)
    baseline = goal * (1 + start_gap) if lower else goal * (1 - start_gap)
    series.baseline = _round(baseline, low, whole=whole)
    for year in YEARS:
        share = (year - 2020) / 5 * pace * rng.uniform(0.9, 1.1)
        series.actuals[Period(year)] = _round(baseline + (goal - baseline) * share, low, whole=whole)
    if rng.random() < 0.5:
        for year in FORECAST_YEARS:
            share = (year - 2020) / 5 * max(pace, 0.8)
            series.forecasts[year] = _round(baseline + (goal - baseline) * share, low, whole=whole)
    if rng.random() < 0.3:
        series.estimates.add(Period(2022))
    return series


def _relative_series(
    rng: random.Random, target: Target, series: SampleSeries, measure_unit: str
) -> SampleSeries:
    """A relative target is judged against a reference: the city's rate or the quota handed down."""
    if target.annual_rate:
        for year, city in ((2021, rng.uniform(6.0, 8.5)), (2022, rng.uniform(-1.0, 3.0))):
            series.reference[Period(year)] = _round(city, Decimal("0.1"))
            series.actuals[Period(year)] = _round(city + rng.uniform(-1.5, 1.0), Decimal("0.1"))
        return series
    # A quota in % is an annual rate handed down (能耗降低 3.0%); otherwise a count (失业人数).
    quota = Decimal("3.0") if measure_unit == "%" else Decimal("12000")
    for year in YEARS:
        series.reference[Period(year)] = quota
        series.actuals[Period(year)] = _round(float(quota) * rng.uniform(0.85, 1.08), quota,
                                              whole=measure_unit in COUNT_UNITS)
    return series
