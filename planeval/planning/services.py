"""Writes to plans, indicators and tasks. Every path that changes a target goes through here."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max

from planeval.domain.targets import parse_target

from .models import Indicator, IndicatorTarget


def indicator_apply_target(indicator: Indicator) -> Indicator:
    """Parse ``indicator.target_text`` into the stored Target, kind and direction (unsaved).

    The direction the grammar reads from the name (死亡率 → lower) is the default;
    it is applied here so the admin and every import agree.
    """
    target = parse_target(
        indicator.target_text, indicator_name=indicator.name, unit=indicator.measure_unit
    )
    indicator.target = target.to_dict()
    indicator.target_kind = target.kind.value
    indicator.direction = target.direction.value
    return indicator


@transaction.atomic
def indicator_save(*, indicator: Indicator, user=None) -> Indicator:
    """Save an indicator edited by hand (admin) or imported, re-reading its target and bumping its version.

    A target text that differs from the current target version is recorded as a new version
    (source 更正): the history never loses the text that judgements were made against.
    """
    indicator_apply_target(indicator)
    if indicator.pk:
        indicator.version += 1
    indicator.save()
    indicator_target_record(indicator=indicator, user=user)
    return indicator


def indicator_target_record(*, indicator: Indicator, user=None,
                            source: str = IndicatorTarget.Source.CORRECTION,
                            valid_from: datetime.date | None = None) -> IndicatorTarget:
    """Make the indicator's current target its newest version, adding a version only when it changed.

    The first version of an indicator is always the published one. Callers hold the transaction.
    """
    current = IndicatorTarget.objects.filter(indicator=indicator).order_by("-number").first()
    if current is None:
        return IndicatorTarget.objects.create(
            indicator=indicator, number=1, target_text=indicator.target_text, target=indicator.target,
            target_kind=indicator.target_kind, source=IndicatorTarget.Source.PUBLISHED, created_by=user)
    if current.target_text == indicator.target_text:
        return current
    return IndicatorTarget.objects.create(
        indicator=indicator, number=current.number + 1, target_text=indicator.target_text,
        target=indicator.target, target_kind=indicator.target_kind, source=source, valid_from=valid_from,
        created_by=user)


def indicator_targets_publish(indicators) -> int:
    """Version 1 for every indicator of ``indicators`` that has no version yet (bulk, for loaders)."""
    indicators = list(indicators)
    have = set(IndicatorTarget.objects.filter(indicator__in=[i.id for i in indicators])
               .values_list("indicator_id", flat=True).distinct())
    rows = [IndicatorTarget(indicator=i, number=1, target_text=i.target_text, target=i.target,
                            target_kind=i.target_kind, source=IndicatorTarget.Source.PUBLISHED)
            for i in indicators if i.id not in have]
    IndicatorTarget.objects.bulk_create(rows)
    return len(rows)


def current_target_versions(indicator_ids) -> dict[int, IndicatorTarget]:
    """The newest target version of each indicator (one query)."""
    newest = (IndicatorTarget.objects.filter(indicator_id__in=list(indicator_ids)).values("indicator_id")
              .annotate(top=Max("number")))
    wanted = {(row["indicator_id"], row["top"]) for row in newest}
    if not wanted:
        return {}
    rows = IndicatorTarget.objects.filter(indicator_id__in={i for i, _ in wanted}).order_by("indicator_id", "number")
    return {r.indicator_id: r for r in rows if (r.indicator_id, r.number) in wanted}


def superseded_target(indicator: Indicator, text: str) -> bool:
    """Whether ``text`` is an earlier target of ``indicator`` that an approved adjustment replaced.

    Re-importing the published indicator table (or reloading the demo) must not undo a
    government-approved adjustment; such a text is left alone rather than recorded as a correction.
    """
    if text == indicator.target_text:
        return False
    versions = list(IndicatorTarget.objects.filter(indicator=indicator).order_by("number")
                    .values_list("target_text", "source"))
    if not versions or versions[-1][1] != IndicatorTarget.Source.ADJUSTMENT:
        return False
    return text in {t for t, _ in versions[:-1]}
