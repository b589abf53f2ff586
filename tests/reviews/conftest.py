import io

import pytest
from django.test import Client
from openpyxl import Workbook

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.reviews.demo import ORGANISATION
from planeval.reviews.models import EvaluatorGrant


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


@pytest.fixture
def grant(campaign):
    return EvaluatorGrant.objects.get(campaign=campaign, organisation=ORGANISATION)


def client_as(username: str) -> Client:
    client = Client()
    if username != "anonymous":
        client.force_login(User.objects.get(username=username))
    return client


def workbook_bytes(rows, headers=("事项类型", "序号", "事项名称", "评估结论", "评估意见")) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
