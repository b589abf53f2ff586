"""Recording indicator values. Every change writes the value's history in the same transaction."""
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from planeval.audit.actions import Action
from planeval.audit.services import audit_record
from planeval.core.errors import STALE_VERSION, StaleVersionError
from planeval.domain.periods import Period
from planeval.submissions.locks import assert_indicator_values_writable

from .models import Observation, ObservationRevision


def _revision(*, observation: Observation, action: str, old_value, user) -> ObservationRevision:
    revision = ObservationRevision.objects.create(
        indicator_id=observation.indicator_id,
        period=str(observation.period),
        kind=observation.kind,
        action=action,
        old_value=old_value,
        new_value=None if action == ObservationRevision.Action.DELETED else observation.value,
        source=observation.source,
        note=observation.note,
        changed_by=user if user and user.is_authenticated else None,
        changed_at=timezone.now(),
    )
    audit_record(
        action=Action.VALUE_CHANGE, user=revision.changed_by, target=observation,
        detail={"change": action, "indicator_id": observation.indicator_id, "period": revision.period,
                "kind": observation.kind, "old": revision.old_value, "new": revision.new_value},
    )
    return revision


@transaction.atomic
def observation_record(
    *,
    indicator,
    period: Period,
    kind: str,
    value: Decimal,
    source: str = "",
    note: str = "",
    user=None,
    is_sample: bool = False,
    expected_version: int | None = None,
) -> Observation:
    """Create or change the value of ``indicator`` for ``period`` and ``kind``.

    An official figure (统计数) is its own row beside the estimate (预计数) it
    replaces, so the estimate is never erased. ``expected_version`` is the
    version the user's form showed; if the row moved on since, nothing is
    written and StaleVersionError says who changed it.
    """
    now = timezone.now()
    actor = user if user and user.is_authenticated else None
    existing = (
        Observation.objects.select_for_update()
        .filter(indicator=indicator, year=period.year, granularity=period.granularity.value,
                period_index=period.index, kind=kind)
        .first()
    )
    unchanged = existing is not None and (existing.value, existing.source, existing.note, existing.is_sample) == (
        value, source, note, is_sample)
    if unchanged and expected_version in (None, existing.version):
        return existing  # nothing changed: no new version, no history noise, no lock to consult
    assert_indicator_values_writable(indicator)
    if existing is None:
        if expected_version not in (None, 0):
            raise StaleVersionError(STALE_VERSION.format(who="他人", when="刚才"))
        observation = Observation.objects.create(
            indicator=indicator, year=period.year, granularity=period.granularity.value,
            period_index=period.index, kind=kind, value=value, source=source, note=note,
            is_sample=is_sample, recorded_by=actor, recorded_at=now,
        )
        _revision(observation=observation, action=ObservationRevision.Action.CREATED, old_value=None,
                  user=user)
        return observation

    if expected_version is not None and expected_version != existing.version:
        who = existing.recorded_by.full_name or existing.recorded_by.username if existing.recorded_by else "他人"
        raise StaleVersionError(
            STALE_VERSION.format(who=who, when=timezone.localtime(existing.recorded_at).strftime("%m月%d日%H:%M")),
            extra={"theirs": existing.value},
        )
    old_value = existing.value
    existing.value, existing.source, existing.note, existing.is_sample = value, source, note, is_sample
    existing.recorded_by, existing.recorded_at = actor, now
    existing.version += 1
    existing.save()
    _revision(observation=existing, action=ObservationRevision.Action.UPDATED, old_value=old_value,
              user=user)
    return existing


@transaction.atomic
def observation_delete(*, observation: Observation, user=None) -> None:
    assert_indicator_values_writable(observation.indicator)
    _revision(observation=observation, action=ObservationRevision.Action.DELETED,
              old_value=observation.value, user=user)
    observation.delete()
