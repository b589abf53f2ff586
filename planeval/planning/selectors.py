"""Reads of plans, indicators and tasks, each a fixed number of queries whatever the size."""
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery

from planeval.assessment.models import IndicatorAssessment
from planeval.organizations.models import Jurisdiction, Unit

from .models import Indicator, Plan, Task


def outline_plan(jurisdiction: Jurisdiction) -> Plan | None:
    return Plan.objects.filter(jurisdiction=jurisdiction, kind=Plan.Kind.OUTLINE).order_by("id").first()


def plan_counts(jurisdiction: Jurisdiction) -> dict[str, int]:
    """Indicators, tasks and plans of a jurisdiction, counted in the database."""
    return Plan.objects.filter(jurisdiction=jurisdiction).aggregate(
        plans=Count("id", distinct=True),
        special_plans=Count("id", filter=~Q(kind=Plan.Kind.OUTLINE), distinct=True),
        indicators=Count("indicators", filter=Q(indicators__parent__isnull=True), distinct=True),
        tasks=Count("tasks", filter=Q(tasks__children__isnull=True), distinct=True),
        projects=Count("projects", distinct=True),
    )


def indicator_list_for_jurisdiction(jurisdiction: Jurisdiction, campaign=None):
    """Top-level and part indicators of the jurisdiction's plans with the latest suggestion."""
    latest = IndicatorAssessment.objects.filter(indicator=OuterRef("pk"))
    if campaign is not None:
        latest = latest.filter(campaign=campaign)
    latest = latest.order_by("-computed_at")
    return (
        Indicator.objects.filter(plan__jurisdiction=jurisdiction)
        .select_related("lead_unit", "plan", "parent")
        .prefetch_related(Prefetch("co_units", queryset=Unit.objects.only("id", "name")))
        .annotate(
            suggestion=Subquery(latest.values("suggestion")[:1]),
            warning=Subquery(latest.values("warning")[:1]),
            progress=Subquery(latest.values("progress")[:1]),
            expected=Subquery(latest.values("expected")[:1]),
        )
        .order_by("plan_id", "position", "id")
    )


@dataclass
class TaskNode:
    task: Task
    children: list["TaskNode"] = field(default_factory=list)


def task_forest(jurisdiction: Jurisdiction) -> list[tuple[Plan, list[TaskNode]]]:
    """Every plan of the jurisdiction that has tasks, with its task tree.

    Three queries whatever the number of plans and tasks: tasks with their lead
    unit and plan, then their co-units.
    """
    tasks = list(
        Task.objects.filter(plan__jurisdiction=jurisdiction)
        .select_related("lead_unit", "plan")
        .prefetch_related(Prefetch("co_units", queryset=Unit.objects.only("id", "name")))
        .order_by("plan_id", "position", "id")
    )
    nodes = {t.id: TaskNode(t) for t in tasks}
    forest: dict[int, tuple[Plan, list[TaskNode]]] = {}
    for t in tasks:
        plan, roots = forest.setdefault(t.plan_id, (t.plan, []))
        (nodes[t.parent_id].children if t.parent_id in nodes else roots).append(nodes[t.id])
    return list(forest.values())


@dataclass(frozen=True)
class TreeRow:
    """One task of a tree flattened for rendering: after a leaf, ``closes`` lists end."""

    node: TaskNode
    closes: range


def tree_rows(roots: list[TaskNode]) -> list[TreeRow]:
    """The tree in reading order, each leaf saying how many nested lists it closes.

    One flat loop in the template instead of an ``{% include %}`` per task: at province scale a
    district's 150 tasks cost 14 ms to render through recursive includes (docs/performance.md).
    """
    rows: list[list] = []

    def walk(nodes: list[TaskNode]) -> None:
        for node in nodes:
            rows.append([node, 0])
            if node.children:
                walk(node.children)
                rows[-1][1] += 1    # the subtree's last row also ends this node's list and item

    walk(roots)
    return [TreeRow(node, range(closes)) for node, closes in rows]


def plan_list_for_jurisdiction(jurisdiction: Jurisdiction):
    return (
        Plan.objects.filter(jurisdiction=jurisdiction)
        .select_related("lead_unit")
        .annotate(indicator_count=Count("indicators", distinct=True), task_count=Count("tasks", distinct=True))
        .order_by("id")
    )
