"""数据导入 in the browser: upload → preview (a dry run in the background) → confirm → commit."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from planeval.core.errors import ApplicationError
from planeval.planning.models import Plan
from planeval.reports.downloads import attachment
from planeval.reports.services import ExportedFile

from .access import access_import
from .jobs import ImportJob, import_job_commit, import_job_start
from .services import KIND_LABELS, KINDS, import_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOT_YOUR_JOB = "只能查看本人上传的导入任务。"
RECENT_JOBS = 10
# Kinds written into one plan; the others (plans, values, contacts) span the jurisdiction.
PLAN_KINDS = ("indicators", "tasks", "projects")


@login_required
def start(request, jurisdiction_id: int):
    jurisdiction = access_import(request.user, jurisdiction_id)
    plans = list(Plan.objects.filter(jurisdiction=jurisdiction).order_by("kind", "id"))
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        plan = _plan_for(kind, plans, request.POST.get("plan", ""))
        try:
            job = import_job_start(jurisdiction=jurisdiction, kind=kind, plan=plan,
                                   upload=request.FILES.get("file"), user=request.user)
        except ApplicationError as refused:
            messages.error(request, refused.message)
        else:
            return redirect("exchange:job", job_id=job.id)
    jobs = ImportJob.objects.filter(jurisdiction=jurisdiction, requested_by=request.user)[:RECENT_JOBS]
    return render(request, "exchange/start.html", {
        "jurisdiction": jurisdiction, "plans": plans, "jobs": jobs, "plan_kinds": PLAN_KINDS,
        "kinds": [(kind, KIND_LABELS[kind]) for kind in KINDS],
    })


def _plan_for(kind: str, plans: list[Plan], chosen: str) -> Plan | None:
    """The plan chosen, or the outline for kinds that live in one plan; none for kinds that span plans
    (a plan catalogue, contacts) — values are looked up in the chosen plan only when one is chosen."""
    if kind not in PLAN_KINDS and kind != "values":
        return None
    plan = next((p for p in plans if str(p.id) == chosen), None)
    if plan is None and kind in PLAN_KINDS:
        plan = next((p for p in plans if p.kind == Plan.Kind.OUTLINE), None)
    return plan


@login_required
def template(request, jurisdiction_id: int, kind: str):
    access_import(request.user, jurisdiction_id)
    try:
        content = import_template(kind)
    except ApplicationError as refused:
        messages.error(request, refused.message)
        return redirect("exchange:start", jurisdiction_id)
    return attachment(ExportedFile(filename=f"{KIND_LABELS[kind]}导入模板.xlsx", content=content,
                                   content_type=XLSX))


def _own_job(request, job_id) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("jurisdiction", "plan"), id=job_id)
    if job.requested_by_id != request.user.id:
        raise PermissionDenied(NOT_YOUR_JOB)
    access_import(request.user, job.jurisdiction_id)   # a DRC role taken away since the upload
    return job


@login_required
def job(request, job_id):
    """The job page; htmx polls it every second while the worker reads the file."""
    job = _own_job(request, job_id)
    template_name = "exchange/_job.html" if request.htmx else "exchange/job.html"
    return render(request, template_name, {"job": job, "jurisdiction": job.jurisdiction})


@login_required
@require_POST
def commit(request, job_id):
    job = _own_job(request, job_id)
    try:
        import_job_commit(job=job, user=request.user)
    except ApplicationError as refused:
        messages.error(request, refused.message)
    return redirect("exchange:job", job_id=job.id)
