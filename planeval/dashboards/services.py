"""Writes of the dashboards: the DRC chooses what the public page shows."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record, audit_text
from planeval.campaigns.models import Campaign, CampaignRevision
from planeval.core.errors import ApplicationError
from planeval.planning.models import Indicator

from .models import PUBLIC_FIGURES, PublicItem

DRC_ONLY = "只有发改委统筹人员可以设置公开内容。"
UNKNOWN_FIGURE = "未知的图表，不能公开。"
FOREIGN_INDICATOR = "所选指标不属于本次评估的规划纲要，不能公开。"


def _describe(figures: set[str], indicator_names: list[str]) -> str:
    parts = [PUBLIC_FIGURES[key] for key in PUBLIC_FIGURES if key in figures] + indicator_names
    return "；".join(parts) or "（不公开任何内容）"


@transaction.atomic
def publication_save(*, campaign: Campaign, user, is_drc: bool, figures: set[str],
                     indicator_ids: set[int], allowed_indicators) -> None:
    """Make exactly ``figures`` and ``indicator_ids`` public; record old → new in the revision log.
    ``allowed_indicators`` is the queryset of indicators the public page may show."""
    if not is_drc:
        raise ApplicationError(DRC_ONLY)
    if figures - PUBLIC_FIGURES.keys():
        raise ApplicationError(UNKNOWN_FIGURE)
    allowed = dict(allowed_indicators.filter(id__in=indicator_ids).values_list("id", "name"))
    if set(indicator_ids) - allowed.keys():
        raise ApplicationError(FOREIGN_INDICATOR)
    Campaign.objects.select_for_update().get(pk=campaign.pk)   # one editor at a time
    current = list(PublicItem.objects.filter(campaign=campaign))
    old_figures = {item.figure for item in current if item.figure}
    old_indicators = {item.indicator_id for item in current if item.indicator_id}
    if old_figures == figures and old_indicators == set(indicator_ids):
        return
    old_names = list(Indicator.objects.filter(id__in=old_indicators).order_by("position", "id")
                     .values_list("name", flat=True))
    now = timezone.now()
    PublicItem.objects.filter(campaign=campaign).exclude(figure__in=figures, indicator__isnull=True).exclude(
        indicator_id__in=indicator_ids).delete()
    PublicItem.objects.bulk_create(
        [PublicItem(campaign=campaign, figure=key, marked_by=user, marked_at=now) for key in figures - old_figures]
        + [PublicItem(campaign=campaign, indicator_id=i, marked_by=user, marked_at=now)
           for i in set(indicator_ids) - old_indicators])
    new_names = [allowed[i] for i in sorted(indicator_ids)]
    revision = CampaignRevision.objects.create(
        campaign=campaign, setting="public", old_value=_describe(old_figures, old_names),
        new_value=_describe(figures, new_names), changed_by=user, changed_at=now)
    audit_record(action=AuditAction.SETTING_CHANGE, user=user, target=campaign,
                 detail={"setting": "public", "old": audit_text(revision.old_value),
                         "new": audit_text(revision.new_value)})
