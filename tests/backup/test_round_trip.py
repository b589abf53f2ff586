"""Backup → restore into a freshly migrated second database gives the same rows, ids and files.

The second database ("restore_target", config/settings/test.py) is migrated but empty, as a
new instance is after ``planeval migrate``. Runs on SQLite and PostgreSQL (DATABASE_URL).
"""
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from planeval.accounts.models import User
from planeval.backup import services as backup
from planeval.campaigns.models import Campaign
from planeval.core.errors import ApplicationError
from planeval.monitoring.models import Observation
from planeval.organizations.models import Jurisdiction, Unit
from planeval.planning.models import Indicator, Task
from planeval.submissions import services as submissions
from planeval.submissions.access import standing
from planeval.submissions.evidence import evidence_attach
from planeval.submissions.models import Evidence, Submission

pytestmark = pytest.mark.django_db(databases=["default", "restore_target"])
TARGET = "restore_target"
PDF = "%PDF-1.4 佐证材料 ".encode() + bytes(range(256))


@pytest.fixture
def source(demo, settings, tmp_path):
    """The demo plus a submitted report with an evidence file, uploads in a fresh folder."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    kewei = User.objects.get(username="kewei")
    submission = submissions.submission_get_or_create(campaign=campaign, unit=unit)
    task = Task.objects.get(plan__jurisdiction=campaign.jurisdiction, number="1", depth=2)
    report = submissions.task_report_save(
        submission=submission, who=standing(kewei, submission), task=task, user=kewei,
        progress="=HYPERLINK(\"http://x\",\"y\") 已完成年度目标", rating="B", expected_completion="按期完成",
        explanation="", next_steps="", expected_version=0)
    evidence = evidence_attach(task_report=report, user=kewei,
                               upload=SimpleUploadedFile("科委佐证.pdf", PDF, "application/pdf"))
    return {"submission": submission, "evidence": evidence, "tmp": tmp_path}


def archive_of(source) -> tuple:
    path = source["tmp"] / "planeval-备份.zip"
    return path, backup.backup_write(out=path)


def test_round_trip_rebuilds_the_instance_row_for_row(source, settings):
    before = backup.database_fingerprint()
    path, manifest = archive_of(source)
    assert manifest.fingerprint() == before
    assert manifest.row_counts["planning.indicator"] == Indicator.objects.count() > 0
    assert manifest.database_vendor in ("sqlite", "postgresql")

    settings.MEDIA_ROOT = source["tmp"] / "restored-uploads"
    restored = backup.backup_restore(path=path, using=TARGET)

    assert backup.database_fingerprint(using=TARGET) == before == restored.fingerprint()
    # What a user would look at: an indicator's values, a submission's state and text, the file.
    indicator = Indicator.objects.filter(observations__isnull=False).order_by("id").first()
    values = list(Observation.objects.filter(indicator=indicator).order_by("id")
                  .values_list("id", "year", "kind", "value", "recorded_at"))
    assert list(Observation.objects.using(TARGET).filter(indicator_id=indicator.id).order_by("id")
                .values_list("id", "year", "kind", "value", "recorded_at")) == values
    assert all(isinstance(v[3], Decimal) for v in values)
    submission = Submission.objects.using(TARGET).get(id=source["submission"].id)
    assert (submission.state, submission.unit.name) == ("draft", "区科委")
    assert submission.state == Submission.objects.get(id=submission.id).state
    evidence = Evidence.objects.using(TARGET).get(id=source["evidence"].id)
    assert evidence.task_report.progress.startswith("=HYPERLINK(")
    with evidence.file.open("rb") as handle:
        assert handle.read() == PDF
    assert User.objects.using(TARGET).get(username="fgw").password == User.objects.get(username="fgw").password


def test_new_rows_after_a_restore_get_fresh_ids(source, settings):
    path, _ = archive_of(source)
    settings.MEDIA_ROOT = source["tmp"] / "restored-uploads"
    backup.backup_restore(path=path, using=TARGET)
    highest = Jurisdiction.objects.using(TARGET).order_by("-id").first()
    created = Jurisdiction.objects.using(TARGET).create(name="新区", level=highest.level, parent=highest.parent)
    assert created.id > highest.id


def rewrite(path, *, change):
    """A copy of the archive with one member's bytes changed by *change*(name, data), manifest kept."""
    tampered = path.with_name("tampered.zip")
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(tampered, "w") as copy:
        for info in original.infolist():
            copy.writestr(info.filename, change(info.filename, original.read(info.filename)))
    return tampered


@pytest.mark.parametrize("member", ["data/planning.indicator.jsonl", "media/"])
def test_a_tampered_archive_is_refused_before_anything_changes(source, settings, member):
    path, _ = archive_of(source)

    def change(name, data):
        if not name.startswith(member):
            return data
        # A binding indicator quietly made anticipatory; one more byte in the evidence file.
        changed = data.replace(b'"binding"', b'"anticipatory"', 1) if name.endswith(".jsonl") else data + b"x"
        assert changed != data
        return changed

    tampered = rewrite(path, change=change)
    empty = backup.database_fingerprint(using=TARGET)
    settings.MEDIA_ROOT = source["tmp"] / "restored-uploads"
    with pytest.raises(ApplicationError) as refused:
        backup.backup_restore(path=tampered, using=TARGET)
    assert refused.value.message.startswith("备份文件已损坏或被改动（" + member)
    assert backup.database_fingerprint(using=TARGET) == empty
    assert not (source["tmp"] / "restored-uploads").exists()


def test_a_member_added_to_the_archive_is_refused(source):
    path, _ = archive_of(source)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("media/evidence/extra.pdf", b"%PDF-1.4 extra")
    with pytest.raises(ApplicationError, match="media/evidence/extra.pdf"):
        backup.backup_verify(path=path, using=TARGET)


def test_restore_into_a_database_with_data_is_refused_and_changes_nothing(source):
    path, _ = archive_of(source)
    before = backup.database_fingerprint()
    with pytest.raises(ApplicationError) as refused:
        backup.backup_restore(path=path, using="default")
    assert refused.value.message.startswith("目标数据库不是空实例（")
    assert backup.database_fingerprint() == before


def test_a_file_that_is_not_a_backup_is_refused(source):
    path = source["tmp"] / "not-a-backup.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ApplicationError) as refused:
        backup.backup_restore(path=path, using=TARGET)
    assert refused.value.message == backup.NOT_AN_ARCHIVE.format(name="not-a-backup.zip")


def test_missing_files_and_folders_are_named(source):
    with pytest.raises(ApplicationError) as refused:
        backup.backup_restore(path=source["tmp"] / "无此文件.zip", using=TARGET)
    assert refused.value.message == backup.NO_SUCH_FILE.format(path=source["tmp"] / "无此文件.zip")
    with pytest.raises(ApplicationError) as refused:
        backup.backup_write(out=source["tmp"] / "无此目录" / "b.zip")
    assert refused.value.message == backup.NO_SUCH_FOLDER.format(path=source["tmp"] / "无此目录")


def test_the_commands_print_what_they_did(source, settings):
    path = source["tmp"] / "cli.zip"
    out = io.StringIO()
    call_command("backup", "--out", str(path), stdout=out)
    assert "已备份到" in out.getvalue() and "用时" in out.getvalue()
    settings.MEDIA_ROOT = source["tmp"] / "restored-uploads"
    out = io.StringIO()
    call_command("restore", str(path), "--database", TARGET, stdout=out)
    assert "行数和校验值与备份一致" in out.getvalue() and "用时" in out.getvalue()


def test_the_restore_command_refuses_in_chinese(source):
    from django.core.management.base import CommandError

    path, _ = archive_of(source)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path))  # the default database holds the demo
    assert str(refused.value).startswith("目标数据库不是空实例（")
