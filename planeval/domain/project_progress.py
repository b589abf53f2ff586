"""Major projects (重大项目): investment progress against the schedule elapsed (序时进度).

Schedule elapsed = days from planned start to the evaluation date / days from planned start
to planned finish (0–100%). Investment progress = completed investment / total investment.
The gap is schedule minus investment, in percentage points, as local governments report it:
fewer than 10 points behind is green, 10–30 yellow, more than 30 red (``Thresholds``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from . import assessment_text as text
from .data_checks import DataCheck
from .ratings import DEFAULT_THRESHOLDS, Rating, Thresholds, WarningLevel, warning_for


class ProjectStatus(StrEnum):
    PREPARING = "前期论证"
    ABOUT_TO_START = "即将开工"
    UNDER_CONSTRUCTION = "开工在建"
    COMPLETED = "已建成"
    CANCELLED = "已取消"

    @property
    def label(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: "ProjectStatus | str | None") -> "ProjectStatus | None":
        """The status from its Chinese label or its English name; None when unknown or blank."""
        if isinstance(value, ProjectStatus):
            return value
        cleaned = (value or "").strip()
        for status in cls:
            if cleaned in (status.value, status.name, status.name.lower()):
                return status
        return None


_NOT_STARTED = (ProjectStatus.PREPARING, ProjectStatus.ABOUT_TO_START)


@dataclass(frozen=True)
class ProjectInput:
    name: str
    status: ProjectStatus | str | None = None
    total_investment: Decimal | None = None
    completed_investment: Decimal | None = None
    planned_start: date | None = None
    planned_finish: date | None = None
    unit: str = "亿元"


@dataclass(frozen=True)
class ProjectAssessment:
    name: str
    status: ProjectStatus | None
    schedule_elapsed: float | None
    investment_progress: float | None
    gap_points: float | None  # schedule minus investment progress, in points (positive = behind)
    suggestion: Rating | None
    warning: WarningLevel | None
    reasons: tuple[str, ...]
    checks: tuple[DataCheck, ...] = ()

    def to_dict(self) -> dict:
        """JSON-ready: floats rounded to 4 places, enums as their values."""
        def rounded(x):
            return None if x is None else round(x, 4)

        return {
            "name": self.name,
            "status": None if self.status is None else self.status.value,
            "schedule_elapsed": rounded(self.schedule_elapsed),
            "investment_progress": rounded(self.investment_progress),
            "gap_points": rounded(self.gap_points),
            "suggestion": None if self.suggestion is None else self.suggestion.value,
            "warning": None if self.warning is None else self.warning.value,
            "reasons": list(self.reasons),
            "checks": [c.to_dict() for c in self.checks],
        }


def _amount(value) -> float | None:
    try:
        number = float(Decimal(str(value))) if value is not None else None
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number is not None and math.isfinite(number) else None


def _date_text(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def schedule_elapsed(start: date | None, finish: date | None, as_of: date) -> float | None:
    """Share of the planned construction period gone by ``as_of`` (0 before start, 1 after finish)."""
    if start is None or finish is None or finish <= start:
        return None
    return max(0.0, min(1.0, (as_of - start).days / (finish - start).days))


def assess_project(
    project: ProjectInput, *, as_of: date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> ProjectAssessment:
    """Judge a project at ``as_of``: schedule elapsed, investment progress, gap, warning, reasons.

    Cancelled is D (情况变化); built is A when before the planned finish, else B. Otherwise the
    gap decides (A when investment leads the schedule by ``ahead_margin``), a project still
    not started after its planned start is at least yellow, and one not built after its
    planned finish is red.
    """
    status = ProjectStatus.parse(project.status)
    reasons: list[str] = []
    checks: list[DataCheck] = []
    if status is None and project.status:
        reasons.append(text.PROJECT_UNKNOWN_STATUS.format(status=project.status))
    start, finish = project.planned_start, project.planned_finish
    if start and finish and finish <= start:
        checks.append(DataCheck("project_dates", text.CHECK_PROJECT_DATES.format(
            start=_date_text(start), finish=_date_text(finish))))
    schedule = schedule_elapsed(start, finish, as_of)
    total, completed = _amount(project.total_investment), _amount(project.completed_investment)
    progress = completed / total if total and total > 0 and completed is not None else None
    if progress is not None and not math.isfinite(progress):
        progress = None  # a total of 1e-320 is a typo, not a 10^300-fold overspend
    if progress is not None and progress > 1:
        checks.append(DataCheck("project_overspent", text.CHECK_PROJECT_OVERSPENT.format(
            completed=text.fmt_value(completed, project.unit), total=text.fmt_value(total, project.unit))))
    gap = None if schedule is None or progress is None else (schedule - progress) * 100

    def result(suggestion: Rating | None) -> ProjectAssessment:
        return ProjectAssessment(project.name, status, schedule, progress, gap, suggestion,
                                 warning_for(suggestion), tuple(reasons), tuple(checks))

    if status is ProjectStatus.CANCELLED:
        reasons.append(text.PROJECT_CANCELLED)
        return result(Rating.D)
    if status is ProjectStatus.COMPLETED:
        if finish and as_of < finish:
            reasons.append(text.PROJECT_COMPLETED_EARLY.format(finish=_date_text(finish)))
            return result(Rating.A)
        reasons.append(text.PROJECT_COMPLETED)
        return result(Rating.B)
    if schedule is not None and progress is not None:
        reasons.append(text.PROJECT_SCHEDULE.format(
            as_of=_date_text(as_of), schedule=text.fmt_share(schedule),
            completed=text.fmt_value(completed, project.unit), total=text.fmt_value(total, project.unit),
            progress=text.fmt_share(progress)))
    suggestion = _suggest_from_gap(gap, thresholds, reasons)
    if start and as_of < start:
        reasons.append(text.PROJECT_NOT_DUE.format(start=_date_text(start)))
    if schedule is None:
        reasons.append(text.PROJECT_NO_SCHEDULE)
    if progress is None:
        reasons.append(text.PROJECT_NO_INVESTMENT)
    overdue = finish is not None and as_of > finish
    if status in _NOT_STARTED and start and as_of > start:
        checks.append(DataCheck("project_not_started", text.CHECK_PROJECT_NOT_STARTED.format(
            start=_date_text(start), as_of=_date_text(as_of), status=status.value)))
        if suggestion is None or suggestion.severity < Rating.C.severity:
            reasons.append(text.PROJECT_AT_LEAST_YELLOW)
            suggestion = Rating.C
    if overdue:
        checks.append(DataCheck("project_overdue", text.CHECK_PROJECT_OVERDUE.format(
            finish=_date_text(finish), as_of=_date_text(as_of))))
        if suggestion is not Rating.D:
            reasons.append(text.PROJECT_OVERDUE_RED)
            suggestion = Rating.D
    return result(suggestion)


def _suggest_from_gap(gap: float | None, thresholds: Thresholds, reasons: list[str]) -> Rating | None:
    if gap is None:
        return None
    gap = round(gap, 6)  # a band edge reached on paper counts as reached
    if gap > thresholds.lag_red_points:
        reasons.append(text.PROJECT_FAR_BEHIND.format(
            gap=f"{text.fmt_number(gap)}个百分点", red=f"{text.fmt_number(thresholds.lag_red_points)}个百分点"))
        return Rating.D
    if gap >= thresholds.lag_yellow_points:
        reasons.append(text.PROJECT_BEHIND.format(gap=f"{text.fmt_number(gap)}个百分点"))
        return Rating.C
    if -gap >= thresholds.ahead_margin * 100:
        reasons.append(text.PROJECT_AHEAD.format(gap=f"{text.fmt_number(-gap)}个百分点"))
        return Rating.A
    reasons.append(text.PROJECT_ON_TRACK.format(yellow=f"{text.fmt_number(thresholds.lag_yellow_points)}个百分点"))
    return Rating.B
