"""Rules for values read as levels or sums: reach a value, stay above a floor or below a
ceiling, land about a value or within a range, and five-year cumulative sums.

See docs/methodology.md for every rule with a worked example.
"""
from __future__ import annotations

from decimal import Decimal

from . import assessment_text as text
from .data_checks import period_end
from .forecast import Projection, project_level, project_sum
from .indicator_series import (
    Context,
    Judgement,
    SumSoFar,
    apply_projection,
    cannot,
    compare_sentence,
    latest_level,
    level_checks,
    lower_is_better,
    rate_and_explain,
    sum_checks,
    sum_so_far,
)
from .periods import Period
from .rate_rules import judge_growth
from .targets import Direction


# --- level ------------------------------------------------------------------------------------
def judge_level(ctx: Context, target: Decimal | None) -> Judgement:
    """Reach a value T from baseline B: progress (V−B)/(T−B), anticipated (F−B)/(T−B)."""
    j = Judgement()
    j.checks = level_checks(ctx, needs_baseline=True)
    if target is None:
        j.expected = ctx.elapsed(ctx.annual)
        return cannot(j, text.NO_TARGET_VALUE)
    if ctx.baseline is not None and ctx.baseline == target:
        # Nothing to close: the target is to keep the level, i.e. a floor or a ceiling.
        better = Direction.LOWER if lower_is_better(ctx) else Direction.HIGHER
        held = judge_threshold(ctx, on=target, better=better)
        held.reasons.insert(0, text.BASELINE_EQUALS_TARGET)
        held.checks = j.checks
        return held
    latest = latest_level(ctx, j)
    if latest is None:
        return cannot(j, text.NO_VALUES.format(period=text.period_end_phrase(ctx.annual)))
    if ctx.baseline is None:
        return cannot(j, text.NO_BASELINE)
    period, value = latest
    b, t, v = float(ctx.baseline), float(target), float(value)
    j.progress = (v - b) / (t - b)
    projection = _project_level(ctx, period, v)
    apply_projection(j, projection)
    sentence = text.PROGRESS_LEVEL.format(
        period=text.period_end_phrase(period), progress=text.fmt_share(j.progress),
        expected=text.fmt_share(j.expected))
    if projection.value is None:
        j.reasons.append(sentence)
        return rate_and_explain(j, ctx)
    j.anticipated = (projection.value - b) / (t - b)
    compare = compare_sentence(projection.value, t, higher=t > b, unit=ctx.unit)
    j.reasons.append(f"{sentence}，{projection.sentence}{compare}")
    return rate_and_explain(j, ctx)


def _project_level(ctx: Context, period: Period, value: float) -> Projection:
    return project_level(
        baseline=None if ctx.baseline is None else float(ctx.baseline), latest_t=ctx.t(period),
        latest=value, horizon=ctx.horizon, end_year=ctx.end_year, baseline_year=ctx.baseline_year,
        forecasts=ctx.float_forecasts(), unit=ctx.unit)


# --- thresholds (≥ floor, ≤ ceiling), about, range, hold ------------------------------------
def judge_threshold(
    ctx: Context,
    *,
    on: Decimal,
    better: Direction,
    ahead: Decimal | None = None,
    sum_mode: bool = False,
    strict: bool = False,
    note: str = "",
) -> Judgement:
    """A floor (better=HIGHER) or a ceiling (LOWER): met now? met at the end of the plan?

    When the baseline is on the wrong side of the threshold the gap closed is measured like
    a level target, (V−B)/(T−B); otherwise (already met at baseline, or no baseline) the
    ratio is 1 when met and value/threshold (ceiling: threshold/value) when not, without
    the anticipatory tolerance. ``strict`` ('>' rather than '≥') only changes the wording:
    published values are rounded, so reaching the bound counts as meeting it.
    """
    j = Judgement()
    higher = better is Direction.HIGHER
    t = float(on)
    op = (">" if strict else "≥") if higher else ("<" if strict else "≤")
    if note:
        j.reasons.append(note)

    def meets(x: float, bound: float = t) -> bool:
        return x >= bound if higher else x <= bound

    def ratio(x: float) -> float:
        if meets(x):
            return 1.0
        if higher:
            return max(0.0, x / t) if t > 0 else 0.0
        return t / x if t > 0 and x > 0 else 0.0

    if sum_mode:
        so_far = sum_so_far(ctx)
        j.checks = sum_checks(ctx, so_far)
        j.expected = ctx.elapsed(ctx.cumulative)
        if so_far.covered is None:
            return cannot(j, text.NO_VALUES.format(period=text.period_end_phrase(ctx.cumulative)))
        period, current, baseline = so_far.covered, so_far.total, 0.0
        j.expected = ctx.elapsed(period)
        projection = _project_sum(ctx, so_far)
    else:
        j.checks = level_checks(ctx, needs_baseline=False)
        latest = latest_level(ctx, j)
        if latest is None:
            return cannot(j, text.NO_VALUES.format(period=text.period_end_phrase(ctx.annual)))
        period, current = latest
        baseline = None if ctx.baseline is None else float(ctx.baseline)
        projection = _project_level(ctx, period, float(current))
    j.current = current
    v = float(current)
    gap_mode = baseline is not None and baseline != t and not meets(baseline)
    # A threshold once met is met: the share of the gap closed stops at 100%, otherwise a
    # baseline just short of the floor turns a small step into "1256% of the target".
    j.progress = min((v - baseline) / (t - baseline), 1.0) if gap_mode and meets(v) else (
        (v - baseline) / (t - baseline) if gap_mode else ratio(v))
    template = text.THRESHOLD_MET if meets(v) else text.THRESHOLD_NOT_MET
    sentence = template.format(period=period.label, current=text.fmt_value(current, ctx.unit),
                               op=op, target=text.fmt_value(on, ctx.unit))
    if gap_mode and not meets(v):
        sentence += text.THRESHOLD_GAP_PROGRESS.format(
            progress=text.fmt_share(j.progress), expected=text.fmt_share(j.expected))
    apply_projection(j, projection)
    if projection.value is None:
        j.reasons.append(sentence)
        return rate_and_explain(j, ctx)
    f = projection.value
    j.anticipated = 1.0 if meets(f) else ((f - baseline) / (t - baseline) if gap_mode else ratio(f))
    outcome = text.FORECAST_MEETS if meets(f) else text.FORECAST_MISSES
    j.reasons.append(f"{sentence}，{projection.sentence}{outcome}")
    reaches = ahead is None or meets(f, float(ahead))
    return rate_and_explain(j, ctx, tolerance_allowed=gap_mode, reaches_ahead=reaches,
                 ahead_bound="" if ahead is None else text.fmt_value(ahead, ctx.unit))


def approx_band(ctx: Context, value: Decimal) -> tuple[Decimal, str]:
    """The tolerance of an "about" target: ±approx_points for percentages, else ±approx_relative."""
    return approx_tolerance(value, units=(ctx.unit, ctx.target.unit), thresholds=ctx.thresholds)


def approx_tolerance(value: Decimal, *, units: tuple[str, ...], thresholds) -> tuple[Decimal, str]:
    """``approx_band`` without a Context, for callers (the indicator chart) that draw the band."""
    if any(unit.strip() in ("%", "％") for unit in units):
        points = thresholds.approx_points
        return Decimal(repr(points)), f"±{text.fmt_number(points)}个百分点"
    share = thresholds.approx_relative
    return abs(value) * Decimal(repr(share)), f"±{text.fmt_share(share)}"


def judge_approximately(ctx: Context, value: Decimal) -> Judgement:
    """About T (左右): met within the band; the side that is better decides which edge counts."""
    lower = lower_is_better(ctx)
    if ctx.target.annual_rate:
        band = Decimal(repr(ctx.thresholds.approx_rate_points))
        edge = value + band if lower else value - band
        j = judge_growth(ctx, g_on=edge, lower=lower)
        j.reasons.insert(0, text.APPROX_BAND.format(
            raw=ctx.target.raw or value, band=f"±{text.fmt_number(band)}个百分点",
            op="≤" if lower else "≥", edge=text.fmt_rate(edge)))
        return j
    band, band_text = approx_band(ctx, value)
    edge = value + band if lower else value - band
    note = text.APPROX_BAND.format(raw=ctx.target.raw or text.fmt_value(value, ctx.unit), band=band_text,
                                   op="≤" if lower else "≥", edge=text.fmt_value(edge, ctx.unit))
    if ctx.target.cumulative:
        j = judge_cumulative(ctx, on=edge, ahead=None)
        j.reasons.insert(0, note)
        return j
    return judge_threshold(ctx, on=edge, better=Direction.LOWER if lower else Direction.HIGHER, note=note)


# --- cumulative ----------------------------------------------------------------------------------
def _project_sum(ctx: Context, so_far: SumSoFar) -> Projection:
    return project_sum(
        total=float(so_far.total), covered_until=period_end(so_far.covered), start_year=ctx.start_year,
        end_year=ctx.end_year,
        partial=None if so_far.partial is None else (so_far.partial[0], float(so_far.partial[1])),
        forecasts=ctx.float_forecasts(), unit=ctx.unit)


def judge_cumulative(ctx: Context, *, on: Decimal | None, ahead: Decimal | None) -> Judgement:
    """A five-year sum T: progress = sum so far / T against time; anticipated = projected sum / T.

    For a range (累计 10-20) the low end is on track and the high end is needed for A.
    """
    if lower_is_better(ctx) and on is not None:
        # A lower-is-better five-year total is a ceiling on the sum.
        return judge_threshold(ctx, on=on, better=Direction.LOWER, sum_mode=True)
    j = Judgement()
    so_far = sum_so_far(ctx)
    j.checks = sum_checks(ctx, so_far)
    j.expected = ctx.elapsed(ctx.cumulative)
    if on is None:
        return cannot(j, text.NO_TARGET_VALUE)
    if so_far.covered is None:
        return cannot(j, text.NO_VALUES.format(period=text.period_end_phrase(ctx.cumulative)))
    j.expected = ctx.elapsed(so_far.covered)
    j.current = so_far.total
    if so_far.covered != ctx.cumulative:
        j.reasons.append(text.MISSING_PERIOD_USED.format(period=ctx.cumulative.label, used=so_far.covered.label))
    inner_missing = [y for y in so_far.missing if y < so_far.covered.year]
    if inner_missing:
        j.reasons.append(text.MISSING_YEARS_IN_SUM.format(years="、".join(map(str, inner_missing))))
    if on <= 0:
        return cannot(j, text.TARGET_NOT_POSITIVE)
    t = float(on)
    j.progress = float(so_far.total) / t
    projection = _project_sum(ctx, so_far)
    apply_projection(j, projection)
    sentence = text.PROGRESS_CUMULATIVE.format(
        period=text.period_end_phrase(so_far.covered), current=text.fmt_value(so_far.total, ctx.unit),
        progress=text.fmt_share(j.progress), expected=text.fmt_share(j.expected))
    if projection.value is None:
        j.reasons.append(sentence)
        return rate_and_explain(j, ctx)
    j.anticipated = projection.value / t
    compare = compare_sentence(projection.value, t, higher=True, unit=ctx.unit)
    j.reasons.append(f"{sentence}，{projection.sentence}{compare}")
    reaches = ahead is None or projection.value >= float(ahead)
    return rate_and_explain(j, ctx, reaches_ahead=reaches,
                 ahead_bound="" if ahead is None else text.fmt_value(ahead, ctx.unit))
