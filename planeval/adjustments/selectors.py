"""Reads of the adjustment pages."""
from __future__ import annotations

from planeval.domain import adjustment_route as route
from planeval.planning.models import IndicatorTarget

from .models import Adjustment, ItemChange


def adjustment_list(campaign, who, *, state="", kind="", item_type="", unit_id=None):
    """The proposals a user sees: all of the campaign for the DRC, leaders and observers; a unit its own."""
    rows = (Adjustment.objects.filter(campaign=campaign)
            .select_related("proposer_unit", "indicator", "task", "project", "plan"))
    if not who.can_read_all:
        rows = rows.filter(proposer_unit_id__in=who.unit_ids)
    if state:
        rows = rows.filter(state=state)
    if kind:
        rows = rows.filter(kind=kind)
    if item_type:
        rows = rows.filter(item_type=item_type)
    if unit_id:
        rows = rows.filter(proposer_unit_id=unit_id)
    return rows.order_by("-created_at", "-id")


def approved_adjustments(campaign):
    """Every approved or applied proposal of the campaign, for the adjustment plan (指标调整方案)."""
    return (Adjustment.objects.filter(campaign=campaign, state__in=route.APPROVED_STATES)
            .select_related("proposer_unit", "indicator", "task", "project", "plan")
            .order_by("plan_id", "item_type", "indicator__position", "id"))


def item_history(item_type: str, item):
    """Target versions (indicators), applied changes and every proposal on the item, newest first."""
    versions = []
    if item_type == "indicator":
        versions = list(IndicatorTarget.objects.filter(indicator=item).select_related("created_by", "adjustment")
                        .order_by("-number"))
    changes = list(ItemChange.objects.filter(item_type=item_type, item_id=item.pk)
                   .select_related("changed_by", "adjustment").order_by("-changed_at", "-id"))
    proposals = list(Adjustment.objects.filter(**{item_type: item}).select_related("proposer_unit")
                     .order_by("-created_at", "-id"))
    return versions, changes, proposals


def open_proposal(item_type: str, item):
    return (Adjustment.objects.filter(**{item_type: item}).exclude(state__in=route.CLOSED)
            .order_by("-id").first())
