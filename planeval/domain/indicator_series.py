"""What every indicator rule reads and how it ends: the cleaned input (``Context``), the
result under construction (``Judgement``), the series a rule takes from the values, the
data checks per series, and the shared last step that turns a ratio into a suggestion.

The rules themselves are in ``level_rules`` (levels, thresholds, about, sums) and
``rate_rules`` (growth and reduction rates); ``indicator_rules.judge`` routes to them.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from . import assessment_text as text
from . import data_checks
from .data_checks import DataCheck, period_end
from .forecast import Projection
from .periods import Granularity, Period
from .ratings import Rating, Thresholds, suggest_rating
from .targets import Direction, Target


@dataclass
class Context:
    """One indicator's cleaned input and the evaluation point, as the judges read it."""

    name: str
    unit: str
    target: Target
    binding: bool
    baseline: Decimal | None
    baseline_year: int
    values: dict[Period, Decimal]
    estimates: frozenset
    forecasts: dict[int, Decimal]
    reference: dict[Period, Decimal]
    start_year: int
    end_year: int
    annual: Period
    cumulative: Period
    thresholds: Thresholds

    @property
    def horizon(self) -> float:
        """Years from the end of the baseline year to the end of the plan (5)."""
        return float(self.end_year - self.baseline_year)

    @property
    def plan_years(self) -> int:
        return self.end_year - self.start_year + 1

    def t(self, period: Period) -> float:
        """Years from the end of the baseline year to the end of ``period`` (2022 -> 2)."""
        return period_end(period) - (self.baseline_year + 1)

    def elapsed(self, period: Period) -> float:
        return period.elapsed_fraction(start_year=self.start_year, end_year=self.end_year)

    def float_forecasts(self) -> dict[int, float]:
        return {y: float(v) for y, v in self.forecasts.items()}


@dataclass
class Judgement:
    progress: float | None = None
    expected: float = 0.0
    current: Decimal | None = None
    forecast: Decimal | None = None
    forecast_source: str | None = None
    anticipated: float | None = None
    suggestion: Rating | None = None
    reasons: list[str] = field(default_factory=list)
    checks: list[DataCheck] = field(default_factory=list)


def to_decimal(x: float | None) -> Decimal | None:
    """A computed float as a Decimal for the forms (six decimals); None when not finite."""
    if x is None or not math.isfinite(x):
        return None
    return Decimal(repr(round(x, 6)))


def finite(x: float | None) -> float | None:
    """``x`` when it is a finite float, else None (a ratio of 0/0 must not reach a page)."""
    return x if x is not None and math.isfinite(x) else None


# --- names that change the reading of a target ---------------------------------------
_CUT_NAME = re.compile(r"降低率|下降率|降幅|降低|下降|减少率")
_RATE_NAME = re.compile(r"增长率|增速|增幅|年均增长")
_LOWER_NAME = re.compile(r"失业|死亡|事故|能耗|排放|污染|发病|密度.*PM|PM2\.5")


def is_cut_name(name: str) -> bool:
    """降低率/下降率: the values are yearly cuts in percent."""
    return bool(_CUT_NAME.search(name or ""))


def is_rate_name(name: str) -> bool:
    """增长率/增速: the values are yearly growth rates in percent."""
    return bool(_RATE_NAME.search(name or ""))


def lower_is_better(ctx: Context) -> bool:
    """The target's direction, or a lower-is-better name (失业, 死亡, 能耗 …) unless it is a cut."""
    if ctx.target.direction is Direction.LOWER:
        return True
    return bool(_LOWER_NAME.search(ctx.name or "")) and not is_cut_name(ctx.name)


# --- the series each rule reads -----------------------------------------------------------
def level_points(ctx: Context) -> list[tuple[Period, Decimal]]:
    """Values up to the annual cut-off, oldest first."""
    cut = period_end(ctx.annual)
    points = [(p, v) for p, v in ctx.values.items() if p.year >= ctx.start_year and period_end(p) <= cut]
    return sorted(points, key=lambda pv: period_end(pv[0]))


@dataclass
class SumSoFar:
    total: Decimal
    covered: Period | None                        # the last period included
    partial: tuple[int, Decimal] | None           # the last year, if only part of it is in
    additions: list[tuple[Period, Decimal]]
    missing: list[int]


def sum_so_far(ctx: Context) -> SumSoFar:
    """The five-year sum to the cumulative cut-off (2023H1): full years plus the part-year.

    A sub-annual value is the addition from 1 January to the end of that period, so
    2023H1 is what the first half of 2023 added; a full-year value wins over it.
    """
    cut = period_end(ctx.cumulative)
    total, covered, partial, additions, missing = Decimal(0), None, None, [], []
    for year in range(ctx.start_year, ctx.cumulative.year + 1):
        full = Period(year)
        if full in ctx.values and period_end(full) <= cut:
            period, partial_year = full, False
        else:
            subs = [p for p in ctx.values
                    if p.year == year and p.granularity is not Granularity.YEAR and period_end(p) <= cut]
            if not subs:
                if year + 0.0 < cut:
                    missing.append(year)
                continue
            period, partial_year = max(subs, key=period_end), True
        value = ctx.values[period]
        total += value
        additions.append((period, value))
        covered = period
        partial = (year, value) if partial_year else None
    return SumSoFar(total, covered, partial, additions, missing)


def rate_series(ctx: Context) -> dict[int, float]:
    """Annual rates (in %) of the full years up to the annual cut-off."""
    return {
        p.year: float(v) for p, v in ctx.values.items()
        if p.granularity is Granularity.YEAR and ctx.start_year <= p.year <= ctx.annual.year
    }


# --- data checks per series -----------------------------------------------------------------
def level_checks(ctx: Context, *, needs_baseline: bool) -> list[DataCheck]:
    """Checks for a level series: cut-off value, baseline, estimates, year-on-year jumps."""
    cut = period_end(ctx.annual)
    used = {p: v for p, v in ctx.values.items() if period_end(p) <= cut}
    checks = data_checks.missing_at_cutoff(ctx.values, ctx.annual)
    if needs_baseline and ctx.baseline is None:
        checks.append(DataCheck("missing_baseline", text.CHECK_MISSING_BASELINE.format(year=ctx.baseline_year)))
    checks += data_checks.estimates_pending(ctx.values, ctx.estimates, ctx.annual)
    checks += data_checks.yoy_jumps(used, bound=ctx.thresholds.jump_bound, unit=ctx.unit)
    return checks


def sum_checks(ctx: Context, so_far: SumSoFar) -> list[DataCheck]:
    """Checks for a sum: cut-off value, missing years, estimates, negative additions."""
    checks = data_checks.missing_at_cutoff(ctx.values, ctx.cumulative)
    checks += data_checks.missing_years(ctx.values, start_year=ctx.start_year, cutoff=ctx.cumulative)
    checks += data_checks.estimates_pending(ctx.values, ctx.estimates, ctx.cumulative)
    checks += data_checks.cumulative_decreases(so_far.additions, ctx.unit)
    return checks


def rate_checks(ctx: Context) -> list[DataCheck]:
    """Checks for a rate series: cut-off value, missing years, estimates."""
    checks = data_checks.missing_at_cutoff(ctx.values, ctx.annual)
    checks += data_checks.missing_years(ctx.values, start_year=ctx.start_year, cutoff=ctx.annual)
    checks += data_checks.estimates_pending(ctx.values, ctx.estimates, ctx.annual)
    return checks


# --- shared endings ---------------------------------------------------------------------------
def rate_and_explain(j: Judgement, ctx: Context, *, tolerance_allowed: bool = True, reaches_ahead: bool = True,
                     ahead_bound: str = "") -> Judgement:
    """Attach the suggestion and its reason, plus a note when progress lags time."""
    j.anticipated = finite(j.anticipated)
    j.progress = finite(j.progress)
    if j.anticipated is None:
        j.reasons.append(text.NO_FORECAST)
        return j
    j.suggestion, reasons = suggest_rating(
        anticipated=j.anticipated, progress=j.progress, expected=j.expected, binding=ctx.binding,
        thresholds=ctx.thresholds, tolerance_allowed=tolerance_allowed, reaches_ahead=reaches_ahead,
        ahead_bound=ahead_bound)
    j.reasons.extend(reasons)
    lag = None if j.progress is None else j.expected - j.progress
    if j.suggestion in (Rating.A, Rating.B) and lag is not None and lag > ctx.thresholds.ahead_margin:
        j.reasons.append(text.LAGGING_TIME.format(gap=text.fmt_points(lag)))
    return j


def cannot(j: Judgement, reason: str) -> Judgement:
    """End without a suggestion, saying why."""
    j.reasons.append(reason)
    return j


def compare_sentence(projected: float, target: float, *, higher: bool, unit: str) -> str:
    """，超过目标12件 / ，达到目标 / ，距目标12件尚差0.3件."""
    target_text = text.fmt_value(target, unit)
    if text.fmt_number(projected) == text.fmt_number(target):
        return text.COMPARE_REACH.format(target=target_text)
    if (projected > target) == higher:
        template = text.COMPARE_ABOVE if higher else text.COMPARE_BETTER
        return template.format(target=target_text)
    return text.COMPARE_SHORT.format(target=target_text, gap=text.fmt_value(abs(target - projected), unit))


def apply_projection(j: Judgement, projection: Projection) -> None:
    """Record the projected end value and its source."""
    j.forecast = to_decimal(projection.value)
    j.forecast_source = projection.source if j.forecast is not None else None


def latest_level(ctx: Context, j: Judgement) -> tuple[Period, Decimal] | None:
    """The value judged for a level: the cut-off's, else the latest before it (and say so)."""
    points = level_points(ctx)
    j.expected = ctx.elapsed(ctx.annual)
    if not points:
        return None
    period, value = points[-1]
    j.expected = ctx.elapsed(period)
    j.current = value
    if period != ctx.annual:
        j.reasons.append(text.MISSING_PERIOD_USED.format(period=ctx.annual.label, used=period.label))
    return period, value
