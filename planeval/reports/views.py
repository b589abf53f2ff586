"""Download buttons: the same exports as ``planeval export``, behind the same permission checks."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from planeval.campaigns.access import access_campaign
from planeval.core.errors import ApplicationError
from planeval.submissions.access import access_submission

from .downloads import attachment, content_disposition
from .services import export_document

COMPILED_READERS = {"drc", "leader", "observer"}
NO_COMPILED = "只有发改委、分管领导和观察员可以导出汇总文件。"


@login_required
def export_unit(request, submission_id: int, kind: str, fmt: str):
    """A unit's tables or self-report, for whoever may read that unit's submission."""
    submission, _ = access_submission(request.user, submission_id)
    return _respond(request, campaign=submission.campaign, kind=kind, fmt=fmt, unit=submission.unit,
                    back=("submissions:detail", submission.id))


@login_required
def export_compiled(request, campaign_id: int, kind: str, fmt: str):
    """The jurisdiction's compiled tables, report and adjustment plan."""
    campaign = access_campaign(request.user, campaign_id, roles=COMPILED_READERS, refusal=NO_COMPILED)
    return _respond(request, campaign=campaign, kind=kind, fmt=fmt, unit=None,
                    back=("submissions:board", campaign.id))


def _respond(request, *, campaign, kind, fmt, unit, back):
    try:
        exported = export_document(campaign=campaign, kind=kind, fmt=fmt, unit=unit)
    except ApplicationError as refused:
        messages.error(request, refused.message)
        return redirect(*back)
    return attachment(exported)


@login_required
@require_POST
def job_start(request, campaign_id: int, kind: str, fmt: str):
    """Queue a compiled export (POST only, so a crawler never starts a job)."""
    from .jobs import export_job_start

    campaign = access_campaign(request.user, campaign_id, roles=COMPILED_READERS, refusal=NO_COMPILED)
    try:
        job = export_job_start(campaign=campaign, kind=kind, fmt=fmt, user=request.user)
    except ApplicationError as refused:
        messages.error(request, refused.message)
        return redirect("submissions:board", campaign.id)
    return redirect("reports:job", job_id=job.id)


def _own_job(request, job_id):
    from .jobs import ExportJob

    job = get_object_or_404(ExportJob.objects.select_related("campaign"), id=job_id)
    if job.requested_by_id != request.user.id:
        raise PermissionDenied("只能查看本人申请的导出任务。")
    return job


@login_required
def job_status(request, job_id):
    """The job page; htmx polls it every second until the file is ready."""
    from django.shortcuts import render

    job = _own_job(request, job_id)
    template = "reports/_job.html" if request.htmx else "reports/job.html"
    return render(request, template, {"job": job, "jurisdiction": job.campaign.jurisdiction})


@login_required
def job_download(request, job_id):
    from django.http import FileResponse, Http404

    job = _own_job(request, job_id)
    if not job.file:
        raise Http404("文件尚未生成。")
    response = FileResponse(job.file.open("rb"), as_attachment=True)
    response["Content-Disposition"] = content_disposition(job.filename)
    return response
