"""Reads for the campaign loop, each a fixed number of queries whatever the number of units or items."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from planeval.assessment.models import IndicatorAssessment, ProjectAssessment
from planeval.domain import workflow
from planeval.domain.ratings import DEFAULT_THRESHOLDS
from planeval.domain.submission_checks import ItemDecision
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Project, Task

from .models import IndicatorReport, Notice, ProjectReport, Submission, TaskReport, Transition


def unit_indicators(campaign, unit):
    return (Indicator.objects.filter(plan__in=campaign.plans.all(), lead_unit=unit)
            .select_related("parent", "plan").order_by("plan_id", "position", "id"))


def unit_tasks(campaign, unit):
    """Leaf tasks the unit leads (areas and sections are headings, not work items)."""
    return (Task.objects.filter(plan__in=campaign.plans.all(), lead_unit=unit).leaves()
            .select_related("parent", "plan").order_by("plan_id", "position", "id"))


def unit_projects(campaign, unit):
    return Project.objects.filter(plan__in=campaign.plans.all(), lead_unit=unit).order_by("plan_id", "id")


@dataclass
class WorkItem:
    kind: str            # indicator | task | project
    obj: object
    report: object | None
    assessment: object | None

    @property
    def rating(self) -> str:
        return getattr(self.report, "rating", "") or ""

    @property
    def suggestion(self) -> str:
        return getattr(self.assessment, "suggestion", "") or ""

    @property
    def warning(self) -> str:
        return getattr(self.assessment, "warning", "") or ""


def work_items(submission: Submission) -> dict[str, list[WorkItem]]:
    """The unit's indicators, tasks and projects with its reports and the engine's suggestion (6 queries)."""
    campaign, unit = submission.campaign, submission.unit
    indicators = list(unit_indicators(campaign, unit))
    tasks = list(unit_tasks(campaign, unit))
    projects = list(unit_projects(campaign, unit))
    reports = {
        "indicator": {r.indicator_id: r for r in
                      IndicatorReport.objects.filter(submission=submission).select_related("updated_by")},
        "task": {r.task_id: r for r in TaskReport.objects.filter(submission=submission).select_related("updated_by")},
        "project": {r.project_id: r for r in
                    ProjectReport.objects.filter(submission=submission).select_related("updated_by")},
    }
    indicator_assessments = {a.indicator_id: a for a in IndicatorAssessment.objects.filter(
        campaign=campaign, indicator__in=indicators)}
    project_assessments = {a.project_id: a for a in ProjectAssessment.objects.filter(
        campaign=campaign, project__in=projects)}
    return {
        "indicator": [WorkItem("indicator", i, reports["indicator"].get(i.id), indicator_assessments.get(i.id))
                      for i in indicators],
        "task": [WorkItem("task", t, reports["task"].get(t.id), None) for t in tasks],
        "project": [WorkItem("project", p, reports["project"].get(p.id), project_assessments.get(p.id))
                    for p in projects],
    }


def submitter_id(submission: Submission, transitions: list[Transition] | None = None) -> int | None:
    """Who made the latest submission of this report (the one now under review). A page that has
    read the report's ``transitions`` already (in their order) passes them and saves the query."""
    if transitions is not None:
        return next((t.actor_id for t in reversed(transitions) if t.action == workflow.Action.SUBMIT), None)
    return (Transition.objects.filter(submission=submission, action=workflow.Action.SUBMIT)
            .order_by("-at", "-id").values_list("actor_id", flat=True).first())


def actions_for(submission: Submission, roles, user, *, transitions: list[Transition] | None = None
                ) -> list[workflow.Action]:
    """The workflow buttons ``user`` sees on the report now."""
    return workflow.actions_for(workflow.State(submission.state), roles, actor_id=user.id,
                                submitter_id=submitter_id(submission, transitions))


def _label(item: WorkItem) -> str:
    if item.kind == "indicator":
        return f"指标“{item.obj.name}”"
    if item.kind == "task":
        return f"任务{item.obj.number}“{item.obj.title[:24]}”"
    return f"项目“{item.obj.name}”"


def submission_decisions(submission: Submission, items: dict[str, list[WorkItem]] | None = None
                         ) -> list[ItemDecision]:
    """The unit's decisions as the submission checks read them (``items``: work_items() when the
    caller has already read them)."""
    decisions = []
    for kind, listed in (items or work_items(submission)).items():
        for item in listed:
            report = item.report
            anticipated = getattr(item.assessment, "anticipated", None)
            shortfall = kind == "indicator" and anticipated is not None and anticipated < DEFAULT_THRESHOLDS.on_track
            adjustment = None
            if kind == "indicator" and report is not None:
                adjustment = (report.adjustment_before, report.adjustment_after, report.adjustment_reason,
                              report.adjustment_basis)
            decisions.append(ItemDecision(
                label=_label(item),
                rating=getattr(report, "rating", "") or "",
                explanation=getattr(report, "explanation", "") or "",
                projected_shortfall=shortfall,
                recovery_measures=(getattr(report, "recovery_measures", "") or getattr(report, "next_steps", "")
                                   or ""),
                adjustment=adjustment,
            ))
    return decisions


def indicator_suggestion(campaign, indicator) -> tuple[IndicatorAssessment | None, bool]:
    """The engine's stored suggestion for the indicator, and whether it projects a shortfall by the
    plan's end (then a conclusion needs a recovery measure or an adjustment proposal)."""
    assessment = IndicatorAssessment.objects.filter(campaign=campaign, indicator=indicator).first()
    return assessment, bool(assessment and assessment.anticipated is not None and assessment.anticipated < 1)


def unit_deadline(campaign) -> datetime.date | None:
    """The units' deadline on the board: the campaign's earliest dated deadline."""
    dates = [d.due_on for d in campaign.deadlines.all() if d.due_on]
    return min(dates) if dates else None


@dataclass
class BoardRow:
    unit: Unit
    submission: Submission | None
    indicators: int
    tasks: int
    projects: int
    notices: int
    overdue: bool

    @property
    def state(self) -> str:
        return self.submission.state if self.submission else workflow.State.NOT_STARTED.value

    @property
    def state_label(self) -> str:
        return workflow.State(self.state).label


def _led_counts(queryset) -> dict[int, int]:
    """{lead unit id: items}, counted by the database."""
    return dict(queryset.order_by().values_list("lead_unit_id").annotate(n=Count("id")))


def board_rows(campaign, *, today: datetime.date | None = None) -> list[BoardRow]:
    """Every unit that leads an item of the campaign, with its submission state and deadline status.

    One small grouped query per kind of item rather than one query joining units to all three:
    counting four joined relations made PostgreSQL multiply rows and Django compile a large query,
    the dearest part of the overview at province scale (docs/performance.md).
    """
    plan_ids = list(campaign.plans.values_list("id", flat=True))
    indicators = _led_counts(Indicator.objects.filter(plan_id__in=plan_ids))
    tasks = _led_counts(Task.objects.filter(plan_id__in=plan_ids).leaves())
    projects = _led_counts(Project.objects.filter(plan_id__in=plan_ids))
    notices = dict(Notice.objects.filter(campaign=campaign).order_by().values_list("unit_id").annotate(n=Count("id")))
    leading = (indicators.keys() | tasks.keys() | projects.keys()) - {None}
    units = Unit.objects.filter(id__in=leading, jurisdiction_id=campaign.jurisdiction_id).order_by("id")
    submissions = {s.unit_id: s for s in Submission.objects.filter(campaign=campaign)}
    deadline = unit_deadline(campaign)
    today = today or timezone.localdate()
    rows = []
    for unit in units:
        submission = submissions.get(unit.id)
        state = submission.state if submission else workflow.State.NOT_STARTED
        late = deadline is not None and today > deadline and workflow.is_editable(workflow.State(state))
        rows.append(BoardRow(unit, submission, indicators.get(unit.id, 0), tasks.get(unit.id, 0),
                             projects.get(unit.id, 0), notices.get(unit.id, 0), late))
    return rows


def notices_for_unit(campaign, unit):
    return Notice.objects.filter(campaign=campaign, unit=unit).select_related("issued_by", "read_by")


def unread_notice_exists(campaign, unit) -> bool:
    return Notice.objects.filter(campaign=campaign, unit=unit, read_at__isnull=True).exists()


def due_items(campaign) -> list:
    """Reminder sources (planeval.reminders): every unit whose report is not yet submitted.

    Due on the campaign's units' deadline; a unit whose submission left the editable
    states (submitted, accepted, ...) is done. None when the campaign has no dated deadline.
    """
    from django.urls import reverse

    from planeval.domain.reminders import DueItem

    deadline = unit_deadline(campaign)
    if deadline is None:
        return []
    url = reverse("submissions:my_work", kwargs={"campaign_id": campaign.id})
    return [
        DueItem(key=f"submission:{campaign.id}:{row.unit.id}", title=f"{row.unit.name}自评报告报送",
                due_on=deadline, unit_ids=(row.unit.id,), url=url,
                done=not workflow.is_editable(workflow.State(row.state)))
        for row in board_rows(campaign)
    ]
