"""Evidence files (佐证材料): checked by content and size, stored outside the web root.

The content must be what the name says (a .pdf starts like a PDF, a .docx is a Word package),
and Office packages go through the import reader's zip checks (no bombs, no XML entities).
Files are stored under a random name in MEDIA_ROOT (var/uploads, which no URL serves) and
leave only through ``evidence_download``, which checks access and sends them as attachments.
"""
from __future__ import annotations

import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from planeval.core.errors import ApplicationError
from planeval.exchange.reading import check_office_package

from .locks import assert_submission_editable
from .models import Evidence, TaskReport

# What the first bytes of an accepted file look like. Office files are zip containers.
SIGNATURES = {
    b"%PDF-": "PDF",
    b"PK\x03\x04": "Office（docx/xlsx）",
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
}
# Each accepted suffix and the content it must have.
SUFFIX_TYPES = {".pdf": "PDF", ".docx": "Office（docx/xlsx）", ".xlsx": "Office（docx/xlsx）", ".jpg": "JPEG",
                ".jpeg": "JPEG", ".png": "PNG"}
ALLOWED_SUFFIXES = set(SUFFIX_TYPES)
TOO_LARGE = "文件“{name}”超过{limit}MB，请压缩后上传。"
WRONG_TYPE = "文件“{name}”不是允许的格式（PDF、Word、Excel、JPG、PNG），未上传。"


def detected_type(head: bytes) -> str | None:
    return next((label for magic, label in SIGNATURES.items() if head.startswith(magic)), None)


@transaction.atomic
def evidence_attach(*, task_report: TaskReport, upload, user) -> Evidence:
    """Store an uploaded file for a task; refuses oversized files and anything that is not what it claims."""
    assert_submission_editable(task_report.submission)
    name = upload_check(upload)
    return Evidence.objects.create(task_report=task_report, file=upload, name=name, size=upload.size,
                                   uploaded_by=user, uploaded_at=timezone.now())


def upload_check(upload) -> str:
    """Refuse an oversized upload or one that is not what its name claims; rename it to a random
    stored name and return the name the user gave (for display and download). Shared by every
    attachment of a unit (佐证材料, 典型案例)."""
    limit = settings.PLANEVAL_UPLOAD_MAX_BYTES
    name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    if upload.size > limit:
        raise ApplicationError(TOO_LARGE.format(name=name, limit=limit // (1024 * 1024)))
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    head = upload.read(16)
    upload.seek(0)
    if suffix not in ALLOWED_SUFFIXES or detected_type(head) != SUFFIX_TYPES[suffix]:
        raise ApplicationError(WRONG_TYPE.format(name=name))
    if suffix in (".docx", ".xlsx"):
        check_office_package(upload.read(), name=name, kind=suffix[1:])
        upload.seek(0)
    # The stored name is ours: nothing the uploader chose reaches the file system.
    upload.name = f"{uuid.uuid4().hex}{suffix}"
    return name
