"""Dashboard figures are cached until the next recorded data change (planeval/core/figure_cache.py)."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planeval.accounts.models import User
from planeval.audit.actions import Action
from planeval.audit.selectors import last_data_change_id
from planeval.audit.services import audit_record
from planeval.campaigns.models import Campaign
from planeval.domain import workflow
from planeval.organizations.models import Unit
from planeval.submissions import services
from planeval.submissions.models import Notice


@pytest.fixture
def cached(settings):
    settings.PLANEVAL_FIGURE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


def notices_on_board(client, campaign, unit_name: str) -> int:
    response = client.get(reverse("submissions:board", args=[campaign.id]))
    assert response.status_code == 200
    return next(row.notices for row in response.context["rows"] if row.unit.name == unit_name)


def test_a_recorded_change_shows_on_the_next_view(cached, as_user, campaign):
    fgw = as_user("fgw")
    before = notices_on_board(fgw, campaign, "区科委")
    services.notice_send(campaign=campaign, unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委"),
                         subject="进度滞后", body="请于5月15日前报送。", user=User.objects.get(username="fgw"),
                         who_roles=frozenset({workflow.DRC}))
    assert notices_on_board(fgw, campaign, "区科委") == before + 1


def test_a_cached_view_reads_only_the_data_stamp(cached, as_user, campaign):
    from planeval.dashboards.selectors import overview

    fgw = as_user("fgw")
    url = reverse("dashboards:overview", args=[campaign.id])
    assert fgw.get(url).status_code == 200            # computes and keeps the figures
    with CaptureQueriesContext(connection) as hit:
        assert fgw.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as miss:
        assert fgw.get(url).status_code == 200
    with CaptureQueriesContext(connection) as figures:
        overview(campaign)
    # Both read the newest data event; a hit skips every query of the figures.
    assert len(miss) - len(hit) == len(figures)
    assert any("audit_auditevent" in q["sql"] for q in hit.captured_queries)


def test_a_change_made_behind_the_application_waits_for_the_time_limit(cached, as_user, campaign):
    """The documented limit: an unrecorded change (here a raw ORM write) is not seen until the
    cache expires or another recorded change comes; turning the cache off shows it at once."""
    fgw = as_user("fgw")
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    before = notices_on_board(fgw, campaign, "区科委")
    Notice.objects.create(campaign=campaign, unit=unit, subject="s", body="b",
                          issued_by=User.objects.get(username="fgw"), issued_at="2023-05-01T00:00:00Z")
    assert notices_on_board(fgw, campaign, "区科委") == before
    audit_record(action=Action.SETTING_CHANGE, user=User.objects.get(username="fgw"), target=campaign,
                 detail={"setting": "test"})
    assert notices_on_board(fgw, campaign, "区科委") == before + 1


def test_sign_ins_do_not_count_as_data_changes(demo, client):
    stamp = last_data_change_id()
    client.post(reverse("login"), {"username": "fgw", "password": "wrong"})
    audit_record(action=Action.LOGIN, user=User.objects.get(username="fgw"))
    assert last_data_change_id() == stamp
    audit_record(action=Action.VALUE_CHANGE, user=User.objects.get(username="fgw"))
    assert last_data_change_id() > stamp
