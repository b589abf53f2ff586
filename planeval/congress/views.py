"""The 提请审议 page: the DRC assembles the package and records the legal route; leaders and
observers (人大) read it and download it."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from planeval.accounts.access import JURISDICTION_ROLES
from planeval.accounts.models import Role
from planeval.campaigns.access import access_campaign
from planeval.campaigns.selectors import WORKING_DAYS_NOTE
from planeval.core.errors import ApplicationError
from planeval.domain import congress_route as route
from planeval.reports.downloads import attachment
from planeval.reports.services import FORMATS, ExportedFile

from . import selectors, services
from .forms import StepForm, UploadForm

READ_REFUSAL = "只有发改委统筹人员、分管领导和观察员可以查看提请审议材料。"
DRC_ONLY = "只有发改委统筹人员可以编辑提请审议材料。"
CONTENT_TYPES = {".docx": FORMATS["docx"], ".xlsx": FORMATS["xlsx"], ".pdf": FORMATS["pdf"], ".zip": "application/zip"}


def _package(request, campaign_id: int, *, write: bool):
    campaign = access_campaign(request.user, campaign_id, roles={Role.DRC} if write else JURISDICTION_ROLES,
                               refusal=DRC_ONLY if write else READ_REFUSAL)
    return campaign, services.package_get_or_create(campaign=campaign)


def _version(request) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _page(request, campaign, package, *, errors=(), step_form=None, upload_form=None, status=200):
    from planeval.accounts.access import jurisdiction_roles

    documents = list(selectors.active_documents(package))
    rows = selectors.route_rows(package)
    can_edit = Role.DRC in jurisdiction_roles(request.user, campaign.jurisdiction)
    initial = {"version": package.version}
    upcoming = route.next_step({r.step: r.recorded.held_on for r in rows if r.recorded})
    step_initial = {**initial, "step": upcoming.value if upcoming else None}
    return render(request, "congress/package.html", {
        "campaign": campaign, "package": package, "documents": documents, "rows": rows,
        "filing": selectors.filing_due(package, rows), "can_edit": can_edit, "errors": errors,
        "step_form": step_form or StepForm(initial=step_initial, documents=documents),
        "upload_form": upload_form or UploadForm(initial=initial),
        "jurisdiction": campaign.jurisdiction, "working_days_note": WORKING_DAYS_NOTE,
    }, status=status)


@login_required
def package_page(request, campaign_id: int):
    campaign, package = _package(request, campaign_id, write=False)
    return _page(request, campaign, package)


def _done(request, campaign, package, work, success: str):
    try:
        work()
    except ApplicationError as refused:
        return _page(request, campaign, package, errors=[refused.message], status=400)
    messages.success(request, success)
    return redirect("congress:package", campaign_id=campaign.id)


@login_required
@require_POST
def document_generate(request, campaign_id: int, kind: str):
    campaign, package = _package(request, campaign_id, write=True)
    return _done(request, campaign, package, lambda: services.package_document_generate(
        package=package, user=request.user, kind=kind, expected_version=_version(request), request=request),
        "已生成并存入提请审议材料。")


@login_required
@require_POST
def linked_attach(request, campaign_id: int):
    campaign, package = _package(request, campaign_id, write=True)
    return _done(request, campaign, package, lambda: services.package_linked_attach(
        package=package, user=request.user, expected_version=_version(request), request=request),
        "已附上专项规划评估报告和征求意见情况。")


@login_required
@require_POST
def document_upload(request, campaign_id: int):
    campaign, package = _package(request, campaign_id, write=True)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, campaign, package, upload_form=form, errors=[services.EMPTY_UPLOAD], status=400)
    upload = form.cleaned_data["file"]
    content = upload.read(settings.PLANEVAL_UPLOAD_MAX_BYTES + 1)
    return _done(request, campaign, package, lambda: services.package_upload(
        package=package, user=request.user, title=form.cleaned_data["title"], filename=upload.name,
        content=content, expected_version=form.cleaned_data["version"],
        max_bytes=settings.PLANEVAL_UPLOAD_MAX_BYTES, request=request), "文件已上传。")


@login_required
@require_POST
def document_remove(request, campaign_id: int, document_id: int):
    campaign, package = _package(request, campaign_id, write=True)
    return _done(request, campaign, package, lambda: services.package_document_remove(
        package=package, user=request.user, document_id=document_id, expected_version=_version(request),
        request=request), "文件已撤下（原文件保留在记录中）。")


@login_required
@require_POST
def step_record(request, campaign_id: int):
    campaign, package = _package(request, campaign_id, write=True)
    form = StepForm(request.POST, documents=selectors.active_documents(package))
    if not form.is_valid():
        return _page(request, campaign, package, step_form=form, errors=["请检查所填的审议程序信息。"], status=400)
    data = form.cleaned_data
    return _done(request, campaign, package, lambda: services.route_step_record(
        package=package, user=request.user, step=data["step"], held_on=data["held_on"], body=data["body"],
        document_number=data["document_number"], outcome=data["outcome"], document_id=data["document"],
        expected_version=data["version"], request=request), "审议程序已登记。")


@login_required
def document_download(request, campaign_id: int, document_id: int):
    _, package = _package(request, campaign_id, write=False)
    document = selectors.document_content(package, document_id)
    if document is None:
        raise Http404
    suffix = "." + document.filename.rsplit(".", 1)[-1].lower() if "." in document.filename else ""
    return attachment(ExportedFile(bytes(document.content), document.filename,
                                   CONTENT_TYPES.get(suffix, "application/octet-stream")))


@login_required
def package_download(request, campaign_id: int):
    _, package = _package(request, campaign_id, write=False)
    filename, content = services.package_export(package=package)
    return attachment(ExportedFile(content, filename, CONTENT_TYPES[".zip"]))
