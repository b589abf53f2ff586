"""Backup and restore of the demo: time, archive size, rows, and whether the fingerprints match.

    .venv/bin/python benchmarks/backup_restore.py                       # the demo and 20 uploads
    .venv/bin/python benchmarks/backup_restore.py --extra-revisions 200000   # plus a long value history

Sets up two throw-away SQLite databases (DATABASE_URL=postgres://… uses that server instead,
with a second database named after it plus "_restore"), loads the demo into the first, writes
an archive with ``planeval backup``'s service, restores it into the freshly migrated second one
and compares the per-table row counts and checksums.
"""
import argparse
import os
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

from django.conf import settings
from django.core.management import call_command
from django.db import connections

TARGET = "restore_target"


def fresh_databases() -> None:
    """Both databases migrated and empty (PostgreSQL: dropped and re-created first)."""
    for alias in ("default", TARGET):
        if connections[alias].vendor == "postgresql":
            name = connections[alias].settings_dict["NAME"]
            with connections["default"]._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute(f'CREATE DATABASE "{name}"')
        call_command("migrate", database=alias, verbosity=0)


def extra_history(count: int) -> None:
    """*count* more value revisions: the table that grows fastest in a real deployment."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from planeval.monitoring.models import ObservationRevision
    from planeval.planning.models import Indicator

    indicators = list(Indicator.objects.values_list("id", flat=True))
    start = timezone.now() - datetime.timedelta(days=365)
    batch = []
    for n in range(count):
        batch.append(ObservationRevision(
            indicator_id=indicators[n % len(indicators)], period=str(2021 + n % 3), kind="actual",
            action="updated", old_value=Decimal(n) / 7, new_value=Decimal(n + 1) / 7,
            source="统计局（生成数据）", note=f"第{n}次修改", changed_at=start + datetime.timedelta(seconds=n)))
        if len(batch) == 5000:
            ObservationRevision.objects.bulk_create(batch)
            batch = []
    ObservationRevision.objects.bulk_create(batch)


def uploads(count: int) -> None:
    """*count* evidence-sized files under MEDIA_ROOT (random bytes: they do not compress)."""
    folder = Path(settings.MEDIA_ROOT) / "evidence" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"佐证材料{n:03}.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(256 * 1024))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--extra-revisions", type=int, default=0)
    parser.add_argument("--files", type=int, default=20, help="uploaded files of 256 KiB each")
    options = parser.parse_args()

    from planeval.backup.services import (
        backup_restore,
        backup_write,
        database_fingerprint,
    )
    from planeval.demo.services import demo_load

    fresh_databases()
    demo_load(password=settings.DEMO_PASSWORD)
    if options.extra_revisions:
        extra_history(options.extra_revisions)
    uploads(options.files)
    archive = Path(settings.VAR_DIR) / "planeval-backup.zip"
    vendor = connections["default"].vendor

    started = time.perf_counter()
    manifest = backup_write(out=archive)
    backup_seconds = time.perf_counter() - started

    settings.MEDIA_ROOT = Path(settings.VAR_DIR) / "restored-uploads"
    started = time.perf_counter()
    backup_restore(path=archive, using=TARGET)
    restore_seconds = time.perf_counter() - started

    source, restored = database_fingerprint(), database_fingerprint(using=TARGET)
    rows = sum(count for count, _ in source.values())
    files = sum(1 for name in manifest.members if name.startswith("media/"))
    print(f"database                {vendor}")
    print(f"tables / rows           {len(source)} / {rows:,}"
          + (f" (incl. {options.extra_revisions:,} generated revisions)" if options.extra_revisions else ""))
    print(f"uploaded files          {files}")
    print(f"archive size            {archive.stat().st_size / 1024:,.0f} KiB")
    print(f"backup                  {backup_seconds * 1000:,.0f} ms")
    print(f"restore (incl. verify)  {restore_seconds * 1000:,.0f} ms")
    print(f"fingerprints match      {'yes' if source == restored == manifest.fingerprint() else 'NO'}")
    for name, (count, _) in sorted(source.items(), key=lambda item: -item[1][0])[:8]:
        print(f"  {name:<36} {count:>9,} rows")


if __name__ == "__main__":
    main()
