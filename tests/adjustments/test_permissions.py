"""Every URL of the adjustments namespace for every demo role (anonymous included).

The table is checked against the URL configuration, so a new URL without a row fails here.
"""
import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.adjustments import services
from planeval.adjustments.models import Adjustment
from planeval.campaigns.models import Campaign
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Plan
from planeval.submissions import services as submission_services

ROLES = ["anonymous", "admin", "fgw", "leader", "kewei", "observer", "jinrong", "security", "auditor"]
JURISDICTION = {"admin", "fgw", "leader", "kewei", "observer", "jinrong"}
READERS = {"admin", "fgw", "leader", "observer", "kewei"}      # of kewei's proposal


@pytest.fixture
def world(demo):
    """Kewei's draft proposal on 新增高新技术企业数, and 区金融办's filler 'jinrong'."""
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    jinrong = User.objects.create(username="jinrong")
    RoleAssignment.objects.create(user=jinrong, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                  unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区金融办"))
    kewei = User.objects.get(username="kewei")
    indicator = Indicator.objects.get(plan__jurisdiction=campaign.jurisdiction, parent=None, name="新增高新技术企业数")
    other = Indicator.objects.get(plan__jurisdiction=campaign.jurisdiction, parent=None, name="重点培育产业税收占比")
    adjustment = services.adjustment_draft(campaign=campaign, user=kewei, unit=unit, item_type="indicator",
                                           item=indicator, kind="target", after="累计 120", reason="理由", basis="依据")
    submission = submission_services.submission_get_or_create(campaign=campaign, unit=unit)
    return {"c": campaign.id, "i": indicator.id, "i2": other.id, "a": adjustment.id, "s": submission.id,
            "plan": campaign.plans.get(kind=Plan.Kind.OUTLINE).id}


def client_as(role):
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def post_data(name, world):
    return {
        "adjustments:new": {"kind": "target", "after": "45", "reason": "理由", "basis": "依据"},
        "adjustments:new_item": {"item_type": "task", "plan": world["plan"], "after": "新增任务", "reason": "理由"},
        "adjustments:settings": {"outline_to_congress": "on", "version": 1},
        "adjustments:edit": {"kind": "target", "after": "累计 125", "reason": "理由", "basis": "依据", "version": 1},
        "adjustments:transition": {"version": 1},
    }.get(name, {})


# (url name, kwargs, method, {role: expected status}); roles not listed expect 403 (anonymous: 302 to login).
MATRIX = [
    ("adjustments:list", {"campaign_id": "c"}, "get", {r: 200 for r in JURISDICTION}),
    ("adjustments:new", {"campaign_id": "c", "item_type": "indicator", "item_id": "i2"}, "get", {"kewei": 200}),
    ("adjustments:new", {"campaign_id": "c", "item_type": "indicator", "item_id": "i2"}, "post", {"kewei": 302}),
    ("adjustments:new_item", {"campaign_id": "c"}, "get", {"kewei": 200, "jinrong": 200}),
    ("adjustments:new_item", {"campaign_id": "c"}, "post", {"kewei": 302, "jinrong": 302}),
    ("adjustments:settings", {"campaign_id": "c"}, "post", {"fgw": 302}),
    ("adjustments:from_report", {"submission_id": "s", "indicator_id": "i"}, "post", {"kewei": 302}),
    ("adjustments:detail", {"adjustment_id": "a"}, "get", {r: 200 for r in READERS}),
    ("adjustments:edit", {"adjustment_id": "a"}, "post", {"kewei": 302}),
    # Readers may post; the route table refuses the wrong role with a message (nothing changes).
    ("adjustments:transition", {"adjustment_id": "a", "action": "submit"}, "post", {r: 302 for r in READERS}),
    ("adjustments:history", {"item_type": "indicator", "item_id": "i"}, "get", {r: 200 for r in JURISDICTION}),
]


def cases():
    for name, kwargs, method, allowed in MATRIX:
        for role in ROLES:
            expected = allowed.get(role, 302 if role == "anonymous" else 403)
            yield pytest.param(name, kwargs, method, role, expected, id=f"{name}-{method}-{role}")


@pytest.mark.parametrize("name, kwargs, method, role, expected", list(cases()))
def test_permission_matrix(world, name, kwargs, method, role, expected):
    url = reverse(name, kwargs={k: world.get(v, v) for k, v in kwargs.items()})
    client = client_as(role)
    response = client.post(url, post_data(name, world)) if method == "post" else client.get(url)
    assert response.status_code == expected, response.content.decode()[:500]
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_only_the_unit_moves_its_draft(world):
    for role in ("admin", "fgw", "leader", "observer"):
        client_as(role).post(reverse("adjustments:transition", args=[world["a"], "submit"]), {"version": 1})
    assert Adjustment.objects.get(id=world["a"]).state == "draft"
    client_as("kewei").post(reverse("adjustments:transition", args=[world["a"], "submit"]), {"version": 1})
    assert Adjustment.objects.get(id=world["a"]).state == "submitted"


def test_every_adjustments_url_is_in_the_matrix():
    covered = {name for name, *_ in MATRIX}
    resolver = get_resolver()
    names = {f"adjustments:{n}" for n in resolver.namespace_dict["adjustments"][1].reverse_dict.keys()
             if isinstance(n, str)}
    assert names - covered == set()
