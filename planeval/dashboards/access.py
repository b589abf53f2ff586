"""Who sees which dashboard: the jurisdiction roles see the whole campaign, a unit's filler or
head the own unit's figures. Built on access_campaign and own_unit; no second rule."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied

from planeval.accounts.access import JURISDICTION_ROLES, jurisdiction_roles
from planeval.campaigns.access import access_campaign
from planeval.submissions.access import own_unit

NO_DASHBOARD = "您在该评估工作中没有可查看的看板：需要发改委、分管领导、观察员或填报单位的角色。"
NO_SCREEN = "大屏模式只供发改委、分管领导和观察员使用。"


def access_dashboard(user, campaign_id: int):
    """(campaign, roles, unit): ``unit`` is None for the DRC, leaders and observers (the whole
    campaign) and the user's own unit for a filler or unit head; PermissionDenied otherwise."""
    campaign = access_campaign(user, campaign_id, refusal=NO_DASHBOARD)
    roles = jurisdiction_roles(user, campaign.jurisdiction)
    if roles & JURISDICTION_ROLES:
        return campaign, roles, None
    try:
        return campaign, roles, own_unit(user, campaign)
    except PermissionDenied:
        raise PermissionDenied(NO_DASHBOARD) from None


def access_screen(user, campaign_id: int):
    """The campaign of a 大屏, for the jurisdiction roles only."""
    campaign, _, unit = access_dashboard(user, campaign_id)
    if unit is not None:
        raise PermissionDenied(NO_SCREEN)
    return campaign
