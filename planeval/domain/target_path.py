"""The geometry an indicator chart draws around its series: target line, band, pace line.

"时间过半、任务过半": by the middle of the plan period, half of the way from the baseline to
the target should be covered. The pace line is that straight path, year by year, from the
baseline (at the baseline year) to the target (at the plan's last year). For a five-year
total (累计) the path is the running share of the total: after k of n years, k/n of it.
A range (区间) is a band; "about" (左右) is a band of the engine's tolerance (the same
``approx_tolerance`` that judges it). Rates (年均增速) are a level line of the rate itself:
there is no distance to cover, so no pace line. Relative, qualitative and composite targets
draw nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .level_rules import approx_tolerance
from .ratings import DEFAULT_THRESHOLDS, Thresholds
from .targets import Direction, Target, TargetKind


@dataclass(frozen=True)
class TargetPath:
    years: tuple[int, ...]
    target_line: float | None = None                     # a horizontal line at the target
    band: tuple[float, float] | None = None              # (low, high) of a range or an "about" target
    pace: dict[int, float] | None = None                 # year → where the straight path stands
    cumulative: bool = False                             # values should be shown as running totals
    note: str = ""

    def pace_values(self) -> list[float | None]:
        return [None if self.pace is None else self.pace.get(year) for year in self.years]


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _goal(target: Target) -> float | None:
    """The one value a path heads to: the value, or the edge of a range that must be reached."""
    if target.value is not None:
        return float(target.value)
    if target.low is None and target.high is None:
        return None
    if target.low is None or target.high is None:
        return _f(target.low if target.high is None else target.high)
    # A range must at least be entered: its lower edge when more is better, upper when less is.
    return float(target.high if target.direction == Direction.LOWER else target.low)


def _straight(baseline: float, goal: float, first: int, last: int) -> dict[int, float]:
    span = last - first
    return {year: baseline + (goal - baseline) * (year - first) / span for year in range(first, last + 1)}


def target_path(target: Target, *, baseline: Decimal | float | None, baseline_year: int, start_year: int = 2021,
                end_year: int = 2025, unit: str = "", thresholds: Thresholds = DEFAULT_THRESHOLDS) -> TargetPath:
    """The target geometry over ``baseline_year .. end_year`` (or ``start_year .. end_year`` for a total)."""
    base = None if baseline is None else float(baseline)
    kind = target.kind
    if target.cumulative or kind == TargetKind.CUMULATIVE:
        years = tuple(range(start_year, end_year + 1))
        total = _goal(target)
        if total is None:
            return TargetPath(years=years, cumulative=True)
        n = len(years)
        pace = {year: total * (index + 1) / n for index, year in enumerate(years)}
        return TargetPath(years=years, target_line=total, pace=pace, cumulative=True,
                          note=f"累计目标：{start_year}—{end_year}年逐年均匀推进的累计路径")
    years = tuple(range(baseline_year, end_year + 1))
    if kind in (TargetKind.RELATIVE, TargetKind.QUALITATIVE, TargetKind.COMPOSITE):
        return TargetPath(years=years, note="该指标目标不是数值，不绘制目标线")
    if target.annual_rate or kind == TargetKind.GROWTH_RATE:
        goal = _goal(target)
        band = None
        if kind == TargetKind.RANGE and target.low is not None and target.high is not None:
            band = (float(target.low), float(target.high))
        elif kind == TargetKind.APPROXIMATELY and goal is not None:
            tolerance = float(thresholds.approx_rate_points)
            band = (goal - tolerance, goal + tolerance)
        return TargetPath(years=years, target_line=goal, band=band, note="速度类目标：目标线为年均速度")
    if kind == TargetKind.REDUCTION:
        # A five-year cut of X% from the baseline: the level to reach is baseline × (1 − X%).
        if base is None or target.low is None:
            return TargetPath(years=years)
        goal = base * (1 - float(target.low) / 100)
        return TargetPath(years=years, target_line=goal, pace=_straight(base, goal, baseline_year, end_year),
                          note=f"降低目标：期末应降至基期值的{100 - float(target.low):g}%")
    goal = _goal(target)
    if goal is None:
        return TargetPath(years=years)
    if kind == TargetKind.RANGE and base is not None and target.low is not None and target.high is not None:
        # From outside a range the path heads to its nearer edge; from inside it stays level.
        goal = min(max(base, float(target.low)), float(target.high))
    band = None
    if kind == TargetKind.RANGE and target.low is not None and target.high is not None:
        band = (float(target.low), float(target.high))
    elif kind == TargetKind.APPROXIMATELY:
        tolerance, _ = approx_tolerance(Decimal(repr(goal)), units=(unit, target.unit), thresholds=thresholds)
        band = (goal - float(tolerance), goal + float(tolerance))
    pace = None if base is None or end_year <= baseline_year else _straight(base, goal, baseline_year, end_year)
    return TargetPath(years=years, target_line=None if band else goal, band=band, pace=pace)
