"""API clients per demo role, each holding the token ``planeval api-token`` would print."""
import pytest
from rest_framework.test import APIClient

from planeval.accounts.models import User
from planeval.api.services import api_token_rotate
from planeval.campaigns.models import Campaign
from planeval.organizations.models import Unit
from planeval.submissions import services

ROLES = ("admin", "fgw", "leader", "kewei", "observer")


def token_client(username: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_rotate(user=User.objects.get(username=username))}")
    return client


@pytest.fixture
def api(demo):
    """``api("kewei")`` → an API client authenticated by kewei's token."""
    return token_client


@pytest.fixture
def putuo(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


@pytest.fixture
def kewei_submission(putuo):
    unit = Unit.objects.get(jurisdiction=putuo.jurisdiction, name="区科委")
    return services.submission_get_or_create(campaign=putuo, unit=unit)
