"""The audit log is a hash chain that only grows, and audit-verify finds the first broken link."""
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from planeval.audit import triggers
from planeval.audit.actions import Action, Outcome
from planeval.audit.models import APPEND_ONLY, AppendOnlyError, AuditEvent
from planeval.audit.selectors import VERIFY_BROKEN, audit_chain_verify
from planeval.audit.services import audit_record
from planeval.domain import audit_chain


def _verify_output() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit-verify", stdout=out)
    return out.getvalue()


def _three_events(user):
    return [audit_record(action=Action.VALUE_CHANGE, user=user, detail={"n": n, "value": "1.50"})
            for n in range(3)]


def _raw(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _drop_triggers():
    for statement in triggers.drop_sql(connection.vendor):
        _raw(statement)


@pytest.fixture
def fgw(demo):
    from planeval.accounts.models import User

    return User.objects.get(username="fgw")


def test_events_are_chained_and_verify_passes(fgw):
    events = _three_events(fgw)
    assert [e.id for e in events] == [events[0].id, events[0].id + 1, events[0].id + 2]
    assert events[1].prev_hash == events[0].hash and events[2].prev_hash == events[1].hash
    stored = AuditEvent.objects.get(id=events[2].id)
    assert stored.username == "fgw" and stored.detail == {"n": 2, "value": "1.50"}
    assert audit_chain.event_hash(stored.prev_hash, {f: getattr(stored, f if f != "user_id" else "user_id")
                                                     for f in audit_chain.CHAINED_FIELDS}) == stored.hash
    verdict = audit_chain_verify()
    assert verdict.ok and verdict.head_id == events[2].id
    assert "哈希链逐条校验通过" in _verify_output()


def test_first_event_starts_from_genesis(fgw):
    first = AuditEvent.objects.order_by("id").first() or _three_events(fgw)[0]
    assert first.id == 1 and first.prev_hash == audit_chain.GENESIS


def test_an_altered_row_is_caught(fgw):
    events = _three_events(fgw)
    _drop_triggers()
    _raw("UPDATE audit_auditevent SET username = %s WHERE id = %s", ["someone-else", events[1].id])
    with pytest.raises(CommandError) as refused:
        _verify_output()
    assert str(refused.value).startswith(f"审计记录第 {events[1].id} 条被篡改")


def test_a_rewritten_row_with_a_fresh_hash_breaks_the_next_link(fgw):
    events = _three_events(fgw)
    _drop_triggers()
    forged = {f: getattr(events[1], f) for f in audit_chain.CHAINED_FIELDS} | {"outcome": Outcome.FAILURE}
    _raw("UPDATE audit_auditevent SET outcome = %s, hash = %s WHERE id = %s",
         [Outcome.FAILURE, audit_chain.event_hash(events[1].prev_hash, forged), events[1].id])
    verdict = audit_chain_verify()
    assert verdict.broken.kind == "relinked" and verdict.broken.event_id == events[2].id
    with pytest.raises(CommandError, match=f"审计记录第 {events[2].id} 条与前一条断链"):
        _verify_output()


def test_a_deleted_row_is_caught(fgw):
    events = _three_events(fgw)
    _drop_triggers()
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [events[1].id])
    with pytest.raises(CommandError) as refused:
        _verify_output()
    assert str(refused.value).startswith(VERIFY_BROKEN["gap"].format(expected=events[1].id, found=events[2].id))


def test_the_database_refuses_update_and_delete(fgw):
    event = _three_events(fgw)[0]
    for sql in ("UPDATE audit_auditevent SET username = 'x' WHERE id = %s",
                "DELETE FROM audit_auditevent WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            _raw(sql, [event.id])
    assert AuditEvent.objects.get(id=event.id).username == "fgw"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_truncate(fgw):
    _three_events(fgw)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw("TRUNCATE audit_auditevent")


def test_the_orm_refuses_every_change(fgw):
    event = _three_events(fgw)[0]
    event.username = "x"
    attempts = [
        event.save,
        event.delete,
        lambda: AuditEvent.objects.filter(id=event.id).update(username="x"),
        lambda: AuditEvent.objects.filter(id=event.id).delete(),
        lambda: AuditEvent._base_manager.filter(id=event.id).delete(),
        lambda: AuditEvent.objects.bulk_update([event], ["username"]),
        lambda: AuditEvent.objects.bulk_create([AuditEvent(id=10**9, at=event.at, action="login",
                                                           prev_hash="0", hash="1")]),
    ]
    for attempt in attempts:
        with pytest.raises(AppendOnlyError, match=APPEND_ONLY):
            attempt()
    assert AuditEvent.objects.get(id=event.id).username == "fgw"


def test_the_event_is_part_of_the_callers_transaction(fgw):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action=Action.VALUE_CHANGE, user=fgw)
        raise RuntimeError("the change failed")
    assert AuditEvent.objects.count() == before
    audit_record(action=Action.VALUE_CHANGE, user=fgw)
    assert audit_chain_verify().ok


@pytest.mark.skipif("connection.vendor != 'postgresql'",
                    reason="the SQLite test database is in memory with a shared cache, where a second writer "
                           "fails at once instead of waiting; file databases serialise writers (IMMEDIATE)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_do_not_fork_the_chain():
    """Eight threads append at once, each in its own transaction; the chain stays one line."""
    errors = []

    def append(n: int) -> None:
        try:
            for _ in range(10):
                with transaction.atomic():
                    audit_record(action=Action.LOGIN_FAILED, username=f"t{n}", outcome=Outcome.FAILURE)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    verdict = audit_chain_verify()
    assert verdict.ok and verdict.count == AuditEvent.objects.count() and verdict.count >= 80


@pytest.mark.django_db(transaction=True)
def test_flush_erases_the_log_only_outside_production(settings):
    """The test runner's flush (erase the whole database) passes the triggers, which come back after;
    in production the triggers stay and the flush fails, erasing nothing."""
    audit_record(action=Action.LOGIN_FAILED, username="before-flush", outcome=Outcome.FAILURE)
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="couldn't be flushed") as refused:
        call_command("flush", interactive=False, verbosity=0)
    assert "append-only" in str(refused.value.__cause__)
    assert AuditEvent.objects.filter(username="before-flush").exists()
    settings.PRODUCTION = False
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    event = audit_record(action=Action.LOGIN_FAILED, username="after-flush", outcome=Outcome.FAILURE)
    assert event.id == 1 and event.prev_hash == audit_chain.GENESIS
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditevent")
