"""Fixtures of the special-plan tests: 普陀区's campaign, 区科委's evaluation (起草中 in the demo)
and helpers that act as a demo account through the services or over HTTP."""
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.specialplans import access, services
from planeval.specialplans.models import SpecialPlanEvaluation

PLAN = "普陀区智能软件、研发服务产业“十四五”规划"     # led by 区科委 (kewei)


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    """Attached documents go to a temporary folder, never into var/uploads."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


@pytest.fixture
def evaluation(campaign):
    return SpecialPlanEvaluation.objects.get(campaign=campaign, plan__name=PLAN)


def user(name):
    return User.objects.get(username=name)


def fresh(evaluation):
    return SpecialPlanEvaluation.objects.get(pk=evaluation.pk)


def step(evaluation, username, action, comment="", upload=None):
    """One step through the service, as the demo account ``username``."""
    evaluation, who = fresh(evaluation), None
    actor = user(username)
    who = access.standing(actor, evaluation)
    return services.evaluation_transition(evaluation=evaluation, user=actor, who=who, action=action,
                                          comment=comment, upload=upload, expected_version=evaluation.version)


def walk_to_reviewing(evaluation):
    step(evaluation, "kewei", "consult", "征求区相关部门意见。")
    step(evaluation, "kewei", "submit")
    step(evaluation, "fgw", "feedback", "请补充数据来源。")
    return step(evaluation, "kewei", "send")


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def act(client, evaluation, action, **data):
    body = {"version": fresh(evaluation).version, "comment": "", **data}
    return client.post(reverse("specialplans:transition", args=[evaluation.id, action]), body, follow=True)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs) + "".join(
        node.text or "" for table in document.tables for node in table._tbl.iter(qn("w:t")))
