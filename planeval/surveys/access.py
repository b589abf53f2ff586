"""Who may do what with the public's voice. Built on access_campaign (accounts/access.py underneath).

Read (results, suggestion lists): the DRC, leaders and observers of the campaign's jurisdiction.
Build questionnaires, moderate and route suggestions, record an indicator value: the DRC.
Answer a routed suggestion: the unit roles (填报人, 单位负责人) of the unit it was routed to; they
also read it. The public pages need no account and live in views_public.py.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from planeval.accounts.access import JURISDICTION_ROLES, role_assignments
from planeval.campaigns.access import access_campaign
from planeval.domain import workflow

from .models import Questionnaire, Suggestion

READ_ONLY_DRC = "只有发改委统筹可以编辑问卷、审核和转办人民建议。"
NO_VOICE = "只有发改委、分管领导和观察员可以查看问卷调查和人民建议。"
NOT_YOUR_SUGGESTION = "该建议未转交本单位办理。"


def access_voice(user, campaign_id: int, *, write: bool = False):
    """The campaign, for reading (DRC, leader, observer) or, with ``write``, for the DRC only."""
    if write:
        return access_campaign(user, campaign_id, roles={workflow.DRC}, refusal=READ_ONLY_DRC)
    return access_campaign(user, campaign_id, roles=JURISDICTION_ROLES, refusal=NO_VOICE)


def access_questionnaire(user, questionnaire_id: int, *, write: bool = False) -> Questionnaire:
    questionnaire = get_object_or_404(Questionnaire, id=questionnaire_id)
    questionnaire.campaign = access_voice(user, questionnaire.campaign_id, write=write)
    return questionnaire


def _unit_ids(user) -> set[int]:
    return {a.unit_id for a in role_assignments(user) if a.role in workflow.UNIT_ROLES and a.unit_id}


def access_suggestion(user, suggestion_id: int, *, action: str = "read") -> Suggestion:
    """``action``: "read", "moderate" (DRC: publish, reject, route) or "answer" (the routed unit)."""
    suggestion = get_object_or_404(Suggestion.objects.select_related("area", "unit", "campaign"), id=suggestion_id)
    routed_here = suggestion.unit_id is not None and suggestion.unit_id in _unit_ids(user)
    if action == "answer":
        if not routed_here:
            raise PermissionDenied(NOT_YOUR_SUGGESTION)
        return suggestion
    if action == "read" and routed_here:
        return suggestion
    suggestion.campaign = access_voice(user, suggestion.campaign_id, write=action == "moderate")
    return suggestion


def may_write(user, campaign) -> bool:
    try:
        access_voice(user, campaign.id, write=True)
    except PermissionDenied:
        return False
    return True


def user_units(user) -> set[int]:
    return _unit_ids(user)
