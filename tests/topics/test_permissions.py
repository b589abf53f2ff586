"""Every URL of the topics namespace for every demo role (anonymous included).

The table is checked against the URL configuration, so a new URL without a row fails here.
"""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.campaigns.models import Campaign
from planeval.domain import topic_flow as flow
from planeval.organizations.models import Unit
from planeval.topics import access, services
from planeval.topics.models import Topic

ROLES = ["anonymous", "admin", "fgw", "leader", "kewei", "observer", "jinrong", "shangwu", "security", "auditor"]
IN_JURISDICTION = {"admin", "fgw", "leader", "kewei", "observer", "jinrong", "shangwu"}
READERS = {"admin", "fgw", "leader", "observer", "kewei", "jinrong"}   # of 区金融办's topic, 区科委 supporting


@pytest.fixture
def world(demo, settings, tmp_path):
    """A topic in research led by 区金融办 ('jinrong') with 区科委 ('kewei') supporting, its report
    attached; 'shangwu' fills for 区商务委, which has no part in it."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    units = {u.name: u for u in Unit.objects.filter(jurisdiction=campaign.jurisdiction)}
    for username, unit in (("jinrong", "区金融办"), ("shangwu", "区商务委")):
        user = User.objects.create(username=username)
        RoleAssignment.objects.create(user=user, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                      unit=units[unit])
    fgw, jinrong = User.objects.get(username="fgw"), User.objects.get(username="jinrong")
    topic = services.topic_create(
        campaign=campaign, user=fgw, who=access.topic_standing(fgw, campaign), title="金融服务实体经济", scope="",
        lead_unit=units["区金融办"], supporting_units=[units["区科委"]],
        deadline=flow.Deadline(on=datetime.date(2023, 9, 1)))
    who = access.topic_standing(jinrong, campaign, topic)
    topic = services.topic_transition(topic=topic, user=jinrong, who=who, action="start", expected_version=1)
    services.topic_report_save(topic=topic, user=jinrong, who=who, summary="结论", findings="", suggestions="",
                               upload=SimpleUploadedFile("报告.pdf", b"%PDF-1.7\n%%EOF\n"), expected_version=2)
    return {"c": campaign.id, "t": topic.id, "lead": units["区金融办"].id, "support": units["区科委"].id}


def client_as(role):
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def post_data(name, world):
    version = Topic.objects.get(id=world["t"]).version
    return {
        "topics:new": {"title": "新专题", "lead_unit": world["lead"], "deadline_on": "2023-10-09"},
        "topics:edit": {"title": "金融服务实体经济", "lead_unit": world["lead"], "supporting_units": [world["support"]],
                        "deadline_on": "2023-09-08", "version": version},
        "topics:report": {"summary": "新结论", "version": version},
        "topics:contribute": {"text": "材料", "version": 0},
        "topics:transition": {"version": version},
    }.get(name, {})


# (url name, kwargs, method, {role: expected status}); roles not listed expect 403 (anonymous: 302 to login).
MATRIX = [
    ("topics:list", {"campaign_id": "c"}, "get", {r: 200 for r in IN_JURISDICTION}),
    ("topics:new", {"campaign_id": "c"}, "get", {"fgw": 200}),
    ("topics:new", {"campaign_id": "c"}, "post", {"fgw": 302}),
    ("topics:detail", {"topic_id": "t"}, "get", {r: 200 for r in READERS}),
    ("topics:edit", {"topic_id": "t"}, "get", {"fgw": 200}),
    ("topics:edit", {"topic_id": "t"}, "post", {"fgw": 302}),
    ("topics:report", {"topic_id": "t"}, "post", {"jinrong": 302}),
    ("topics:contribute", {"topic_id": "t"}, "post", {"kewei": 302}),
    # Readers may post; the route table refuses the wrong role with a message (nothing changes).
    ("topics:transition", {"topic_id": "t", "action": "submit"}, "post", {r: 302 for r in READERS}),
    ("topics:file", {"topic_id": "t"}, "get", {r: 200 for r in READERS}),
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


def test_only_the_lead_submits(world):
    for role in ("admin", "fgw", "leader", "observer", "kewei"):
        client_as(role).post(reverse("topics:transition", args=[world["t"], "submit"]), {"version": 3})
    assert Topic.objects.get(id=world["t"]).state == flow.State.RESEARCHING
    client_as("jinrong").post(reverse("topics:transition", args=[world["t"], "submit"]), {"version": 3})
    assert Topic.objects.get(id=world["t"]).state == flow.State.SUBMITTED


def test_every_topics_url_is_in_the_matrix():
    covered = {name for name, *_ in MATRIX}
    resolver = get_resolver()
    names = {f"topics:{n}" for n in resolver.namespace_dict["topics"][1].reverse_dict.keys() if isinstance(n, str)}
    assert names - covered == set()
