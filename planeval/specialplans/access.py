"""The one home of permission checks for special-plan evaluations, built on accounts.access and
adjustments.access (the same standing: jurisdiction roles, plus unit roles in the owning unit).

Reading: the DRC, leaders and observers of the campaign's jurisdiction (or above) read every
evaluation; a unit reads the evaluations of the plans it leads. Acting: the roles the route
table names; writing the report: the lead unit, in the states the route table calls editable.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from planeval.accounts.access import access_jurisdiction, jurisdiction_roles
from planeval.adjustments.access import (
    AdjustmentStanding,
    access_campaign_adjustments,
    campaign_standing,
)
from planeval.domain import special_plan_route as route
from planeval.domain.workflow import DRC

from .models import SpecialPlanEvaluation, Step

NO_ACCESS = "您无权查看该专项规划评估。"
ONLY_DRC = "只有发改委统筹人员可以办理此事项。"
NOT_THE_LEAD_UNIT = "只有该规划牵头部门的填报人或单位负责人可以修改评估报告。"

# The standing is the adjustments' one: route roles and the user's own units in the jurisdiction.
Standing = AdjustmentStanding


def access_campaign_evaluations(user, campaign_id: int):
    """The campaign and the user's standing, if the user has any part in its evaluations."""
    return access_campaign_adjustments(user, campaign_id)


def standing(user, evaluation: SpecialPlanEvaluation) -> Standing:
    """The user's roles over one evaluation: unit roles count only in the plan's lead unit."""
    over_campaign = campaign_standing(user, evaluation.campaign)
    roles = set(jurisdiction_roles(user, evaluation.campaign.jurisdiction))
    if evaluation.unit_id in over_campaign.unit_ids:
        roles |= over_campaign.roles & route.UNIT_ROLES
    return Standing(frozenset(roles), over_campaign.unit_ids)


def access_evaluation(user, evaluation_id: int) -> tuple[SpecialPlanEvaluation, Standing]:
    evaluation = get_object_or_404(
        SpecialPlanEvaluation.objects.select_related("campaign__jurisdiction__parent__parent", "plan", "unit",
                                                     "sent_by", "approved_by"),
        id=evaluation_id)
    access_jurisdiction(user, evaluation.campaign.jurisdiction_id)
    who = standing(user, evaluation)
    if not who.roles and not user.is_superuser:
        raise PermissionDenied(NO_ACCESS)
    return evaluation, who


def access_unit_writer(user, evaluation_id: int) -> tuple[SpecialPlanEvaluation, Standing]:
    """The evaluation, for its lead unit's filler or head only."""
    evaluation, who = access_evaluation(user, evaluation_id)
    if not who.roles & route.UNIT_ROLES:
        raise PermissionDenied(NOT_THE_LEAD_UNIT)
    return evaluation, who


def access_drc(user, evaluation_id: int) -> tuple[SpecialPlanEvaluation, Standing]:
    evaluation, who = access_evaluation(user, evaluation_id)
    if DRC not in who.roles:
        raise PermissionDenied(ONLY_DRC)
    return evaluation, who


def access_step_document(user, step_id: int) -> Step:
    """A step's attached document, for whoever may read its evaluation."""
    step = get_object_or_404(Step.objects.exclude(document=""), id=step_id)
    access_evaluation(user, step.evaluation_id)
    return step
