"""Every URL of the specialplans namespace for every demo role (anonymous included).

The table is checked against the URL configuration, so a new URL without a row fails here.
"""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.organizations.models import Unit
from planeval.specialplans.models import SpecialPlanEvaluation, Step

from .conftest import PLAN, step

ROLES = ["anonymous", "admin", "fgw", "leader", "kewei", "observer", "jinrong", "security", "auditor"]
JURISDICTION = {"admin", "fgw", "leader", "kewei", "observer", "jinrong"}
READERS = {"admin", "fgw", "leader", "observer", "kewei"}      # of kewei's evaluation


@pytest.fixture
def world(demo):
    """Kewei's evaluation with a consultation document attached, and 区金融办's filler 'jinrong'."""
    evaluation = SpecialPlanEvaluation.objects.get(campaign__jurisdiction__name="普陀区", plan__name=PLAN)
    jinrong = User.objects.create(username="jinrong")
    RoleAssignment.objects.create(user=jinrong, role=Role.FILLER, jurisdiction=evaluation.campaign.jurisdiction,
                                  unit=Unit.objects.get(jurisdiction=evaluation.campaign.jurisdiction, name="区金融办"))
    step(evaluation, "kewei", "consult", "征求意见",
         upload=SimpleUploadedFile("意见.pdf", b"%PDF-1.4 x", content_type="application/pdf"))
    document = Step.objects.get(evaluation=evaluation, action="consult")
    return {"c": evaluation.campaign_id, "e": evaluation.id, "s": document.id}


def client_as(role):
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def post_data(name):
    return {
        "specialplans:report": {"conclusion": "B", "section-1.1": "正文", "version": 2},
        "specialplans:transition": {"version": 2, "comment": ""},
        "specialplans:package": {"in_package": "on", "version": 2},
    }.get(name, {})


# (url name, kwargs, method, {role: expected status}); roles not listed expect 403 (anonymous: 302 to login).
MATRIX = [
    ("specialplans:list", {"campaign_id": "c"}, "get", {r: 200 for r in JURISDICTION}),
    ("specialplans:export", {"campaign_id": "c", "fmt": "xlsx"}, "get", {r: 200 for r in JURISDICTION}),
    ("specialplans:create", {"campaign_id": "c"}, "post", {"fgw": 302}),
    ("specialplans:detail", {"evaluation_id": "e"}, "get", {r: 200 for r in READERS}),
    ("specialplans:report", {"evaluation_id": "e"}, "post", {"kewei": 302}),
    # Readers may post; the route table refuses the wrong role with a message (nothing changes).
    ("specialplans:transition", {"evaluation_id": "e", "action": "submit"}, "post", {r: 302 for r in READERS}),
    ("specialplans:package", {"evaluation_id": "e"}, "post", {"fgw": 302}),
    ("specialplans:download", {"evaluation_id": "e"}, "get", {r: 200 for r in READERS}),
    ("specialplans:document", {"step_id": "s"}, "get", {r: 200 for r in READERS}),
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
    response = client.post(url, post_data(name)) if method == "post" else client.get(url)
    assert response.status_code == expected, response.content.decode()[:500] if hasattr(response, "content") else ""
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_only_the_lead_unit_moves_its_draft(world):
    for role in ("admin", "fgw", "leader", "observer"):
        client_as(role).post(reverse("specialplans:transition", args=[world["e"], "submit"]), {"version": 2})
    assert SpecialPlanEvaluation.objects.get(id=world["e"]).state == "consulting"
    client_as("kewei").post(reverse("specialplans:transition", args=[world["e"], "submit"]), {"version": 2})
    assert SpecialPlanEvaluation.objects.get(id=world["e"]).state == "submitted"


def test_a_unit_sees_only_its_own_plans(world):
    page = client_as("jinrong").get(reverse("specialplans:list", args=[world["c"]])).content.decode()
    assert "科技金融产业" in page and PLAN not in page
    assert client_as("jinrong").get(reverse("specialplans:detail", args=[world["e"]])).status_code == 403


def test_every_specialplans_url_is_in_the_matrix():
    covered = {name for name, *_ in MATRIX}
    resolver = get_resolver()
    names = {f"specialplans:{n}" for n in resolver.namespace_dict["specialplans"][1].reverse_dict
             if isinstance(n, str)}
    assert names - covered == set()
