"""Reading the audit log: the chain walk for audit-verify and the filtered list for /audit/."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from planeval.audit.actions import DATA_ACTIONS
from planeval.audit.models import AuditEvent
from planeval.domain import audit_chain

CHUNK = 2000

VERIFY_OK = "审计记录完整：共 {count} 条，哈希链逐条校验通过。最后一条：#{head_id}，哈希 {head_hash}。"
VERIFY_EMPTY = "审计记录为空，无需校验。"
VERIFY_BROKEN = {
    "altered": "审计记录第 {id} 条被篡改：按其内容重新计算的哈希为 {expected}，而记录中保存的是 {found}。",
    "gap": "审计记录缺失：第 {expected} 条不存在（被删除），其后为第 {found} 条。",
    "relinked": "审计记录第 {id} 条与前一条断链：应指向前一条的哈希 {expected}，实际为 {found}"
                "（前一条被改写，或记录被删除后重新编号、调换了顺序）。",
}
VERIFY_CHECKED = "在此之前的 {count} 条校验通过。"


def audit_chain_rows(*, using: str = "default") -> Iterator[dict]:
    """Every event in id order as plain dicts, streamed in chunks (constant memory)."""
    fields = (*audit_chain.CHAINED_FIELDS, "prev_hash", "hash")
    return (AuditEvent.objects.using(using).order_by("id").values(*fields).iterator(chunk_size=CHUNK))


def audit_chain_verify(*, using: str = "default") -> audit_chain.Verdict:
    return audit_chain.verify(audit_chain_rows(using=using))


def verdict_message(verdict: audit_chain.Verdict) -> str:
    """The verdict in words for the operator (Chinese, as every message a user reads)."""
    if verdict.ok:
        if verdict.count == 0:
            return VERIFY_EMPTY
        return VERIFY_OK.format(count=verdict.count, head_id=verdict.head_id, head_hash=verdict.head_hash)
    broken = verdict.broken
    text = VERIFY_BROKEN[broken.kind].format(id=broken.event_id, expected=broken.expected, found=broken.found)
    return f"{text}{VERIFY_CHECKED.format(count=verdict.count)}"


@dataclass(frozen=True)
class AuditFilter:
    start: dt.date | None = None
    end: dt.date | None = None
    username: str = ""
    action: str = ""
    outcome: str = ""


def audit_event_list(*, actions: frozenset[str], filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Events of the given actions matching the filters, newest first (dates in local time)."""
    events = AuditEvent.objects.filter(action__in=sorted(actions))
    if filters.start:
        events = events.filter(at__date__gte=filters.start)
    if filters.end:
        events = events.filter(at__date__lte=filters.end)
    if filters.username:
        events = events.filter(username__icontains=filters.username)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.outcome:
        events = events.filter(outcome=filters.outcome)
    return events.order_by("-id")


def last_data_change_id() -> int:
    """The id of the newest event that changed data (0 before any): one backward step through the
    primary key, since data events are frequent among the log's latest rows."""
    return (AuditEvent.objects.filter(action__in=DATA_ACTIONS).order_by("-id")
            .values_list("id", flat=True).first() or 0)
