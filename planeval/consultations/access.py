"""The one home of permission checks for 征求意见, built on accounts.access.

The DRC of the campaign's jurisdiction (or above) manages versions, rounds and answers; leaders
and observers read them. A department reader (填报人/单位负责人 of an invited unit) reads only its
own invitation — the sections it was asked to read and its own comments. An outside reader has
no account: the personal link's token is the whole credential, and it opens one invitation.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from planeval.accounts.access import (
    access_jurisdiction,
    jurisdiction_roles,
    role_assignments,
)
from planeval.accounts.models import UNIT_ROLES, Role
from planeval.campaigns.access import access_campaign

from .models import Comment, DraftVersion, Invitation, Round

NO_ACCESS = "您无权查看本次评估工作的征求意见。"
ONLY_DRC = "只有发改委统筹人员可以办理征求意见。"
NOT_YOUR_INVITATION = "该征求意见不是发给您所在单位的，不能查看。"


@dataclass(frozen=True)
class ConsultationStanding:
    roles: frozenset[str]        # drc / leader / observer over the campaign's jurisdiction
    unit_ids: frozenset[int]     # units the user fills for or heads in that jurisdiction
    is_superuser: bool = False

    @property
    def is_drc(self) -> bool:
        return self.is_superuser or Role.DRC in self.roles

    @property
    def can_read_all(self) -> bool:
        return self.is_superuser or bool(self.roles)


def standing(user, campaign) -> ConsultationStanding:
    units = {a.unit_id for a in role_assignments(user)
             if a.role in UNIT_ROLES and a.unit_id and a.unit.jurisdiction_id == campaign.jurisdiction_id}
    return ConsultationStanding(jurisdiction_roles(user, campaign.jurisdiction), frozenset(units),
                                user.is_superuser)


def access_consultation(user, campaign_id: int):
    """The campaign and the user's standing, if the user reads its consultation or was invited to it."""
    campaign = access_campaign(user, campaign_id)
    who = standing(user, campaign)
    if not who.can_read_all and not who.unit_ids:
        raise PermissionDenied(NO_ACCESS)
    return campaign, who


def _overseer(user, campaign, *, manage: bool) -> ConsultationStanding:
    access_jurisdiction(user, campaign.jurisdiction_id)
    who = standing(user, campaign)
    if manage and not who.is_drc:
        raise PermissionDenied(ONLY_DRC)
    if not who.can_read_all:
        raise PermissionDenied(NO_ACCESS)
    return who


def access_manage(user, campaign_id: int):
    """The campaign, for the DRC only (a new version, a promotion)."""
    campaign = access_campaign(user, campaign_id)
    return campaign, _overseer(user, campaign, manage=True)


def access_version(user, version_id: int, *, manage: bool = False) -> DraftVersion:
    version = get_object_or_404(DraftVersion.objects.select_related("campaign__jurisdiction__parent"), id=version_id)
    _overseer(user, version.campaign, manage=manage)
    return version


def access_round(user, round_id: int, *, manage: bool = False) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("campaign__jurisdiction__parent", "draft"), id=round_id)
    _overseer(user, round_.campaign, manage=manage)
    return round_


def access_comment(user, comment_id: int) -> Comment:
    """A comment the DRC may answer."""
    comment = get_object_or_404(Comment.objects.select_related("invitation__round__campaign__jurisdiction__parent"),
                                id=comment_id)
    _overseer(user, comment.invitation.round.campaign, manage=True)
    return comment


def access_invitation(user, invitation_id: int) -> Invitation:
    """A department's invitation, for the users of that department only."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("round__campaign__jurisdiction__parent", "round__draft", "unit"),
        id=invitation_id)
    access_jurisdiction(user, invitation.round.campaign.jurisdiction_id)
    if invitation.unit_id is None or invitation.unit_id not in standing(user, invitation.round.campaign).unit_ids:
        raise PermissionDenied(NOT_YOUR_INVITATION)
    return invitation


def access_token(token: str) -> Invitation:
    """An outside reader's invitation by its personal link; an unknown token is a plain 404."""
    if not token or len(token) > 64:
        raise Http404
    return get_object_or_404(
        Invitation.objects.select_related("round__campaign__jurisdiction", "round__draft"),
        token=token, unit__isnull=True)
