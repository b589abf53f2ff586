"""Long compilations in the background: an export becomes a job a worker runs (django-tasks).

The request only records the job and enqueues it, so a province's report never holds a web
worker; the page polls the job's progress and offers the file when it is ready.
"""
from __future__ import annotations

import uuid

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django_tasks import task

from planeval.core.errors import ApplicationError

from .services import export_check, export_document


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "生成中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="export_jobs",
                                 verbose_name="评估工作")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+", verbose_name="单位")
    kind = models.CharField("导出类型", max_length=20)
    fmt = models.CharField("格式", max_length=5)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    message = models.CharField("说明", max_length=300, blank=True)
    file = models.FileField("文件", upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField("文件名", max_length=200, blank=True)
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+",
                                     verbose_name="申请人")
    requested_at = models.DateTimeField("申请时间")
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        app_label = "reports"
        verbose_name = "导出任务"
        verbose_name_plural = "导出任务"
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.filename or self.kind}（{self.get_status_display()}）"


def _progress(job_id, **fields) -> None:
    ExportJob.objects.filter(id=job_id).update(**fields)


@task()
def run_export_job(job_id: str) -> None:
    """The worker's side: build the document, store it, and report progress on the way."""
    job = ExportJob.objects.select_related("campaign__jurisdiction", "unit").get(id=job_id)
    _progress(job.id, status=ExportJob.Status.RUNNING, progress=10, message="正在汇总数据")
    try:
        exported = export_document(campaign=job.campaign, kind=job.kind, fmt=job.fmt, unit=job.unit)
    except ApplicationError as refused:
        _progress(job.id, status=ExportJob.Status.FAILED, progress=100, message=refused.message,
                  finished_at=timezone.now())
        return
    except Exception:
        _progress(job.id, status=ExportJob.Status.FAILED, progress=100, message="生成失败，请联系系统管理员。",
                  finished_at=timezone.now())
        raise
    _progress(job.id, progress=90, message="正在保存文件")
    job.refresh_from_db()
    job.file.save(exported.filename, ContentFile(exported.content), save=False)
    job.filename, job.status, job.progress = exported.filename, ExportJob.Status.DONE, 100
    job.message, job.finished_at = "已生成", timezone.now()
    job.save(update_fields=["file", "filename", "status", "progress", "message", "finished_at"])


def export_job_start(*, campaign, kind: str, fmt: str, user, unit=None) -> ExportJob:
    """Record the job and enqueue it once the record is committed (the worker must see it)."""
    export_check(kind, fmt)
    job = ExportJob.objects.create(campaign=campaign, unit=unit, kind=kind, fmt=fmt, requested_by=user,
                                   requested_at=timezone.now())
    transaction.on_commit(lambda: run_export_job.enqueue(str(job.id)))
    return job
