"""Rules for rates entered year by year: average annual growth (年均增长率) and the
compounded cuts of an intensity (降低率, [13.5]).

See docs/methodology.md for every rule with a worked example.
"""
from __future__ import annotations

import math
from decimal import Decimal

from . import assessment_text as text
from .forecast import project_index
from .indicator_series import (
    Context,
    Judgement,
    cannot,
    rate_and_explain,
    rate_checks,
    rate_series,
    to_decimal,
)
from .periods import Period


# --- average annual growth rate -------------------------------------------------------------
def yearly_factors(rates: dict[int, float], sign: int) -> dict[int, float] | None:
    """1 + r (growth, sign=+1) or 1 − r (cut, sign=−1) per year; None when one is not positive."""
    factors = {y: 1 + sign * r / 100 for y, r in rates.items()}
    return factors if all(f > 0 for f in factors.values()) else None


def fill_missing(factors: dict[int, float], first: int) -> dict[int, float]:
    """Years missing inside the series count at the mean of the others (and are flagged)."""
    mean = math.exp(sum(math.log(f) for f in factors.values()) / len(factors))
    return {y: factors.get(y, mean) for y in range(first, max(factors) + 1)}


def growth_mode(g: float, *, lower: bool, ceiling: bool = False) -> str:
    """How a growth target is read: "gap" (grow by g; for lower-is-better, fall by at least
    −g), "floor" (a non-positive g that higher-is-better must not undershoot) or "cap"
    (a ceiling on growth, e.g. 增速控制在3%以内)."""
    if ceiling or (lower and g >= 0):
        return "cap"
    if lower or g > 0:
        return "gap"
    return "floor"


def judge_growth(ctx: Context, *, g_on: Decimal, g_ahead: Decimal | None = None, lower: bool = False,
                 ceiling: bool = False) -> Judgement:
    """Average annual growth g over the plan: judged on the index B·(1+g)^5.

    progress = (Π(1+r_i) − 1) / ((1+g)^5 − 1); the trend holds the mean realised rate;
    anticipated = (projected index − 1) / ((1+g)^5 − 1). A floor or a cap (see
    ``growth_mode``) compares the projected index with the target index as a ratio,
    without progress and without the anticipatory tolerance.
    """
    j = Judgement()
    j.checks = rate_checks(ctx)
    j.expected = ctx.elapsed(ctx.annual)
    g = float(g_on)
    if g <= -100:
        return cannot(j, text.RATE_BELOW_MINUS_100)
    mode = growth_mode(g, lower=lower, ceiling=ceiling)
    rates = rate_series(ctx)
    if not rates:
        return cannot(j, text.NO_VALUES.format(period=text.period_end_phrase(ctx.annual)))
    factors = yearly_factors(rates, +1)
    forecast_factors = yearly_factors({y: float(v) for y, v in ctx.forecasts.items()}, +1)
    if factors is None or forecast_factors is None:
        return cannot(j, text.RATE_BELOW_MINUS_100)
    last = max(factors)
    j.expected = ctx.elapsed(Period(last))
    if last != ctx.annual.year:
        j.reasons.append(text.MISSING_PERIOD_USED.format(period=ctx.annual.label, used=Period(last).label))
    filled = fill_missing(factors, ctx.start_year)
    index = project_index(filled, last_year=last, end_year=ctx.end_year, forecast_factors=forecast_factors)
    years_done, n = len(filled), ctx.plan_years
    realised_rate = (index.realised ** (1 / years_done) - 1) * 100
    projected_rate = (index.projected ** (1 / n) - 1) * 100
    j.current = to_decimal(realised_rate)
    j.forecast, j.forecast_source = to_decimal(projected_rate), index.source
    target_index = (1 + g / 100) ** n
    if mode == "cap":
        j.anticipated = target_index / index.projected
    elif mode == "floor":
        j.anticipated = index.projected / target_index
    else:
        j.progress = (index.realised - 1) / (target_index - 1)
        j.anticipated = (index.projected - 1) / (target_index - 1)
    span_done = text.year_span(ctx.start_year, last)
    j.reasons.append(_growth_progress_sentence(j, span_done, realised_rate))
    j.reasons.append(_growth_forecast_sentence(ctx, index.source, span_done, projected_rate, g, lower))
    remaining = ctx.end_year - last
    if remaining > 0 and mode != "cap":
        required = ((target_index / index.realised) ** (1 / remaining) - 1) * 100
        j.reasons.append(text.REQUIRED_GROWTH.format(
            target=text.fmt_rate(g), m=text.fmt_count_years(remaining), required=text.fmt_rate(required)))
    if ctx.baseline is not None and ctx.baseline > 0 and mode != "cap":
        j.reasons.append(text.IMPLIED_LEVEL.format(
            end=ctx.end_year, level=text.fmt_value(float(ctx.baseline) * target_index, ""),
            baseline=text.fmt_number(ctx.baseline), target=text.fmt_rate(g), years=n))
    reaches = True
    if g_ahead is not None and mode == "gap":
        ahead_index = (1 + float(g_ahead) / 100) ** n
        reaches = index.projected <= ahead_index if lower else index.projected >= ahead_index
    return rate_and_explain(j, ctx, tolerance_allowed=mode == "gap", reaches_ahead=reaches,
                 ahead_bound="" if g_ahead is None else text.fmt_rate(g_ahead))


def _growth_progress_sentence(j: Judgement, span: str, realised_rate: float) -> str:
    if j.progress is None:
        return f"{span}年均增长{text.fmt_rate(realised_rate)}，时间进度{text.fmt_share(j.expected)}"
    return text.PROGRESS_GROWTH.format(years=span, rate=text.fmt_rate(realised_rate),
                                       progress=text.fmt_share(j.progress), expected=text.fmt_share(j.expected))


def _growth_forecast_sentence(ctx: Context, source: str, span_done: str, projected: float, g: float,
                              lower: bool) -> str:
    span = text.year_span(ctx.start_year, ctx.end_year)
    if source == "unit":
        sentence = text.FORECAST_GROWTH_UNIT.format(span=span, forecast=text.fmt_rate(projected))
    else:
        sentence = text.FORECAST_GROWTH_TREND.format(years=span_done, span=span, forecast=text.fmt_rate(projected))
    if lower:
        template = text.COMPARE_CAP_WITHIN if projected <= g else text.COMPARE_CAP_ABOVE
    else:
        template = text.COMPARE_RATE_ABOVE if projected >= g else text.COMPARE_RATE_BELOW
    return sentence + template.format(target=text.fmt_rate(g))


# --- reduction --------------------------------------------------------------------------------
def judge_reduction(ctx: Context, *, r_on: Decimal, r_ahead: Decimal | None = None,
                    five_year: bool) -> Judgement:
    """Cuts of an intensity, compounded: realised cut 1 − Π(1 − r_i) against the five-year cut.

    A five-year target [13.5] is a total cut of 13.5%; an annual target r is 1 − (1 − r)^5.
    The trend holds the mean realised annual cut.
    """
    j = Judgement()
    j.checks = rate_checks(ctx)
    j.expected = ctx.elapsed(ctx.annual)
    n = ctx.plan_years

    def five_year_cut(r: Decimal) -> float:
        return float(r) / 100 if five_year else 1 - (1 - float(r) / 100) ** n

    if not 0 < r_on < 100:
        return cannot(j, text.TARGET_NOT_POSITIVE if r_on <= 0 else text.RATE_BELOW_MINUS_100)
    cuts = rate_series(ctx)
    if not cuts:
        return cannot(j, text.NO_VALUES.format(period=text.period_end_phrase(ctx.annual)))
    factors = yearly_factors(cuts, -1)
    forecast_factors = yearly_factors({y: float(v) for y, v in ctx.forecasts.items()}, -1)
    if factors is None or forecast_factors is None:
        return cannot(j, text.RATE_BELOW_MINUS_100)
    last = max(factors)
    j.expected = ctx.elapsed(Period(last))
    filled = fill_missing(factors, ctx.start_year)
    index = project_index(filled, last_year=last, end_year=ctx.end_year, forecast_factors=forecast_factors)
    goal = five_year_cut(r_on)
    done, projected = 1 - index.realised, 1 - index.projected
    j.progress, j.anticipated = done / goal, projected / goal
    mean_cut = (1 - index.mean_factor) * 100
    if five_year:
        j.current, j.forecast = to_decimal(done * 100), to_decimal(projected * 100)
    else:
        j.current = to_decimal(mean_cut)
        j.forecast = to_decimal((1 - index.projected ** (1 / n)) * 100)
    j.forecast_source = index.source
    target_text = f"累计降低{text.fmt_rate(goal * 100)}" if five_year else f"年均降低{text.fmt_rate(r_on)}"
    span_done, span = text.year_span(ctx.start_year, last), text.year_span(ctx.start_year, ctx.end_year)
    j.reasons.append(text.PROGRESS_REDUCTION.format(
        years=span_done, cut=text.fmt_rate(done * 100), target=target_text,
        progress=text.fmt_share(j.progress), expected=text.fmt_share(j.expected)))
    forecast_template = text.FORECAST_REDUCTION_UNIT if index.source == "unit" else text.FORECAST_REDUCTION_TREND
    j.reasons.append(forecast_template.format(rate=text.fmt_rate(mean_cut), span=span,
                                              forecast=text.fmt_rate(projected * 100)))
    remaining = ctx.end_year - last
    if remaining > 0:
        required = (1 - ((1 - goal) / index.realised) ** (1 / remaining)) * 100
        j.reasons.append(text.REQUIRED_REDUCTION.format(
            target=text.fmt_rate(goal * 100), m=text.fmt_count_years(remaining), required=text.fmt_rate(required)))
    reaches = r_ahead is None or projected >= five_year_cut(r_ahead)
    return rate_and_explain(j, ctx, reaches_ahead=reaches,
                 ahead_bound="" if r_ahead is None else text.fmt_rate(r_ahead))
