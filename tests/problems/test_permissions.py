"""Every URL of the problems namespace for every demo role (anonymous included).

The table is checked against the URL configuration, so a new URL without a row fails here.
"""
import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.campaigns.models import Campaign
from planeval.organizations.models import Unit
from planeval.problems import services
from planeval.problems.models import Problem, SupportRequest

ROLES = ["anonymous", "admin", "fgw", "leader", "kewei", "observer", "jinrong", "security", "auditor"]
IN_JURISDICTION = {"admin", "fgw", "leader", "kewei", "observer", "jinrong"}
UNITS = {"kewei", "jinrong"}
READERS = {"admin", "fgw", "leader", "observer", "kewei"}   # of 区科委's entries


@pytest.fixture
def world(demo):
    """A problem and a support request of 区科委 ('kewei'); 'jinrong' fills for 区金融办."""
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    jinrong = User.objects.create(username="jinrong")
    RoleAssignment.objects.create(user=jinrong, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                  unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区金融办"))
    kewei = User.objects.get(username="kewei")
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    problem = services.problem_create(campaign=campaign, user=kewei, unit=unit, problem="问题", causes="原因",
                                      measures="措施")
    support = services.support_create(campaign=campaign, user=kewei, unit=unit, kind="indicator", item="事项",
                                      need="支持", level="市级")
    return {"c": campaign.id, "p": problem.id, "s": support.id}


def client_as(role):
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def post_data(name, world):
    return {
        "problems:new": {"problem": "新问题", "causes": "原因", "measures": "措施"},
        "problems:proposals": {"key": "indicator:0", "problem": "问题", "causes": "原因", "measures": "措施"},
        "problems:detail": {"problem": "改", "causes": "原因", "measures": "措施",
                            "version": Problem.objects.get(id=world["p"]).version},
        "problems:status": {"status": "in_progress", "version": Problem.objects.get(id=world["p"]).version},
        "problems:support_new": {"kind": "policy", "item": "政策", "need": "支持", "level": "省级"},
        "problems:support_detail": {"kind": "project", "item": "项目", "need": "支持", "level": "市级",
                                    "version": SupportRequest.objects.get(id=world["s"]).version},
        "problems:support_advance": {"version": SupportRequest.objects.get(id=world["s"]).version},
    }.get(name, {})


# (url name, kwargs, method, {role: expected status}); roles not listed expect 403 (anonymous: 302 to login).
MATRIX = [
    ("problems:list", {"campaign_id": "c"}, "get", {r: 200 for r in IN_JURISDICTION}),
    ("problems:export", {"campaign_id": "c", "fmt": "xlsx"}, "get", {r: 200 for r in IN_JURISDICTION}),
    ("problems:new", {"campaign_id": "c"}, "get", {r: 200 for r in UNITS}),
    ("problems:new", {"campaign_id": "c"}, "post", {r: 302 for r in UNITS}),
    ("problems:proposals", {"campaign_id": "c"}, "get", {r: 200 for r in UNITS}),
    # A key that is not among the unit's proposals: refused with a message, nothing saved.
    ("problems:proposals", {"campaign_id": "c"}, "post", {r: 400 for r in UNITS}),
    ("problems:detail", {"problem_id": "p"}, "get", {r: 200 for r in READERS}),
    ("problems:detail", {"problem_id": "p"}, "post", {"kewei": 302}),
    ("problems:status", {"problem_id": "p"}, "post", {"kewei": 302}),
    ("problems:support_list", {"campaign_id": "c"}, "get", {r: 200 for r in IN_JURISDICTION}),
    ("problems:support_export", {"campaign_id": "c", "fmt": "csv"}, "get", {r: 200 for r in IN_JURISDICTION}),
    ("problems:support_new", {"campaign_id": "c"}, "get", {r: 200 for r in UNITS}),
    ("problems:support_new", {"campaign_id": "c"}, "post", {r: 302 for r in UNITS}),
    ("problems:support_detail", {"request_id": "s"}, "get", {r: 200 for r in READERS}),
    ("problems:support_detail", {"request_id": "s"}, "post", {"kewei": 302}),
    ("problems:support_advance", {"request_id": "s", "action": "compile"}, "post", {"fgw": 302}),
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


def test_refused_writes_change_nothing(world):
    for role in ("admin", "fgw", "leader", "observer", "jinrong"):
        client_as(role).post(reverse("problems:detail", args=[world["p"]]), post_data("problems:detail", world))
        client_as(role).post(reverse("problems:status", args=[world["p"]]), post_data("problems:status", world))
    problem = Problem.objects.get(id=world["p"])
    assert (problem.problem, problem.status, problem.version) == ("问题", "open", 1)
    for role in ("admin", "leader", "observer", "kewei", "jinrong"):
        client_as(role).post(reverse("problems:support_advance", args=[world["s"], "compile"]), {"version": 1})
    assert SupportRequest.objects.get(id=world["s"]).status == "raised"


def test_every_problems_url_is_in_the_matrix():
    covered = {name for name, *_ in MATRIX}
    resolver = get_resolver()
    names = {f"problems:{n}" for n in resolver.namespace_dict["problems"][1].reverse_dict.keys()
             if isinstance(n, str)}
    assert names - covered == set()
