"""The numbers behind the dashboards, counted by the database.

Every figure is one grouped query (``values(...).annotate(Count(...))``), so a page issues the
same number of queries whatever the number of indicators, tasks, projects or values.

Which conclusion a figure counts is the compiled report's rule (planeval/reports/builders.py:
``r.rating or r.suggestion``): the unit's own conclusion where it gave one, else the system's
suggestion. ``decided_rating`` writes that rule once as a database expression.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf

from planeval.assessment.models import IndicatorAssessment, ProjectAssessment
from planeval.campaigns.models import Campaign
from planeval.domain import workflow
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Plan, Project, Task
from planeval.submissions import selectors as submission_selectors
from planeval.submissions.models import IndicatorReport, ProjectReport, TaskReport

RATINGS = ("A", "B", "C", "D")
UNRATED = ""
UNRATED_LABEL = "未评估"
WARNINGS = (("red", "红色预警"), ("yellow", "黄色预警"), ("green", "绿色"))
RULE_TEXT = "评估结论口径：单位已填报的评估结论优先，未填报的取系统建议结论（与中期评估报告汇总表一致）。"
ATTRIBUTE_ORDER = (Indicator.Attribute.BINDING, Indicator.Attribute.ANTICIPATORY)   # 约束性 first


def _plans(campaign: Campaign, unit: Unit | None) -> QuerySet[Plan]:
    # The compiled view covers the outline (规划纲要); a unit's view covers all its items in the campaign.
    plans = campaign.plans.all()
    return plans.filter(kind=Plan.Kind.OUTLINE) if unit is None else plans


def decided_rating(campaign: Campaign, *, report_model=IndicatorReport, item_field: str = "indicator",
                   assessment_model=IndicatorAssessment):
    """The conclusion an item counts under: the unit's rating, else the engine's suggestion, else ''."""
    unit_rating = Subquery(
        report_model.objects.filter(submission__campaign=campaign, **{item_field: OuterRef("pk")})
        .exclude(rating="").order_by("-id").values("rating")[:1])
    if assessment_model is None:
        return Coalesce(unit_rating, Value(UNRATED))
    suggestion = Subquery(
        assessment_model.objects.filter(campaign=campaign, **{item_field: OuterRef("pk")}).values("suggestion")[:1])
    return Coalesce(unit_rating, NullIf(suggestion, Value("")), Value(UNRATED))


def indicators(campaign: Campaign, unit: Unit | None = None) -> QuerySet[Indicator]:
    """The indicators a dashboard counts, each annotated with ``decided`` and ``warning``."""
    queryset = Indicator.objects.filter(plan__in=_plans(campaign, unit))
    if unit is None:
        queryset = queryset.filter(parent__isnull=True)   # parts are shown under their total
    else:
        queryset = queryset.filter(lead_unit=unit)
    warning = Subquery(IndicatorAssessment.objects.filter(campaign=campaign, indicator=OuterRef("pk"))
                       .values("warning")[:1])
    return queryset.annotate(decided=decided_rating(campaign), warning=Coalesce(warning, Value("")))


def tasks(campaign: Campaign, unit: Unit | None = None) -> QuerySet[Task]:
    """Leaf tasks (those the units report on), annotated with ``decided`` (the unit's rating)."""
    queryset = Task.objects.filter(plan__in=_plans(campaign, unit)).leaves()
    if unit is not None:
        queryset = queryset.filter(lead_unit=unit)
    return queryset.annotate(decided=decided_rating(campaign, report_model=TaskReport, item_field="task",
                                                    assessment_model=None))


def projects(campaign: Campaign, unit: Unit | None = None) -> QuerySet[Project]:
    """Projects annotated with ``current_status`` (the unit's report wins, as in the compiled table),
    ``done`` (completed investment, the report's where given), ``warning`` and ``schedule``."""
    queryset = Project.objects.filter(plan__in=campaign.plans.all())
    if unit is not None:
        queryset = queryset.filter(lead_unit=unit)
    reports = ProjectReport.objects.filter(submission__campaign=campaign, project=OuterRef("pk")).order_by("-id")
    assessment = ProjectAssessment.objects.filter(campaign=campaign, project=OuterRef("pk"))
    return queryset.annotate(
        current_status=Coalesce(NullIf(Subquery(reports.values("status")[:1]), Value("")), "status"),
        done=Coalesce(Subquery(reports.exclude(completed_investment=None).values("completed_investment")[:1]),
                      "completed_investment"),
        warning=Coalesce(Subquery(assessment.values("warning")[:1]), Value("")),
        schedule=Subquery(assessment.values("schedule_elapsed")[:1]),
        investment_progress=Subquery(assessment.values("investment_progress")[:1]),
    )


def count_by(queryset: QuerySet, *fields: str) -> dict[tuple, int]:
    """{(field values…): count}, grouped by the database."""
    rows = queryset.order_by().values(*fields).annotate(n=Count("id", distinct=True))
    return {tuple(row[f] for f in fields): row["n"] for row in rows}


def roll_up(counts: dict[tuple, int], fields: tuple[str, ...], *keep: str) -> dict[tuple, int]:
    """The counts of a finer grouping summed over the fields not kept.

    One grouped query by every dimension a page shows, rolled up per figure, costs one query
    where a query per figure cost several; the database still does the counting.
    """
    positions = [fields.index(name) for name in keep]
    result: dict[tuple, int] = {}
    for key, n in counts.items():
        rolled = tuple(key[i] for i in positions)
        result[rolled] = result.get(rolled, 0) + n
    return result


@dataclass(frozen=True)
class Overview:
    campaign: Campaign
    unit: Unit | None
    by_category: dict[tuple, int]        # (category, rating) → n
    by_attribute: dict[tuple, int]       # (attribute, rating) → n
    by_unit: dict[tuple, int]            # (unit id, unit name, rating) → n
    indicator_warnings: dict[tuple, int]  # (warning,) → n
    project_warnings: dict[tuple, int]
    at_risk: list[Indicator]
    task_ratings: dict[tuple, int]       # (rating,) → n
    project_statuses: dict[tuple, int]   # (status,) → n
    board: list                          # submissions.selectors.BoardRow, only for the compiled view
    total_indicators: int
    is_sample: bool

    def categories(self) -> list[str]:
        return sorted({category for category, _ in self.by_category}, key=lambda c: (c == "", c))


INDICATOR_DIMENSIONS = ("category", "attribute", "lead_unit_id", "lead_unit__name", "decided", "warning")
PROJECT_DIMENSIONS = ("warning", "current_status")


def overview(campaign: Campaign, unit: Unit | None = None) -> Overview:
    """Every figure of the campaign overview (``unit`` None) or of one unit's view."""
    items = indicators(campaign, unit)
    counted = count_by(items, *INDICATOR_DIMENSIONS)
    by_category = roll_up(counted, INDICATOR_DIMENSIONS, "category", "decided")
    at_risk = list(items.filter(attribute=Indicator.Attribute.BINDING, decided__in=("C", "D"))
                   .select_related("lead_unit").order_by("plan_id", "position", "id"))
    projects_counted = count_by(projects(campaign, unit), *PROJECT_DIMENSIONS)
    sample = (Project.objects.filter(plan__in=campaign.plans.all(), is_sample=True).exists()
              or items.filter(observations__is_sample=True).exists())
    return Overview(
        campaign=campaign, unit=unit, by_category=by_category,
        by_attribute=roll_up(counted, INDICATOR_DIMENSIONS, "attribute", "decided"),
        by_unit=roll_up(counted, INDICATOR_DIMENSIONS, "lead_unit_id", "lead_unit__name", "decided"),
        indicator_warnings=roll_up(counted, INDICATOR_DIMENSIONS, "warning"),
        project_warnings=roll_up(projects_counted, PROJECT_DIMENSIONS, "warning"),
        at_risk=at_risk,
        task_ratings=count_by(tasks(campaign, unit), "decided"),
        project_statuses=roll_up(projects_counted, PROJECT_DIMENSIONS, "current_status"),
        board=submission_selectors.board_rows(campaign) if unit is None else [],
        total_indicators=sum(by_category.values()), is_sample=sample,
    )


def state_counts(board) -> list[tuple[str, str, int]]:
    """(state, label, units) in workflow order, from the board's rows."""
    counts: dict[str, int] = {}
    for row in board:
        counts[row.state] = counts.get(row.state, 0) + 1
    return [(state.value, state.label, counts.get(state.value, 0)) for state in workflow.State]


def drill_indicators(campaign: Campaign, *, unit: Unit | None = None, category: str | None = None,
                     attribute: str | None = None, rating: str | None = None, warning: str | None = None,
                     lead_unit_id: int | None = None) -> QuerySet[Indicator]:
    """The indicators behind one bar of the overview: same scope, same rule."""
    items = indicators(campaign, unit)
    filters = Q()
    if category is not None:
        filters &= Q(category=category)
    if attribute is not None:
        filters &= Q(attribute=attribute)
    if rating is not None:
        filters &= Q(decided=rating)
    if warning is not None:
        filters &= Q(warning=warning)
    if lead_unit_id is not None:
        filters &= Q(lead_unit_id=lead_unit_id)
    return items.filter(filters).select_related("lead_unit").order_by("plan_id", "position", "id")


# The top-level area of a task, found without recursion: the furthest ancestor up to five levels
# (area → section → item → sub-item → …); the seeds' trees are three deep.
AREA = Coalesce("parent__parent__parent__parent__parent_id", "parent__parent__parent__parent_id",
                "parent__parent__parent_id", "parent__parent_id", "parent_id", "id")


def drill_tasks(campaign: Campaign, *, unit: Unit | None = None, rating: str | None = None,
                area_id: int | None = None) -> QuerySet[Task]:
    items = tasks(campaign, unit)
    if rating is not None:
        items = items.filter(decided=rating)
    if area_id is not None:
        items = items.annotate(area=AREA).filter(area=area_id)
    return items.select_related("lead_unit").order_by("plan_id", "position", "id")


def drill_projects(campaign: Campaign, *, unit: Unit | None = None, status: str | None = None,
                   warning: str | None = None) -> QuerySet[Project]:
    items = projects(campaign, unit)
    if status is not None:
        items = items.filter(current_status=status)
    if warning is not None:
        items = items.filter(warning=warning)
    return items.select_related("lead_unit").order_by("plan_id", "id")


def task_areas(campaign: Campaign, unit: Unit | None = None) -> tuple[list[Task], dict[tuple, int]]:
    """The task tree's top-level areas that hold counted tasks, and (area id, rating) → leaf tasks,
    counted by the database."""
    counts = count_by(tasks(campaign, unit).annotate(area=AREA), "area", "decided")
    with_tasks = {area for area, _ in counts}
    areas = list(Task.objects.filter(id__in=with_tasks).order_by("plan_id", "position", "id"))
    return areas, counts
