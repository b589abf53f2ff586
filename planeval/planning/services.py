"""Writes to plans, indicators and tasks. Every path that changes a target goes through here."""
from django.db import transaction

from planeval.domain.targets import parse_target

from .models import Indicator


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
def indicator_save(*, indicator: Indicator) -> Indicator:
    """Save an indicator edited by hand (admin), re-reading its target and bumping its version."""
    indicator_apply_target(indicator)
    if indicator.pk:
        indicator.version += 1
    indicator.save()
    return indicator
