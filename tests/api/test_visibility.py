"""Each role reads only its jurisdictions' data and only the submissions the pages would show it."""
import pytest

from planeval.accounts.access import NO_ACCESS_TO_JURISDICTION
from planeval.accounts.models import User
from planeval.organizations.models import Jurisdiction
from planeval.planning.models import Plan, Task
from planeval.submissions import access
from planeval.submissions.models import Submission

from tests.factories import TaskFactory

from .conftest import ROLES


def names(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["name"] for row in response.json()["results"]]


def test_kewei_sees_putuo_only_and_admin_sees_every_jurisdiction(api):
    assert names(api("kewei").get("/api/v1/jurisdictions/")) == ["普陀区"]
    everything = names(api("admin").get("/api/v1/jurisdictions/?page_size=200"))
    assert {"普陀区", "红桥区", "融水苗族自治县", "鄂尔多斯市"} <= set(everything)


@pytest.mark.parametrize("role", ["kewei", "fgw", "leader", "observer"])
def test_putuo_roles_cannot_read_hongqiao(api, role):
    hongqiao = Jurisdiction.objects.get(name="红桥区")
    plan = Plan.objects.filter(jurisdiction=hongqiao).first()
    client = api(role)
    denied = client.get(f"/api/v1/jurisdictions/{hongqiao.id}/")
    assert denied.status_code == 403
    assert denied.json() == {"detail": NO_ACCESS_TO_JURISDICTION, "code": "permission_denied"}
    assert client.get(f"/api/v1/plans/{plan.id}/").json()["detail"] == NO_ACCESS_TO_JURISDICTION
    assert client.get(f"/api/v1/plans/?jurisdiction={hongqiao.id}").json()["count"] == 0
    assert api("admin").get(f"/api/v1/plans/?jurisdiction={hongqiao.id}").json()["count"] > 0


def test_lists_hold_nothing_from_another_jurisdiction(api):
    putuo = Jurisdiction.objects.get(name="普陀区")
    client = api("kewei")
    plans = client.get("/api/v1/plans/?page_size=200").json()["results"]
    assert plans and {p["jurisdiction"] for p in plans} == {putuo.id}
    tasks = client.get("/api/v1/tasks/?page_size=200").json()
    assert tasks["count"] == Task.objects.filter(plan__jurisdiction=putuo).count()


def test_filters_by_plan_unit_and_campaign(api, putuo):
    client = api("fgw")
    kewei_unit = client.get(f"/api/v1/units/?jurisdiction={putuo.jurisdiction_id}&page_size=200").json()["results"]
    unit_id = next(u["id"] for u in kewei_unit if u["name"] == "区科委")
    indicators = client.get(f"/api/v1/indicators/?unit={unit_id}&campaign={putuo.id}").json()["results"]
    assert "新增高新技术企业数" in [i["name"] for i in indicators]
    assert {i["lead_unit"] for i in indicators} == {unit_id}
    outline = Plan.objects.get(jurisdiction=putuo.jurisdiction, kind="outline")
    assert client.get(f"/api/v1/indicators/?plan={outline.id}").json()["count"] == outline.indicators.count()
    bad = client.get("/api/v1/indicators/?plan=abc")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "plan"


def test_indicators_carry_the_parsed_target_and_the_latest_assessment(api, putuo):
    rows = api("observer").get(f"/api/v1/indicators/?campaign={putuo.id}&page_size=200").json()["results"]
    growth = next(r for r in rows if r["name"] == "新增高新技术企业数")
    assert growth["target"]["kind"] == growth["target_kind"] and growth["target"]["raw"] == growth["target_text"]
    assert growth["latest_assessment"]["campaign"] == putuo.id
    assert growth["latest_assessment"]["suggestion"] in "ABCD"


def test_the_submission_list_matches_what_each_role_may_open(demo, kewei_submission):
    """visible_submissions (lists) and standing (one submission) are the same rule: compare them everywhere."""
    users = list(User.objects.filter(username__in=ROLES))
    users += list(User.objects.filter(username__startswith="sample-")[:3])
    submissions = list(Submission.objects.select_related("campaign__jurisdiction__parent__parent"))
    for user in users:
        visible = set(access.visible_submissions(user).values_list("id", flat=True))
        assert visible == {s.id for s in submissions if access.standing(user, s).can_read}, user.username


def test_kewei_sees_its_own_submission_only(api, kewei_submission):
    client = api("kewei")
    assert [s["unit_name"] for s in client.get("/api/v1/submissions/").json()["results"]] == ["区科委"]
    other = Submission.objects.exclude(pk=kewei_submission.pk).first()
    denied = client.get(f"/api/v1/submissions/{other.id}/")
    assert denied.status_code == 403 and denied.json()["detail"] == access.NO_ACCESS
    fgw_list = api("fgw").get("/api/v1/submissions/?page_size=200").json()
    assert fgw_list["count"] == Submission.objects.filter(campaign__jurisdiction__name="普陀区").count()


def test_admin_reads_planning_data_but_no_units_report(api, kewei_submission):
    """As on the pages: the system administrator holds no workflow role over a unit's report."""
    client = api("admin")
    assert client.get("/api/v1/submissions/").json()["count"] == 0
    assert client.get(f"/api/v1/submissions/{kewei_submission.id}/").status_code == 403


def test_pagination_is_bounded(api):
    outline = Plan.objects.get(jurisdiction__name="普陀区", kind="outline")
    TaskFactory.create_batch(250 - Task.objects.count(), plan=outline)
    client = api("admin")
    page = client.get("/api/v1/tasks/?page_size=100000").json()
    assert len(page["results"]) == 200 and page["next"]
    missing = client.get("/api/v1/tasks/?page=9999")
    assert missing.status_code == 404 and missing.json()["detail"] == "页码无效或超出范围。"
