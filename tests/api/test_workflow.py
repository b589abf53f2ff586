"""The campaign loop through the API: judgements, progress, and submit → return → accept → sign by the right roles."""
import pytest

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.domain import workflow
from planeval.domain.submission_checks import NEEDS_EXPLANATION
from planeval.planning.models import Project
from planeval.submissions.models import Submission, TaskReport, Transition
from planeval.submissions.selectors import work_items
from planeval.submissions.services import SUBMIT_BLOCKED

WRONG_ROLE = workflow.WRONG_ROLE.format


def step(client, submission, action, **body):
    return client.post(f"/api/v1/submissions/{submission.id}/{action}/", body, format="json")


def judge_everything(client, submission):
    """A B for every item of 区科委 through the API, as a unit's own system would send them."""
    detail = client.get(f"/api/v1/submissions/{submission.id}/").json()
    for item in detail["items"]["indicators"]:
        response = client.put(f"/api/v1/submissions/{submission.id}/indicators/{item['id']}/", {
            "rating": "B", "recovery_measures": "加大培育力度。", "version": item["version"]}, format="json")
        assert response.status_code == 200, response.json()
    for item in detail["items"]["tasks"]:
        response = client.put(f"/api/v1/submissions/{submission.id}/tasks/{item['id']}/", {
            "progress": "按计划推进。", "rating": "B", "expected_completion": "如期完成", "version": item["version"]},
            format="json")
        assert response.status_code == 200, response.json()


def test_submit_return_accept_sign_with_the_right_roles(api, kewei_submission):
    kewei, fgw, leader = api("kewei"), api("fgw"), api("leader")
    incomplete = step(kewei, kewei_submission, "submit", confirmed_by="王主任")
    assert incomplete.status_code == 400
    assert incomplete.json()["detail"].startswith(SUBMIT_BLOCKED) and "尚未给出评估结论" in incomplete.json()["problems"][0]
    judge_everything(kewei, kewei_submission)
    submitted = step(kewei, kewei_submission, "submit", confirmed_by="王主任")
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    assert fgw.get(f"/api/v1/submissions/{kewei_submission.id}/").json()["allowed_actions"] == ["return", "accept"]
    no_reason = step(fgw, kewei_submission, "return")
    assert no_reason.status_code == 400
    assert no_reason.json()["detail"] == workflow.COMMENT_REQUIRED.format(action="退回修改")
    assert step(fgw, kewei_submission, "return", comment="请补充高企培育数据来源。").json()["state"] == "returned"
    assert step(kewei, kewei_submission, "submit", confirmed_by="王主任").json()["state"] == "submitted"
    assert step(fgw, kewei_submission, "accept").json()["state"] == "accepted"
    signed = step(leader, kewei_submission, "sign").json()
    assert signed["state"] == "signed" and signed["signed_by"] == "leader"
    assert [t["action"] for t in signed["transitions"]] == ["submit", "return", "submit", "accept", "sign"]
    assert signed["transitions"][1]["comment"] == "请补充高企培育数据来源。"


@pytest.mark.parametrize("role, action, label", [
    ("kewei", "accept", "审核通过"),     # a unit cannot approve its own report
    ("kewei", "sign", "审定签发"),
    ("fgw", "submit", "提交"),           # nor can the DRC submit for the unit
    ("leader", "accept", "审核通过"),
    ("fgw", "sign", "审定签发"),
    ("observer", "return", "退回修改"),
])
def test_a_step_outside_ones_role_is_403_with_the_workflow_message(api, kewei_submission, role, action, label):
    Submission.objects.filter(pk=kewei_submission.pk).update(state="submitted")
    response = step(api(role), kewei_submission, action, comment="理由")
    assert response.status_code == 403
    assert response.json() == {"detail": WRONG_ROLE(action=label), "code": "permission_denied"}
    assert Submission.objects.get(pk=kewei_submission.pk).state == "submitted"
    assert not Transition.objects.filter(submission=kewei_submission).exists()


def test_a_step_out_of_turn_is_403_with_the_state_named(api, kewei_submission):
    response = step(api("leader"), kewei_submission, "sign")
    assert response.status_code == 403
    assert response.json()["detail"] == workflow.NOT_ALLOWED.format(state="未开始", action="审定签发")


def test_task_progress_keeps_the_forms_rules_and_versions(api, kewei_submission):
    kewei = api("kewei")
    task = work_items(kewei_submission)["task"][0].obj
    url = f"/api/v1/submissions/{kewei_submission.id}/tasks/{task.id}/"
    refused = kewei.put(url, {"rating": "C", "progress": "滞后", "version": 0}, format="json")
    assert refused.status_code == 400
    assert {"index": None, "field": "non_field_errors",
            "detail": NEEDS_EXPLANATION.format(label="本任务", rating="C")} in refused.json()["errors"]
    assert not TaskReport.objects.filter(task=task).exists()
    saved = kewei.put(url, {"progress": "已完成阶段目标。", "rating": "B", "version": 0}, format="json").json()
    assert saved["version"] == 1 and saved["updated_by"] == "kewei"
    stale = kewei.put(url, {"progress": "另一人的修改", "rating": "B", "version": 0}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    assert "您的保存未生效" in stale.json()["detail"]
    assert TaskReport.objects.get(task=task).progress == "已完成阶段目标。"
    assert api("observer").put(url, {"rating": "A", "version": 1}, format="json").status_code == 403


def test_a_signed_report_refuses_progress(api, kewei_submission):
    Submission.objects.filter(pk=kewei_submission.pk).update(state="signed")
    task = work_items(kewei_submission)["task"][0].obj
    response = api("kewei").put(f"/api/v1/submissions/{kewei_submission.id}/tasks/{task.id}/",
                                {"progress": "改一下", "version": 0}, format="json")
    assert response.status_code == 400 and response.json() == {"detail": workflow.LOCKED, "code": "refused"}


def test_project_progress_asks_why_a_project_has_not_started(api, putuo):
    project = Project.objects.filter(plan__jurisdiction=putuo.jurisdiction).first()
    filler = User.objects.create(username="jianshe")
    RoleAssignment.objects.create(user=filler, role=Role.FILLER, jurisdiction=putuo.jurisdiction,
                                  unit=project.lead_unit)
    client = api("jianshe")
    submission = client.post(f"/api/v1/campaigns/{putuo.id}/my-submission/").json()
    url = f"/api/v1/submissions/{submission['id']}/projects/{project.id}/"
    refused = client.put(url, {"status": "preparing", "version": 0}, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0] == {"index": None, "field": "not_started_reason",
                                           "detail": "项目尚未开工，须说明未开工原因。"}
    saved = client.put(url, {"status": "under_construction", "completed_investment": "3.5", "progress": "主体施工",
                             "version": 0}, format="json")
    assert saved.status_code == 200 and saved.json()["completed_investment"] == "3.5000"


def test_my_submission_is_for_unit_roles_only(api, putuo, kewei_submission):
    mine = api("kewei").post(f"/api/v1/campaigns/{putuo.id}/my-submission/")
    assert mine.status_code == 200 and mine.json()["id"] == kewei_submission.id
    assert mine.json()["allowed_actions"] == ["submit"]
    from planeval.submissions.access import NO_UNIT

    assert api("fgw").post(f"/api/v1/campaigns/{putuo.id}/my-submission/").json()["detail"] == NO_UNIT
