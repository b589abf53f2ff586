"""Projects against their schedule (序时进度), and tasks from the unit's own progress."""
from datetime import date
from decimal import Decimal

import pytest

from planeval.domain import assessment_text as text
from planeval.domain.assessment import (
    ProjectInput,
    ProjectStatus,
    Rating,
    Thresholds,
    WarningLevel,
    assess_project,
    suggest_task_rating,
)

AS_OF = date(2023, 6, 30)
START, FINISH = date(2021, 1, 1), date(2024, 12, 31)
SCHEDULE = (AS_OF - START).days / (FINISH - START).days  # 910 / 1460 = 62.3%


def project(completed, *, status=ProjectStatus.UNDER_CONSTRUCTION, start=START, finish=FINISH, total=100):
    return ProjectInput(name="上海清华国际创新中心", status=status, total_investment=Decimal(total),
                        completed_investment=None if completed is None else Decimal(completed),
                        planned_start=start, planned_finish=finish)


@pytest.mark.parametrize("completed,suggestion,warning", [
    (75, Rating.A, WarningLevel.GREEN),    # 11.7 points ahead
    (58, Rating.B, WarningLevel.GREEN),    # 4.3 behind
    (52.4, Rating.B, WarningLevel.GREEN),  # 9.9 behind
    (52.3, Rating.C, WarningLevel.YELLOW),  # 10.0 behind: yellow from 10
    (45, Rating.C, WarningLevel.YELLOW),   # 17.3 behind
    (32.4, Rating.C, WarningLevel.YELLOW),  # 29.9 behind
    (25, Rating.D, WarningLevel.RED),      # 37.3 behind: more than 30 is red
])
def test_gap_bands(completed, suggestion, warning):
    result = assess_project(project(completed), as_of=AS_OF)
    assert result.schedule_elapsed == pytest.approx(SCHEDULE)
    assert result.investment_progress == pytest.approx(completed / 100)
    assert result.gap_points == pytest.approx((SCHEDULE - completed / 100) * 100)
    assert (result.suggestion, result.warning) == (suggestion, warning)


def test_reasons_name_the_figures():
    result = assess_project(project(45), as_of=AS_OF)
    assert result.reasons == (
        "截至2023年6月30日序时进度62%，累计完成投资45亿元，占总投资100亿元的45%",
        "投资完成进度落后序时进度17.33个百分点，黄色预警，建议评为C（进展较慢、需要加快推进）",
    )


def test_not_started_after_planned_start_is_flagged():
    late = assess_project(project(0, status="即将开工", start=date(2023, 5, 1), finish=date(2025, 6, 30)), as_of=AS_OF)
    assert late.warning is WarningLevel.YELLOW  # only 7.6 points behind, but it should have started
    assert [c.code for c in late.checks] == ["project_not_started"]
    assert late.checks[0].message == "计划于2023年5月1日开工，截至2023年6月30日仍为“即将开工”，尚未开工"
    very_late = assess_project(project(0, status=ProjectStatus.PREPARING, start=date(2022, 1, 1)), as_of=AS_OF)
    assert very_late.warning is WarningLevel.RED


def test_before_planned_start_nothing_is_due():
    result = assess_project(project(0, status="前期论证", start=date(2024, 1, 1), finish=date(2026, 12, 31)), as_of=AS_OF)
    assert result.schedule_elapsed == 0 and result.warning is WarningLevel.GREEN
    assert "尚未到计划开工时间（2024年1月1日）" in result.reasons
    assert not result.checks


def test_overdue_is_red():
    result = assess_project(project(95, finish=date(2023, 3, 31)), as_of=AS_OF)
    assert result.suggestion is Rating.D and result.warning is WarningLevel.RED
    assert [c.code for c in result.checks] == ["project_overdue"]


@pytest.mark.parametrize("status,finish,suggestion", [
    ("已建成", date(2024, 12, 31), Rating.A),
    ("已建成", date(2022, 12, 31), Rating.B),
    ("已取消", date(2024, 12, 31), Rating.D),
])
def test_completed_and_cancelled(status, finish, suggestion):
    assert assess_project(project(100, status=status, finish=finish), as_of=AS_OF).suggestion is suggestion


def test_missing_figures_degrade():
    result = assess_project(ProjectInput(name="某项目", status="开工在建"), as_of=AS_OF)
    assert result.suggestion is None and result.warning is None
    assert text.PROJECT_NO_INVESTMENT in result.reasons and text.PROJECT_NO_SCHEDULE in result.reasons
    odd = assess_project(ProjectInput(name="某项目", status="在建中", total_investment=Decimal("NaN")), as_of=AS_OF)
    assert odd.reasons[0] == "项目状态“在建中”无法识别，应为前期论证、即将开工、开工在建、已建成或已取消"


def test_project_bands_are_tunable_and_serialisable():
    result = assess_project(project(45), as_of=AS_OF, thresholds=Thresholds(lag_yellow_points=20, lag_red_points=40))
    assert result.warning is WarningLevel.GREEN
    data = result.to_dict()
    assert data["status"] == "开工在建" and data["warning"] == "green" and data["gap_points"] == 17.3288


# --- tasks -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("share,suggestion", [
    (1.0, Rating.A), (0.62, Rating.A), (0.5, Rating.B), (0.41, Rating.B),
    (0.4, Rating.C), (0.2, Rating.C), (0.19, Rating.D), (0.0, Rating.D),
])
def test_task_from_share_complete(share, suggestion):
    assert suggest_task_rating(share_complete=share, expected=0.5).suggestion is suggestion


@pytest.mark.parametrize("status,suggestion", [
    ("已完成", Rating.A), ("按计划推进", Rating.B), ("进展滞后", Rating.C), ("因规划调整暂停", Rating.D),
    ("", None), ("另行研究", None),
])
def test_task_from_status(status, suggestion):
    result = suggest_task_rating(status=status)
    assert result.suggestion is suggestion
    if suggestion is None:
        assert result.reasons == (text.TASK_UNKNOWN,)
