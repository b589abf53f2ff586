"""Each audited action, performed as a user would, leaves one event: who, from where, on what, outcome."""
from django.conf import settings
from django.test import Client
from django.urls import reverse

from planeval.accounts.models import User
from planeval.audit.actions import Action, Outcome
from planeval.audit.models import AuditEvent
from planeval.audit.selectors import audit_chain_verify

ADDRESS = "10.20.30.40"


def events_after(mark: int, action: str | None = None):
    events = AuditEvent.objects.filter(id__gt=mark).order_by("id")
    return list(events.filter(action=action) if action else events)


def head() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def client_for(username: str) -> Client:
    client = Client(REMOTE_ADDR=ADDRESS)
    client.force_login(User.objects.get(username=username))
    return client


def login(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


# --- authentication ---------------------------------------------------------------------------------

def test_login_and_logout_are_recorded(demo, demo_mode):
    mark, client = head(), Client(REMOTE_ADDR=ADDRESS)
    assert login(client, "kewei", settings.DEMO_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    (logged_in,) = events_after(mark, Action.LOGIN)
    (logged_out,) = events_after(mark, Action.LOGOUT)
    kewei = User.objects.get(username="kewei")
    for event in (logged_in, logged_out):
        assert (event.user_id, event.username, event.address, event.outcome) == (
            kewei.id, "kewei", ADDRESS, Outcome.SUCCESS)
        assert (event.target_type, event.target_id) == ("accounts.user", str(kewei.id))


def test_failed_logins_are_recorded_with_the_attempted_name(demo, demo_mode):
    mark, client = head(), Client(REMOTE_ADDR=ADDRESS)
    assert login(client, "kewei", "wrong-password-123").status_code == 200
    assert login(client, "no-such-user", "wrong-password-123").status_code == 200
    failures = events_after(mark, Action.LOGIN_FAILED)
    assert [(e.username, e.user_id, e.address, e.outcome) for e in failures] == [
        ("kewei", None, ADDRESS, Outcome.FAILURE), ("no-such-user", None, ADDRESS, Outcome.FAILURE)]
    assert all("wrong-password" not in str(e.detail) for e in failures)


def test_a_lockout_is_recorded(demo, demo_mode):
    mark, client = head(), Client(REMOTE_ADDR="10.9.9.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "leader", "wrong-password-123")
    (locked,) = events_after(mark, Action.LOCKOUT)
    assert (locked.username, locked.address, locked.outcome) == ("leader", "10.9.9.9", Outcome.DENIED)
    # Each further attempt while locked out is refused and recorded again — even the right password.
    login(client, "leader", settings.DEMO_PASSWORD)
    assert len(events_after(mark, Action.LOCKOUT)) == 2 and events_after(mark, Action.LOGIN) == []


# --- refusals ------------------------------------------------------------------------------------------

def test_a_refused_page_is_recorded_with_path_and_reason(demo):
    from planeval.campaigns.models import Campaign

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    mark, url = head(), reverse("submissions:board", args=[campaign.id])
    assert client_for("kewei").get(url).status_code == 403
    (denied,) = events_after(mark, Action.ACCESS_DENIED)
    assert (denied.username, denied.address, denied.outcome) == ("kewei", ADDRESS, Outcome.DENIED)
    assert denied.detail["path"] == url and denied.detail["method"] == "GET" and denied.detail["reason"]


def test_a_refused_api_call_is_recorded(demo):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=User.objects.get(username="auditor"))
    mark = head()
    response = Client(REMOTE_ADDR=ADDRESS).get("/api/v1/jurisdictions/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 403
    (denied,) = events_after(mark, Action.ACCESS_DENIED)
    assert (denied.username, denied.address) == ("auditor", ADDRESS)
    assert denied.detail["path"] == "/api/v1/jurisdictions/" and "审计管理员" in denied.detail["reason"]


# --- value changes and transitions -----------------------------------------------------------------------

def _kewei_submission(client):
    from planeval.campaigns.models import Campaign
    from planeval.submissions.models import Submission

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    client.get(reverse("submissions:my_work", args=[campaign.id]))
    return Submission.objects.get(campaign=campaign, unit__name="区科委")


def test_a_saved_value_and_judgement_record_old_and_new(demo):
    from planeval.monitoring.models import Observation
    from planeval.planning.models import Indicator

    client = client_for("kewei")
    submission = _kewei_submission(client)
    indicator = Indicator.objects.get(plan__jurisdiction__name="普陀区", name="新增高新技术企业数")
    stored = Observation.objects.get(indicator=indicator, year=2022, kind="actual")
    mark = head()
    response = client.post(reverse("submissions:indicator", args=[submission.id, indicator.id]), {
        "rating": "C", "explanation": "受外部环境影响。", "recovery_measures": "开展专项行动。",
        "adjustment_before": "", "adjustment_after": "", "adjustment_reason": "", "adjustment_basis": "",
        "version": "0", "v-2022-value": "35", "v-2022-kind": "actual", "v-2022-source": "区科委统计",
        "v-2022-version": str(stored.version),
    })
    assert response.status_code == 302, response.content.decode()[:1000]
    changes = events_after(mark, Action.VALUE_CHANGE)
    value = next(e for e in changes if e.target_type == "monitoring.observation")
    assert (value.username, value.address, value.target_id) == ("kewei", ADDRESS, str(stored.id))
    assert value.detail["old"] == str(stored.value) and value.detail["new"].startswith("35")
    judgement = next(e for e in changes if e.target_type == "submissions.indicatorreport")
    assert judgement.detail["changes"]["rating"] == ["", "C"] and judgement.detail["submission_id"] == submission.id
    assert audit_chain_verify().ok


def test_a_workflow_step_records_from_and_to(demo):
    from planeval.submissions.models import Submission

    client = client_for("fgw")
    submission = _kewei_submission(client_for("kewei"))
    # Submitting needs every item judged (tests/submissions); start from 已提交 and let the DRC return it.
    Submission.objects.filter(pk=submission.pk).update(state="submitted")
    mark = head()
    client.post(reverse("submissions:transition", args=[submission.id, "return"]), {"comment": "请补充数据来源。"})
    (step,) = events_after(mark, Action.TRANSITION)
    assert (step.username, step.address, step.target_type, step.target_id) == (
        "fgw", ADDRESS, "submissions.submission", str(submission.id))
    assert step.detail == {"action": "return", "from": "submitted", "to": "returned", "comment": "请补充数据来源。"}


def test_a_refused_step_leaves_no_transition_event(demo):
    submission = _kewei_submission(client_for("kewei"))
    mark = head()
    client_for("fgw").post(reverse("submissions:transition", args=[submission.id, "accept"]), {})
    assert events_after(mark, Action.TRANSITION) == []


# --- imports and exports ---------------------------------------------------------------------------------

def test_an_import_commit_is_recorded_and_a_preview_is_not(demo, settings, django_capture_on_commit_callbacks):
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    from planeval.exchange.jobs import ImportJob
    from planeval.organizations.models import Jurisdiction
    from tests.exchange.workbooks import table

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    putuo = Jurisdiction.objects.get(name="普陀区")
    content = table(["单位", "姓名", "职务", "科室", "联系电话", "电子邮箱"],
                    [["区金融办", "李华", "副主任", "", "021-52560001", ""]])
    client = client_for("fgw")
    mark = head()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange:start", args=[putuo.id]),
                    {"kind": "contacts", "plan": "", "file": SimpleUploadedFile("联系人.xlsx", content)})
    assert events_after(mark, Action.IMPORT) == []  # the preview is rolled back, its event with it
    job = ImportJob.objects.get(filename="联系人.xlsx")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange:commit", args=[job.id]))
    (imported,) = events_after(mark, Action.IMPORT)
    assert imported.username == "fgw" and imported.outcome == Outcome.SUCCESS
    assert imported.detail["kind"] == "contacts" and imported.detail["file"] == "联系人.xlsx"
    assert imported.detail["sha256"] == hashlib.sha256(content).hexdigest() and imported.detail["created"] == 1


def test_a_list_download_is_recorded_with_its_row_count(demo):
    from planeval.organizations.models import Jurisdiction

    putuo = Jurisdiction.objects.get(name="普陀区")
    mark = head()
    response = client_for("fgw").get(reverse("web:plans_export", args=[putuo.id, "csv"]))
    assert response.status_code == 200
    (exported,) = events_after(mark, Action.EXPORT)
    rows = response.content.decode("utf-8-sig").strip().count("\n")  # header line excluded
    assert (exported.username, exported.address) == ("fgw", ADDRESS)
    assert exported.detail["rows"] == rows and exported.detail["file"].endswith(".csv")


def test_a_report_download_is_recorded(demo):
    submission = _kewei_submission(client_for("kewei"))
    mark = head()
    response = client_for("kewei").get(reverse("reports:unit", args=[submission.id, "indicator-table", "xlsx"]))
    assert response.status_code == 200
    (exported,) = events_after(mark, Action.EXPORT)
    assert exported.username == "kewei" and exported.detail["file"].endswith(".xlsx")


# --- settings, roles, users -------------------------------------------------------------------------------

def test_campaign_settings_change_is_recorded(demo):
    from planeval.campaigns.models import Campaign
    from planeval.dashboards.services import publication_save

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    mark = head()
    from planeval.planning.models import Indicator

    publication_save(campaign=campaign, user=User.objects.get(username="fgw"), is_drc=True,
                     figures={"warnings"}, indicator_ids=set(), allowed_indicators=Indicator.objects.none())
    (changed,) = events_after(mark, Action.SETTING_CHANGE)
    assert changed.detail["setting"] == "public" and changed.target_id == str(campaign.id)


def test_campaign_settings_saved_on_their_page_are_recorded(demo):
    from planeval.campaigns.models import Campaign

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    url = reverse("campaigns:settings", args=[campaign.id])
    client = client_for("fgw")
    form = client.get(url).context["form"]
    data = {name: (form.initial.get(name, field.initial) or "") for name, field in form.fields.items()}
    data.update({"annual_cutoff": "2022-12-31", "monthly_cutoff": "2023-06-30", "task_cutoff": "2023-06-30",
                 "framework_key": "putuo_four_part", "t_slow": "0.5",
                 "phase-TOTAL_FORMS": "0", "phase-INITIAL_FORMS": "0",
                 "deadline-TOTAL_FORMS": "0", "deadline-INITIAL_FORMS": "0"})
    old_slow = campaign.thresholds.get("slow")
    mark = head()
    assert client.post(url, data).status_code == 302
    changes = {e.detail["setting"]: e for e in events_after(mark, Action.SETTING_CHANGE)}
    thresholds = changes["thresholds"]
    assert (thresholds.username, thresholds.address, thresholds.target_id) == ("fgw", ADDRESS, str(campaign.id))
    assert '"slow": 0.5' in thresholds.detail["new"] and (old_slow is None or f'"slow": {old_slow}' in thresholds.detail["old"])


def test_a_peer_value_entered_on_its_page_is_recorded(demo):
    from planeval.planning.models import Indicator

    indicator = Indicator.objects.filter(plan__jurisdiction__name="普陀区", plan__kind="outline").first()
    client, url = client_for("fgw"), reverse("regions:peers", args=[indicator.id])
    mark = head()
    client.post(url, {"peer": "长宁区", "year": "2022", "value": "5.5"})
    client.post(url, {"peer": "长宁区", "year": "2022", "value": "6.5"})
    first, second = events_after(mark, Action.VALUE_CHANGE)
    assert (first.target_type, first.detail["old"], first.detail["new"]) == ("regions.peervalue", None, "5.5")
    assert (second.detail["old"], second.detail["new"], second.address) == ("5.500000", "6.5", ADDRESS)


def test_the_upward_review_sent_on_its_page_is_a_transition(demo):
    from planeval.campaigns.models import Campaign

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    mark = head()
    client_for("fgw").post(reverse("regions:upward", args=[campaign.id]), {"comment": "请审查。"})
    (sent,) = events_after(mark, Action.TRANSITION)
    assert (sent.username, sent.target_type) == ("fgw", "regions.upwardreview")
    assert sent.detail == {"action": "send", "from": "", "to": "sent", "comment": "请审查。"}
