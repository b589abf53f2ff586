"""Appending to the audit log. The only writer of AuditEvent (docs/audit.md)."""
from __future__ import annotations

import json
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from planeval.audit.actions import Outcome
from planeval.audit.models import AuditEvent
from planeval.domain import audit_chain

# Key of the PostgreSQL advisory lock that serialises appends ("plan" in ASCII).
CHAIN_LOCK_KEY = 0x706C616E


# The address of the request being served, set by AuditMiddleware: services record events without
# being handed the request, and their events still say where the change came from.
_current_address: ContextVar[str] = ContextVar("planeval_audit_address", default="")


@contextmanager
def request_address(request):
    token = _current_address.set(client_address(request))
    try:
        yield
    finally:
        _current_address.reset(token)


def client_address(request) -> str:
    """The address the request came from, as the server saw it.

    Behind nginx, planeval.core.proxy.TrustedProxyMiddleware has already replaced REMOTE_ADDR
    with the browser's address for requests from PLANEVAL_TRUSTED_PROXIES; a header the client
    can write itself is not believed here.
    """
    if request is None:
        return ""
    return (request.META.get("REMOTE_ADDR") or "")[:45]


TEXT_LIMIT = 1000


def audit_text(value) -> str:
    """A value as text for an event's detail, cut at TEXT_LIMIT characters.

    Long report text is kept in full by the owning history (ReportRevision); the event keeps
    enough to see what changed without letting one edit bloat the log.
    """
    text = "" if value is None else str(value)
    return text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT] + "…"


def _lock_chain_head() -> tuple[int, str]:
    """Take the chain lock, then read the head (id, hash) — in that order, in two statements, so
    that the head read sees every event committed before the lock was granted."""
    # Two transactions appending at once would both read the same head and fork the chain.
    # PostgreSQL: a transaction-level advisory lock, released at commit or rollback.
    # SQLite: writers are already serialised (transaction_mode IMMEDIATE takes the write lock
    # when the transaction begins), so the head read below cannot change under us.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        # Raw SQL: this runs once per audited write, and the ORM's query building cost more than the query.
        cursor.execute(f"SELECT id, hash FROM {AuditEvent._meta.db_table} ORDER BY id DESC LIMIT 1")
        head = cursor.fetchone()
    return (head[0], head[1]) if head else (0, audit_chain.GENESIS)


def _json_safe(detail: dict | None) -> dict:
    # What is hashed must be exactly what the database gives back: dates, decimals and UUIDs
    # become strings before they are stored.
    return json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder, ensure_ascii=False))


def audit_record(*, action: str, user=None, request=None, target=None, outcome: str = Outcome.SUCCESS,
                 detail: dict | None = None, username: str = "") -> AuditEvent:
    """Append one event to the hash chain inside the caller's transaction.

    ``request`` gives the address (REMOTE_ADDR) and, if ``user`` is None, request.user;
    ``target`` is any model instance (stored as app_label.model + pk + str()); ``username`` is
    for attempts on unknown or anonymous accounts. Call it last in a service: the chain lock is
    held until the caller's transaction ends.
    """
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if user is not None:
        username = user.get_username()
    fields = {
        "user_id": user.pk if user is not None else None,
        "username": (username or "")[:150],
        "address": client_address(request) if request is not None else _current_address.get(),
        "action": str(action),
        "target_type": target._meta.label_lower if target is not None else "",
        "target_id": str(target.pk) if target is not None and target.pk is not None else "",
        "target_repr": str(target)[:200] if target is not None else "",
        "outcome": str(outcome),
        "detail": _json_safe(detail),
    }
    # No savepoint: if the event cannot be written, the caller's change must not commit either.
    # Alone (a login, a refusal, a download) it is its own short transaction.
    with transaction.atomic(savepoint=False):
        last_id, prev_hash = _lock_chain_head()
        # The time is taken under the lock so that time order follows id order.
        fields["id"] = last_id + 1
        fields["at"] = timezone.now()
        event = AuditEvent(**fields, prev_hash=prev_hash, hash=audit_chain.event_hash(prev_hash, fields))
        event.save(force_insert=True)
    return event
