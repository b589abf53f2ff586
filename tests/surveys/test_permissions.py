"""Every URL of the surveys namespace × every demo role and the anonymous public.

The table is checked against the URL configuration, so a new URL without a row fails here.
"""
import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from planeval.organizations.models import Unit
from planeval.surveys.models import Question, Questionnaire, Suggestion
from tests.conftest import client_for

ROLES = ["anonymous", "admin", "fgw", "leader", "kewei", "observer", "security", "auditor"]
CONFINED = {"security", "auditor"}          # separated administrators: their own pages only
READERS = {"fgw", "leader", "observer"}     # DRC, leader, observer of 普陀区
DRC = {"fgw"}
EVERYONE = set(ROLES) - CONFINED             # the public pages: no account needed
LOGGED_IN = set(ROLES) - CONFINED - {"anonymous"}

# url name: (method, allowed roles, kwargs builder). Allowed roles get 200 (GET) or a redirect back to
# the page (POST); everyone else gets 403, the anonymous visitor the login page.
MATRIX = {
    "index": ("get", READERS, lambda w: {"campaign_id": w["campaign"].id}),
    "questionnaire": ("get", READERS, lambda w: {"questionnaire_id": w["q"].id}),
    "questionnaire_settings": ("post", DRC, lambda w: {"questionnaire_id": w["q"].id}),
    "question_add": ("post", DRC, lambda w: {"questionnaire_id": w["q"].id}),
    "question_remove": ("post", DRC, lambda w: {"questionnaire_id": w["draft"].id, "question_id": w["question"].id}),
    "question_move": ("post", DRC, lambda w: {"questionnaire_id": w["draft"].id, "question_id": w["question"].id}),
    "questionnaire_transition": ("post", DRC, lambda w: {"questionnaire_id": w["q"].id}),
    "questionnaire_version": ("post", DRC, lambda w: {"questionnaire_id": w["q"].id}),
    "results": ("get", READERS, lambda w: {"questionnaire_id": w["q"].id}),
    "results_export": ("get", READERS, lambda w: {"questionnaire_id": w["q"].id, "fmt": "xlsx"}),
    "indicator_record": ("post", DRC, lambda w: {"questionnaire_id": w["q"].id}),
    "suggestions": ("get", READERS, lambda w: {"campaign_id": w["campaign"].id}),
    "suggestions_export": ("get", READERS, lambda w: {"campaign_id": w["campaign"].id, "fmt": "csv"}),
    "suggestion": ("get", READERS | {"kewei"}, lambda w: {"suggestion_id": w["routed"].id}),
    "suggestion_moderate": ("post", DRC, lambda w: {"suggestion_id": w["pending"].id}),
    "suggestion_route": ("post", DRC, lambda w: {"suggestion_id": w["routed"].id}),
    "suggestion_answer": ("post", {"kewei"}, lambda w: {"suggestion_id": w["routed"].id}),
    "inbox": ("get", LOGGED_IN, lambda w: {}),
    "public_survey": ("get", EVERYONE, lambda w: {"public_id": w["q"].public_id}),
    "public_thanks": ("get", EVERYONE, lambda w: {"public_id": w["q"].public_id}),
    "public_suggest": ("get", EVERYONE, lambda w: {"campaign_id": w["campaign"].id}),
}
PUBLIC = {"public_survey", "public_thanks", "public_suggest"}


@pytest.fixture
def world(campaign, sample_questionnaire, fgw):
    from planeval.surveys import services

    draft = services.questionnaire_new_version(questionnaire=sample_questionnaire, user=fgw)
    routed = Suggestion.objects.get(campaign=campaign, is_sample=True, unit__name="区科委")
    assert routed.unit == Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    return {"campaign": campaign, "q": sample_questionnaire, "draft": draft,
            "question": Question.objects.filter(questionnaire=draft).first(), "routed": routed,
            "pending": Suggestion.objects.get(campaign=campaign, is_sample=True, state="pending")}


def test_every_url_has_a_row():
    names = {p.name for p in get_resolver().namespace_dict["surveys"][1].url_patterns}
    assert names == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(world, name, role):
    method, allowed, kwargs = MATRIX[name]
    client = Client() if role == "anonymous" else client_for(role)
    url = reverse(f"surveys:{name}", kwargs=kwargs(world))
    response = getattr(client, method)(url)
    if role in allowed:
        assert response.status_code == (302 if method == "post" else 200), (name, role, response.status_code)
        if method == "post":
            assert not response["Location"].startswith("/accounts/login")
    elif role == "anonymous" and name not in PUBLIC:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login")
    else:
        assert response.status_code == 403, (name, role, response.status_code)


def test_a_draft_has_no_public_page(world):
    assert Client().get(reverse("surveys:public_survey", args=[world["draft"].public_id])).status_code == 404


def test_questionnaire_of_another_jurisdiction_is_refused(world, fgw):
    from planeval.campaigns.models import Campaign

    other = Campaign.objects.exclude(jurisdiction=world["campaign"].jurisdiction).first()
    foreign = Questionnaire.objects.create(campaign=other, title="他区问卷", created_at=world["q"].created_at)
    for name in ("questionnaire", "results"):
        assert client_for("fgw").get(reverse(f"surveys:{name}", args=[foreign.id])).status_code == 403
