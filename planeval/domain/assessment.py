"""The assessment engine: how far an indicator has come against time, where it is heading by
the end of the plan, and which of the four conclusions (A/B/C/D) it deserves — with reasons.

The engine suggests; the unit decides. Rules and thresholds are documented, with worked
examples that a test recomputes, in ``docs/methodology.md``. The rule for each target kind
lives in ``indicator_rules``; projections in ``forecast``; data checks in ``data_checks``;
projects in ``project_progress``; tasks in ``task_progress``.

    >>> from decimal import Decimal as D
    >>> from planeval.domain.targets import Target, TargetKind
    >>> item = IndicatorInput(name="每万人口高价值发明专利拥有量", unit="件",
    ...     target=Target(TargetKind.LEVEL, "16", low=D(16), high=D(16)), baseline=D("8.2"),
    ...     values={"2021": D("10.1"), "2022": D("12.4")})
    >>> assess_indicator(item).suggestion
    <Rating.A: 'A'>
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from typing import Mapping

from . import assessment_text as text
from . import data_checks
from .data_checks import DataCheck
from .indicator_rules import Context, Judgement, judge, with_target
from .periods import Granularity, Period
from .project_progress import ProjectAssessment, ProjectInput, ProjectStatus, assess_project
from .ratings import (
    DEFAULT_THRESHOLDS,
    Rating,
    Thresholds,
    WarningLevel,
    check_explanation,
    warning_for,
    worst_rating,
)
from .targets import Target, TargetKind
from .task_progress import TaskSuggestion, suggest_task_rating

__all__ = [
    "DataCheck", "EvaluationPoint", "IndicatorAssessment", "IndicatorInput", "ProjectAssessment",
    "ProjectInput", "ProjectStatus", "Rating", "TaskSuggestion", "Thresholds", "WarningLevel",
    "assess_indicator", "assess_project", "check_explanation", "suggest_task_rating",
    "DEFAULT_THRESHOLDS", "MIDTERM",
]


@dataclass(frozen=True)
class EvaluationPoint:
    """When progress is measured: the plan years and the two data cut-offs.

    Annual indicators are read at ``annual_period`` (2022 at the mid-term: 2 of 5 years,
    40%); five-year sums at ``cumulative_period`` (2023H1: 2.5 of 5, 50%).
    """

    start_year: int = 2021
    end_year: int = 2025
    annual_period: Period = Period(2022)
    cumulative_period: Period = Period(2023, Granularity.HALF, 1)

    @classmethod
    def midterm_2023(cls) -> "EvaluationPoint":
        """The 14th plan's mid-term evaluation: 2022 for annual data, June 2023 for sums."""
        return cls()

    @classmethod
    def as_of_year(cls, year: int, *, start_year: int = 2021, end_year: int = 2025) -> "EvaluationPoint":
        """The point an evaluation in ``year + 1`` uses: the year's annual data and sums to the
        following June; a close-out (``year == end_year``) uses the final year for both.

        ``as_of_year(2022)`` is the mid-term point.
        """
        if not start_year <= year <= end_year:
            raise ValueError(f"评估年份应在{start_year}—{end_year}年之间，而不是{year}")
        cumulative = Period(year + 1, Granularity.HALF, 1) if year < end_year else Period(year)
        return cls(start_year, end_year, Period(year), cumulative)

    @property
    def baseline_year(self) -> int:
        return self.start_year - 1

    @property
    def annual_elapsed(self) -> float:
        return self.annual_period.elapsed_fraction(start_year=self.start_year, end_year=self.end_year)

    @property
    def cumulative_elapsed(self) -> float:
        return self.cumulative_period.elapsed_fraction(start_year=self.start_year, end_year=self.end_year)


MIDTERM = EvaluationPoint.midterm_2023()


@dataclass(frozen=True)
class IndicatorInput:
    """One indicator as the engine reads it.

    ``values`` are actual values per period; for growth and reduction indicators the annual
    rate in percent; for cumulative indicators that period's addition (2023H1: the first
    half's). ``forecasts`` are the unit's own figures for later years, in the same terms.
    ``reference`` is the higher level's series for relative targets (the city's growth per
    year, or the quota handed down). Keys may be Periods or their text ("2022", "2023H1").
    """

    name: str
    target: Target
    unit: str = ""
    baseline: Decimal | None = None
    baseline_year: int = 2020
    binding: bool = False
    values: Mapping = field(default_factory=dict)
    estimates: frozenset = frozenset()
    forecasts: Mapping = field(default_factory=dict)
    reference: Mapping = field(default_factory=dict)
    parts: tuple["IndicatorInput", ...] = ()


@dataclass(frozen=True)
class IndicatorAssessment:
    """The engine's judgement of one indicator (and its parts, for a composite)."""

    name: str
    kind: str
    progress: float | None
    expected: float
    current: Decimal | None
    forecast: Decimal | None
    forecast_source: str | None
    anticipated: float | None
    suggestion: Rating | None
    warning: WarningLevel | None
    reasons: tuple[str, ...]
    checks: tuple[DataCheck, ...] = ()
    parts: tuple["IndicatorAssessment", ...] = ()
    unit: str = ""

    def to_dict(self) -> dict:
        """JSON-ready: floats rounded to 4 places, Decimals as strings, enums as their values."""
        def rounded(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        def decimal(d: Decimal | None) -> str | None:
            return None if d is None else format(d, "f")

        return {
            "name": self.name,
            "kind": self.kind,
            "unit": self.unit,
            "progress": rounded(self.progress),
            "expected": rounded(self.expected),
            "current": decimal(self.current),
            "forecast": decimal(self.forecast),
            "forecast_source": self.forecast_source,
            "anticipated": rounded(self.anticipated),
            "suggestion": None if self.suggestion is None else self.suggestion.value,
            "suggestion_label": None if self.suggestion is None else self.suggestion.label,
            "warning": None if self.warning is None else self.warning.value,
            "warning_label": None if self.warning is None else self.warning.label,
            "reasons": list(self.reasons),
            "checks": [c.to_dict() for c in self.checks],
            "parts": [p.to_dict() for p in self.parts],
        }


def assess_indicator(
    item: IndicatorInput, *, point: EvaluationPoint = MIDTERM, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> IndicatorAssessment:
    """Judge one indicator at ``point``: progress, forecast, anticipated ratio, A/B/C/D, reasons.

    Never raises on numbers: NaN, infinities, zeros, negatives and missing years degrade to
    ``suggestion=None`` with a reason saying why.
    """
    context, cleaning_checks = _context(item, point, thresholds)
    return _assess(item, context, cleaning_checks, point, thresholds)


def _assess(item, context, cleaning_checks, point, thresholds) -> IndicatorAssessment:
    try:
        if context.target.kind is TargetKind.COMPOSITE or item.parts:
            return _assess_composite(item, context, cleaning_checks, point, thresholds)
        judgement = judge(context)
    except (ArithmeticError, ValueError) as exc:
        # The rules guard every division and logarithm; this is the last line, so one odd
        # number can never break a whole sheet or page.
        judgement = Judgement(expected=point.annual_elapsed)
        judgement.reasons.append(text.NOT_COMPUTABLE.format(detail=type(exc).__name__))
    return _result(item, context, judgement, cleaning_checks)


def _result(item: IndicatorInput, ctx: Context, j: Judgement, cleaning: list[DataCheck],
            parts: tuple[IndicatorAssessment, ...] = ()) -> IndicatorAssessment:
    return IndicatorAssessment(
        name=item.name,
        kind=str(ctx.target.kind),
        progress=j.progress,
        expected=j.expected,
        current=j.current,
        forecast=j.forecast,
        forecast_source=j.forecast_source,
        anticipated=j.anticipated,
        suggestion=j.suggestion,
        warning=warning_for(j.suggestion),
        reasons=tuple(j.reasons),
        checks=tuple(cleaning + j.checks),
        parts=parts,
        unit=item.unit,
    )


# --- composite ----------------------------------------------------------------------------
def _assess_composite(item, ctx, cleaning, point, thresholds) -> IndicatorAssessment:
    """Parts judged one by one; the total judged too; the worst of them drives the parent."""
    prepared = [_context(p, point, thresholds) for p in item.parts]
    parts = tuple(_assess(p, c, checks, point, thresholds) for p, (c, checks) in zip(item.parts, prepared))
    part_contexts = [c for c, _ in prepared]
    if ctx.target.low is None and ctx.target.high is None:
        j = Judgement(expected=point.annual_elapsed, reasons=[text.NO_TARGET_VALUE])
    else:
        j = judge(_total_context(ctx, part_contexts))
    j.checks += _composite_checks(item, ctx, part_contexts, thresholds)
    worst = worst_rating([j.suggestion, *(p.suggestion for p in parts)])
    j.reasons += [text.PART_NOT_JUDGED.format(label=p.name) for p in parts if p.suggestion is None]
    if worst is not None and worst != j.suggestion:
        driver = next(p for p in parts if p.suggestion == worst)
        j.reasons.append(text.WORST_PART.format(label=driver.name, rating=worst.value))
    j.suggestion = worst
    return _result(item, ctx, j, cleaning, parts)


def _total_context(ctx: Context, part_contexts: list[Context]) -> Context:
    """The parent's own total as a level (or a sum), with the parts' sums filling in what the
    parent lacks: its values per period and its baseline."""
    target = ctx.target
    total = with_target(ctx, Target(
        kind=TargetKind.CUMULATIVE if target.cumulative else TargetKind.LEVEL, raw=target.raw, low=target.low,
        high=target.high, direction=target.direction, cumulative=target.cumulative,
        annual_rate=target.annual_rate, unit=target.unit))
    if not total.values and part_contexts:
        total.values = _sum_parts([c.values for c in part_contexts])
    if total.baseline is None and part_contexts and all(c.baseline is not None for c in part_contexts):
        total.baseline = sum((c.baseline for c in part_contexts), Decimal(0))
    return total


def _sum_parts(series: list[dict[Period, Decimal]]) -> dict[Period, Decimal]:
    """Per period, the sum of the parts where every part has a value."""
    common = set.intersection(*(set(s) for s in series)) if series else set()
    return {p: sum((s[p] for s in series), Decimal(0)) for p in common}


def _composite_checks(item, ctx, part_contexts, thresholds) -> list[DataCheck]:
    checks = []
    if part_contexts and ctx.values:
        checks += data_checks.parts_sum_mismatch(
            ctx.values, [c.values for c in part_contexts], tolerance=thresholds.parts_tolerance, unit=item.unit)
    part_targets = [c.target.value for c in part_contexts] or [p.target.value for p in ctx.target.parts]
    checks += data_checks.parts_target_mismatch(
        ctx.target.value, part_targets, tolerance=thresholds.parts_tolerance, unit=item.unit)
    return checks


# --- cleaning the input ---------------------------------------------------------------------
_INVALID = object()


def _number(raw) -> Decimal | None | object:
    """A finite Decimal, None for a blank, ``_INVALID`` for NaN, an infinity or text."""
    if raw is None:
        return None
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw))
    except (InvalidOperation, ValueError, TypeError):
        return _INVALID
    # Beyond 1e300 a float overflows; such a figure is a typo, not a statistic.
    if not value.is_finite() or (value and value.adjusted() > 300):
        return _INVALID
    return value


def _checked(raw, checks: list[DataCheck], what: str, **names) -> Decimal | None:
    value = _number(raw)
    if value is _INVALID:
        checks.append(DataCheck("invalid_number", text.CHECK_INVALID_NUMBER.format(what=what.format(**names), raw=raw)))
        return None
    return value


@lru_cache(maxsize=256)
def _parse_period(text_key: str) -> Period | None:
    try:
        return Period.parse(text_key)
    except ValueError:
        return None


def _period(key) -> Period | None:
    return key if isinstance(key, Period) else _parse_period(str(key))


def _series(raw: Mapping, what: str, checks: list[DataCheck]) -> dict[Period, Decimal]:
    series = {}
    for key, value in (raw or {}).items():
        period = _period(key)
        if period is None:
            checks.append(DataCheck("invalid_number", text.CHECK_INVALID_NUMBER.format(
                what=what.format(period=key), raw=value)))
            continue
        number = _number(value)
        if number is _INVALID:
            checks.append(DataCheck("invalid_number", text.CHECK_INVALID_NUMBER.format(
                what=what.format(period=period.label), raw=value)))
        elif number is not None:
            series[period] = number
    return series


def _context(item: IndicatorInput, point: EvaluationPoint, thresholds: Thresholds) -> tuple[Context, list]:
    checks: list[DataCheck] = []
    target = item.target if isinstance(item.target, Target) else Target(TargetKind.QUALITATIVE, raw="")
    forecasts = {}
    for year, value in (item.forecasts or {}).items():
        try:
            year = int(str(year)[:4])
        except ValueError:
            continue
        number = _checked(value, checks, text.WHAT_FORECAST, year=year)
        if number is not None:
            forecasts[year] = number
    estimates = frozenset(p for p in (_period(e) for e in (item.estimates or ())) if p is not None)
    context = Context(
        name=item.name or "",
        unit=item.unit or "",
        target=target,
        binding=bool(item.binding),
        baseline=_checked(item.baseline, checks, text.WHAT_BASELINE),
        baseline_year=item.baseline_year if isinstance(item.baseline_year, int) else point.baseline_year,
        values=_series(item.values, text.WHAT_VALUE, checks),
        estimates=estimates,
        forecasts=forecasts,
        reference=_series(item.reference, text.WHAT_REFERENCE, checks),
        start_year=point.start_year,
        end_year=point.end_year,
        annual=point.annual_period,
        cumulative=point.cumulative_period,
        thresholds=thresholds,
    )
    return context, checks

