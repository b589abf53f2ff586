"""The adjustment route end to end over HTTP, as each demo role, and its refusals.

The first test is issue 8's "done when": an adjustment goes through its whole route, and the
next assessment and the compiled report use the new target while the history shows the old one.
"""
import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.adjustments import services
from planeval.adjustments.models import Adjustment, ItemChange, Step
from planeval.assessment.models import IndicatorAssessment
from planeval.audit.models import AuditEvent
from planeval.core.errors import STALE_VERSION
from planeval.domain import adjustment_route as route
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, IndicatorTarget, Plan, Task
from planeval.submissions import services as submission_services
from planeval.submissions.access import standing
from planeval.submissions.models import IndicatorReport

from .conftest import act, flashed, propose, xlsx_cells

pytestmark = pytest.mark.django_db


def test_whole_route_then_assessment_and_report_use_the_new_target_and_history_keeps_the_old(
        as_user, campaign, indicator):
    kewei, fgw, observer = as_user("kewei"), as_user("fgw"), as_user("observer")
    before = IndicatorAssessment.objects.get(campaign=campaign, indicator=indicator)
    assert (before.target_version, before.target_text) == (1, "累计 150")

    # 区科委 proposes and submits.
    response = propose(kewei, campaign, "indicator", indicator, after="累计 120", reason="国家高新技术企业认定标准提高。",
                       basis="2021—2023年上半年累计认定60家，按年均24家测算，期末累计约120家。")
    adjustment = Adjustment.objects.get(indicator=indicator)
    assert response.status_code == 302 and adjustment.state == "draft" and adjustment.before_text == "累计 150"
    assert "已提交" not in flashed(act(kewei, adjustment, "submit"))
    # The DRC reviews, records the government's decision, the report to 人大常委会, and applies it.
    assert "已审核通过。" in flashed(act(fgw, adjustment, "pass", comment="理由充分"))
    assert "已登记政府审定。" in flashed(act(fgw, adjustment, "approve", meeting="区政府常务会议",
                                            decided_on="2023-09-12", document="普府常〔2023〕20号"))
    # Putuo sends outline adjustments to the people's congress: applying before that is refused.
    assert route.CONGRESS_FIRST in flashed(act(fgw, adjustment, "apply"))
    assert "已登记报人大常委会。" in flashed(act(fgw, adjustment, "report", decided_on="2023-11-03"))
    assert "已生效执行。" in flashed(act(fgw, adjustment, "apply", decided_on="2023-11-08"))

    adjustment.refresh_from_db()
    assert adjustment.state == "applied"
    assert [s.action for s in adjustment.steps.all()] == ["draft", "submit", "pass", "approve", "report", "apply"]
    assert AuditEvent.objects.filter(target_type="adjustments.adjustment", target_id=str(adjustment.id),
                                     action="transition").count() == 6

    # The target is versioned: version 1 kept, version 2 in force.
    indicator.refresh_from_db()
    assert indicator.target_text == "累计 120" and indicator.target["low"] == "120"
    versions = list(IndicatorTarget.objects.filter(indicator=indicator).values_list("number", "target_text", "source"))
    assert versions == [(1, "累计 150", "published"), (2, "累计 120", "adjustment")]

    # The next assessment judges against version 2 (same values, a smaller target: more progress).
    after = IndicatorAssessment.objects.get(campaign=campaign, indicator=indicator)
    assert (after.target_version, after.target_text, after.target_valid_from) == \
        (2, "累计 120", datetime.date(2023, 11, 8))
    assert before.progress is not None
    assert after.progress == pytest.approx(before.progress * 150 / 120)

    # The unit's report form and the compiled report say which version was judged.
    submission = kewei.get(reverse("submissions:my_work", args=[campaign.id])).url
    form = kewei.get(f"{submission}indicator/{indicator.id}/").content.decode()
    assert "按调整后目标（第2版，2023-11-08生效）研判" in form
    table = xlsx_cells(fgw.get(reverse("reports:compiled", args=[campaign.id, "indicator-table", "xlsx"])).content)
    assert "累计 120（调整后目标，第2版，2023年11月8日起）" in table
    # The adjustment plan lists it with its before/after, reason and basis.
    plan = xlsx_cells(fgw.get(reverse("reports:compiled", args=[campaign.id, "adjustment-plan", "xlsx"])).content)
    for text in ("累计 150", "累计 120", "国家高新技术企业认定标准提高。", "按年均24家测算"):
        assert any(text in cell for cell in plan), text

    # The history shows the old target, by whom, when and why — to an observer too.
    history = observer.get(reverse("adjustments:history", args=["indicator", indicator.id])).content.decode()
    assert "第1版" in history and "累计 150" in history and "第2版（现行）" in history
    assert "国家高新技术企业认定标准提高" in history and "2023-11-08" in history


def test_one_click_from_the_units_report_prefills_the_proposal(as_user, campaign, indicator):
    kewei_user = User.objects.get(username="kewei")
    submission = submission_services.submission_get_or_create(
        campaign=campaign, unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委"))
    submission_services.indicator_report_save(
        submission=submission, who=standing(kewei_user, submission), indicator=indicator, user=kewei_user,
        values=[], rating="D", explanation="认定标准提高。", recovery_measures="",
        adjustment=("累计 150", "累计 120", "认定标准提高", "按年均24家测算"),
        expected_version=IndicatorReport.objects.filter(submission=submission, indicator=indicator)
        .values_list("version", flat=True).first() or 0)
    kewei = as_user("kewei")
    page = kewei.get(reverse("submissions:indicator", args=[submission.id, indicator.id])).content.decode()
    assert "生成调整建议（报发改委审核）" in page
    response = kewei.post(reverse("adjustments:from_report", args=[submission.id, indicator.id]))
    adjustment = Adjustment.objects.get(indicator=indicator)
    assert response.url == reverse("adjustments:detail", args=[adjustment.id])
    assert (adjustment.origin, adjustment.before_text, adjustment.after_text, adjustment.reason, adjustment.basis) == \
        ("report", "累计 150", "累计 120", "认定标准提高", "按年均24家测算")
    assert adjustment.origin_report.submission_id == submission.id


def test_an_unreadable_new_target_is_refused_and_nothing_is_created(as_user, campaign, indicator):
    response = propose(as_user("kewei"), campaign, "indicator", indicator, after="2025年达到85",
                       reason="理由", basis="依据")
    assert response.status_code == 400
    assert escape(route.UNREADABLE_TARGET.format(text="2025年达到85")) in response.content.decode()
    assert not Adjustment.objects.filter(indicator=indicator).exists()


def test_a_qualitative_new_target_is_kept_as_qualitative(as_user, campaign, indicator):
    propose(as_user("kewei"), campaign, "indicator", indicator, after="稳步提升", reason="理由", basis="依据")
    adjustment = Adjustment.objects.get(indicator=indicator)
    assert adjustment.after_target["kind"] == "qualitative" and adjustment.after_target["reason"] == "定性目标"


def _submitted(as_user, campaign, indicator) -> Adjustment:
    propose(as_user("kewei"), campaign, "indicator", indicator, after="累计 120", reason="理由", basis="依据")
    adjustment = Adjustment.objects.get(indicator=indicator)
    act(as_user("kewei"), adjustment, "submit")
    adjustment.refresh_from_db()
    assert adjustment.state == "submitted"
    return adjustment


def _unchanged(adjustment, state, steps):
    adjustment.refresh_from_db()
    assert adjustment.state == state and adjustment.steps.count() == steps


def test_wrong_roles_are_refused_and_change_nothing(as_user, campaign, indicator):
    adjustment = _submitted(as_user, campaign, indicator)
    steps = adjustment.steps.count()
    assert route.WRONG_ROLE.format(action="审核通过") in flashed(act(as_user("kewei"), adjustment, "pass"))
    assert route.WRONG_ROLE.format(action="审核通过") in flashed(act(as_user("observer"), adjustment, "pass"))
    assert route.WRONG_ROLE.format(action="审核通过") in flashed(act(as_user("leader"), adjustment, "pass"))
    _unchanged(adjustment, "submitted", steps)
    # Another unit cannot even open it.
    other = User.objects.create_user(username="caizheng-adj", password="x")
    RoleAssignment.objects.create(user=other, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                  unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区财政局"))
    from django.test import Client

    client = Client()
    client.force_login(other)
    assert client.get(reverse("adjustments:detail", args=[adjustment.id])).status_code == 403
    assert client.post(reverse("adjustments:transition", args=[adjustment.id, "withdraw"]),
                       {"version": adjustment.version}).status_code == 403
    _unchanged(adjustment, "submitted", steps)


def test_a_proposal_cannot_be_approved_by_whoever_submitted_it(as_user, campaign, indicator):
    # One person who is both 区科委's filler and a DRC reviewer (separation of duties still holds).
    both = User.objects.create_user(username="both-roles", password="x")
    RoleAssignment.objects.create(user=both, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                  unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委"))
    RoleAssignment.objects.create(user=both, role=Role.DRC, jurisdiction=campaign.jurisdiction)
    from django.test import Client

    client = Client()
    client.force_login(both)
    propose(client, campaign, "indicator", indicator, after="累计 120", reason="理由", basis="依据")
    adjustment = Adjustment.objects.get(indicator=indicator)
    act(client, adjustment, "submit")
    messages = flashed(act(client, adjustment, "pass"))
    assert route.SELF_APPROVAL.format(action="审核通过") in messages
    _unchanged(adjustment, "submitted", 2)


def test_a_stale_form_is_refused_and_changes_nothing(as_user, campaign, indicator):
    adjustment = _submitted(as_user, campaign, indicator)
    old_version = adjustment.version
    act(as_user("fgw"), adjustment, "pass")
    response = as_user("fgw").post(reverse("adjustments:transition", args=[adjustment.id, "refuse"]),
                                   {"version": old_version, "comment": "不予调整"}, follow=True)
    prefix = STALE_VERSION.split("{who}")[0]
    assert any(m.startswith(prefix) and "您的保存未生效" in m for m in flashed(response))
    _unchanged(adjustment, "reviewed", 3)
    # A stale edit of a returned draft is refused with 409 and keeps the stored text.
    act(as_user("fgw"), adjustment, "refuse", comment="不予调整")
    _unchanged(adjustment, "refused", 4)


def test_a_stale_edit_returns_409(as_user, campaign, indicator):
    kewei = as_user("kewei")
    propose(kewei, campaign, "indicator", indicator, after="累计 120", reason="理由", basis="依据")
    adjustment = Adjustment.objects.get(indicator=indicator)
    url = reverse("adjustments:edit", args=[adjustment.id])
    body = {"kind": "target", "after": "累计 130", "reason": "理由", "basis": "依据", "version": adjustment.version}
    assert kewei.post(url, body).status_code == 302
    response = kewei.post(url, {**body, "after": "累计 110"})
    assert response.status_code == 409 and "您的保存未生效" in response.content.decode()
    adjustment.refresh_from_db()
    assert adjustment.after_text == "累计 130"


def test_the_drc_returns_with_a_comment_and_the_unit_resubmits(as_user, campaign, indicator):
    adjustment = _submitted(as_user, campaign, indicator)
    assert route.COMMENT_REQUIRED.format(action="退回修改") in flashed(act(as_user("fgw"), adjustment, "return"))
    act(as_user("fgw"), adjustment, "return", comment="请补充近三年认定数据")
    adjustment.refresh_from_db()
    assert adjustment.state == "returned"
    assert adjustment.steps.get(action="return").comment == "请补充近三年认定数据"
    act(as_user("kewei"), adjustment, "submit")
    adjustment.refresh_from_db()
    assert adjustment.state == "submitted"


def test_without_congress_the_approved_outline_change_applies_directly(as_user, campaign, indicator):
    fgw = User.objects.get(username="fgw")
    setting = services.route_setting(campaign)
    response = as_user("fgw").post(reverse("adjustments:settings", args=[campaign.id]),
                                   {"version": setting.version}, follow=True)
    assert "规划调整程序设置已保存。" in flashed(response)
    assert not services.route_setting(campaign).outline_to_congress
    assert AuditEvent.objects.filter(action="setting_change", user=fgw).exists()
    adjustment = _submitted(as_user, campaign, indicator)
    act(as_user("fgw"), adjustment, "pass")
    act(as_user("fgw"), adjustment, "approve", meeting="区政府常务会议", decided_on="2023-09-12")
    assert "已生效执行。" in flashed(act(as_user("fgw"), adjustment, "apply"))


def test_only_the_drc_changes_the_route_setting(as_user, campaign):
    assert as_user("kewei").post(reverse("adjustments:settings", args=[campaign.id]), {"version": 1}).status_code == 403
    assert services.route_setting(campaign).outline_to_congress


def test_applying_refuses_when_the_target_changed_meanwhile(as_user, campaign, indicator):
    adjustment = _submitted(as_user, campaign, indicator)
    act(as_user("fgw"), adjustment, "pass")
    act(as_user("fgw"), adjustment, "approve", meeting="区政府常务会议", decided_on="2023-09-12")
    act(as_user("fgw"), adjustment, "report", decided_on="2023-11-03")
    from planeval.planning.services import indicator_save

    indicator.target_text = "累计 160"          # a correction in the admin after the proposal
    indicator_save(indicator=indicator)
    messages = flashed(act(as_user("fgw"), adjustment, "apply"))
    assert services.ITEM_CHANGED.format(now="累计 160") in messages
    _unchanged(adjustment, "reported", 5)
    assert list(IndicatorTarget.objects.filter(indicator=indicator).values_list("number", "source")) == \
        [(1, "published"), (2, "correction")]


def test_special_plan_route_lead_department_leader_agrees_drc_files(as_user, campaign):
    """Hongqiao's route, on a task of a special plan led by 区科委: wording change, then applied."""
    plan = Plan.objects.filter(jurisdiction=campaign.jurisdiction, kind=Plan.Kind.SPECIAL).first()
    campaign.plans.add(plan)
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    task = Task.objects.create(plan=plan, title="建设科技创新服务平台", lead_unit=unit)
    kewei, leader, fgw = as_user("kewei"), as_user("leader"), as_user("fgw")
    propose(kewei, campaign, "task", task, kind="wording", after="建设科技创新综合服务平台", reason="功能拓展")
    adjustment = Adjustment.objects.get(task=task)
    assert adjustment.route == "special"
    act(kewei, adjustment, "submit")
    assert route.WRONG_ROLE.format(action="分管领导同意") in flashed(act(fgw, adjustment, "agree"))
    assert "已分管领导同意。" in flashed(act(leader, adjustment, "agree"))
    assert "已备案。" in flashed(act(fgw, adjustment, "file"))
    assert "已生效执行。" in flashed(act(fgw, adjustment, "apply"))
    task.refresh_from_db()
    assert task.title == "建设科技创新综合服务平台" and task.version == 2
    change = ItemChange.objects.get(adjustment=adjustment)
    assert (change.field, change.old_value, change.new_value) == ("title", "建设科技创新服务平台", "建设科技创新综合服务平台")
    history = kewei.get(reverse("adjustments:history", args=["task", task.id])).content.decode()
    assert "建设科技创新服务平台" in history and "功能拓展" in history


def test_cancelling_an_indicator_stops_its_judgement(as_user, campaign, indicator):
    kewei, fgw = as_user("kewei"), as_user("fgw")
    services.route_setting_save(campaign=campaign, user=User.objects.get(username="fgw"),
                                outline_to_congress=False, expected_version=services.route_setting(campaign).version)
    propose(kewei, campaign, "indicator", indicator, kind="cancel", reason="统计口径取消")
    adjustment = Adjustment.objects.get(indicator=indicator)
    act(kewei, adjustment, "submit")
    act(fgw, adjustment, "pass")
    act(fgw, adjustment, "approve", meeting="区政府常务会议", decided_on="2023-09-12")
    act(fgw, adjustment, "apply")
    indicator.refresh_from_db()
    assert indicator.is_cancelled
    assert not IndicatorAssessment.objects.filter(campaign=campaign, indicator=indicator).exists()


def test_adding_a_task_creates_it_with_history(as_user, campaign):
    kewei, fgw = as_user("kewei"), as_user("fgw")
    outline = campaign.plans.get(kind=Plan.Kind.OUTLINE)
    services.route_setting_save(campaign=campaign, user=User.objects.get(username="fgw"),
                                outline_to_congress=False, expected_version=services.route_setting(campaign).version)
    response = kewei.post(reverse("adjustments:new_item", args=[campaign.id]),
                          {"item_type": "task", "plan": outline.id, "after": "推进人工智能创新应用先导区建设",
                           "reason": "落实市级部署", "basis": ""})
    adjustment = Adjustment.objects.get(kind="add", after_text="推进人工智能创新应用先导区建设")
    assert response.status_code == 302 and adjustment.task is None
    act(kewei, adjustment, "submit")
    act(fgw, adjustment, "pass")
    act(fgw, adjustment, "approve", meeting="区政府常务会议", decided_on="2023-09-12")
    act(fgw, adjustment, "apply")
    adjustment.refresh_from_db()
    assert adjustment.task.title == "推进人工智能创新应用先导区建设"
    assert adjustment.task.lead_unit.name == "区科委"
    assert ItemChange.objects.filter(adjustment=adjustment, field="created").exists()


def test_unit_sees_its_own_drc_sees_all_with_filters(as_user, campaign, indicator):
    _submitted(as_user, campaign, indicator)
    mine = as_user("kewei").get(reverse("adjustments:list", args=[campaign.id])).content.decode()
    assert INDICATOR_NAME in mine and "新增企业上市数" not in mine      # the sample 区金融办 proposal
    everything = as_user("fgw").get(reverse("adjustments:list", args=[campaign.id])).content.decode()
    assert INDICATOR_NAME in everything and "新增企业上市数" in everything and "示例数据" in everything
    applied = as_user("fgw").get(reverse("adjustments:list", args=[campaign.id]), {"state": "applied"}).content.decode()
    assert "新增跨国公司地区总部数" in applied and INDICATOR_NAME not in applied


INDICATOR_NAME = "新增高新技术企业数"


def test_the_demo_has_one_applied_and_one_pending_sample(campaign):
    samples = Adjustment.objects.filter(campaign=campaign, is_sample=True).order_by("id")
    assert [(a.indicator.name, a.state) for a in samples] == [("新增跨国公司地区总部数", "applied"),
                                                              ("新增企业上市数", "submitted")]
    indicator = Indicator.objects.get(plan__jurisdiction=campaign.jurisdiction, name="新增跨国公司地区总部数")
    assert indicator.target_text == "累计 12"
    assert list(indicator.target_versions.values_list("number", "target_text")) == [(1, "累计 15"), (2, "累计 12")]
    assert Step.objects.filter(adjustment=samples[0]).count() == 6


def test_the_list_page_reads_in_a_fixed_number_of_queries(as_user, campaign, django_assert_max_num_queries):
    from planeval.planning.models import Task

    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    kewei = User.objects.get(username="kewei")
    for task in Task.objects.filter(plan__in=campaign.plans.all(), lead_unit=unit, children=None)[:8]:
        services.adjustment_draft(campaign=campaign, user=kewei, unit=unit, item_type="task", item=task,
                                  kind="wording", after=task.title + "（修改）", reason="理由", basis="")
    client = as_user("fgw")
    client.get(reverse("adjustments:list", args=[campaign.id]))    # warm the per-process caches
    with django_assert_max_num_queries(20):
        response = client.get(reverse("adjustments:list", args=[campaign.id]))
    assert response.content.decode().count("（修改）") >= 8
