"""Backup and restore of a whole instance: every table and every uploaded file, checksummed.

The archive is a zip:

    manifest.json                    format, versions, vendor, migrations, per-table rows and
                                     checksums, SHA-256 of every other member
    data/<app>.<model>.jsonl         a header line, then one canonical JSON array per row
    media/<path under MEDIA_ROOT>    the uploaded files, byte for byte

Content types and permissions: ``migrate`` creates them in every new database, with ids that
need not match the archived ones, while other rows point at them by id. Restore therefore
refuses any database holding more than those migration-made rows, then empties them too and
loads every table with its archived primary keys, so ids match the source row for row.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import json
import shutil
import zipfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from planeval.core.errors import ApplicationError

from . import rows

FORMAT = "planeval-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data/"
MEDIA_DIR = "media/"
# Rows that `migrate` itself creates; a database holding only these counts as empty.
MIGRATION_MADE = {"contenttypes.contenttype", "auth.permission"}
BATCH = 1000
COPY_CHUNK = 1024 * 1024

NOT_AN_ARCHIVE = "文件“{name}”不是 planeval 备份文件，未恢复。"
NO_SUCH_FILE = "找不到备份文件“{path}”。"
NO_SUCH_FOLDER = "目录“{path}”不存在，未备份。"
TAMPERED = "备份文件已损坏或被改动（{member} 校验不符），未恢复，数据库未作任何修改。"
UNKNOWN_FORMAT = "备份文件格式版本 {found} 不受支持（本程序支持版本 {supported}），未恢复。"
SCHEMA_MISMATCH = ("备份时的数据库结构与本实例不同（{detail}）。请先安装与备份时相同版本的 planeval 并执行 "
                   "planeval migrate，再恢复。")
NOT_EMPTY = "目标数据库不是空实例（“{table}”已有 {count} 行数据），恢复只能在刚执行 migrate 的空数据库上进行。"
FILE_CONFLICT = "上传文件目录中已有不同内容的同名文件“{path}”，未恢复。"
FINGERPRINT_MISMATCH = "恢复后核对不符：“{table}”应为 {expected} 行，实际 {found} 行或内容不同。已撤销恢复。"


@dataclass(frozen=True)
class Manifest:
    created_at: str
    planeval_version: str
    database_vendor: str
    migrations: dict[str, list[str]]
    tables: dict[str, dict]               # label -> {"table", "rows", "sha256"}
    members: dict[str, str]               # member name -> sha256
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(**{k: data[k] for k in ("created_at", "planeval_version", "database_vendor", "migrations",
                                           "tables", "members", "format", "format_version")})

    @property
    def row_counts(self) -> dict[str, int]:
        return {name: table["rows"] for name, table in self.tables.items()}

    def fingerprint(self) -> dict[str, tuple[int, str]]:
        return {name: (table["rows"], table["sha256"]) for name, table in self.tables.items()}


def planeval_version() -> str:
    try:
        return version("planeval")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def database_fingerprint(*, using: str = "default") -> dict[str, tuple[int, str]]:
    """Rows and content checksum of every backed-up table, identical across SQLite and PostgreSQL."""
    return {rows.label(model): tuple(rows.table_sum(model, using=using)) for model in rows.backed_up_models()}


def applied_migrations(*, using: str = "default") -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _write_table(archive: zipfile.ZipFile, model, *, using: str) -> tuple[str, rows.TableSum]:
    """One table as a member, streamed; returns the member's SHA-256 and the table's fingerprint."""
    digest, table = hashlib.sha256(), rows.TableHasher()
    with archive.open(f"{DATA_DIR}{rows.label(model)}.jsonl", "w", force_zip64=True) as member:
        def put(lines: list[str]) -> None:
            data = ("\n".join(lines) + "\n").encode("utf-8")
            digest.update(data)
            member.write(data)

        put([rows.header_line(model)])
        pending: list[str] = []
        for line in rows.row_lines(model, using=using):
            table.add(line)
            pending.append(line)
            if len(pending) >= rows.CHUNK:
                put(pending)
                pending = []
        if pending:
            put(pending)
    return digest.hexdigest(), table.result()


def _write_file(archive: zipfile.ZipFile, path: Path, name: str) -> str:
    # Stored, not deflated: uploads are PDFs, Office files and images, compressed already.
    info = zipfile.ZipInfo.from_file(path, name)
    info.compress_type = zipfile.ZIP_STORED
    digest = hashlib.sha256()
    with path.open("rb") as source, archive.open(info, "w", force_zip64=True) as member:
        while chunk := source.read(COPY_CHUNK):
            digest.update(chunk)
            member.write(chunk)
    return digest.hexdigest()


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def backup_write(*, out: Path, using: str = "default") -> Manifest:
    """Write every table and every uploaded file to the zip *out*; returns its manifest.

    The tables are read in one transaction (REPEATABLE READ on PostgreSQL), so the archive is a
    consistent snapshot even while people keep working. Rows are streamed, never all in memory.
    """
    out = Path(out)
    if not out.parent.is_dir():
        raise ApplicationError(NO_SUCH_FOLDER.format(path=out.parent))
    connection = connections[using]
    tables: dict[str, dict] = {}
    members: dict[str, str] = {}
    partial = out.with_name(out.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            # Inside a caller's transaction (a test) the isolation level is already fixed.
            outer = connection.in_atomic_block
            with transaction.atomic(using=using):
                if connection.vendor == "postgresql" and not outer:
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                for model in rows.backed_up_models():
                    sha, table = _write_table(archive, model, using=using)
                    members[f"{DATA_DIR}{rows.label(model)}.jsonl"] = sha
                    tables[rows.label(model)] = {"table": model._meta.db_table, "rows": table.rows,
                                                 "sha256": table.sha256}
                migrations = applied_migrations(using=using)
            media_root = Path(settings.MEDIA_ROOT)
            for path in _media_files(media_root):
                name = MEDIA_DIR + path.relative_to(media_root).as_posix()
                members[name] = _write_file(archive, path, name)
            manifest = Manifest(
                created_at=timezone.now().astimezone(datetime.UTC).isoformat(),
                planeval_version=planeval_version(), database_vendor=connection.vendor,
                migrations=migrations, tables=tables, members=members,
            )
            archive.writestr(MANIFEST, manifest.to_json())
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


# ---------------------------------------------------------------- restore


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> Manifest:
    try:
        manifest = Manifest.from_json(archive.read(MANIFEST).decode("utf-8"))
    except (KeyError, ValueError, TypeError):
        raise ApplicationError(NOT_AN_ARCHIVE.format(name=path.name))
    if manifest.format != FORMAT:
        raise ApplicationError(NOT_AN_ARCHIVE.format(name=path.name))
    if manifest.format_version != FORMAT_VERSION:
        raise ApplicationError(UNKNOWN_FORMAT.format(found=manifest.format_version, supported=FORMAT_VERSION))
    return manifest


def _safe_member(name: str) -> bool:
    pure = PurePosixPath(name)
    return (not pure.is_absolute() and ".." not in pure.parts and "\\" not in name
            and name.startswith((DATA_DIR, MEDIA_DIR)))


def backup_verify(*, path: Path, using: str = "default") -> Manifest:
    """Check an archive against its manifest and this instance's schema; touches nothing.

    Every member's SHA-256 is recomputed, members missing from or unknown to the manifest are
    refused, and the tables and applied migrations must be those of this instance.
    """
    path = Path(path)
    if not path.is_file():
        raise ApplicationError(NO_SUCH_FILE.format(path=path))
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        raise ApplicationError(NOT_AN_ARCHIVE.format(name=path.name))
    with archive:
        manifest = _read_manifest(archive, path)
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        if len(names) != len(set(names)):
            raise ApplicationError(TAMPERED.format(member="重复的文件名"))
        present = set(names) - {MANIFEST}
        unlisted_or_missing = sorted(present ^ set(manifest.members))
        if unlisted_or_missing:
            raise ApplicationError(TAMPERED.format(member=unlisted_or_missing[0]))
        for name in sorted(present):
            if not _safe_member(name):
                raise ApplicationError(TAMPERED.format(member=name))
            digest = hashlib.sha256()
            try:
                with archive.open(name) as member:
                    while chunk := member.read(COPY_CHUNK):
                        digest.update(chunk)
            except (zipfile.BadZipFile, OSError):  # zip's own CRC caught the damage
                raise ApplicationError(TAMPERED.format(member=name))
            if digest.hexdigest() != manifest.members[name]:
                raise ApplicationError(TAMPERED.format(member=name))
        _check_schema(archive, manifest, using=using)
    return manifest


def _check_schema(archive: zipfile.ZipFile, manifest: Manifest, *, using: str) -> None:
    here = {rows.label(model): model for model in rows.backed_up_models()}
    differing = sorted(set(here) ^ set(manifest.tables))
    if differing:
        raise ApplicationError(SCHEMA_MISMATCH.format(detail=f"数据表 {differing[0]}"))
    missing = sorted(f"{DATA_DIR}{name}.jsonl" for name in manifest.tables)
    missing = [member for member in missing if member not in manifest.members]
    if missing:
        raise ApplicationError(TAMPERED.format(member=missing[0]))
    applied = applied_migrations(using=using)
    differing = [app for app in sorted(set(manifest.migrations) | set(applied))
                 if manifest.migrations.get(app) != applied.get(app)]
    if differing:
        raise ApplicationError(SCHEMA_MISMATCH.format(detail="迁移记录不同：" + "、".join(differing)))
    for name, model in here.items():
        with archive.open(f"{DATA_DIR}{name}.jsonl") as member:
            header = json.loads(member.readline().decode("utf-8"))
        if header.get("fields") != [f.attname for f in rows.columns(model)]:
            raise ApplicationError(SCHEMA_MISMATCH.format(detail=f"数据表 {name} 的字段"))


def _assert_empty(*, using: str) -> None:
    for model in rows.backed_up_models():
        if rows.label(model) in MIGRATION_MADE:
            continue
        count = model._base_manager.using(using).count()
        if count:
            raise ApplicationError(NOT_EMPTY.format(table=f"{model._meta.verbose_name}（{rows.label(model)}）",
                                                    count=count))


def _media_plan(archive: zipfile.ZipFile, manifest: Manifest, root: Path) -> list[tuple[str, Path]]:
    """The files to write; refuses a different file already in the way, skips an identical one."""
    plan = []
    for name, sha in sorted(manifest.members.items()):
        if not name.startswith(MEDIA_DIR):
            continue
        target = root / PurePosixPath(name[len(MEDIA_DIR):])
        if target.exists():
            if hashlib.sha256(target.read_bytes()).hexdigest() != sha:
                raise ApplicationError(FILE_CONFLICT.format(path=name[len(MEDIA_DIR):]))
            continue
        plan.append((name, target))
    return plan


def _load_tables(archive: zipfile.ZipFile, *, using: str) -> None:
    connection = connections[using]
    models = rows.backed_up_models()
    # The target holds nothing but what migrate made (checked before) and perhaps sessions;
    # foreign keys are deferred until commit on both backends, so tables load in any order.
    cleared = [m._meta.db_table for m in models if rows.label(m) in MIGRATION_MADE]
    if apps.is_installed("django.contrib.sessions"):
        cleared.append(apps.get_model("sessions", "Session")._meta.db_table)
    with connection.cursor() as cursor:
        for table in cleared:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
    for model in models:
        with archive.open(f"{DATA_DIR}{rows.label(model)}.jsonl") as member:
            lines = io.TextIOWrapper(member, encoding="utf-8", newline="\n")
            lines.readline()  # header, checked in _check_schema
            rows.insert_rows(model, (line.rstrip("\n") for line in lines), using=using, batch=BATCH)
    # Rows came with their ids: move PostgreSQL's sequences past them so new rows get fresh ids.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def backup_restore(*, path: Path, using: str = "default") -> Manifest:
    """Rebuild an empty, migrated instance from the archive at *path*.

    Order: verify every checksum and the schema, check the database is empty and no upload
    would be overwritten — all before any write. Then, in one transaction, load every table,
    reset sequences, compare the database's fingerprint with the manifest and write the files;
    any failure undoes the load and removes the files written.
    """
    path = Path(path)
    manifest = backup_verify(path=path, using=using)
    _assert_empty(using=using)
    root = Path(settings.MEDIA_ROOT)
    written: list[Path] = []
    with zipfile.ZipFile(path) as archive:
        media = _media_plan(archive, manifest, root)
        try:
            with transaction.atomic(using=using):
                _load_tables(archive, using=using)
                found = database_fingerprint(using=using)
                for name, expected in sorted(manifest.fingerprint().items()):
                    if tuple(found.get(name, (None, None))) != tuple(expected):
                        raise ApplicationError(FINGERPRINT_MISMATCH.format(
                            table=name, expected=expected[0], found=found.get(name, (0,))[0]))
                ContentType.objects.clear_cache()  # ids cached before the restore may be stale
                for name, target in media:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(name) as source, target.open("xb") as sink:
                        written.append(target)
                        shutil.copyfileobj(source, sink, COPY_CHUNK)
        except BaseException:
            for target in written:
                target.unlink(missing_ok=True)
            raise
    return manifest
