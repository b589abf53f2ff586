"""How each kind of target is judged: ``judge`` routes an indicator to its rule.

``assessment.assess_indicator`` cleans the input into a ``Context`` and calls ``judge``;
every rule returns a ``Judgement`` (progress, forecast, anticipated ratio, suggestion,
reasons, data checks). Levels, thresholds and sums are in ``level_rules``; growth and
reduction rates in ``rate_rules``; relative and qualitative targets here.
"""
from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

from . import assessment_text as text
from .data_checks import period_end
from .indicator_series import (  # noqa: F401  (Context, Judgement, to_decimal: re-exported)
    Context,
    Judgement,
    cannot,
    is_cut_name,
    is_rate_name,
    level_checks,
    lower_is_better,
    rate_checks,
    rate_series,
    to_decimal,
)
from .level_rules import judge_approximately, judge_cumulative, judge_level, judge_threshold
from .periods import Granularity, Period
from .rate_rules import judge_growth, judge_reduction, yearly_factors
from .targets import Direction, Target, TargetKind


# --- relative to a higher level -------------------------------------------------------------
def _reference_window(ctx: Context) -> dict[int, float]:
    """Yearly reference values, preferring the years the indicator itself has values for."""
    ref = {p.year: float(v) for p, v in ctx.reference.items() if p.granularity is Granularity.YEAR}
    own = set(rate_series(ctx))
    matched = {y: v for y, v in ref.items() if y in own}
    if matched:
        return matched
    up_to_cut = {y: v for y, v in ref.items() if y <= ctx.annual.year}
    return up_to_cut or ref


def _mean_rate(rates: dict[int, float], sign: int) -> float | None:
    factors = yearly_factors(rates, sign)
    if not factors:
        return None
    mean = math.exp(sum(math.log(f) for f in factors.values()) / len(factors))
    return (mean - 1) * 100 * sign


def judge_relative(ctx: Context) -> Judgement:
    """与市保持同步 / 完成市下达目标: judged against the reference series once it is entered.

    Until then: no suggestion and "需录入参照值（市级增速/市下达目标）后方可研判".
    """
    cut, rate = is_cut_name(ctx.name), ctx.target.annual_rate or is_rate_name(ctx.name)
    if not ctx.reference:
        j = Judgement(expected=ctx.elapsed(ctx.annual))
        j.checks = rate_checks(ctx) if (cut or rate) else level_checks(ctx, needs_baseline=False)
        return cannot(j, text.REFERENCE_NEEDED)
    if ctx.target.relation == "quota":
        return _against_quota(ctx, cut=cut, rate=rate)
    return _in_step(ctx, cut=cut, rate=rate)


def _against_quota(ctx: Context, *, cut: bool, rate: bool) -> Judgement:
    """The end-year reference (else the latest) is the target: an annual cut for 降低率 names,
    a growth rate for rate names, otherwise a floor or — lower is better (失业人数) — a ceiling."""
    end = Period(ctx.end_year)
    period = end if end in ctx.reference else max(ctx.reference, key=period_end)
    value = ctx.reference[period]
    lower = lower_is_better(ctx)
    if cut:
        j = judge_reduction(ctx, r_on=value, five_year=False)
    elif rate:
        j = judge_growth(ctx, g_on=value, lower=lower)
    else:
        j = judge_threshold(ctx, on=value, better=Direction.LOWER if lower else Direction.HIGHER)
    shown = text.fmt_rate(value) if (cut or rate) else text.fmt_value(value, ctx.unit)
    j.reasons.insert(0, text.RELATIVE_QUOTA.format(value=shown, period=period.label))
    return j


def _in_step(ctx: Context, *, cut: bool, rate: bool) -> Judgement:
    """Rates against the reference's mean rate over the same years; levels against its latest value."""
    who = ctx.target.relative_to or text.REFERENCE_DEFAULT
    lower = lower_is_better(ctx)
    if not (cut or rate):
        period = max(ctx.reference, key=period_end)
        value = ctx.reference[period]
        j = judge_threshold(ctx, on=value, better=Direction.LOWER if lower else Direction.HIGHER)
        j.reasons.insert(0, text.RELATIVE_LEVEL.format(ref=who, period=period.label,
                                                       value=text.fmt_value(value, ctx.unit)))
        return j
    window = _reference_window(ctx)
    mean = _mean_rate(window, -1 if cut else +1) if window else None
    if mean is None:
        return cannot(Judgement(expected=ctx.elapsed(ctx.annual)), text.RATE_BELOW_MINUS_100)
    value = to_decimal(mean)
    j = judge_reduction(ctx, r_on=value, five_year=False) if cut else judge_growth(ctx, g_on=value, lower=lower)
    j.reasons.insert(0, text.RELATIVE_IN_STEP.format(
        ref=who, years=text.year_span(min(window), max(window)), what="降低" if cut else "增长",
        value=text.fmt_rate(mean)))
    return j


# --- qualitative and dispatch -----------------------------------------------------------------
def judge_qualitative(ctx: Context) -> Judgement:
    """Words only: no suggestion; the responsible unit judges."""
    j = Judgement(expected=ctx.elapsed(ctx.annual))
    j.reasons.append(text.QUALITATIVE)
    if ctx.target.reason and ctx.target.raw:
        j.reasons.append(text.UNPARSED_TARGET.format(raw=ctx.target.raw, why=ctx.target.reason))
    return j


def _no_target(ctx: Context) -> Judgement:
    return cannot(Judgement(expected=ctx.elapsed(ctx.annual)), text.NO_TARGET_VALUE)


def _bounds(target: Target) -> tuple[Decimal | None, Decimal | None]:
    """(low, high) in order, either filled from the other when only one is given."""
    low, high = target.low, target.high
    low, high = (low if low is not None else high), (high if high is not None else low)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, high


def _wider(low: Decimal | None, high: Decimal | None) -> Decimal | None:
    """The far end of a real range (3-5 -> 5), None for a single value."""
    return high if low is not None and high is not None and high > low else None


def judge(ctx: Context) -> Judgement:
    """Route an indicator to the rule for its target kind (composites are handled by the caller).

    Flags refine the kind: ``annual_rate`` turns a level, range or bound into a growth rate
    (a cut for 降低率 names); ``cumulative`` turns a level or range into a five-year sum.
    """
    target, kind = ctx.target, ctx.target.kind
    low, high = _bounds(target)
    if kind is TargetKind.QUALITATIVE:
        return judge_qualitative(ctx)
    if kind is TargetKind.RELATIVE:
        return judge_relative(ctx)
    if low is None:
        return _no_target(ctx)
    reads_as_rate = target.annual_rate and kind in (
        TargetKind.LEVEL, TargetKind.RANGE, TargetKind.AT_LEAST, TargetKind.AT_MOST)
    if kind is TargetKind.REDUCTION or (reads_as_rate and is_cut_name(ctx.name)):
        return judge_reduction(ctx, r_on=low, r_ahead=_wider(low, high), five_year=target.cumulative)
    if kind is TargetKind.APPROXIMATELY:
        return judge_approximately(ctx, target.value if target.value is not None else low)
    if kind is TargetKind.GROWTH_RATE or reads_as_rate:
        return _judge_growth_kind(ctx, kind, low, high)
    if kind is TargetKind.CUMULATIVE or (target.cumulative and kind in (TargetKind.LEVEL, TargetKind.RANGE)):
        return judge_cumulative(ctx, on=low, ahead=_wider(low, high))
    if kind is TargetKind.AT_LEAST:
        return judge_threshold(ctx, on=low, better=Direction.HIGHER, sum_mode=target.cumulative, strict=target.strict)
    if kind is TargetKind.AT_MOST:
        return judge_threshold(ctx, on=high, better=Direction.LOWER, sum_mode=target.cumulative, strict=target.strict)
    if kind is TargetKind.RANGE and high > low:
        if lower_is_better(ctx):
            return judge_threshold(ctx, on=high, better=Direction.LOWER, ahead=low)
        return judge_threshold(ctx, on=low, better=Direction.HIGHER, ahead=high)
    return judge_level(ctx, target.value if target.value is not None else low)


def _judge_growth_kind(ctx: Context, kind: TargetKind, low: Decimal, high: Decimal) -> Judgement:
    """A growth target: a ceiling for ≤, a floor-like single rate, or a range (3-5)."""
    if kind is TargetKind.AT_MOST:
        return judge_growth(ctx, g_on=high, lower=True, ceiling=True)
    if kind is TargetKind.AT_LEAST:
        return judge_growth(ctx, g_on=low)
    if lower_is_better(ctx):
        return judge_growth(ctx, g_on=high, g_ahead=low if low < high else None, lower=True)
    return judge_growth(ctx, g_on=low, g_ahead=_wider(low, high))


def with_target(ctx: Context, target: Target) -> Context:
    """The same indicator judged against another target (a composite's own total)."""
    return replace(ctx, target=target)
