"""Evidence files (佐证材料): checked by content and size, stored outside the web root."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from planeval.core.errors import ApplicationError

from .locks import assert_submission_editable
from .models import Evidence, TaskReport

# What the first bytes of an accepted file look like. Office files are zip containers.
SIGNATURES = {
    b"%PDF-": "PDF",
    b"PK\x03\x04": "Office（docx/xlsx）",
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
}
ALLOWED_SUFFIXES = {".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png"}
TOO_LARGE = "文件“{name}”超过{limit}MB，请压缩后上传。"
WRONG_TYPE = "文件“{name}”不是允许的格式（PDF、Word、Excel、JPG、PNG），未上传。"


def detected_type(head: bytes) -> str | None:
    return next((label for magic, label in SIGNATURES.items() if head.startswith(magic)), None)


@transaction.atomic
def evidence_attach(*, task_report: TaskReport, upload, user) -> Evidence:
    """Store an uploaded file for a task; refuses oversized files and anything that is not what it claims."""
    assert_submission_editable(task_report.submission)
    limit = settings.PLANEVAL_UPLOAD_MAX_BYTES
    name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    if upload.size > limit:
        raise ApplicationError(TOO_LARGE.format(name=name, limit=limit // (1024 * 1024)))
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    head = upload.read(16)
    upload.seek(0)
    if suffix not in ALLOWED_SUFFIXES or detected_type(head) is None:
        raise ApplicationError(WRONG_TYPE.format(name=name))
    return Evidence.objects.create(task_report=task_report, file=upload, name=name, size=upload.size,
                                   uploaded_by=user, uploaded_at=timezone.now())
