"""The audit log's costs: one audit_record call, and audit-verify over a long chain.

    .venv/bin/python benchmarks/audit_chain.py                  # 100,000 events, SQLite
    DATABASE_URL=postgres://planeval:planeval@127.0.0.1:5432/planeval_bench_audit \\
        .venv/bin/python benchmarks/audit_chain.py --events 100000

Uses a throw-away database (SQLite under a temporary directory, or the PostgreSQL database named,
dropped and re-created). Times ``audit_record`` called one event per transaction (the common case:
one service call, one event) and several per transaction, then fills the chain up to --events
with correctly chained rows written in bulk, and times the streaming verification with its peak
memory growth (peak RSS), which must not grow with the chain.
"""
import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["PLANEVAL_VAR_DIR"] = tempfile.mkdtemp(prefix="planeval-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone


def fresh_database() -> None:
    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)


def time_record(calls: int, per_transaction: int) -> float:
    from planeval.audit.actions import Action
    from planeval.audit.services import audit_record

    started = time.perf_counter()
    for _ in range(calls // per_transaction):
        with transaction.atomic():
            for _ in range(per_transaction):
                audit_record(action=Action.VALUE_CHANGE, username="bench",
                             detail={"indicator_id": 1, "period": "2022", "old": "12.5", "new": "13.0"})
    return (time.perf_counter() - started) / calls


def time_baseline(calls: int) -> float:
    """A plain one-row INSERT and commit on the same connection: what any write costs here."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_baseline (id integer PRIMARY KEY, payload text)")
    started = time.perf_counter()
    for n in range(calls):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_baseline (id, payload) VALUES (%s, %s)", [n, "x" * 200])
    return (time.perf_counter() - started) / calls


def fill(total: int, batch: int = 5000) -> None:
    """Chained rows up to *total*, written in bulk (raw INSERT: audit_record's per-row cost is measured above)."""
    import json

    from planeval.audit.models import AuditEvent
    from planeval.domain import audit_chain

    last = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    last_id, prev = last if last else (0, audit_chain.GENESIS)
    columns = ("id", "at", "user_id", "username", "address", "action", "target_type", "target_id",
               "target_repr", "outcome", "detail", "prev_hash", "hash")
    sql = (f"INSERT INTO audit_auditevent ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})")
    rows = []
    for n in range(last_id + 1, total + 1):
        fields = {"id": n, "at": timezone.now(), "user_id": None, "username": f"user{n % 500}",
                  "address": "10.0.0.1", "action": "value_change", "target_type": "monitoring.observation",
                  "target_id": str(n), "target_repr": f"指标数据 {n}", "outcome": "success",
                  "detail": {"old": str(n), "new": str(n + 1), "period": "2022"}}
        digest = audit_chain.event_hash(prev, fields)
        rows.append((n, fields["at"], None, fields["username"], fields["address"], fields["action"],
                     fields["target_type"], fields["target_id"], fields["target_repr"], fields["outcome"],
                     json.dumps(fields["detail"], ensure_ascii=False), prev, digest))
        prev = digest
        if len(rows) == batch:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            rows = []
    if rows:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--trace-memory", action="store_true",
                        help="one more verification under tracemalloc: its peak Python memory (several times slower)")
    args = parser.parse_args()
    fresh_database()
    print(f"database: {connection.vendor}")
    baseline = time_baseline(args.calls)
    print(f"baseline, a plain one-row INSERT per transaction: {baseline * 1e3:.2f} ms")
    single = time_record(args.calls, 1)
    print(f"audit_record, one event per transaction: {single * 1e3:.2f} ms per call ({args.calls} calls)")
    grouped = time_record(args.calls, 10)
    print(f"audit_record, ten events per transaction: {grouped * 1e3:.2f} ms per call")
    fill(args.events)
    from planeval.audit.selectors import audit_chain_verify, verdict_message

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(2):  # the first pass warms the database cache
        started = time.perf_counter()
        verdict = audit_chain_verify()
        seconds = time.perf_counter() - started
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    if args.trace_memory:
        import tracemalloc

        tracemalloc.start()
        audit_chain_verify()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"audit-verify peak Python memory (tracemalloc): {peak / 2**20:.1f} MiB")
    print(verdict_message(verdict))
    print(f"audit-verify: {verdict.count} events in {seconds:.2f} s ({verdict.count / seconds:,.0f} events/s); "
          f"peak memory grew by {grown / 1024:.1f} MiB while verifying")


if __name__ == "__main__":
    main()
