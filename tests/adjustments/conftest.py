"""Fixtures of the adjustment tests: 普陀区's campaign and helpers that walk the route over HTTP."""
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from planeval.adjustments.models import Adjustment
from planeval.campaigns.models import Campaign
from planeval.planning.models import Indicator

INDICATOR = "新增高新技术企业数"     # led by 区科委 (kewei), published target 累计 150


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


@pytest.fixture
def indicator(campaign):
    return Indicator.objects.get(plan__jurisdiction=campaign.jurisdiction, parent=None, name=INDICATOR)


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def propose(client, campaign, item_type, item, **data):
    body = {"kind": "target", "after": "", "reason": "", "basis": "", **data}
    return client.post(reverse("adjustments:new", args=[campaign.id, item_type, item.id]), body)


def act(client, adjustment, action, **data):
    adjustment = Adjustment.objects.get(pk=adjustment.pk)
    body = {"version": adjustment.version, "comment": "", "meeting": "", "decided_on": "", "document": "", **data}
    return client.post(reverse("adjustments:transition", args=[adjustment.id, action]), body, follow=True)


def xlsx_cells(content: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "".join(node.text or "" for node in document.element.body.iter(qn("w:t")))
