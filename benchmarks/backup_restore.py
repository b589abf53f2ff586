"""Backup and restore of the demo: time, archive size, rows, and whether the fingerprints match.

    .venv/bin/python benchmarks/backup_restore.py                       # the demo and 20 uploads
    .venv/bin/python benchmarks/backup_restore.py --extra-revisions 200000   # plus a long value history
    DATABASE_URL=postgres://planeval:planeval@127.0.0.1:5432/planeval_backup_bench \
        .venv/bin/python benchmarks/backup_restore.py --scale 100           # PostgreSQL, province scale

Sets up two throw-away SQLite databases (DATABASE_URL=postgres://… uses that server instead,
with a second database named after it plus "_restore"), loads the demo into the first (with
``--scale N`` also ``generate-scale --jurisdictions N``: 100 is a province), writes an archive
with ``planeval backup``'s service, restores it into the freshly migrated second one and
compares the per-table row counts and checksums of every table. Afterwards it drops both
PostgreSQL databases and deletes its temporary folder (``--keep`` keeps them).
"""
import argparse
import os
import shutil
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


def drop_databases() -> None:
    """Leave nothing behind on a shared PostgreSQL server."""
    for alias in (TARGET, "default"):
        connections[alias].close()
    for alias in (TARGET, "default"):
        if connections[alias].vendor == "postgresql":
            name = connections[alias].settings_dict["NAME"]
            with connections["default"]._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def compare(source: dict, restored: dict) -> list[str]:
    """Tables whose row count or checksum differ (or that exist on one side only)."""
    return sorted(name for name in source.keys() | restored.keys() if source.get(name) != restored.get(name))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--extra-revisions", type=int, default=0)
    parser.add_argument("--files", type=int, default=20, help="uploaded files of 256 KiB each")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="also generate-scale --jurisdictions N (100: a province of 5,000 units)")
    parser.add_argument("--keep", action="store_true", help="keep the databases and the temporary folder")
    options = parser.parse_args()
    try:
        run(options)
    finally:
        if not options.keep:
            drop_databases()
            shutil.rmtree(settings.VAR_DIR, ignore_errors=True)


def run(options) -> None:

    from planeval.backup.services import (
        backup_restore,
        backup_write,
        database_fingerprint,
    )
    from planeval.demo.services import demo_load

    fresh_databases()
    started = time.perf_counter()
    demo_load(password=settings.DEMO_PASSWORD)
    if options.scale:
        from planeval.regions.scale import scale_generate

        scale_generate(jurisdictions=options.scale)
    print(f"data loaded             {time.perf_counter() - started:,.1f} s"
          + (f" (demo + generate-scale --jurisdictions {options.scale})" if options.scale else " (demo)"))
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

    started = time.perf_counter()
    source, restored = database_fingerprint(), database_fingerprint(using=TARGET)
    compare_seconds = time.perf_counter() - started
    differing = compare(source, restored)
    rows = sum(count for count, _ in source.values())
    files = sum(1 for name in manifest.members if name.startswith("media/"))
    print(f"database                {vendor}")
    print(f"tables / rows           {len(source)} / {rows:,}"
          + (f" (incl. {options.extra_revisions:,} generated revisions)" if options.extra_revisions else ""))
    print(f"uploaded files          {files}")
    print(f"archive size            {archive.stat().st_size / 1024:,.0f} KiB")
    print(f"backup                  {backup_seconds * 1000:,.0f} ms")
    print(f"restore (incl. verify)  {restore_seconds * 1000:,.0f} ms")
    print(f"fingerprint both sides  {compare_seconds * 1000:,.0f} ms")
    print(f"fingerprints match      {'yes' if source == restored == manifest.fingerprint() else 'NO'}"
          f" ({len(source)} tables compared, {len(differing)} differ{': ' + ', '.join(differing) if differing else ''})")
    print(f"  {'table':<36} {'rows':>9} {'restored':>9}  checksum (source = restored)")
    for name, (count, checksum) in sorted(source.items(), key=lambda item: -item[1][0])[:12]:
        again, checksum_again = restored.get(name, (0, ""))
        print(f"  {name:<36} {count:>9,} {again:>9,}  {checksum[:16]}… {'=' if checksum == checksum_again else '≠'}")
    if differing or source != manifest.fingerprint():
        raise SystemExit(1)


if __name__ == "__main__":
    main()
