"""Rules of the loop beyond the happy path: locks on every path, notices, comments, evidence, settings."""
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planeval.accounts.models import User
from planeval.assessment.models import IndicatorAssessment
from planeval.campaigns.models import Campaign, CampaignRevision
from planeval.core.errors import ApplicationError
from planeval.domain.periods import Period
from planeval.monitoring.models import Observation
from planeval.monitoring.services import observation_record
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Task
from planeval.submissions import services
from planeval.submissions.access import standing
from planeval.submissions.evidence import WRONG_TYPE, evidence_attach
from planeval.submissions.models import Comment, Notice, Submission


@pytest.fixture
def kewei_submission(demo):
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    return services.submission_get_or_create(
        campaign=campaign, unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委"))


def lock(submission, state="signed"):
    Submission.objects.filter(pk=submission.pk).update(state=state)
    submission.refresh_from_db()


def kewei_indicator():
    return Indicator.objects.get(plan__jurisdiction__name="普陀区", name="新增高新技术企业数")


@pytest.mark.parametrize("state, message", [
    ("signed", "该报告已经分管领导审定并锁定，不能修改。"),
    ("submitted", "该报告已提交，正在审核中，暂不能修改。"),
])
def test_a_locked_report_refuses_value_changes_from_any_service(kewei_submission, state, message):
    lock(kewei_submission, state)
    with pytest.raises(ApplicationError) as refused:
        observation_record(indicator=kewei_indicator(), period=Period(2022), kind="actual", value=Decimal("1"))
    assert refused.value.message.startswith(message[:10])


def test_a_locked_report_refuses_value_changes_in_the_admin(as_user, kewei_submission):
    lock(kewei_submission)
    observation = Observation.objects.filter(indicator=kewei_indicator(), kind="actual").first()
    url = reverse("admin:monitoring_observation_change", args=[observation.id])
    response = as_user("admin").post(url, {
        "indicator": observation.indicator_id, "year": observation.year, "granularity": observation.granularity,
        "period_index": observation.period_index, "kind": observation.kind, "value": "999", "source": "x",
        "note": "", "is_sample": "on"})
    assert response.status_code == 200
    assert "该报告已经分管领导审定并锁定" in response.content.decode()
    observation.refresh_from_db()
    assert observation.value != Decimal("999")


def test_reports_in_the_admin_are_read_only(as_user, kewei_submission):
    """The admin may look at a submission, but a change there would bypass the workflow: refused."""
    url = reverse("admin:submissions_submission_change", args=[kewei_submission.id])
    admin = as_user("admin")
    assert admin.get(url).status_code == 200
    assert admin.post(url, {"state": "signed"}).status_code == 403
    kewei_submission.refresh_from_db()
    assert kewei_submission.state == "not_started"


def test_notice_appears_in_the_workspace_and_is_signed_for(as_user, kewei_submission):
    fgw = as_user("fgw")
    url = reverse("submissions:notice_new", args=[kewei_submission.campaign_id, kewei_submission.unit_id])
    fgw.post(url, {"subject": "关于加快报送的抄告单", "body": "请于5月15日前报送。"})
    notice = Notice.objects.get(unit=kewei_submission.unit)
    assert notice.issued_by.username == "fgw"
    kewei = as_user("kewei")
    page = kewei.get(reverse("submissions:detail", args=[kewei_submission.id])).content.decode()
    assert "关于加快报送的抄告单" in page and "签收" in page
    kewei.post(reverse("submissions:notice_read", args=[notice.id]))
    notice.refresh_from_db()
    assert notice.read_by.username == "kewei" and notice.read_at is not None
    board = fgw.get(reverse("submissions:board", args=[kewei_submission.campaign_id])).content.decode()
    assert "区科委" in board


def test_a_co_owning_unit_comments_on_the_item(as_user, kewei_submission):
    from planeval.accounts.models import Role, RoleAssignment

    jinrong = User.objects.create(username="jinrong")
    RoleAssignment.objects.create(user=jinrong, role=Role.FILLER, jurisdiction=kewei_submission.campaign.jurisdiction,
                                  unit=Unit.objects.get(name="区金融办", jurisdiction=kewei_submission.campaign.jurisdiction))
    indicator = Indicator.objects.get(plan__jurisdiction__name="普陀区", name="重点培育产业税收占比")
    as_user("jinrong").post(reverse("submissions:comment", args=[kewei_submission.id, "indicator", indicator.id]),
                            {"text": "科技金融税收2022年为统计局口径。"})
    comment = Comment.objects.get(item_id=indicator.id)
    assert comment.author_unit.name == "区金融办"
    page = as_user("kewei").get(reverse("submissions:indicator", args=[kewei_submission.id, indicator.id]))
    assert "科技金融税收2022年为统计局口径。" in page.content.decode()


def test_evidence_is_checked_by_content_not_name(kewei_submission):
    kewei = User.objects.get(username="kewei")
    task = Task.objects.get(plan__jurisdiction__name="普陀区", number="1", depth=2)
    report = services.task_report_save(submission=kewei_submission, who=standing(kewei, kewei_submission),
                                       task=task, user=kewei, progress="", rating="", expected_completion="",
                                       explanation="", next_steps="", expected_version=0)
    fake = SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ApplicationError) as refused:
        evidence_attach(task_report=report, upload=fake, user=kewei)
    assert refused.value.message == WRONG_TYPE.format(name="报告.pdf")
    real = evidence_attach(task_report=report, user=kewei,
                           upload=SimpleUploadedFile("报告.pdf", b"%PDF-1.7\n...", "application/pdf"))
    assert real.size == len(b"%PDF-1.7\n...")


def test_settings_change_thresholds_reassess_and_are_logged(as_user):
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    url = reverse("campaigns:settings", args=[campaign.id])
    fgw = as_user("fgw")
    page = fgw.get(url)
    form = page.context["form"]
    data = {name: (form.initial.get(name, field.initial) or "") for name, field in form.fields.items()}
    data.update({"annual_cutoff": "2022-12-31", "monthly_cutoff": "2023-06-30", "task_cutoff": "2023-06-30",
                 "framework_key": "putuo_four_part", "t_slow": "0.5",
                 "phase-TOTAL_FORMS": "0", "phase-INITIAL_FORMS": "0",
                 "deadline-TOTAL_FORMS": "1", "deadline-INITIAL_FORMS": "0",
                 "deadline-0-name": "评估报告初稿", "deadline-0-due_on": "2023-05-15"})
    response = fgw.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign.refresh_from_db()
    assert campaign.thresholds["slow"] == 0.5
    assert CampaignRevision.objects.filter(campaign=campaign, setting="thresholds", changed_by__username="fgw").exists()
    assert list(campaign.deadlines.values_list("name", flat=True)) == ["评估报告初稿"]
    # With C reaching down to 50%, nothing above half the target is D any more.
    assert not IndicatorAssessment.objects.filter(campaign=campaign, suggestion="D", anticipated__gte=0.5).exists()
    data["t_slow"] = "1.5"  # above on_track: refused, nothing changes
    refused = fgw.post(url, data)
    assert refused.status_code == 400 and "研判阈值应满足" in refused.content.decode()
    campaign.refresh_from_db()
    assert campaign.thresholds["slow"] == 0.5


def test_nobody_approves_a_report_they_submitted(kewei_submission):
    """Separation of duties: a filler who also holds the DRC role cannot accept their own report;
    the DRC's other staff can, and the refusal changes nothing."""
    from django.utils import timezone

    from planeval.accounts.models import Role, RoleAssignment
    from planeval.domain import workflow
    from planeval.submissions.models import Transition

    kewei, fgw = User.objects.get(username="kewei"), User.objects.get(username="fgw")
    RoleAssignment.objects.create(user=kewei, role=Role.DRC, jurisdiction=kewei_submission.campaign.jurisdiction)
    lock(kewei_submission, "submitted")
    Transition.objects.create(submission=kewei_submission, action="submit", from_state="draft", to_state="submitted",
                              actor=kewei, at=timezone.now())
    kewei = User.objects.get(username="kewei")   # a fresh request: the new role is seen
    with pytest.raises(ApplicationError) as refused:
        services.submission_transition(submission=kewei_submission, who=standing(kewei, kewei_submission),
                                       action=workflow.Action.ACCEPT, user=kewei)
    assert refused.value.message == workflow.SELF_APPROVAL.format(action="审核通过")
    kewei_submission.refresh_from_db()
    assert kewei_submission.state == "submitted" and kewei_submission.transitions.count() == 1

    accepted = services.submission_transition(submission=kewei_submission, who=standing(fgw, kewei_submission),
                                              action=workflow.Action.ACCEPT, user=fgw)
    assert accepted.state == "accepted"


def test_the_submitter_is_not_offered_the_approval_buttons(kewei_submission):
    """The page and the API offer 审核通过 to the DRC's other staff, never to whoever submitted."""
    from django.test import Client
    from django.utils import timezone

    from planeval.accounts.models import Role, RoleAssignment
    from planeval.submissions.models import Transition

    kewei = User.objects.get(username="kewei")
    RoleAssignment.objects.create(user=kewei, role=Role.DRC, jurisdiction=kewei_submission.campaign.jurisdiction)
    lock(kewei_submission, "submitted")
    Transition.objects.create(submission=kewei_submission, action="submit", from_state="draft", to_state="submitted",
                              actor=kewei, at=timezone.now())
    accept = reverse("submissions:transition", args=[kewei_submission.id, "accept"])

    def offered(username):
        client = Client()
        client.force_login(User.objects.get(username=username))
        page = client.get(reverse("submissions:detail", args=[kewei_submission.id])).content.decode()
        api = client.get(f"/api/v1/submissions/{kewei_submission.id}/").json()["allowed_actions"]
        return accept in page, "accept" in api

    assert offered("fgw") == (True, True)
    assert offered("kewei") == (False, False)
