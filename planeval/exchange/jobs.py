"""Imports from the browser run as background jobs: a dry run first, then the commit.

The upload is kept under MEDIA_ROOT (outside the web root, never served) so the commit
reads the very bytes the preview showed; its SHA-256 is checked before committing.
The import itself runs in one transaction, so its progress cannot be written to the
database where the page would see it: the worker writes it to a small file instead.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django_tasks import task

from planeval.core.errors import ApplicationError

from .reading import ERR_TOO_BIG, check_upload, size_text
from .services import KIND_LABELS, KINDS, ImportResult, import_file

# At most this many rows of the preview are kept for the page; the counts cover every row.
PREVIEW_CHANGES = 500
PREVIEW_PROBLEMS = 1000

ERR_KIND = "请选择导入类型。"
ERR_NO_FILE = "请选择要导入的文件。"
ERR_FILE_CHANGED = "上传的文件在预览后被改动，请重新上传。"
ERR_NOT_READY = "只有已完成预览且没有必须修改的问题时才能确认导入。"
ERR_FAILED = "导入失败，请联系系统管理员。"


class ImportJob(models.Model):
    class Stage(models.TextChoices):
        PREVIEW = "preview", "预览"
        COMMIT = "commit", "导入"

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "处理中"
        DONE = "done", "已完成"
        REFUSED = "refused", "未通过"
        FAILED = "failed", "失败"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    jurisdiction = models.ForeignKey("organizations.Jurisdiction", on_delete=models.CASCADE,
                                     related_name="import_jobs", verbose_name="行政区划")
    plan = models.ForeignKey("planning.Plan", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name="规划")
    kind = models.CharField("导入类型", max_length=12, choices=[(k, KIND_LABELS[k]) for k in KINDS])
    filename = models.CharField("文件名", max_length=200)
    file = models.FileField("文件", upload_to="imports/%Y/%m/")
    sha256 = models.CharField("SHA-256", max_length=64)
    stage = models.CharField("阶段", max_length=8, choices=Stage.choices, default=Stage.PREVIEW)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.QUEUED)
    message = models.CharField("说明", max_length=300, blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+",
                                     verbose_name="导入人")
    requested_at = models.DateTimeField("上传时间")
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    committed_at = models.DateTimeField("导入时间", null=True, blank=True)

    class Meta:
        app_label = "exchange"
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.filename}（{self.get_stage_display()}{self.get_status_display()}）"

    @property
    def working(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def committable(self) -> bool:
        return (self.stage == self.Stage.PREVIEW and self.status == self.Status.DONE
                and not self.result.get("fatal"))

    @cached_property
    def progress(self) -> tuple[int, int]:
        """Rows done and rows in all, as the worker last wrote them; (0, 0) before it starts.
        Read once per page: the job page shows it in several places."""
        try:
            return tuple(json.loads(_progress_path(self.id).read_text()))  # type: ignore[return-value]
        except (OSError, ValueError):
            return (0, 0)

    @property
    def percent(self) -> int:
        if self.status in (self.Status.DONE, self.Status.REFUSED, self.Status.FAILED):
            return 100
        done, total = self.progress
        return int(done * 100 / total) if total else 0


def _progress_path(job_id) -> Path:
    return Path(settings.VAR_DIR) / "progress" / f"import-{job_id}.json"


def _write_progress(job_id, done: int, total: int) -> None:
    path = _progress_path(job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps([done, total]))
    os.replace(temporary, path)   # a reader sees the old figure or the new one, never half a file


def _result_json(result: ImportResult) -> dict:
    return {
        "rows": result.rows, "created": result.created, "updated": result.updated,
        "unchanged": result.unchanged, "committed": result.committed, "summary": result.summary,
        "fatal": len(result.fatal), "warnings": len(result.warnings),
        "problems": [{"text": p.text, "row": p.row, "column": p.column, "message": p.message, "fatal": p.fatal}
                     for p in result.problems[:PREVIEW_PROBLEMS]],
        "changes": [{"row": c.row, "action": c.action, "label": c.label, "detail": c.detail}
                    for c in result.changes if c.action != "unchanged"][:PREVIEW_CHANGES],
    }


def _finish(job: ImportJob, status: str, message: str, **fields) -> None:
    ImportJob.objects.filter(id=job.id).update(status=status, message=message, finished_at=timezone.now(),
                                               **fields)
    _progress_path(job.id).unlink(missing_ok=True)


@task()
def run_import_job(job_id: str) -> None:
    """The worker's side: run the preview or the commit of one upload and keep its result."""
    job = ImportJob.objects.select_related("jurisdiction", "plan", "requested_by").get(id=job_id)
    ImportJob.objects.filter(id=job.id).update(status=ImportJob.Status.RUNNING)
    commit = job.stage == ImportJob.Stage.COMMIT
    try:
        data = job.file.read()
        if hashlib.sha256(data).hexdigest() != job.sha256:
            raise ApplicationError(ERR_FILE_CHANGED)
        result = import_file(kind=job.kind, data=data, filename=job.filename, jurisdiction=job.jurisdiction,
                             plan=job.plan, user=job.requested_by, commit=commit,
                             progress=lambda done, total: _write_progress(job.id, done, total))
    except ApplicationError as refused:
        _finish(job, ImportJob.Status.REFUSED, refused.message)
        return
    except Exception:
        _finish(job, ImportJob.Status.FAILED, ERR_FAILED)
        raise
    finally:
        job.file.close()
    if commit and not result.committed:
        # The data moved on between preview and commit and a row became invalid: nothing was written.
        _finish(job, ImportJob.Status.REFUSED, "发现须修改的问题，未导入任何数据。" + result.summary,
                result=_result_json(result))
        return
    _finish(job, ImportJob.Status.DONE, ("已导入：" if commit else "预览完成：") + result.summary,
            result=_result_json(result), **({"committed_at": timezone.now()} if commit else {}))


@transaction.atomic
def import_job_start(*, jurisdiction, kind: str, plan, upload, user) -> ImportJob:
    """Keep the upload and queue its dry run (the worker must see the record: enqueue on commit)."""
    if kind not in KINDS:
        raise ApplicationError(ERR_KIND)
    if upload is None:
        raise ApplicationError(ERR_NO_FILE)
    filename, limit = os.path.basename(upload.name)[:200], settings.PLANEVAL_UPLOAD_MAX_BYTES
    if upload.size > limit:   # refused before reading it into memory
        raise ApplicationError(ERR_TOO_BIG.format(name=filename, size=size_text(upload.size), limit=size_text(limit)))
    data = upload.read()
    check_upload(data, name=filename, max_bytes=limit)   # a zip bomb or a renamed file: refused at once
    job = ImportJob(jurisdiction=jurisdiction, plan=plan, kind=kind, filename=filename,
                    sha256=hashlib.sha256(data).hexdigest(), requested_by=user, requested_at=timezone.now())
    # A random stored name: the user's file name never becomes a path on the server.
    job.file.save(f"{job.id}.upload", ContentFile(data), save=False)
    job.save()
    transaction.on_commit(lambda: run_import_job.enqueue(str(job.id)))
    return job


@transaction.atomic
def import_job_commit(*, job: ImportJob, user) -> ImportJob:
    """Queue the commit of a previewed upload; only its uploader may, and only once."""
    job = ImportJob.objects.select_for_update().get(id=job.id)
    if job.requested_by_id != user.id or not job.committable:
        raise ApplicationError(ERR_NOT_READY)
    job.stage, job.status, job.message, job.finished_at = ImportJob.Stage.COMMIT, ImportJob.Status.QUEUED, "", None
    job.save(update_fields=["stage", "status", "message", "finished_at"])
    transaction.on_commit(lambda: run_import_job.enqueue(str(job.id)))
    return job
