import pytest

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.consultations.models import DraftVersion, Invitation, Round


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


@pytest.fixture
def fgw(demo):
    return User.objects.get(username="fgw")


@pytest.fixture
def kewei(demo):
    return User.objects.get(username="kewei")


@pytest.fixture
def sample_round(campaign):
    return Round.objects.get(campaign=campaign, is_sample=True)


@pytest.fixture
def consult_version(sample_round):
    return sample_round.draft


@pytest.fixture
def kewei_invitation(sample_round):
    return Invitation.objects.get(round=sample_round, unit__name="区科委")


@pytest.fixture
def deputy_invitation(sample_round):
    return Invitation.objects.get(round=sample_round, kind="deputy")


@pytest.fixture
def latest(campaign):
    return DraftVersion.objects.filter(campaign=campaign).order_by("-number").first()
