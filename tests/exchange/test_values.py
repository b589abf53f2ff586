"""Values in wide form: 统计数 and 预计数 kept apart, history written, unchanged values untouched, locks kept."""
from decimal import Decimal

import pytest

from planeval.accounts.models import User
from planeval.domain import workflow
from planeval.monitoring.models import Observation, ObservationRevision
from planeval.organizations.models import Jurisdiction
from planeval.planning.models import Indicator, Plan
from planeval.submissions.models import Submission

from . import workbooks
from .conftest import run_import

HEADER = ["序号", "指标", "单位", "2021", "2022", "2022预计数", "2023H1", "2024预测", "参照2022"]
ROWS = [
    [3, "新增固定资产投资总额", "亿元", 285, "262", None, "118（预计）", 300, None],
    [4, "重点培育产业税收占比", "%", 33.8, 35.2, 35.0, None, None, None],
    [None, "其中：智能软件", "%", 9.8, 10.5, None, None, None, None],
    [9, "单位生产总值能耗降低率", "%", 3.2, "2.1", None, None, None, 3],
]


@pytest.fixture
def putuo_plan(putuo_fresh):
    plan = Plan.objects.create(jurisdiction=putuo_fresh, kind=Plan.Kind.OUTLINE, name="纲要")
    result = run_import("indicators", workbooks.putuo_indicators(), putuo_fresh, plan=plan)
    assert result.ok
    return plan


def stored(plan):
    return {(o.indicator.name, str(o.period), o.kind): (o.value, o.version)
            for o in Observation.objects.filter(indicator__plan=plan).select_related("indicator")}


def test_values_are_created_by_kind_with_their_history(putuo_plan):
    fgw = User.objects.get(username="fgw")
    result = run_import("values", workbooks.table(HEADER, ROWS), putuo_plan.jurisdiction, plan=putuo_plan, user=fgw)
    assert result.ok and result.committed, [p.text for p in result.problems]
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    values = stored(putuo_plan)
    assert values[("新增固定资产投资总额", "2022", "actual")] == (Decimal("262"), 1)
    # 118（预计） in a plain period column is an estimate; a 预计数 column is one too.
    assert values[("新增固定资产投资总额", "2023H1", "estimate")] == (Decimal("118"), 1)
    assert values[("新增固定资产投资总额", "2024", "forecast")] == (Decimal("300"), 1)
    # The official 2022 figure and the 2022 estimate are two rows side by side.
    assert values[("重点培育产业税收占比", "2022", "actual")][0] == Decimal("35.2")
    assert values[("重点培育产业税收占比", "2022", "estimate")][0] == Decimal("35")
    assert values[("智能软件", "2021", "actual")][0] == Decimal("9.8")
    assert values[("单位生产总值能耗降低率", "2022", "reference")][0] == Decimal("3")
    assert len(values) == 12
    revisions = ObservationRevision.objects.filter(indicator__plan=putuo_plan)
    assert revisions.count() == 12
    assert set(revisions.values_list("action", "changed_by__username")) == {("created", "fgw")}


def test_reimport_is_unchanged_and_a_change_is_recorded_old_to_new(putuo_plan):
    fgw = User.objects.get(username="fgw")
    data = workbooks.table(HEADER, ROWS)
    run_import("values", data, putuo_plan.jurisdiction, plan=putuo_plan, user=fgw)
    revisions = ObservationRevision.objects.filter(indicator__plan=putuo_plan).count()
    again = run_import("values", data, putuo_plan.jurisdiction, plan=putuo_plan, user=fgw)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert ObservationRevision.objects.filter(indicator__plan=putuo_plan).count() == revisions

    changed = [row[:] for row in ROWS]
    changed[0][4] = 270
    result = run_import("values", workbooks.table(HEADER, changed), putuo_plan.jurisdiction, plan=putuo_plan,
                        user=fgw)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    assert [c.detail for c in result.changes if c.action == "update"] == ["2022年统计数 262 → 270"]
    assert stored(putuo_plan)[("新增固定资产投资总额", "2022", "actual")] == (Decimal("270"), 2)
    last = ObservationRevision.objects.filter(indicator__plan=putuo_plan).latest("id")
    assert (last.action, last.period, last.kind, last.old_value, last.new_value, last.changed_by) == (
        "updated", "2022", "actual", Decimal("262"), Decimal("270"), fgw)


def test_a_dry_run_previews_the_same_changes_and_writes_nothing(putuo_plan):
    data = workbooks.table(HEADER, ROWS)
    preview = run_import("values", data, putuo_plan.jurisdiction, plan=putuo_plan, commit=False)
    assert preview.ok and not preview.committed and preview.created == 4
    assert not Observation.objects.filter(indicator__plan=putuo_plan).exists()
    result = run_import("values", data, putuo_plan.jurisdiction, plan=putuo_plan)
    assert [(c.row, c.action, c.detail) for c in result.changes] == [
        (c.row, c.action, c.detail) for c in preview.changes]


def test_bad_cells_and_unknown_indicators_are_named_and_nothing_is_written(putuo_plan):
    rows = [row[:] for row in ROWS] + [[None, "不存在的指标", "%", 1, 2, None, None, None, None]]
    rows[1][4] = "三十五"
    result = run_import("values", workbooks.table(HEADER, rows), putuo_plan.jurisdiction, plan=putuo_plan)
    assert not result.ok and not result.committed
    assert [p.text for p in result.fatal] == ["第3行“2022”列：“三十五”不是数字", "第6行“指标”列：找不到指标“不存在的指标”"]
    assert not Observation.objects.filter(indicator__plan=putuo_plan).exists()


def test_unreadable_period_headers_are_reported(putuo_plan):
    data = workbooks.table(["指标", "2022", "2030", "2022年第三季度"], [["新增固定资产投资总额", 1, 2, 3]])
    result = run_import("values", data, putuo_plan.jurisdiction, plan=putuo_plan)
    assert [p.text for p in result.fatal] == [
        "第1行“2030”列：期间列“2030”不在规划期2020—2025年内",
        "第1行“2022年第三季度”列：无法识别的期间列“2022年第三季度”（应写作2022、2023H1、2023-06、2023预计数、2024预测或参照2022）",
    ]


def _locked_indicator(state: str) -> Indicator:
    putuo = Jurisdiction.objects.get(name="普陀区")
    submission = Submission.objects.filter(campaign__jurisdiction=putuo, state=state).select_related("unit").first()
    return Indicator.objects.filter(plan__jurisdiction=putuo, plan__kind="outline", parent=None,
                                    lead_unit=submission.unit).first()


@pytest.mark.parametrize("state,message", [("submitted", workflow.UNDER_REVIEW), ("signed", workflow.LOCKED)])
def test_values_of_a_submitted_or_signed_report_are_refused(demo, state, message):
    indicator = _locked_indicator(state)
    observation = Observation.objects.filter(indicator=indicator, year=2022, kind="actual").first()
    before = Observation.objects.count(), ObservationRevision.objects.count()
    rows = [[indicator.name, observation.value + 1]]
    result = run_import("values", workbooks.table(["指标", "2022"], rows), indicator.plan.jurisdiction,
                        plan=indicator.plan)
    assert [p.text for p in result.fatal] == [f"第2行“指标”列：{message}"]
    assert not result.committed
    assert (Observation.objects.count(), ObservationRevision.objects.count()) == before


def test_an_unchanged_value_of_a_locked_report_is_not_a_problem(demo):
    indicator = _locked_indicator("signed")
    observation = Observation.objects.filter(indicator=indicator, year=2022, kind="actual").first()
    Observation.objects.filter(pk=observation.pk).update(is_sample=False, source="", note="")
    result = run_import("values", workbooks.table(["指标", "2022"], [[indicator.name, observation.value]]),
                        indicator.plan.jurisdiction, plan=indicator.plan)
    assert result.ok and result.unchanged == 1


def test_the_bulk_lock_check_agrees_with_the_single_one_for_every_demo_indicator(demo):
    from planeval.core.errors import ApplicationError
    from planeval.submissions.locks import assert_indicator_values_writable, indicator_value_locks

    indicators = list(Indicator.objects.all())
    single = {}
    for indicator in indicators:
        try:
            assert_indicator_values_writable(indicator)
        except ApplicationError as error:
            single[indicator.id] = error.message
    assert single and indicator_value_locks(indicators) == single
