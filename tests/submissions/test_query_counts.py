"""The workspace and the board issue the same number of queries at the demo's size and with more data."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planeval.campaigns.models import Campaign
from planeval.organizations.models import Unit
from planeval.planning.models import Plan
from planeval.submissions import services
from tests.factories import IndicatorFactory, TaskFactory, UnitFactory


def report_everything(submission):
    """A report by kewei on every item of 区科委, so per-row paths (who edited, when) are exercised."""
    from planeval.accounts.models import User
    from planeval.submissions.models import IndicatorReport, TaskReport
    from planeval.submissions.selectors import work_items

    kewei = User.objects.get(username="kewei")
    items = work_items(submission)
    for item in items["indicator"]:
        IndicatorReport.objects.get_or_create(submission=submission, indicator=item.obj,
                                              defaults={"rating": "B", "updated_by": kewei})
    for item in items["task"]:
        TaskReport.objects.get_or_create(submission=submission, task=item.obj,
                                         defaults={"rating": "B", "updated_by": kewei})


def grow(campaign, kewei_unit, times=20):
    """More units with their own items, and more items for 区科委."""
    outline = Plan.objects.get(jurisdiction=campaign.jurisdiction, kind=Plan.Kind.OUTLINE)
    for _ in range(times):
        unit = UnitFactory(jurisdiction=campaign.jurisdiction)
        IndicatorFactory(plan=outline, lead_unit=unit)
        TaskFactory(plan=outline, lead_unit=unit)
        IndicatorFactory(plan=outline, lead_unit=kewei_unit)
        TaskFactory(plan=outline, lead_unit=kewei_unit)
        services.submission_get_or_create(campaign=campaign, unit=unit)


@pytest.mark.parametrize("page", ["detail", "board", "report"])
def test_constant_queries(as_user, page):
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    kewei_unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    submission = services.submission_get_or_create(campaign=campaign, unit=kewei_unit)
    user = "fgw"
    url = {"detail": reverse("submissions:detail", args=[submission.id]),
           "board": reverse("submissions:board", args=[campaign.id]),
           "report": reverse("submissions:report", args=[submission.id])}[page]
    client = as_user(user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    report_everything(submission)
    before = count()
    grow(campaign, kewei_unit)
    report_everything(submission)
    assert count() == before
