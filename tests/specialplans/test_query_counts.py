"""The list page and the board's special-plan section issue the same number of queries at the
demo's 44 plans and with 40 more."""
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planeval.planning.models import Plan
from planeval.specialplans import services


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_and_board_do_not_grow_with_the_plans(as_user, campaign):
    client = as_user("fgw")
    pages = [reverse("specialplans:list", args=[campaign.id]), reverse("submissions:board", args=[campaign.id])]
    before = [queries(client, url) for url in pages]
    lead = campaign.plans.filter(kind=Plan.Kind.SPECIAL).first().lead_unit
    for n in range(40):
        campaign.plans.add(Plan.objects.create(jurisdiction=campaign.jurisdiction, kind=Plan.Kind.SPECIAL,
                                               name=f"测试专项规划{n}", lead_unit=lead))
    assert services.evaluations_create(campaign=campaign) == 40
    assert [queries(client, url) for url in pages] == before
