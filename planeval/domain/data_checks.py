"""Data checks a reviewer needs before trusting a judgement.

Each check returns a list of ``DataCheck(code, message)``; the message is Chinese and names
the period and the numbers involved. The checks never change a value: they point at it.

Codes:
    invalid_number        a NaN, an infinity or text where a number belongs (ignored)
    missing_at_cutoff     no value for the evaluation cut-off (2022, or 2023H1 for sums)
    missing_year          a year of a sum or of a rate series is missing
    missing_baseline      a level-type indicator without its 2020 baseline
    estimate_pending      a value is still an estimate (预计数) awaiting the official figure
    cumulative_decrease   a negative yearly addition: the running total goes down
    yoy_jump              a year-on-year change beyond ``Thresholds.jump_bound``
    parts_sum_mismatch    the parts of a composite do not add up to its total
    parts_target_mismatch the parts' targets do not add up to the total target
    explanation_missing   a C or D conclusion without a written explanation
    project_not_started   a project still 前期论证/即将开工 after its planned start
    project_overdue       a project not built after its planned finish
    project_dates         a planned finish not after the planned start
    project_overspent     completed investment above the total investment
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping

from . import assessment_text as text
from .periods import Granularity, Period


@dataclass(frozen=True)
class DataCheck:
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def period_end(period: Period) -> float:
    """The moment a period ends, in years: 2022 -> 2023.0, 2023H1 -> 2023.5."""
    return period.year + period.years_to_end


def missing_at_cutoff(values: Mapping[Period, Decimal], cutoff: Period) -> list[DataCheck]:
    """The value for the cut-off period itself is absent."""
    if cutoff in values:
        return []
    return [DataCheck("missing_at_cutoff", text.CHECK_MISSING_AT_CUTOFF.format(period=cutoff.label))]


def missing_years(values: Mapping[Period, Decimal], *, start_year: int, cutoff: Period) -> list[DataCheck]:
    """Years from the plan start to the cut-off with no value at all (sums and rate series).

    A year counts as present when it has a full-year value or, for the year the cut-off
    falls in, a value for part of it (2023H1).
    """
    present = {p.year for p in values if period_end(p) <= period_end(cutoff)}
    last_year = cutoff.year if cutoff.granularity is Granularity.YEAR else cutoff.year - 1
    return [
        DataCheck("missing_year", text.CHECK_MISSING_YEAR.format(year=year))
        for year in range(start_year, last_year + 1)
        if year not in present
    ]


def estimates_pending(
    values: Mapping[Period, Decimal], estimates: Iterable[Period], cutoff: Period
) -> list[DataCheck]:
    """Values up to the cut-off that are still estimates (预计数)."""
    pending = sorted(
        (p for p in estimates if p in values and period_end(p) <= period_end(cutoff)), key=period_end
    )
    return [
        DataCheck("estimate_pending", text.CHECK_ESTIMATE_PENDING.format(period=p.label)) for p in pending
    ]


def cumulative_decreases(additions: list[tuple[Period, Decimal]], unit: str = "") -> list[DataCheck]:
    """A negative yearly addition, i.e. a running total that goes down."""
    checks = []
    total = Decimal(0)
    for period, added in additions:
        before, total = total, total + added
        if added < 0:
            checks.append(DataCheck("cumulative_decrease", text.CHECK_CUMULATIVE_DECREASE.format(
                period=period.label, value=text.fmt_value(added, unit),
                before=text.fmt_value(before, unit), after=text.fmt_value(total, unit))))
    return checks


def yoy_jumps(values: Mapping[Period, Decimal], *, bound: float, unit: str = "") -> list[DataCheck]:
    """Consecutive full-year values that change by more than ``bound`` (relative).

    Only applied to level-type series: yearly additions of a sum and annual rates swing
    by nature, and a rate's relative change means little.
    """
    years = sorted((p.year, v) for p, v in values.items() if p.granularity is Granularity.YEAR)
    checks = []
    for (y0, v0), (y1, v1) in zip(years, years[1:]):
        if y1 != y0 + 1 or v0 == 0:
            continue
        change = float(v1 - v0) / abs(float(v0))
        if abs(change) > bound:
            checks.append(DataCheck("yoy_jump", text.CHECK_YOY_JUMP.format(
                period=f"{y1}年", value=text.fmt_value(v1, unit), previous=text.fmt_value(v0, unit),
                change=("+" if change > 0 else "−") + text.fmt_share(abs(change)),
                bound=text.fmt_share(bound))))
    return checks


def _differs(total: Decimal, parts_sum: Decimal, tolerance: float) -> bool:
    scale = abs(float(total))
    diff = abs(float(parts_sum - total))
    return diff > tolerance * scale if scale else diff > 1e-9


def parts_sum_mismatch(
    total: Mapping[Period, Decimal],
    parts: list[Mapping[Period, Decimal]],
    *,
    tolerance: float,
    unit: str = "",
) -> list[DataCheck]:
    """For every period where the total and all parts have values, the parts must add up."""
    checks = []
    for period in sorted(total, key=period_end):
        if not parts or any(period not in part for part in parts):
            continue
        parts_sum = sum((part[period] for part in parts), Decimal(0))
        if _differs(total[period], parts_sum, tolerance):
            checks.append(DataCheck("parts_sum_mismatch", text.CHECK_PARTS_SUM.format(
                period=period.label, total_parts=text.fmt_value(parts_sum, unit),
                total=text.fmt_value(total[period], unit),
                diff=text.fmt_value(abs(parts_sum - total[period]), unit))))
    return checks


def parts_target_mismatch(
    total: Decimal | None, parts: list[Decimal | None], *, tolerance: float, unit: str = ""
) -> list[DataCheck]:
    """The parts' target values must add up to the total target (40 = 12 + 8 + 12 + 8)."""
    if total is None or not parts or any(p is None for p in parts):
        return []
    parts_sum = sum(parts, Decimal(0))
    if not _differs(total, parts_sum, tolerance):
        return []
    return [DataCheck("parts_target_mismatch", text.CHECK_PARTS_TARGET.format(
        total_parts=text.fmt_value(parts_sum, unit), total=text.fmt_value(total, unit)))]
