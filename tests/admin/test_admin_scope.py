"""The admin keeps the application's rule: a DRC's staff account reaches only its own government.

The demo's DRC (fgw) runs 普陀区; 红桥区, 融水 and 鄂尔多斯 are other governments on the same
deployment. The system administrator (a superuser) reaches all of them.
"""
import pytest
from django.urls import reverse

from planeval.campaigns.models import Campaign
from planeval.monitoring.models import Observation
from planeval.organizations.models import Jurisdiction, Unit
from planeval.planning.models import Indicator, Plan


@pytest.fixture
def putuo(demo):
    return Jurisdiction.objects.get(name="普陀区")


@pytest.fixture
def hongqiao(demo):
    return Jurisdiction.objects.get(name="红桥区")


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _change(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("model", [Plan, Indicator, Unit, Campaign, Observation], ids=lambda m: m.__name__)
def test_the_drc_lists_only_its_own_government(as_user, putuo, model):
    path = {Plan: "jurisdiction", Unit: "jurisdiction", Campaign: "jurisdiction",
            Indicator: "plan__jurisdiction", Observation: "indicator__plan__jurisdiction"}[model]
    own = model.objects.filter(**{path: putuo}).count()
    assert own and model.objects.exclude(**{path: putuo}).exists()
    response = as_user("fgw").get(_changelist(model))
    assert response.status_code == 200
    assert response.context["cl"].result_count == own
    assert response.context["cl"].full_result_count == own


def test_the_drc_cannot_open_another_governments_indicator(as_user, putuo):
    indicator = Indicator.objects.exclude(plan__jurisdiction=putuo).first()
    client = as_user("fgw")
    response = client.get(_change(indicator))
    # Django's admin answers an object outside the queryset as if it did not exist.
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "不存在" in page.content.decode()


def test_the_drc_cannot_change_another_governments_indicator_by_posting(as_user, putuo):
    indicator = Indicator.objects.exclude(plan__jurisdiction=putuo).first()
    before = (indicator.name, indicator.version)
    as_user("fgw").post(_change(indicator), {"name": "改名"})
    indicator.refresh_from_db()
    assert (indicator.name, indicator.version) == before


def test_the_drc_cannot_file_a_plan_under_another_government(as_user, putuo, hongqiao):
    count = Plan.objects.count()
    response = as_user("fgw").post(reverse("admin:planning_plan_add"), {
        "jurisdiction": hongqiao.id, "kind": "special", "number": "99", "name": "越权规划",
        "start_year": 2021, "end_year": 2025,
    })
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert Plan.objects.count() == count


def test_the_plan_form_offers_only_the_drcs_jurisdictions(as_user, putuo, hongqiao):
    form = as_user("fgw").get(reverse("admin:planning_plan_add")).context["adminform"].form
    offered = set(form.fields["jurisdiction"].queryset.values_list("name", flat=True))
    assert "普陀区" in offered and "红桥区" not in offered


def test_unit_autocomplete_offers_only_the_drcs_units(as_user, putuo):
    def offered(username, term):
        url = reverse("admin:autocomplete") + f"?app_label=planning&model_name=indicator&field_name=lead_unit&term={term}"
        return {int(row["id"]) for row in as_user(username).get(url).json()["results"]}

    own = set(Unit.objects.filter(jurisdiction=putuo).values_list("id", flat=True))
    assert offered("fgw", "区科委") <= own and offered("fgw", "区科委")
    # 区发展改革委 is 红桥区's; Putuo's is called 区发改委.
    assert offered("admin", "发展改革委") and not offered("fgw", "发展改革委")


def test_the_system_administrator_reaches_every_government(as_user):
    response = as_user("admin").get(_changelist(Jurisdiction))
    assert response.context["cl"].result_count == Jurisdiction.objects.count()


def test_a_stale_admin_form_is_refused_and_the_other_change_kept(as_user, putuo):
    """Two DRC staff open the same plan; the one who saves second is told, and nothing of theirs lands."""
    plan = Plan.objects.filter(jurisdiction=putuo, kind="special").first()
    first, second = as_user("fgw"), as_user("admin")
    form = second.get(_change(plan)).context["adminform"].form
    loaded = second.get(_change(plan)).content.decode()
    digest = loaded.split('name="_loaded_fingerprint" value="')[1].split('"')[0]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()
            if name in form.fields and not isinstance(value, list)}

    ok = first.post(_change(plan), {**data, "name": "第一人的修改", "_loaded_fingerprint": digest})
    assert ok.status_code == 302
    stale = second.post(_change(plan), {**data, "name": "第二人的修改", "_loaded_fingerprint": digest})
    assert stale.status_code == 200
    assert "已被他人修改" in stale.content.decode()
    plan.refresh_from_db()
    assert plan.name == "第一人的修改"
    # Re-opened, the page carries the new digest and the save goes through.
    fresh = second.get(_change(plan)).content.decode().split('name="_loaded_fingerprint" value="')[1].split('"')[0]
    assert second.post(_change(plan), {**data, "name": "第二人的修改", "_loaded_fingerprint": fresh}).status_code == 302
    plan.refresh_from_db()
    assert plan.name == "第二人的修改"
