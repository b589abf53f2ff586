"""The public page shows only what the DRC marked public; marking is recorded with who and when."""
import pytest
from django.test import Client
from django.urls import reverse

from planeval.campaigns.models import Campaign, CampaignRevision
from planeval.dashboards import services
from planeval.dashboards.models import PublicItem
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator
from tests.factories import IndicatorFactory


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


def outline_indicators(campaign):
    return Indicator.objects.filter(plan__in=campaign.plans.filter(kind="outline"), parent__isnull=True)


def test_nothing_is_public_until_the_drc_says_so(campaign):
    response = Client().get(reverse("dashboards:public", args=[campaign.id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "暂无公开内容" in html
    assert "data-chart=" not in html


def test_the_drc_publishes_a_figure_and_an_indicator(as_user, campaign):
    indicator = outline_indicators(campaign).order_by("position").first()
    response = as_user("fgw").post(reverse("dashboards:public_settings", args=[campaign.id]),
                                   {"figure": ["by_category"], "indicator": [str(indicator.id)]})
    assert response.status_code == 302
    revision = CampaignRevision.objects.get(campaign=campaign, setting="public")
    assert revision.changed_by.username == "fgw"
    assert "主要指标评估结论（按领域）" in revision.new_value and indicator.name in revision.new_value
    html = Client().get(reverse("dashboards:public", args=[campaign.id])).content.decode()
    assert 'data-chart="by-category"' in html
    assert f'data-chart="indicator-{indicator.id}"' in html
    assert 'data-chart="warnings"' not in html and 'data-chart="by-unit"' not in html
    assert "/overview/items/" not in html   # no drill-down into internal lists
    assert "示例数据" in html                 # the demo's values are sample data and say so
    other_units = Unit.objects.filter(jurisdiction=campaign.jurisdiction).exclude(
        id=indicator.lead_unit_id).values_list("name", flat=True)
    assert not [name for name in other_units if name in html]


def test_unpublishing_removes_the_item_and_keeps_the_record(as_user, campaign):
    client = as_user("fgw")
    url = reverse("dashboards:public_settings", args=[campaign.id])
    client.post(url, {"figure": ["warnings"]})
    client.post(url, {})
    assert not PublicItem.objects.filter(campaign=campaign).exists()
    assert CampaignRevision.objects.filter(campaign=campaign, setting="public").count() == 2
    assert "data-chart=" not in Client().get(reverse("dashboards:public", args=[campaign.id])).content.decode()


def test_an_indicator_outside_the_outline_is_refused_and_nothing_changes(as_user, campaign):
    foreign = IndicatorFactory()   # another jurisdiction's plan
    response = as_user("fgw").post(reverse("dashboards:public_settings", args=[campaign.id]),
                                   {"figure": ["warnings"], "indicator": [str(foreign.id)]})
    assert response.status_code == 200
    assert services.FOREIGN_INDICATOR in response.content.decode()
    assert not PublicItem.objects.filter(campaign=campaign).exists()
    assert not CampaignRevision.objects.filter(campaign=campaign, setting="public").exists()


def test_an_unknown_figure_is_refused(as_user, campaign):
    response = as_user("fgw").post(reverse("dashboards:public_settings", args=[campaign.id]), {"figure": ["by_unit"]})
    assert services.UNKNOWN_FIGURE in response.content.decode()
    assert not PublicItem.objects.filter(campaign=campaign).exists()


def test_only_the_drc_may_set_what_is_public(as_user, campaign):
    response = as_user("leader").post(reverse("dashboards:public_settings", args=[campaign.id]),
                                      {"figure": ["warnings"]})
    assert response.status_code == 403
    assert not PublicItem.objects.filter(campaign=campaign).exists()


def test_the_public_page_costs_the_same_queries_for_one_or_many_indicators(demo, campaign):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from planeval.accounts.models import User

    fgw, now = User.objects.get(username="fgw"), timezone.now()
    indicators = list(outline_indicators(campaign).order_by("position"))
    url = reverse("dashboards:public", args=[campaign.id])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url).status_code == 200
        return len(queries)

    PublicItem.objects.create(campaign=campaign, indicator=indicators[0], marked_by=fgw, marked_at=now)
    one = count()
    PublicItem.objects.bulk_create([PublicItem(campaign=campaign, indicator=i, marked_by=fgw, marked_at=now)
                                    for i in indicators[1:10]])
    assert count() == one
