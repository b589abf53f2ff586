"""The one home of access to a campaign: visible to whoever may read its jurisdiction."""
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from planeval.accounts.access import access_jurisdiction, jurisdiction_roles

from .models import Campaign


def access_campaign(user, campaign_id: int, *, roles: frozenset[str] | set[str] | None = None,
                    refusal: str = "") -> Campaign:
    """The campaign if ``user`` may read its jurisdiction and, when ``roles`` is given, holds one of them
    over it (here or above); PermissionDenied with ``refusal`` otherwise."""
    campaign = get_object_or_404(Campaign.objects.select_related("jurisdiction__parent"), id=campaign_id)
    access_jurisdiction(user, campaign.jurisdiction_id)
    if roles is not None and not jurisdiction_roles(user, campaign.jurisdiction) & set(roles):
        raise PermissionDenied(refusal)
    return campaign
