"""Separated administrators (三权分立) and the Django admin's changes in the audit log."""
import io

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from planeval.accounts.access import NO_AUDIT_ACCESS, NOT_YOUR_DUTY
from planeval.accounts.models import Role, RoleAssignment, User
from planeval.audit.actions import Action, Outcome
from planeval.audit.admin_log import AuditedAdminMixin
from planeval.audit.forms import BAD_RANGE
from planeval.audit.models import AuditEvent
from planeval.audit.services import audit_record
from planeval.organizations.models import Jurisdiction, Unit, UnitAlias

ADDRESS = "10.20.30.41"


def client_for(username: str) -> Client:
    client = Client(REMOTE_ADDR=ADDRESS)
    client.force_login(User.objects.get(username=username))
    return client


def head() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def events_after(mark: int, action: str):
    return list(AuditEvent.objects.filter(id__gt=mark, action=action).order_by("id"))


@pytest.fixture
def putuo(demo):
    return Jurisdiction.objects.get(name="普陀区")


# --- the Django admin's changes -------------------------------------------------------------------------

def test_every_registered_admin_writes_audit_events():
    assert [m._meta.label for m, a in admin.site._registry.items() if not isinstance(a, AuditedAdminMixin)] == []


def test_a_role_given_in_the_admin_is_a_role_change(putuo):
    observer = User.objects.get(username="observer")
    mark = head()
    response = client_for("security").post(reverse("admin:accounts_roleassignment_add"), {
        "user": observer.id, "role": Role.LEADER, "jurisdiction": putuo.id, "unit": "", "note": "代管"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = RoleAssignment.objects.get(user=observer, role=Role.LEADER)
    (given,) = events_after(mark, Action.ROLE_CHANGE)
    assert (given.username, given.address, given.target_type, given.target_id) == (
        "security", ADDRESS, "accounts.roleassignment", str(assignment.id))
    assert given.detail["verb"] == "add"

    mark = head()
    response = client_for("security").post(reverse("admin:accounts_roleassignment_change", args=[assignment.id]), {
        "user": observer.id, "role": Role.LEADER, "jurisdiction": putuo.id, "unit": "", "note": "代管至年底"})
    assert response.status_code == 302
    (changed,) = events_after(mark, Action.ROLE_CHANGE)
    assert changed.detail["verb"] == "change" and changed.detail["changes"] == {"note": ["代管", "代管至年底"]}

    mark = head()
    client_for("security").post(reverse("admin:accounts_roleassignment_delete", args=[assignment.id]), {"post": "yes"})
    assert not RoleAssignment.objects.filter(id=assignment.id).exists()
    (taken,) = events_after(mark, Action.ROLE_CHANGE)
    assert taken.detail["verb"] == "delete" and taken.target_id == str(assignment.id)


def test_an_account_created_in_the_admin_is_a_user_change(demo):
    mark = head()
    password = "Qz7!mVr3#tL9wXc4-long"
    response = client_for("security").post(reverse("admin:accounts_user_add"), {
        "username": "newcomer", "password1": password, "password2": password, "usable_password": "true",
        "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0"})
    assert response.status_code == 302, response.content.decode()[:3000]
    (created,) = events_after(mark, Action.USER_CHANGE)
    assert created.username == "security" and created.target_repr == "newcomer"
    assert password not in str(created.detail)


def test_any_other_admin_change_is_an_admin_change(putuo):
    alias = UnitAlias.objects.create(jurisdiction=putuo, unit=Unit.objects.get(jurisdiction=putuo, name="区科委"),
                                     alias="区科学技术委员会")
    mark = head()
    client_for("admin").post(reverse("admin:organizations_unitalias_delete", args=[alias.id]), {"post": "yes"})
    (deleted,) = events_after(mark, Action.ADMIN_CHANGE)
    assert (deleted.username, deleted.target_type, deleted.detail["verb"]) == ("admin", "organizations.unitalias", "delete")


# --- who reads the audit log ------------------------------------------------------------------------------

def test_the_audit_admin_reads_everything_and_filters(demo):
    audit_record(action=Action.LOGIN_FAILED, username="probe-7", outcome=Outcome.FAILURE)
    audit_record(action=Action.VALUE_CHANGE, user=User.objects.get(username="kewei"), detail={"old": "1", "new": "2"})
    client = client_for("auditor")
    page = client.get(reverse("audit:events")).content.decode()
    assert "probe-7" in page and "数据修改" in page and "登录失败" in page
    filtered = client.get(reverse("audit:events"), {"action": Action.LOGIN_FAILED, "username": "probe"}).content.decode()
    assert "probe-7" in filtered and "数据修改</td>" not in filtered
    refused = client.get(reverse("audit:events"), {"start": "2030-01-02", "end": "2030-01-01"}).content.decode()
    assert BAD_RANGE in refused


def test_the_audit_export_holds_the_filtered_events(demo):
    from openpyxl import load_workbook

    for n in range(3):
        audit_record(action=Action.LOGIN_FAILED, username=f"export-probe-{n}", outcome=Outcome.FAILURE)
    response = client_for("auditor").get(reverse("audit:events_export", args=["xlsx"]), {"username": "export-probe"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "时间", "用户名", "地址", "事件")
    assert sorted(r[2] for r in rows[1:]) == ["export-probe-0", "export-probe-1", "export-probe-2"]
    assert events_after(head() - 1, Action.EXPORT)[0].username == "auditor"  # the export itself is audited


def test_the_security_admin_reads_security_events_only(demo):
    audit_record(action=Action.LOGIN_FAILED, username="probe-8", outcome=Outcome.FAILURE)
    audit_record(action=Action.VALUE_CHANGE, username="probe-9", detail={"old": "1", "new": "2"})
    page = client_for("security").get(reverse("audit:events")).content.decode()
    assert "probe-8" in page and "probe-9" not in page
    admin_page = client_for("security").get(reverse("admin:audit_auditevent_changelist")).content.decode()
    assert "probe-8" in admin_page and "probe-9" not in admin_page


def test_the_system_admin_cannot_read_the_audit_log(demo):
    client = client_for("admin")
    response = client.get(reverse("audit:events"))
    assert response.status_code == 403 and NO_AUDIT_ACCESS in response.content.decode()
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 403
    assert "审计记录" not in client.get(reverse("admin:index")).content.decode()


# --- each administrator confined to its duty ------------------------------------------------------------------

def test_the_audit_admin_gets_403_everywhere_else(putuo):
    client = client_for("auditor")
    assert client.get(reverse("web:home"))["Location"] == reverse("audit:events")
    for url in (reverse("web:indicators", args=[putuo.id]), reverse("admin:index"), "/api/v1/jurisdictions/",
                reverse("admin:accounts_user_changelist")):
        response = client.get(url)
        assert response.status_code == 403, url
    page = client.get(reverse("web:plans", args=[putuo.id])).content.decode()
    assert NOT_YOUR_DUTY.format(role="审计管理员") in page


def test_the_audit_admin_cannot_add_change_or_delete_anything(putuo):
    client = client_for("auditor")
    event = audit_record(action=Action.LOGIN_FAILED, username="probe", outcome=Outcome.FAILURE)
    before = (RoleAssignment.objects.count(), AuditEvent.objects.get(id=event.id).hash)
    attempts = [
        (reverse("admin:accounts_roleassignment_add"), {"user": 1, "role": Role.DRC, "jurisdiction": putuo.id}),
        (reverse("admin:audit_auditevent_delete", args=[event.id]), {"post": "yes"}),
        (reverse("admin:audit_auditevent_change", args=[event.id]), {"username": "x"}),
        ("/api/v1/values/", {}),
        (reverse("audit:events"), {"id": event.id, "username": "x"}),  # read-only pages refuse POST (405)
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code in (403, 405), url
    assert (RoleAssignment.objects.count(), AuditEvent.objects.get(id=event.id).hash) == before


def test_the_security_admin_manages_accounts_and_lockouts_but_no_plan_data(putuo):
    client = client_for("security")
    assert client.get(reverse("web:home"))["Location"] == reverse("admin:index")
    for name in ("admin:accounts_user_changelist", "admin:accounts_roleassignment_changelist",
                 "admin:axes_accessattempt_changelist"):
        assert client.get(reverse(name)).status_code == 200, name
    for url in (reverse("admin:planning_indicator_changelist"), reverse("admin:monitoring_observation_changelist"),
                reverse("web:indicators", args=[putuo.id]), "/api/v1/jurisdictions/"):
        assert client.get(url).status_code == 403, url


def test_nobody_changes_an_audit_event_in_the_admin(demo):
    event = audit_record(action=Action.LOGIN_FAILED, username="probe", outcome=Outcome.FAILURE)
    for username in ("admin", "security", "auditor"):
        client = client_for(username)
        assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
        assert client.post(reverse("admin:audit_auditevent_change", args=[event.id]),
                           {"username": "x"}).status_code in (302, 403)
        assert client.post(reverse("admin:audit_auditevent_delete", args=[event.id]), {"post": "yes"}).status_code == 403
    stored = AuditEvent.objects.get(id=event.id)
    assert (stored.username, stored.hash) == ("probe", event.hash)
