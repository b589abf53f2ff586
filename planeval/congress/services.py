"""Writes of the 提请审议 package: snapshots of the generated documents, uploads, route steps.

Only the DRC writes (the views check with access_campaign). Every service locks the package
row, refuses a stale form (the package's version) with STALE_VERSION, writes, bumps the
version and records an audit event in one transaction.
"""
from __future__ import annotations

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record
from planeval.core.errors import ApplicationError, stale_version
from planeval.domain import congress_route as route

from .models import Document, Package, Step, StepRevision

GENERATED_KINDS = (Document.Kind.MIDTERM_REPORT, Document.Kind.ADJUSTMENT_PLAN, Document.Kind.ADJUSTMENT_EXPLANATION)
UNKNOWN_DOCUMENT_KIND = "只能生成中期评估报告、指标调整方案和指标调整方案说明。"
EMPTY_UPLOAD = "请选择要上传的文件。"
UPLOAD_TOO_LARGE = "上传文件不能超过{limit}MB。"
UPLOAD_TYPE = "只能上传 .docx、.pdf、.xlsx 或 .ofd 文件。"
UPLOAD_TYPES = (".docx", ".pdf", ".xlsx", ".ofd")
TITLE_REQUIRED = "请填写文件标题。"
BODY_REQUIRED = "请填写会议或机关名称。"
UNKNOWN_STEP = "未知的审议程序。"
DOCUMENT_NOT_IN_PACKAGE = "所选附件不属于本提请审议材料。"
DOCUMENT_IN_USE = "该文件是“{step}”的附件，不能撤下。"
NOTHING_TO_ATTACH = "暂无可附的专项规划评估报告或征求意见情况。"


def package_get_or_create(*, campaign) -> Package:
    package, _ = Package.objects.get_or_create(campaign=campaign)
    return package


def _locked(package: Package, expected_version: int | None) -> Package:
    locked = Package.objects.select_for_update(of=("self",)).select_related("updated_by", "campaign__jurisdiction").get(pk=package.pk)
    if expected_version is not None and expected_version != locked.version:
        raise stale_version(locked.updated_by, locked.updated_at)
    return locked


def _touch(package: Package, user) -> None:
    package.version += 1
    package.updated_by = user
    package.updated_at = timezone.now()
    package.save(update_fields=["version", "updated_by", "updated_at"])


def _store(*, package: Package, user, kind: str, title: str, filename: str, content: bytes,
           is_sample: bool = False) -> Document:
    now = timezone.now()
    return Document.objects.create(
        package=package, kind=kind, title=title, filename=filename, content=content, size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), snapshot_on=timezone.localdate(now), created_by=user,
        created_at=now, is_sample=is_sample)


@transaction.atomic
def package_document_generate(*, package: Package, user, kind: str, expected_version: int | None,
                              request=None) -> Document:
    """Generate the mid-term report, the adjustment plan or its explanation as of now and keep the bytes."""
    from planeval.reports.services import export_document

    if kind not in GENERATED_KINDS:
        raise ApplicationError(UNKNOWN_DOCUMENT_KIND)
    package = _locked(package, expected_version)
    exported = export_document(campaign=package.campaign, kind=kind, fmt="docx")
    day = timezone.localdate()
    title = f"{Document.Kind(kind).label}（{day.year}年{day.month}月{day.day}日生成）"
    document = _store(package=package, user=user, kind=kind, title=title, filename=exported.filename,
                      content=exported.content)
    _touch(package, user)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, request=request, target=document,
                 detail={"package": package.pk, "generated": kind, "sha256": document.sha256})
    return document


def linked_documents(campaign) -> list[tuple[str, str, str, bytes]]:
    """(kind, title, filename, bytes) from the special-plan and consultation modules, where installed."""
    found: list[tuple[str, str, str, bytes]] = []
    try:
        from planeval.specialplans.selectors import package_documents
    except ImportError:  # the module is not there (yet): nothing to attach from it
        package_documents = None
    if package_documents is not None:
        found += [(Document.Kind.SPECIAL_PLAN, t, f, b) for t, f, b in package_documents(campaign)]
    try:
        from planeval.consultations.selectors import record_document
    except ImportError:
        record_document = None
    record = record_document(campaign) if record_document is not None else None
    if record is not None:
        found.append((Document.Kind.CONSULTATION, *record))
    return found


@transaction.atomic
def package_linked_attach(*, package: Package, user, expected_version: int | None, request=None) -> list[Document]:
    """Snapshot the special-plan reports the DRC chose and the consultation record into the package."""
    package = _locked(package, expected_version)
    found = linked_documents(package.campaign)
    if not found:
        raise ApplicationError(NOTHING_TO_ATTACH)
    documents = [_store(package=package, user=user, kind=kind, title=title, filename=filename, content=content)
                 for kind, title, filename, content in found]
    _touch(package, user)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, request=request, target=package,
                 detail={"attached": [d.title for d in documents]})
    return documents


@transaction.atomic
def package_upload(*, package: Package, user, title: str, filename: str, content: bytes,
                   expected_version: int | None, max_bytes: int, request=None) -> Document:
    """Add an uploaded document (a 会议纪要, a 决议, a published notice ...)."""
    title = (title or "").strip()
    if not title:
        raise ApplicationError(TITLE_REQUIRED)
    if not content:
        raise ApplicationError(EMPTY_UPLOAD)
    if len(content) > max_bytes:
        raise ApplicationError(UPLOAD_TOO_LARGE.format(limit=max_bytes // (1024 * 1024)))
    if not filename.lower().endswith(UPLOAD_TYPES):
        raise ApplicationError(UPLOAD_TYPE)
    package = _locked(package, expected_version)
    document = _store(package=package, user=user, kind=Document.Kind.UPLOAD, title=title[:200],
                      filename=filename[-200:], content=content)
    _touch(package, user)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, request=request, target=document,
                 detail={"uploaded": document.title, "sha256": document.sha256})
    return document


@transaction.atomic
def package_document_remove(*, package: Package, user, document_id: int, expected_version: int | None,
                            request=None) -> Document:
    """Take a document out of the package; its bytes stay (removed_at), so nothing is lost."""
    package = _locked(package, expected_version)
    document = Document.objects.filter(pk=document_id, package=package, removed_at__isnull=True).first()
    if document is None:
        raise ApplicationError(DOCUMENT_NOT_IN_PACKAGE)
    using = Step.objects.filter(package=package, document=document).first()
    if using is not None:
        raise ApplicationError(DOCUMENT_IN_USE.format(step=using.get_step_display()))
    document.removed_at = timezone.now()
    document.save(update_fields=["removed_at"])
    _touch(package, user)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, request=request, target=document,
                 detail={"removed": document.title})
    return document


@transaction.atomic
def route_step_record(*, package: Package, user, step: str, held_on: datetime.date, body: str,
                      document_number: str = "", outcome: str = "", document_id: int | None = None,
                      expected_version: int | None, request=None, is_sample: bool = False) -> Step:
    """Record (or correct) one step of the legal route; steps go in order, dates never backwards."""
    try:
        which = route.RouteStep(step)
    except ValueError as unknown:
        raise ApplicationError(UNKNOWN_STEP) from unknown
    body = (body or "").strip()
    if not body:
        raise ApplicationError(BODY_REQUIRED)
    package = _locked(package, expected_version)
    existing = {s.step: s for s in package.steps.all()}
    recorded = {route.RouteStep(k): s.held_on for k, s in existing.items() if k != which.value}
    problem = route.route_check(which, held_on, recorded)
    if problem:
        raise ApplicationError(problem)
    document = None
    if document_id:
        document = Document.objects.filter(pk=document_id, package=package, removed_at__isnull=True).first()
        if document is None:
            raise ApplicationError(DOCUMENT_NOT_IN_PACKAGE)
    now = timezone.now()
    values = {"held_on": held_on, "body": body[:120], "document_number": (document_number or "").strip()[:60],
              "outcome": (outcome or "").strip(), "document": document}
    row = existing.get(which.value)
    if row is None:
        row = Step.objects.create(package=package, step=which.value, recorded_by=user, recorded_at=now,
                                  is_sample=is_sample, **values)
    else:
        StepRevision.objects.create(step=row, changed_by=user, changed_at=now, old_value={
            "held_on": row.held_on.isoformat(), "body": row.body, "document_number": row.document_number,
            "outcome": row.outcome, "document": row.document_id,
            "recorded_by": row.recorded_by_id, "recorded_at": row.recorded_at.isoformat()})
        for name, value in values.items():
            setattr(row, name, value)
        row.recorded_by, row.recorded_at = user, now
        row.save()
    _touch(package, user)
    audit_record(action=AuditAction.TRANSITION, user=user, request=request, target=package,
                 detail={"step": which.value, "held_on": held_on.isoformat(), "document_number": values["document_number"]})
    return row


def package_export(*, package: Package) -> tuple[str, bytes]:
    """The whole package as a .zip with its 目录 (the download view's audit middleware records the export)."""
    from planeval.reports.builders import document_format

    from . import selectors
    from .documents import IndexEntry, index_docx, package_zip

    documents = list(package.documents.filter(removed_at__isnull=True).order_by("id"))
    entries = [IndexEntry(n, d.title + ("（示例数据）" if d.is_sample else ""), d.get_kind_display(),
                          f"{d.snapshot_on:%Y-%m-%d}", d.filename) for n, d in enumerate(documents, start=1)]
    route_table = [(r.label, f"{r.recorded.held_on:%Y-%m-%d}", r.recorded.body, r.recorded.document_number,
                    r.recorded.outcome) if r.recorded else (r.label, "未办理", "", "", "")
                   for r in selectors.route_rows(package)]
    campaign = package.campaign
    title = f"{campaign.jurisdiction.name}“十四五”规划中期评估提请审议材料目录"
    index = index_docx(title=title, entries=entries, route=route_table, fmt=document_format(campaign))
    content = package_zip(index=index, files=[(e.number, d.filename, bytes(d.content))
                                              for e, d in zip(entries, documents)])
    return f"{campaign.jurisdiction.name}提请审议材料.zip", content
