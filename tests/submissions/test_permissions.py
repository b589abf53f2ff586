"""Every URL of the workspace, board and settings, for every role: who may read, who may write.

The table is checked against the URL configuration, so a new URL without a row fails here.
"""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.campaigns.models import Campaign
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Project, Task
from planeval.submissions import services
from planeval.submissions.access import standing
from planeval.submissions.evidence import evidence_attach
from planeval.submissions.models import Submission

ROLES = ["anonymous", "admin", "fgw", "leader", "kewei", "observer", "jinrong", "security", "auditor"]
# The separated administrators (planeval.accounts.access.access_page): their own pages only.
CONFINED = {"security", "auditor"}
MEMBERS = [r for r in ROLES if r != "anonymous" and r not in CONFINED]
READERS = {"fgw", "leader", "kewei", "observer"}
OVERSEERS = {"admin", "fgw", "leader", "observer"}
DASHBOARD_READERS = {"fgw", "leader", "observer", "kewei", "jinrong"}


@pytest.fixture
def world(demo):
    """Kewei's submission with one evidence file, a notice to 区科委, and 区金融办's filler 'jinrong'."""
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    kewei_unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    jinrong = User.objects.create(username="jinrong")
    RoleAssignment.objects.create(user=jinrong, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                  unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区金融办"))
    submission = services.submission_get_or_create(campaign=campaign, unit=kewei_unit)
    kewei = User.objects.get(username="kewei")
    task = Task.objects.get(plan__jurisdiction=campaign.jurisdiction, number="1", depth=2)
    report = services.task_report_save(submission=submission, who=standing(kewei, submission), task=task, user=kewei,
                                       progress="推进中", rating="", expected_completion="", explanation="",
                                       next_steps="", expected_version=0)
    evidence = evidence_attach(task_report=report, user=kewei,
                               upload=SimpleUploadedFile("材料.pdf", b"%PDF-1.4 test", "application/pdf"))
    notice = services.notice_send(campaign=campaign, unit=kewei_unit, subject="催报", body="请抓紧。",
                                  user=User.objects.get(username="fgw"), who_roles=frozenset({"drc"}))
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from planeval.reports.jobs import ExportJob

    job = ExportJob(campaign=campaign, kind="indicator-table", fmt="xlsx", status="done", progress=100,
                    filename="表.xlsx", requested_by=User.objects.get(username="fgw"), requested_at=timezone.now())
    job.file.save("表.xlsx", ContentFile(b"PK\x03\x04 test"), save=True)
    from planeval.exchange.jobs import ImportJob

    import_job = ImportJob(jurisdiction=campaign.jurisdiction, kind="contacts", filename="联系人.csv", sha256="0" * 64,
                           requested_by=User.objects.get(username="fgw"), requested_at=timezone.now())
    import_job.file.save("x.upload", ContentFile(b"\xef\xbb\xbf\xe5\x8d\x95\xe4\xbd\x8d\n"), save=True)
    indicator4 = Indicator.objects.get(plan__jurisdiction=campaign.jurisdiction, name="重点培育产业税收占比")
    project = Project.objects.filter(plan__jurisdiction=campaign.jurisdiction).first()
    other = services.submission_get_or_create(campaign=campaign, unit=project.lead_unit)
    assignment, review = _regions_world(campaign)
    return {
        "ta": assignment.id, "rv": review.id,
        "c": campaign.id, "u": kewei_unit.id, "s": submission.id, "i": indicator4.id, "t": task.id,
        "e": evidence.id, "n": notice.id, "j": campaign.jurisdiction_id, "os": other.id, "p": project.id,
        "job": job.id, "xlsx": "xlsx", "table": "indicator-table", "ijob": import_job.id,
    }


def _regions_world(campaign):
    """An upper-level task of 上海市 handed to 普陀区, and Putuo's evaluation sent up for review."""
    from planeval.planning.models import Plan
    from planeval.regions.models import TaskAssignment, UpwardReview

    city = campaign.jurisdiction.parent
    plan = Plan.objects.create(jurisdiction=city, kind=Plan.Kind.OUTLINE, name="上海市“十四五”规划纲要（测试）")
    task = Task.objects.create(plan=plan, title="上级任务（测试）", is_upper_level=True)
    assignment = TaskAssignment.objects.create(task=task, jurisdiction=campaign.jurisdiction,
                                               assigned_at=timezone_now())
    review = UpwardReview.objects.create(campaign=campaign, reviewer=city, sent_at=timezone_now())
    return assignment, review


def timezone_now():
    from django.utils import timezone

    return timezone.now()


def client_as(role):
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


# (url name, kwargs keys, method, {role: expected status}); roles not listed expect 403.
MATRIX = [
    # The plan home sends a separated administrator to its own page (audit log, admin).
    ("web:home", {}, "get", {**{r: 200 for r in MEMBERS}, "security": 302, "auditor": 302}),
    ("web:indicators", {"jurisdiction_id": "j"}, "get", {r: 200 for r in MEMBERS}),
    ("web:tasks", {"jurisdiction_id": "j"}, "get", {r: 200 for r in MEMBERS}),
    ("web:plans", {"jurisdiction_id": "j"}, "get", {r: 200 for r in MEMBERS}),
    ("web:indicators_export", {"jurisdiction_id": "j", "fmt": "xlsx"}, "get",
     {r: 200 for r in MEMBERS}),
    ("web:tasks_export", {"jurisdiction_id": "j", "fmt": "csv"}, "get", {r: 200 for r in MEMBERS}),
    ("web:plans_export", {"jurisdiction_id": "j", "fmt": "xlsx"}, "get", {r: 200 for r in MEMBERS}),
    ("submissions:my_work", {"campaign_id": "c"}, "get", {"kewei": 302, "jinrong": 302}),
    ("submissions:board", {"campaign_id": "c"}, "get", {"fgw": 200, "leader": 200, "observer": 200}),
    ("submissions:board_export", {"campaign_id": "c", "fmt": "xlsx"}, "get", {"fgw": 200, "leader": 200, "observer": 200}),
    ("submissions:board_unit", {"campaign_id": "c", "unit_id": "u"}, "get",
     {"fgw": 302, "leader": 302, "observer": 302}),
    ("submissions:notice_new", {"campaign_id": "c", "unit_id": "u"}, "get", {"fgw": 200}),
    ("submissions:notice_read", {"notice_id": "n"}, "post", {"kewei": 302}),
    ("submissions:detail", {"submission_id": "s"}, "get", {r: 200 for r in READERS}),
    ("submissions:work_export", {"submission_id": "s", "fmt": "csv"}, "get", {r: 200 for r in READERS}),
    ("submissions:transition", {"submission_id": "s", "action": "accept"}, "post", {r: 302 for r in READERS}),
    ("submissions:report", {"submission_id": "s"}, "get", {r: 200 for r in READERS}),
    ("submissions:report", {"submission_id": "s"}, "post", {"kewei": 302}),
    ("submissions:contact", {"submission_id": "s"}, "get", {r: 200 for r in READERS}),
    ("submissions:contact", {"submission_id": "s"}, "post", {"kewei": 200}),
    ("submissions:indicator", {"submission_id": "s", "indicator_id": "i"}, "get",
     {**{r: 200 for r in READERS}, "jinrong": 200}),  # 区金融办 co-owns indicator 4
    ("submissions:indicator", {"submission_id": "s", "indicator_id": "i"}, "post", {"kewei": 302}),
    ("submissions:preview", {"submission_id": "s", "indicator_id": "i"}, "post",
     {**{r: 200 for r in READERS}, "jinrong": 200}),
    ("submissions:task", {"submission_id": "s", "task_id": "t"}, "get", {r: 200 for r in READERS}),
    ("submissions:task", {"submission_id": "s", "task_id": "t"}, "post", {"kewei": 302}),
    ("submissions:project", {"submission_id": "os", "project_id": "p"}, "get",
     {"fgw": 200, "leader": 200, "observer": 200}),
    ("submissions:project", {"submission_id": "os", "project_id": "p"}, "post", {}),
    ("submissions:comment", {"submission_id": "s", "item_type": "indicator", "item_id": "i"}, "post",
     {"fgw": 302, "jinrong": 302}),
    ("submissions:evidence", {"evidence_id": "e"}, "get", {r: 200 for r in READERS}),
    ("reports:unit", {"submission_id": "s", "kind": "table", "fmt": "xlsx"}, "get", {r: 200 for r in READERS}),
    ("reports:compiled", {"campaign_id": "c", "kind": "table", "fmt": "xlsx"}, "get",
     {"fgw": 200, "leader": 200, "observer": 200}),
    ("reports:job_start", {"campaign_id": "c", "kind": "table", "fmt": "xlsx"}, "post",
     {"fgw": 302, "leader": 302, "observer": 302}),
    ("reports:job", {"job_id": "job"}, "get", {"fgw": 200}),
    ("reports:job_download", {"job_id": "job"}, "get", {"fgw": 200}),
    # Imports are the DRC's (and the system administrator's); a job is seen only by its uploader.
    ("exchange:start", {"jurisdiction_id": "j"}, "get", {"fgw": 200, "admin": 200}),
    ("exchange:start", {"jurisdiction_id": "j"}, "post", {"fgw": 200, "admin": 200}),
    ("exchange:template", {"jurisdiction_id": "j", "kind": "indicators"}, "get", {"fgw": 200, "admin": 200}),
    ("exchange:job", {"job_id": "ijob"}, "get", {"fgw": 200}),
    ("exchange:commit", {"job_id": "ijob"}, "post", {"fgw": 302}),
    ("campaigns:settings", {"campaign_id": "c"}, "get", {"fgw": 200}),
    ("campaigns:settings", {"campaign_id": "c"}, "post", {"fgw": 400}),
    # The audit log: the audit administrator reads it all, the security administrator its security
    # events; nobody else — the system administrator (admin) included.
    ("audit:events", {}, "get", {"auditor": 200, "security": 200}),
    ("audit:events_export", {"fmt": "xlsx"}, "get", {"auditor": 200, "security": 200}),
    # Dashboards: the jurisdiction roles see the campaign, a unit's filler sees the own unit's figures.
    ("dashboards:overview", {"campaign_id": "c"}, "get", {r: 200 for r in DASHBOARD_READERS}),
    ("dashboards:items", {"campaign_id": "c"}, "get", {r: 200 for r in DASHBOARD_READERS}),
    ("dashboards:items_export", {"campaign_id": "c", "fmt": "csv"}, "get", {r: 200 for r in DASHBOARD_READERS}),
    ("dashboards:tasks", {"campaign_id": "c"}, "get", {r: 200 for r in DASHBOARD_READERS}),
    ("dashboards:projects", {"campaign_id": "c"}, "get", {r: 200 for r in DASHBOARD_READERS}),
    ("dashboards:screen", {"campaign_id": "c"}, "get", {"fgw": 200, "leader": 200, "observer": 200}),
    ("dashboards:indicator", {"indicator_id": "i"}, "get", {r: 200 for r in MEMBERS}),
    ("dashboards:public_settings", {"campaign_id": "c"}, "get", {"fgw": 200}),
    ("dashboards:public_settings", {"campaign_id": "c"}, "post", {"fgw": 302}),
    ("dashboards:public", {"campaign_id": "c"}, "get", {r: 200 for r in ROLES if r not in CONFINED}),   # no login needed
    # Across levels: overseers (DRC, leader, observer) read; only a DRC writes. 普陀区 has no children,
    # so its pages say so; the review of Putuo's evaluation belongs to 上海市, where no demo user sits.
    ("regions:children", {"jurisdiction_id": "j"}, "get", {r: 200 for r in OVERSEERS}),
    ("regions:upper_tasks", {"jurisdiction_id": "j"}, "get", {r: 200 for r in OVERSEERS}),
    ("regions:upper_task_assign", {"jurisdiction_id": "j"}, "post", {"admin": 302, "fgw": 302}),
    ("regions:assigned", {"jurisdiction_id": "j"}, "get", {r: 200 for r in OVERSEERS}),
    ("regions:assignment_report", {"assignment_id": "ta"}, "post", {"admin": 302, "fgw": 302}),
    ("regions:upward", {"campaign_id": "c"}, "get", {r: 200 for r in OVERSEERS}),
    ("regions:upward", {"campaign_id": "c"}, "post", {"admin": 302, "fgw": 302}),
    ("regions:queue", {"jurisdiction_id": "j"}, "get", {r: 200 for r in OVERSEERS}),
    ("regions:decide", {"review_id": "rv"}, "post", {"admin": 302}),
    ("regions:indicators", {"jurisdiction_id": "j"}, "get", {r: 200 for r in MEMBERS}),
    ("regions:peers", {"indicator_id": "i"}, "get", {r: 200 for r in MEMBERS}),
    ("regions:peers", {"indicator_id": "i"}, "post", {"admin": 302, "fgw": 302}),
    ("regions:breakdown", {"indicator_id": "i"}, "get", {r: 200 for r in MEMBERS}),
    ("regions:breakdown", {"indicator_id": "i"}, "post", {"admin": 200, "fgw": 200}),  # refused: re-shown
]

POST_DATA = {
    "submissions:indicator": {"rating": "B", "version": "0"},
    "submissions:task": {"progress": "按计划推进", "rating": "B", "version": "1"},
    "submissions:report": {"section-1.1": "本单位……", "version-1.1": "0"},
    "submissions:comment": {"text": "建议补充数据来源。"},
    "submissions:contact": {"name": ""},
    "regions:assignment_report": {"percent": "50", "progress": "推进中", "version": "1"},
    "regions:peers": {"peer": "长宁区", "year": "2022", "value": "5.5"},
    "regions:decide": {"decision": "accept"},
}


def cases():
    for name, kwargs, method, allowed in MATRIX:
        for role in ROLES:
            expected = allowed.get(role, 302 if role == "anonymous" else 403)
            yield pytest.param(name, kwargs, method, role, expected, id=f"{name}-{method}-{role}")


@pytest.mark.parametrize("name, kwargs, method, role, expected", list(cases()))
def test_permission_matrix(world, name, kwargs, method, role, expected):
    url = reverse(name, kwargs={k: world.get(v, v) for k, v in kwargs.items()})
    client = client_as(role)
    response = client.post(url, POST_DATA.get(name, {})) if method == "post" else client.get(url)
    assert response.status_code == expected, response.content.decode()[:500]
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_transition_by_a_reader_without_the_right_role_changes_nothing(world):
    """Readers may post to the transition URL, but the workflow table refuses them."""
    for role in ("kewei", "leader", "observer"):
        client_as(role).post(reverse("submissions:transition", args=[world["s"], "accept"]))
    assert Submission.objects.get(id=world["s"]).state == "draft"


def test_every_app_url_is_in_the_matrix():
    covered = {name for name, *_ in MATRIX}
    names = set()
    for app in ("web", "submissions", "campaigns", "reports", "exchange", "dashboards", "regions", "audit"):
        resolver = get_resolver()
        names |= {f"{app}:{n}" for n in resolver.namespace_dict[app][1].reverse_dict.keys() if isinstance(n, str)}
    assert names - covered == set()
