"""The dashboards count what the database holds, by the compiled report's rule, in a constant
number of queries."""
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from planeval.accounts.models import User
from planeval.assessment.models import IndicatorAssessment, ProjectAssessment
from planeval.campaigns.models import Campaign
from planeval.dashboards import selectors
from planeval.monitoring.models import Observation
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Plan, Project
from planeval.reports.builders import indicator_rows
from planeval.submissions import services
from planeval.submissions.models import IndicatorReport, TaskReport
from tests.factories import IndicatorFactory, TaskFactory, UnitFactory


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


def direct_counts(campaign):
    """Category × conclusion, counted row by row the plain way: the unit's rating, else the suggestion."""
    counts = Counter()
    outline = campaign.plans.filter(kind=Plan.Kind.OUTLINE)
    for indicator in Indicator.objects.filter(plan__in=outline, parent__isnull=True):
        report = (IndicatorReport.objects.filter(submission__campaign=campaign, indicator=indicator)
                  .exclude(rating="").order_by("-id").first())
        assessment = IndicatorAssessment.objects.filter(campaign=campaign, indicator=indicator).first()
        rating = (report.rating if report else "") or (assessment.suggestion if assessment else "")
        counts[(indicator.category, rating)] += 1
    return dict(counts)


def test_counts_by_category_equal_the_database(campaign):
    assert selectors.overview(campaign).by_category == direct_counts(campaign)


def test_a_unit_conclusion_overrides_the_suggestion_in_the_counts(campaign):
    indicator = Indicator.objects.filter(plan__in=campaign.plans.filter(kind="outline"), parent__isnull=True,
                                         assessments__campaign=campaign, assessments__suggestion="A").first()
    before = selectors.overview(campaign).by_category
    submission = services.submission_get_or_create(campaign=campaign, unit=indicator.lead_unit)
    IndicatorReport.objects.update_or_create(submission=submission, indicator=indicator, defaults={"rating": "D"})
    after = selectors.overview(campaign).by_category
    assert after[(indicator.category, "D")] == before.get((indicator.category, "D"), 0) + 1
    assert after.get((indicator.category, "A"), 0) == before[(indicator.category, "A")] - 1
    assert after == direct_counts(campaign)


def test_the_overview_rule_is_the_compiled_report_rule(campaign):
    """One rule, not two: the dashboard and the 中期评估报告's table agree indicator by indicator."""
    IndicatorReport.objects.update_or_create(
        submission=services.submission_get_or_create(campaign=campaign, unit=Unit.objects.get(
            jurisdiction=campaign.jurisdiction, name="区科委")),
        indicator=Indicator.objects.filter(plan__in=campaign.plans.filter(kind="outline"),
                                           lead_unit__name="区科委", parent__isnull=True).first(),
        defaults={"rating": "C"})
    report = Counter((row.category, row.rating or row.suggestion) for row in indicator_rows(campaign))
    assert selectors.overview(campaign).by_category == dict(report)


def test_binding_at_risk_are_the_binding_indicators_rated_c_or_d(campaign):
    at_risk = {i.id for i in selectors.overview(campaign).at_risk}
    expected = {i.id for i in selectors.indicators(campaign)
                if i.attribute == Indicator.Attribute.BINDING and i.decided in ("C", "D")}
    assert at_risk == expected and at_risk


def test_warnings_and_project_statuses_equal_the_database(campaign):
    data = selectors.overview(campaign)
    assert sum(data.project_warnings.values()) == Project.objects.filter(plan__in=campaign.plans.all()).count()
    assert data.project_warnings.get(("red",), 0) == ProjectAssessment.objects.filter(
        campaign=campaign, warning="red").count()
    statuses = Counter(Project.objects.filter(plan__in=campaign.plans.all()).values_list("status", flat=True))
    assert {k[0]: v for k, v in data.project_statuses.items()} == dict(statuses)


def test_a_filler_view_counts_only_the_own_unit(campaign):
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    data = selectors.overview(campaign, unit)
    led = Indicator.objects.filter(plan__in=campaign.plans.all(), lead_unit=unit).count()
    assert data.total_indicators == led
    assert data.board == []


def grow(campaign, times=15):
    """More units, indicators (with values and assessments), tasks, task reports and projects."""
    outline = Plan.objects.get(jurisdiction=campaign.jurisdiction, kind=Plan.Kind.OUTLINE)
    fgw = User.objects.get(username="fgw")
    now = timezone.now()
    area = outline.tasks.filter(depth=1).first()
    for n in range(times):
        unit = UnitFactory(jurisdiction=campaign.jurisdiction)
        indicator = IndicatorFactory(plan=outline, lead_unit=unit, category=f"新领域{n % 3}",
                                     attribute="binding" if n % 2 else "anticipatory")
        IndicatorAssessment.objects.create(campaign=campaign, indicator=indicator, computed_at=now, target_kind="level",
                                           suggestion="ABCD"[n % 4], warning=("red", "yellow", "green")[n % 3])
        for year in (2021, 2022):
            Observation.objects.create(indicator=indicator, year=year, kind="actual", value=Decimal(n + year),
                                       recorded_by=fgw, recorded_at=now)
        task = TaskFactory(plan=outline, lead_unit=unit, parent=area)
        submission = services.submission_get_or_create(campaign=campaign, unit=unit)
        TaskReport.objects.create(submission=submission, task=task, rating="C")
        project = Project.objects.create(plan=outline, name=f"新项目{n}", lead_unit=unit, status="preparing",
                                         total_investment=Decimal(10), completed_investment=Decimal(n % 10))
        ProjectAssessment.objects.create(campaign=campaign, project=project, computed_at=now, warning="yellow",
                                         schedule_elapsed=0.5, investment_progress=0.1 * (n % 10))


PAGES = {
    "overview": lambda c, i: reverse("dashboards:overview", args=[c.id]),
    "screen": lambda c, i: reverse("dashboards:screen", args=[c.id]),
    "items": lambda c, i: reverse("dashboards:items", args=[c.id]) + "?kind=indicator&rating=C",
    "task-items": lambda c, i: reverse("dashboards:items", args=[c.id]) + "?kind=task",
    "project-items": lambda c, i: reverse("dashboards:items", args=[c.id]) + "?kind=project",
    "tasks": lambda c, i: reverse("dashboards:tasks", args=[c.id]),
    "projects": lambda c, i: reverse("dashboards:projects", args=[c.id]),
    "indicator": lambda c, i: reverse("dashboards:indicator", args=[i.id]),
    "public": lambda c, i: reverse("dashboards:public", args=[c.id]),
}


# 大屏 is for the jurisdiction roles only, so a unit's filler is not asked to open it.
@pytest.mark.parametrize("page, user", [(page, user) for page in PAGES for user in ("fgw", "kewei")
                                        if not (page == "screen" and user == "kewei")])
def test_constant_queries(as_user, campaign, page, user):
    from planeval.dashboards.models import PublicItem

    fgw = User.objects.get(username="fgw")
    indicator = Indicator.objects.filter(plan__in=campaign.plans.filter(kind="outline"), lead_unit__name="区科委").first()
    for key in ("by_category", "warnings", "project_statuses"):
        PublicItem.objects.create(campaign=campaign, figure=key, marked_by=fgw, marked_at=timezone.now())
    PublicItem.objects.create(campaign=campaign, indicator=indicator, marked_by=fgw, marked_at=timezone.now())
    client = as_user(user)
    url = PAGES[page](campaign, indicator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    grow(campaign)
    kewei_unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    outline = Plan.objects.get(jurisdiction=campaign.jurisdiction, kind=Plan.Kind.OUTLINE)
    for _ in range(5):   # more for the filler's own unit too
        IndicatorFactory(plan=outline, lead_unit=kewei_unit)
        TaskFactory(plan=outline, lead_unit=kewei_unit)
    for year in (2023, 2024):
        Observation.objects.create(indicator=indicator, year=year, kind="estimate", value=Decimal(year),
                                   recorded_by=fgw, recorded_at=timezone.now())
    assert count() == before


def test_tasks_per_area_equal_the_tree(campaign):
    """Each area's bar counts exactly the leaf tasks under it, and its drill-down lists them."""
    from planeval.planning.models import Task

    outline = campaign.plans.filter(kind=Plan.Kind.OUTLINE)
    by_id = {t.id: t for t in Task.objects.filter(plan__in=outline)}
    parents = {t.parent_id for t in by_id.values() if t.parent_id}
    expected = Counter()
    for task in by_id.values():
        if task.id in parents:
            continue
        root = task
        while root.parent_id:
            root = by_id[root.parent_id]
        expected[root.id] += 1
    areas, counts = selectors.task_areas(campaign)
    got = Counter()
    for (area, _), n in counts.items():
        got[area] += n
    assert got == expected
    assert {a.id for a in areas} == set(expected)
    first = areas[0]
    assert selectors.drill_tasks(campaign, area_id=first.id).count() == expected[first.id]
