"""Writes only the API makes: token rotation and the all-or-nothing bulk upsert of values.

The bulk upsert calls the same service per row as the indicator form's values
(``submissions.services.indicator_values_save``), so workflow checks, locks and history are
the form's; what it adds is the contract "every row or none", with each refusal by index,
and one run of the engine per indicator rather than per row.
"""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from planeval.assessment.services import indicator_reassess
from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.monitoring.models import Observation
from planeval.submissions.services import ValueInput, indicator_values_save

INACTIVE_USER = "账户“{username}”已停用，不能签发访问令牌。"
PERIOD_OUTSIDE_PLAN = "期间“{period}”不在该指标的规划期内（{start}—{end}年）。"
BULK_REFUSED = "有{count}条数据未能保存，本次提交的数据均未写入。"
BULK_STALE = "有{count}条数据在您读取后已被他人修改，本次提交的数据均未写入。{first}"


@transaction.atomic
def api_token_rotate(*, user) -> str:
    """A new API token for ``user``; the old one stops working at once."""
    if not user.is_active:
        raise ApplicationError(INACTIVE_USER.format(username=user.username))
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user).key


def stored_value(indicator, cell: ValueInput) -> Observation | None:
    period = cell.period
    return (Observation.objects.select_related("recorded_by")
            .filter(indicator=indicator, year=period.year, granularity=period.granularity.value,
                    period_index=period.index, kind=cell.kind).first())


def _period_problem(indicator, cell: ValueInput) -> str | None:
    start = min(indicator.baseline_year, indicator.plan.start_year - 1)
    if not start <= cell.period.year <= indicator.plan.end_year:
        return PERIOD_OUTSIDE_PLAN.format(period=cell.period, start=start, end=indicator.plan.end_year)
    return None


def _current(observation: Observation | None) -> dict | None:
    if observation is None:
        return None
    by = observation.recorded_by
    # JSON-ready, as the API's value rows show them: decimals as strings, local time.
    return {"value": format(observation.value, "f"), "version": observation.version,
            "recorded_by": (by.full_name or by.username) if by else None,
            "recorded_at": timezone.localtime(observation.recorded_at).isoformat()}


@transaction.atomic
def values_bulk_save(*, submission, who, user, rows: list[tuple[object, ValueInput]]) -> list[Observation | None]:
    """Save every row or none: refusals raise ApplicationError with ``errors`` by index (400), stale
    versions StaleVersionError with ``conflicts`` holding the stored value and version (409).

    Returns the stored value of each row afterwards (None where the row emptied it).
    """
    refused, stale = [], []
    for index, (indicator, cell) in enumerate(rows):
        problem = _period_problem(indicator, cell)
        if problem:
            refused.append({"index": index, "field": "period", "detail": problem})
            continue
        try:
            indicator_values_save(submission=submission, who=who, indicator=indicator, user=user, values=[cell],
                                  reassess=False)
        except StaleVersionError as conflict:
            stale.append({"index": index, "detail": conflict.message,
                          "current": _current(stored_value(indicator, cell))})
        except ApplicationError as error:
            refused.append({"index": index, "field": "non_field_errors", "detail": error.message})
    if refused:
        raise ApplicationError(BULK_REFUSED.format(count=len(refused)), extra={"errors": refused})
    if stale:
        raise StaleVersionError(BULK_STALE.format(count=len(stale), first=stale[0]["detail"]),
                                extra={"conflicts": stale})
    for top in {(indicator.parent or indicator).id: indicator.parent or indicator for indicator, _ in rows}.values():
        indicator_reassess(campaign=submission.campaign, indicator=top)
    return [stored_value(indicator, cell) for indicator, cell in rows]
