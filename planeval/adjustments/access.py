"""The one home of permission checks for adjustments, built on accounts.access and submissions.access.

Reading: the DRC, leaders and observers of the campaign's jurisdiction (or above) read every
proposal; a unit reads its own. Proposing: the filler or head of the item's lead unit
(submissions.access.own_unit). Acting on a proposal: the roles the route table names.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from planeval.accounts.access import (
    access_jurisdiction,
    jurisdiction_roles,
    role_assignments,
)
from planeval.campaigns.access import access_campaign
from planeval.domain import adjustment_route as route
from planeval.domain.workflow import DRC
from planeval.planning.models import Indicator, Project, Task
from planeval.submissions.access import NOT_OUR_ITEM, own_unit

from .models import Adjustment

NO_ACCESS = "您无权查看该调整建议。"
NO_CAMPAIGN_ACCESS = "您无权查看本次评估工作的规划调整。"
NOT_IN_CAMPAIGN = "该事项不属于本次评估工作的规划范围。"
ONLY_DRC = "只有发改委统筹人员可以修改规划调整程序设置。"
ITEM_MODELS = {"indicator": Indicator, "task": Task, "project": Project}


@dataclass(frozen=True)
class AdjustmentStanding:
    roles: frozenset[str]          # route roles: filler, unit_head (of the proposer unit), drc, leader, observer
    unit_ids: frozenset[int]       # the user's own units in the campaign's jurisdiction

    @property
    def can_read_all(self) -> bool:
        return bool(self.roles - route.UNIT_ROLES)

    @property
    def is_drc(self) -> bool:
        return DRC in self.roles


def _unit_roles(user, jurisdiction_id: int) -> dict[int, set[str]]:
    units: dict[int, set[str]] = {}
    for a in role_assignments(user):
        if a.role in route.UNIT_ROLES and a.unit_id and a.unit.jurisdiction_id == jurisdiction_id:
            units.setdefault(a.unit_id, set()).add(a.role)
    return units


def campaign_standing(user, campaign) -> AdjustmentStanding:
    """The user's jurisdiction roles over the campaign and the units they fill for (no proposal yet)."""
    units = _unit_roles(user, campaign.jurisdiction_id)
    roles = set(jurisdiction_roles(user, campaign.jurisdiction))
    for held in units.values():
        roles |= held
    return AdjustmentStanding(frozenset(roles), frozenset(units))


def standing(user, adjustment: Adjustment) -> AdjustmentStanding:
    """The user's roles over one proposal: unit roles count only in the proposing unit."""
    units = _unit_roles(user, adjustment.campaign.jurisdiction_id)
    roles = set(jurisdiction_roles(user, adjustment.campaign.jurisdiction))
    roles |= units.get(adjustment.proposer_unit_id, set())
    return AdjustmentStanding(frozenset(roles), frozenset(units))


def access_campaign_adjustments(user, campaign_id: int):
    """The campaign and the user's standing, if the user has any part in its adjustments."""
    campaign = access_campaign(user, campaign_id)
    who = campaign_standing(user, campaign)
    if not who.roles and not user.is_superuser:
        raise PermissionDenied(NO_CAMPAIGN_ACCESS)
    return campaign, who


def access_adjustment(user, adjustment_id: int) -> tuple[Adjustment, AdjustmentStanding]:
    adjustment = get_object_or_404(
        Adjustment.objects.select_related("campaign__jurisdiction__parent__parent", "proposer_unit", "plan",
                                          "indicator", "task", "project", "created_by", "submitted_by"),
        id=adjustment_id)
    access_jurisdiction(user, adjustment.campaign.jurisdiction_id)
    who = standing(user, adjustment)
    if not who.roles and not user.is_superuser:
        raise PermissionDenied(NO_ACCESS)
    return adjustment, who


def access_proposable_item(user, campaign, item_type: str, item_id: int):
    """(unit, item): an item of the campaign's plans that the user's unit leads; PermissionDenied otherwise."""
    model = ITEM_MODELS.get(item_type)
    if model is None:
        raise PermissionDenied(NOT_IN_CAMPAIGN)
    item = get_object_or_404(model.objects.select_related("plan", "lead_unit"), id=item_id)
    if not campaign.plans.filter(id=item.plan_id).exists():
        raise PermissionDenied(NOT_IN_CAMPAIGN)
    unit = own_unit(user, campaign)
    if item.lead_unit_id != unit.id:
        raise PermissionDenied(NOT_OUR_ITEM)
    return unit, item


def access_item(user, item_type: str, item_id: int):
    """An indicator, task or project whose history the user may read (its jurisdiction is visible)."""
    model = ITEM_MODELS.get(item_type)
    if model is None:
        raise PermissionDenied(NO_ACCESS)
    item = get_object_or_404(model.objects.select_related("plan__jurisdiction", "lead_unit"), id=item_id)
    access_jurisdiction(user, item.plan.jurisdiction_id)
    return item


def access_route_setting(user, campaign_id: int):
    return access_campaign(user, campaign_id, roles={DRC}, refusal=ONLY_DRC)
