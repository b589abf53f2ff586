"""Reads of the 提请审议 package: its documents, the route, the filing deadline, the .zip."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse

from planeval.domain import congress_route as route
from planeval.domain.reminders import DueItem
from planeval.domain.working_days import CalendarNotCovered, add_working_days

from .models import Document, Package, Step


@dataclass(frozen=True)
class RouteRow:
    step: route.RouteStep
    label: str
    recorded: Step | None


@dataclass(frozen=True)
class FilingDue:
    due_on: datetime.date | None
    problem: str = ""  # Chinese: the calendar does not cover the year


def package_for(campaign) -> Package | None:
    return Package.objects.filter(campaign=campaign).first()


def active_documents(package: Package):
    return (package.documents.filter(removed_at__isnull=True).select_related("created_by")
            .defer("content").order_by("id"))


def route_rows(package: Package) -> list[RouteRow]:
    """Every step of the route in order, with what was recorded for it."""
    recorded = {s.step: s for s in package.steps.select_related("recorded_by", "document").defer("document__content")}
    return [RouteRow(step, route.STEP_LABELS[step], recorded.get(step.value)) for step in route.ORDER]


def filing_due(package: Package, rows: list[RouteRow] | None = None) -> FilingDue | None:
    """When the copy to the higher-level DRC is due: N working days after 人大常委会审议."""
    rows = rows if rows is not None else route_rows(package)
    congress = next(r.recorded for r in rows if r.step is route.RouteStep.CONGRESS)
    if congress is None:
        return None
    try:
        return FilingDue(add_working_days(congress.held_on, package.filing_working_days))
    except CalendarNotCovered as uncovered:
        return FilingDue(None, str(uncovered))


def due_items(campaign) -> list[DueItem]:
    """Reminder source: the copy to the higher-level DRC, for the DRC staff of the jurisdiction."""
    from planeval.accounts.models import Role, RoleAssignment

    package = package_for(campaign)
    if package is None:
        return []
    rows = route_rows(package)
    due = filing_due(package, rows)
    if due is None or due.due_on is None:
        return []
    done = next(r.recorded for r in rows if r.step is route.RouteStep.FILING) is not None
    users = tuple(RoleAssignment.objects.filter(role=Role.DRC, jurisdiction=campaign.jurisdiction)
                  .values_list("user_id", flat=True).order_by("user_id"))
    return [DueItem(key=f"congress:{package.pk}:filing", title=f"{campaign.name}评估报告报上级发改委备案",
                    due_on=due.due_on, user_ids=users, done=done,
                    url=reverse("congress:package", kwargs={"campaign_id": campaign.id}))]


def document_content(package: Package, document_id: int) -> Document | None:
    return Document.objects.filter(package=package, pk=document_id).first()
