"""Who may see and change third-party evaluations and typical cases.

Built on the shared checks (planeval/accounts/access.py, planeval/campaigns/access.py):

- the DRC of the campaign's jurisdiction (or above) grants evaluators, sees the comparison of
  self-assessment and third-party conclusions, reads every case and selects cases for the report;
  leaders read what the DRC reads;
- an outside evaluator sees only the campaigns it was granted, and only its own conclusions
  (the DRC may record them on its behalf when the organisation has no account);
- a unit's filler or head sees and edits only its own unit's cases, and only while the campaign
  is open and the unit's report is not under review (the service asks planeval/submissions/locks.py).
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from planeval.accounts.access import jurisdiction_roles
from planeval.accounts.models import Role
from planeval.campaigns.access import access_campaign
from planeval.campaigns.models import Campaign
from planeval.submissions.access import own_unit

from .models import Case, EvaluatorGrant

NO_COMPARISON = "只有发改委和分管领导可以查看自评与第三方评估对照。"
DRC_ONLY = "只有发改委统筹人员可以授权第三方评估机构、选用典型案例。"
NOT_GRANTED = "您未获授权评估该项评估工作。"
NO_CASES = "只有本单位的填报人、单位负责人以及发改委、分管领导可以查看典型案例。"
NOT_YOUR_CASE = "只能查看和修改本单位报送的典型案例。"
NOT_A_UNIT = "只有单位的填报人或单位负责人可以报送典型案例。"

READERS = frozenset({Role.DRC, Role.LEADER})


def access_comparison(user, campaign_id: int) -> Campaign:
    """The campaign, for the DRC and leaders over it."""
    return access_campaign(user, campaign_id, roles=READERS, refusal=NO_COMPARISON)


def access_drc(user, campaign_id: int) -> Campaign:
    """The campaign, for its DRC only: granting evaluators and selecting cases."""
    return access_campaign(user, campaign_id, roles={Role.DRC}, refusal=DRC_ONLY)


def is_campaign_drc(user, campaign: Campaign) -> bool:
    return Role.DRC in jurisdiction_roles(user, campaign.jurisdiction)


def evaluator_grants(user, campaign: Campaign) -> list[EvaluatorGrant]:
    """The user's own active grants for ``campaign`` (an account may serve one organisation per campaign,
    but nothing stops the DRC from naming it for two)."""
    if not user.is_authenticated:
        return []
    return list(EvaluatorGrant.objects.filter(campaign=campaign, user=user, revoked_at__isnull=True).order_by("id"))


def access_evaluation(user, campaign_id: int) -> tuple[Campaign, list[EvaluatorGrant]]:
    """The campaign and the user's grants for it; refused unless the user was granted it.

    The grant alone decides: an evaluator's observer role elsewhere in the jurisdiction does not
    open another campaign's evaluation.
    """
    campaign = get_object_or_404(Campaign.objects.select_related("jurisdiction__parent"), id=campaign_id)
    grants = evaluator_grants(user, campaign)
    if not grants:
        raise PermissionDenied(NOT_GRANTED)
    return campaign, grants


def access_grant(user, grant_id: int) -> EvaluatorGrant:
    """A grant whose conclusions the user may record: its own (active) one, or any of a campaign
    the user is DRC of (for an organisation that sends a spreadsheet instead of logging in)."""
    grant = get_object_or_404(EvaluatorGrant.objects.select_related("campaign__jurisdiction__parent"), id=grant_id)
    if grant.user_id is not None and grant.user_id == user.id and grant.is_active:
        return grant
    if user.is_authenticated and is_campaign_drc(user, grant.campaign):
        return grant
    raise PermissionDenied(NOT_GRANTED)


def unit_of(user, campaign: Campaign):
    """The unit for which the user files in ``campaign`` (submissions' own rule), or None."""
    try:
        return own_unit(user, campaign)
    except PermissionDenied:
        return None


def access_cases(user, campaign_id: int):
    """(campaign, unit or None, is_drc) for the case list: the DRC and leaders see every case
    (unit None), a unit's filler or head its own unit's."""
    campaign = access_campaign(user, campaign_id, refusal=NO_CASES)
    roles = jurisdiction_roles(user, campaign.jurisdiction)
    if roles & READERS:
        return campaign, None, Role.DRC in roles
    unit = unit_of(user, campaign)
    if unit is None:
        raise PermissionDenied(NO_CASES)
    return campaign, unit, False


def access_case(user, case_id: int, *, write: bool = False) -> Case:
    """A case the user may read (its unit, the DRC, leaders) or, with ``write``, edit (its unit only)."""
    case = get_object_or_404(Case.objects.select_related("campaign__jurisdiction__parent", "unit"), id=case_id)
    campaign, unit, _ = access_cases(user, case.campaign_id)
    if write:
        own = unit_of(user, campaign)
        if own is None or own.id != case.unit_id:
            raise PermissionDenied(NOT_YOUR_CASE)
    elif unit is not None and unit.id != case.unit_id:
        raise PermissionDenied(NOT_YOUR_CASE)
    return case


def access_new_case(user, campaign_id: int):
    """(campaign, unit) where the user may submit a new case: its own unit's."""
    campaign = access_campaign(user, campaign_id, refusal=NO_CASES)
    unit = unit_of(user, campaign)
    if unit is None:
        raise PermissionDenied(NOT_A_UNIT)
    return campaign, unit
