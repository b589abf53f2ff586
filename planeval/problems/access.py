"""The one home of permission checks for the problem list and support requests.

Built on the adjustments' campaign standing (jurisdiction roles plus the user's units in the
campaign's jurisdiction). The DRC, leaders and observers read every entry; a unit reads and
writes its own. Only the DRC compiles support requests upward and records the answer.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from planeval.accounts.access import access_jurisdiction
from planeval.adjustments.access import AdjustmentStanding, campaign_standing
from planeval.campaigns.access import access_campaign
from planeval.submissions.access import own_unit

from .models import Problem, SupportRequest

NO_ACCESS = "您无权查看该事项。"
NO_CAMPAIGN_ACCESS = "您无权查看本次评估工作的问题清单。"
NOT_OUR_ENTRY = "只有本单位的填报人或单位负责人可以修改本单位的清单。"
ONLY_DRC = "只有发改委统筹人员可以汇总上报或登记上级答复。"
NO_UNIT = "您的账户没有本行政区划内的所属单位，不能填写清单。"


def reads_all(user, who: AdjustmentStanding) -> bool:
    return user.is_superuser or who.can_read_all


def access_campaign_lists(user, campaign_id: int):
    """The campaign and the user's standing, if the user has a role over it or a unit in it."""
    campaign = access_campaign(user, campaign_id)
    who = campaign_standing(user, campaign)
    if not reads_all(user, who) and not who.unit_ids:
        raise PermissionDenied(NO_CAMPAIGN_ACCESS)
    return campaign, who


def writing_unit(user, campaign, who: AdjustmentStanding):
    """The unit the user fills the lists for (their first unit in the jurisdiction); PermissionDenied if none."""
    if not who.unit_ids:
        raise PermissionDenied(NO_UNIT)
    return own_unit(user, campaign)


def _entry(user, model, entry_id: int):
    entry = get_object_or_404(model.objects.select_related("campaign__jurisdiction__parent__parent", "unit"),
                              id=entry_id)
    access_jurisdiction(user, entry.campaign.jurisdiction_id)
    who = campaign_standing(user, entry.campaign)
    if not (reads_all(user, who) or entry.unit_id in who.unit_ids):
        raise PermissionDenied(NO_ACCESS)
    return entry, who


def access_problem(user, problem_id: int, *, write: bool = False) -> tuple[Problem, AdjustmentStanding]:
    problem, who = _entry(user, Problem, problem_id)
    if write and problem.unit_id not in who.unit_ids:
        raise PermissionDenied(NOT_OUR_ENTRY)
    return problem, who


def access_support(user, request_id: int, *, write: bool = False, drc: bool = False):
    entry, who = _entry(user, SupportRequest, request_id)
    if write and entry.unit_id not in who.unit_ids:
        raise PermissionDenied(NOT_OUR_ENTRY)
    if drc and not who.is_drc:
        raise PermissionDenied(ONLY_DRC)
    return entry, who
