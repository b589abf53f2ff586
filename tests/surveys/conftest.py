import pytest
from django.test import Client

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.surveys import services
from planeval.surveys.models import Question, Questionnaire


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


@pytest.fixture
def sample_questionnaire(campaign):
    return Questionnaire.objects.get(campaign=campaign, is_sample=True)


@pytest.fixture
def fgw(demo):
    return User.objects.get(username="fgw")


@pytest.fixture
def open_questionnaire(campaign, fgw):
    """A fresh published questionnaire: a single choice, a required scale, a free text."""
    q = services.questionnaire_create(campaign=campaign, title="测试问卷", user=fgw)
    services.question_add(questionnaire=q, kind=Question.Kind.SINGLE, text="您住在哪里", options=["普陀", "其他"],
                          required=False, user=fgw)
    services.question_add(questionnaire=q, kind=Question.Kind.SCALE, text="您对生态环境的满意程度", user=fgw)
    services.question_add(questionnaire=q, kind=Question.Kind.TEXT, text="意见建议", required=False, user=fgw)
    return services.questionnaire_transition(questionnaire=q, action="open", user=fgw)


@pytest.fixture
def public():
    """An anonymous browser: a fresh client with its own cookies (a new device)."""
    return lambda address="198.51.100.7": Client(REMOTE_ADDR=address)
