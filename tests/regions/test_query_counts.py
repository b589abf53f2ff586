"""Every list and dashboard page issues the same number of SQL queries at 1× and 10× the data.

Two generated provinces share the test database: a small one (2 districts, a handful of units
and items each) and one ten times larger in every direction (20 districts, each ten times the
units, indicators, values, tasks and projects). Each row of PAGES names a page, how to build its
URL from a generated province, and who looks at it; the test requests it in both provinces and
compares the number of queries.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.organizations.models import Jurisdiction
from planeval.planning.models import Indicator
from planeval.regions.scale import ACCIDENTS, Shape, scale_generate
from planeval.submissions.models import Submission

SMALL = Shape(units=4, indicators=4, values_per_indicator=4, tasks=8, projects=3, upper_tasks=2, peers=1)


@dataclass(frozen=True)
class World:
    prefix: str
    province: int
    city: int
    district: int
    campaign: int
    indicator: int
    submission: int


def build(prefix: str, province: str, jurisdictions: int, shape: Shape) -> World:
    summary = scale_generate(jurisdictions=jurisdictions, shape=shape, province_name=province,
                             account_prefix=prefix, seed=7)
    city = Jurisdiction.objects.filter(parent=summary.province).order_by("id").first()
    district = Jurisdiction.objects.filter(parent=city).order_by("id").first()
    campaign = Campaign.objects.get(jurisdiction=district)
    filler_unit = User.objects.get(username=f"{prefix}_filler").roles.get().unit
    return World(prefix=prefix, province=summary.province.id, city=city.id, district=district.id,
                 campaign=campaign.id,
                 indicator=Indicator.objects.get(plan__jurisdiction=district, name=ACCIDENTS).id,
                 submission=Submission.objects.get(campaign=campaign, unit=filler_unit).id)


# (url name, kwargs from a World, who: province_drc | city_drc | district_drc | filler)
PAGES = [
    ("web:home", lambda w: {}, "district_drc"),
    ("web:indicators", lambda w: {"jurisdiction_id": w.district}, "province_drc"),
    ("web:tasks", lambda w: {"jurisdiction_id": w.district}, "province_drc"),
    ("web:plans", lambda w: {"jurisdiction_id": w.district}, "province_drc"),
    ("submissions:board", lambda w: {"campaign_id": w.campaign}, "province_drc"),
    ("submissions:detail", lambda w: {"submission_id": w.submission}, "filler"),
    ("regions:children", lambda w: {"jurisdiction_id": w.province}, "province_drc"),
    ("regions:children", lambda w: {"jurisdiction_id": w.city}, "city_drc"),
    ("regions:upper_tasks", lambda w: {"jurisdiction_id": w.city}, "city_drc"),
    ("regions:assigned", lambda w: {"jurisdiction_id": w.district}, "district_drc"),
    ("regions:upward", lambda w: {"campaign_id": w.campaign}, "district_drc"),
    ("regions:queue", lambda w: {"jurisdiction_id": w.city}, "city_drc"),
    ("regions:indicators", lambda w: {"jurisdiction_id": w.district}, "district_drc"),
    ("regions:peers", lambda w: {"indicator_id": w.indicator}, "district_drc"),
    ("regions:breakdown", lambda w: {"indicator_id": w.indicator}, "district_drc"),
    ("dashboards:overview", lambda w: {"campaign_id": w.campaign}, "province_drc"),
    ("dashboards:screen", lambda w: {"campaign_id": w.campaign}, "province_drc"),
    ("dashboards:items", lambda w: {"campaign_id": w.campaign}, "province_drc"),
    ("dashboards:items_export", lambda w: {"campaign_id": w.campaign, "fmt": "xlsx"}, "province_drc"),
    ("dashboards:tasks", lambda w: {"campaign_id": w.campaign}, "province_drc"),
    ("dashboards:projects", lambda w: {"campaign_id": w.campaign}, "province_drc"),
    ("dashboards:indicator", lambda w: {"indicator_id": w.indicator}, "province_drc"),
]


@pytest.fixture
def worlds(db):
    return (build("q1", "示例省甲", 2, SMALL), build("q10", "示例省乙", 20, SMALL.times(10)))


def queries(world: World, name: str, kwargs, who: str) -> tuple[int, int]:
    client = Client()
    client.force_login(User.objects.get(username=f"{world.prefix}_{who}"))
    url = reverse(name, kwargs=kwargs(world))
    client.get(url)  # warm per-process caches (content types, templates) so both sizes start equal
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured)


def test_every_page_issues_the_same_number_of_queries_at_1x_and_10x(worlds):
    small, large = worlds
    differing = []
    for name, kwargs, who in PAGES:
        status_small, n_small = queries(small, name, kwargs, who)
        status_large, n_large = queries(large, name, kwargs, who)
        assert (status_small, status_large) == (200, 200), name
        if n_small != n_large:
            differing.append(f"{name}: {n_small} → {n_large}")
    assert differing == []


def test_the_larger_province_really_is_ten_times_the_data(worlds):
    """The comparison means something only if the second data set is bigger where the pages look."""
    small, large = worlds
    from planeval.organizations.models import Unit

    assert Jurisdiction.objects.filter(parent__parent_id=small.province).count() * 10 == \
        Jurisdiction.objects.filter(parent__parent_id=large.province).count()
    assert Jurisdiction.objects.filter(parent_id=small.city).count() < Jurisdiction.objects.filter(
        parent_id=large.city).count()
    assert Unit.objects.filter(jurisdiction_id=small.district).count() * 10 == \
        Unit.objects.filter(jurisdiction_id=large.district).count()
    assert Indicator.objects.filter(plan__jurisdiction_id=small.district).count() * 10 == \
        Indicator.objects.filter(plan__jurisdiction_id=large.district).count()


def test_the_harness_covers_every_list_and_dashboard_page():
    """A new page in the regions or dashboards namespace must be added to PAGES (or to SKIPPED, with why)."""
    from django.urls import get_resolver

    resolver = get_resolver()
    names = set()
    for app in ("regions", "dashboards"):
        names |= {f"{app}:{n}" for n in resolver.namespace_dict[app][1].reverse_dict if isinstance(n, str)}
    covered = {name for name, *_ in PAGES} | set(SKIPPED)
    assert names - covered == set()


# Pages that are not lists or dashboards (forms and POST-only actions), or that need setup the
# generated data does not have.
SKIPPED = {
    "regions:upper_task_assign": "POST only",
    "regions:assignment_report": "POST only",
    "regions:decide": "POST only",
    "dashboards:public_settings": "a settings form, not a list",
    "dashboards:public": "anonymous page of a campaign that has been published; needs publishing setup",
}
