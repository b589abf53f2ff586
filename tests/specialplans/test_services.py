"""The services of special-plan evaluations: creation, the route, the report text, the package.
Every refusal is a Chinese message and changes nothing (state, version, steps, report)."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from planeval.audit.models import AuditEvent
from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.domain import special_plan_route as route
from planeval.planning.models import Plan
from planeval.specialplans import access, services
from planeval.specialplans.models import SpecialPlanEvaluation, Step
from planeval.submissions.evidence import WRONG_TYPE

from .conftest import fresh, step, user, walk_to_reviewing


def snapshot(evaluation):
    e = fresh(evaluation)
    return (e.state, e.version, dict(e.sections), e.conclusion, e.in_package, Step.objects.filter(evaluation=e).count())


def test_one_evaluation_per_non_outline_plan_and_creation_is_idempotent(campaign):
    plans = campaign.plans.exclude(kind=Plan.Kind.OUTLINE)
    assert plans.count() == 44
    evaluations = SpecialPlanEvaluation.objects.filter(campaign=campaign)
    assert evaluations.count() == 44
    assert all(e.unit_id == e.plan.lead_unit_id for e in evaluations.select_related("plan"))
    assert services.evaluations_create(campaign=campaign) == 0
    assert evaluations.count() == 44


def test_creation_adds_only_what_is_missing(campaign):
    SpecialPlanEvaluation.objects.filter(campaign=campaign, state="drafting").order_by("id").first().delete()
    assert services.evaluations_create(campaign=campaign) == 1
    assert SpecialPlanEvaluation.objects.filter(campaign=campaign).count() == 44


def test_the_whole_route_records_each_step_and_an_audit_event(evaluation):
    events = AuditEvent.objects.count()
    walk_to_reviewing(evaluation)
    step(evaluation, "leader", "approve", "同意。")
    done = step(evaluation, "kewei", "file")
    assert done.state == "filed"
    steps = list(Step.objects.filter(evaluation=evaluation).order_by("id").select_related("actor"))
    assert [(s.action, s.actor.username) for s in steps] == [
        ("consult", "kewei"), ("submit", "kewei"), ("feedback", "fgw"), ("send", "kewei"),
        ("approve", "leader"), ("file", "kewei")]
    assert steps[2].comment == "请补充数据来源。" and steps[2].to_state == "revising"
    assert AuditEvent.objects.count() == events + 6
    assert fresh(evaluation).approved_by == user("leader")


@pytest.mark.parametrize("username, action, comment, message", [
    ("kewei", "submit", "", "当前状态（起草中）下不能执行“报送发改委”。"),
    ("fgw", "consult", "", "您的角色不能执行“征求意见”。"),
    ("kewei", "approve", "", "您的角色不能执行“审定”。"),
    ("leader", "approve", "", "当前状态（起草中）下不能执行“审定”。"),
])
def test_refused_steps_change_nothing(evaluation, username, action, comment, message):
    before = snapshot(evaluation)
    with pytest.raises(ApplicationError) as refused:
        step(evaluation, username, action, comment)
    assert refused.value.message == message
    assert snapshot(evaluation) == before


def test_feedback_without_text_is_refused(evaluation):
    step(evaluation, "kewei", "consult")
    step(evaluation, "kewei", "submit")
    before = snapshot(evaluation)
    with pytest.raises(ApplicationError) as refused:
        step(evaluation, "fgw", "feedback", "   ")
    assert refused.value.message == "“出具反馈意见”须填写意见。"
    assert snapshot(evaluation) == before


def test_the_sender_may_not_approve_even_as_a_leader(evaluation, campaign):
    from planeval.accounts.models import Role, RoleAssignment

    kewei = user("kewei")
    RoleAssignment.objects.create(user=kewei, role=Role.LEADER, jurisdiction=campaign.jurisdiction)
    walk_to_reviewing(evaluation)
    before = snapshot(evaluation)
    with pytest.raises(ApplicationError) as refused:
        step(evaluation, "kewei", "approve")
    assert refused.value.message == route.SELF_APPROVAL.format(action="审定")
    assert snapshot(evaluation) == before


def test_a_stale_step_changes_nothing(evaluation):
    kewei = user("kewei")
    stale = fresh(evaluation)
    step(evaluation, "kewei", "consult")
    before = snapshot(evaluation)
    with pytest.raises(StaleVersionError):
        services.evaluation_transition(evaluation=stale, user=kewei, who=access.standing(kewei, stale),
                                       action="submit", expected_version=stale.version)
    assert snapshot(evaluation) == before


def test_an_attached_document_is_checked_like_evidence(evaluation):
    before = snapshot(evaluation)
    fake = SimpleUploadedFile("意见汇总.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ApplicationError) as refused:
        step(evaluation, "kewei", "consult", "征求意见", upload=fake)
    assert refused.value.message == WRONG_TYPE.format(name="意见汇总.pdf")
    assert snapshot(evaluation) == before
    real = SimpleUploadedFile("意见汇总.pdf", b"%PDF-1.4 minimal", content_type="application/pdf")
    step(evaluation, "kewei", "consult", "征求意见", upload=real)
    saved = Step.objects.get(evaluation=evaluation, action="consult")
    assert saved.document_name == "意见汇总.pdf" and not saved.document.name.endswith("意见汇总.pdf")
    with saved.document.open("rb") as f:
        assert f.read() == b"%PDF-1.4 minimal"


def save(evaluation, username="kewei", version=None, **sections):
    e = fresh(evaluation)
    actor = user(username)
    return services.evaluation_report_save(
        evaluation=e, user=actor, who=access.standing(actor, e), sections=sections.get("texts", {}),
        conclusion=sections.get("conclusion", ""), expected_version=e.version if version is None else version)


def test_report_text_is_saved_with_history(evaluation):
    save(evaluation, texts={"1.1": "规划实施总体平稳。"}, conclusion="B")
    e = fresh(evaluation)
    assert e.sections["1.1"] == "规划实施总体平稳。" and e.conclusion == "B"
    edit = Step.objects.get(evaluation=e, action="edit")
    assert edit.detail["changed"]["1.1"] == ["", "规划实施总体平稳。"] and edit.actor == user("kewei")
    assert edit.detail["titles"] == ["1、中期完成数", "总体评估结论"]


def test_a_long_edit_is_kept_whole_in_the_step_and_shortened_in_the_audit_log(evaluation):
    long_text = "规划实施总体平稳。" * 200
    save(evaluation, texts={"1.1": long_text})
    edit = Step.objects.get(evaluation=evaluation, action="edit")
    assert edit.detail["changed"]["1.1"][1] == long_text
    event = AuditEvent.objects.order_by("-id").first()
    assert event.action == "value_change" and event.target_id == str(evaluation.id)
    assert len(event.detail["changed"]["1.1"][1]) < len(long_text)


@pytest.mark.parametrize("kwargs, message", [
    ({"texts": {"99": "x"}}, "报告框架中没有“99”一节。"),
    ({"conclusion": "E"}, "总体评估结论只能选A、B、C、D之一。"),
    ({"texts": {"1.1": "字" * 20001}}, "每节正文不能超过20000字。"),
])
def test_bad_report_input_changes_nothing(evaluation, kwargs, message):
    before = snapshot(evaluation)
    with pytest.raises(ApplicationError) as refused:
        save(evaluation, **kwargs)
    assert refused.value.message == message
    assert snapshot(evaluation) == before


def test_stale_report_form_changes_nothing(evaluation):
    save(evaluation, texts={"1.1": "第一稿"})
    before = snapshot(evaluation)
    with pytest.raises(StaleVersionError) as stale:
        save(evaluation, version=1, texts={"1.1": "别人的旧稿"})
    assert "您的保存未生效" in stale.value.message
    assert snapshot(evaluation) == before


def test_report_is_locked_outside_drafting_and_revising(evaluation):
    walk_to_reviewing(evaluation)
    before = snapshot(evaluation)
    with pytest.raises(ApplicationError) as refused:
        save(evaluation, texts={"1.1": "改一下"})
    assert refused.value.message == services.NOT_EDITABLE.format(state="报分管区领导审定中")
    assert snapshot(evaluation) == before


def test_only_the_lead_unit_writes_the_report(evaluation):
    before = snapshot(evaluation)
    with pytest.raises(ApplicationError):
        save(evaluation, username="fgw", texts={"1.1": "发改委代写"})
    assert snapshot(evaluation) == before


def test_package_only_for_approved_and_only_by_the_drc(evaluation):
    fgw = user("fgw")
    before = snapshot(evaluation)
    with pytest.raises(ApplicationError) as refused:
        services.evaluation_package_set(evaluation=fresh(evaluation), user=fgw,
                                        who=access.standing(fgw, evaluation), in_package=True,
                                        expected_version=fresh(evaluation).version)
    assert refused.value.message == services.PACKAGE_NOT_APPROVED
    walk_to_reviewing(evaluation)
    step(evaluation, "leader", "approve")
    kewei = user("kewei")
    before = snapshot(evaluation)
    with pytest.raises(ApplicationError) as refused:
        services.evaluation_package_set(evaluation=fresh(evaluation), user=kewei,
                                        who=access.standing(kewei, evaluation), in_package=True,
                                        expected_version=fresh(evaluation).version)
    assert refused.value.message == services.PACKAGE_DRC_ONLY
    assert snapshot(evaluation) == before
    services.evaluation_package_set(evaluation=fresh(evaluation), user=fgw, who=access.standing(fgw, evaluation),
                                    in_package=True, expected_version=fresh(evaluation).version)
    assert fresh(evaluation).in_package
