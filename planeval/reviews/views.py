"""第三方评估 and 典型案例 in the browser. Each view: authorise (access.py), call a service or selector, render."""
from __future__ import annotations

import hashlib
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from planeval.accounts.access import ancestor_ids
from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.exchange.services import import_file
from planeval.reports.downloads import attachment, list_download
from planeval.reports.services import ExportedFile

from . import access, lists, selectors, services
from .forms import CaseForm, ConclusionForm, GrantForm, SelectForm, UploadForm
from .models import Case, ConclusionUpload, ItemType

SAVED = "已保存。"
NO_FILE = "请选择要上传的评估结论表。"
FILE_CHANGED = "上传的文件在预检后被改动，请重新上传。"
ALREADY_COMMITTED = "该文件已导入，无需重复导入。"
NOTHING_FOR_YOU = "您在本项评估工作中没有第三方评估或典型案例方面的职责。"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _int(text) -> int | None:
    return int(text) if text and str(text).isdigit() else None


@login_required
def start(request, campaign_id: int):
    """The navigation entry: the DRC and leaders to the comparison, an evaluator to its own page,
    a unit to its cases."""
    try:
        access.access_comparison(request.user, campaign_id)
        return redirect("reviews:comparison", campaign_id)
    except PermissionDenied:
        pass
    try:
        _, grants = access.access_evaluation(request.user, campaign_id)
        return redirect("reviews:grant", grants[0].id)
    except PermissionDenied:
        pass
    try:
        access.access_cases(request.user, campaign_id)
    except PermissionDenied:
        raise PermissionDenied(NOTHING_FOR_YOU)
    return redirect("reviews:cases", campaign_id)


# --- the DRC's comparison ----------------------------------------------------------------------------

def _comparison(request, campaign_id: int):
    campaign = access.access_comparison(request.user, campaign_id)
    params = request.GET
    item_type = params.get("type", "") if params.get("type", "") in ItemType.values else ""
    agreement = params.get("agreement", "") if params.get("agreement", "") in selectors.AGREEMENT_FILTERS else ""
    rows = selectors.comparison_rows(campaign, grant_id=_int(params.get("grant")), item_type=item_type,
                                     agreement=agreement, unit_id=_int(params.get("unit")))
    return campaign, rows, {"type": item_type, "agreement": agreement, "grant": _int(params.get("grant")),
                            "unit": _int(params.get("unit"))}


@login_required
def comparison(request, campaign_id: int):
    campaign, rows, chosen = _comparison(request, campaign_id)
    all_rows = selectors.comparison_rows(campaign)
    units = sorted({(r.item.lead_unit_id, r.item.lead_unit) for r in all_rows if r.item.lead_unit_id},
                   key=lambda u: u[1])
    return render(request, "reviews/comparison.html", {
        "campaign": campaign, "rows": rows, "chosen": chosen, "counts": selectors.comparison_counts(all_rows),
        "grants": selectors.active_grants(campaign), "units": units, "types": ItemType.choices,
        "agreements": selectors.AGREEMENT_FILTERS.items(), "is_drc": access.is_campaign_drc(request.user, campaign),
        "jurisdiction": campaign.jurisdiction,
    })


@login_required
def comparison_export(request, campaign_id: int, fmt: str):
    campaign, rows, _ = _comparison(request, campaign_id)
    return list_download(lists.comparison_table(campaign, rows), fmt)


# --- granting evaluators -----------------------------------------------------------------------------

@login_required
def grants(request, campaign_id: int):
    campaign = access.access_drc(request.user, campaign_id)
    form = GrantForm(request.POST or None, jurisdiction_ids=ancestor_ids(campaign.jurisdiction))
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_create(campaign=campaign, organisation=form.cleaned_data["organisation"],
                                  account=form.cleaned_data["account"], user=request.user)
        except ApplicationError as refused:
            errors.append(refused.message)
        else:
            messages.success(request, f"已授权“{form.cleaned_data['organisation']}”开展第三方评估。")
            return redirect("reviews:grants", campaign.id)
    from .models import EvaluatorGrant

    return render(request, "reviews/grants.html", {
        "campaign": campaign, "form": form, "errors": errors,
        "grants": EvaluatorGrant.objects.filter(campaign=campaign).select_related("user", "granted_by", "revoked_by"),
        "jurisdiction": campaign.jurisdiction,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def grant_revoke(request, grant_id: int):
    from .models import EvaluatorGrant

    grant = get_object_or_404(EvaluatorGrant, id=grant_id)
    access.access_drc(request.user, grant.campaign_id)
    services.grant_revoke(grant=grant, user=request.user)
    messages.success(request, f"已撤销“{grant.organisation}”的评估授权。")
    return redirect("reviews:grants", grant.campaign_id)


# --- the evaluator's conclusions ---------------------------------------------------------------------

@login_required
def grant_page(request, grant_id: int):
    grant = access.access_grant(request.user, grant_id)
    item_type = request.GET.get("type", "") if request.GET.get("type", "") in ItemType.values else ""
    items = [i for i in selectors.campaign_items(grant.campaign) if not item_type or i.item_type == item_type]
    conclusions = selectors.grant_conclusions(grant)
    rows = [(item, conclusions.get(item.key)) for item in items]
    return render(request, "reviews/grant.html", {
        "grant": grant, "campaign": grant.campaign, "rows": rows, "types": ItemType.choices, "chosen_type": item_type,
        "done": sum(1 for c in conclusions.values() if c.rating), "uploads": grant.uploads.all()[:5],
        "jurisdiction": grant.campaign.jurisdiction,
    })


@login_required
def conclusion(request, grant_id: int, item_type: str, item_id: int):
    """One item's conclusion: a row of the grant page swapped by htmx, or a page of its own without script."""
    grant = access.access_grant(request.user, grant_id)
    item = selectors.campaign_item(grant.campaign, item_type, item_id)
    if item is None:
        raise Http404(services.NOT_AN_ITEM)
    stored = selectors.grant_conclusions(grant).get(item.key)
    conflict, errors = None, []
    if request.method == "POST":
        form = ConclusionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                stored, _ = services.conclusion_save(
                    grant=grant, item_type=item.item_type, item_id=item.item_id, rating=data["rating"],
                    comment=data["comment"], user=request.user,
                    expected_version=data.get("version") if stored else None)
            except StaleVersionError as stale:
                conflict, stored = stale.message, stale.extra.get("theirs", stored)
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                if request.htmx:
                    return render(request, "reviews/_conclusion_row.html", {"grant": grant, "item": item,
                                                                            "conclusion": stored, "saved": True})
                messages.success(request, SAVED)
                return redirect("reviews:grant", grant.id)
        else:
            errors += [e for field_errors in form.errors.values() for e in field_errors]
    else:
        form = ConclusionForm(initial={"rating": stored.rating, "comment": stored.comment, "version": stored.version}
                              if stored else {"version": 0})
    context = {"grant": grant, "item": item, "conclusion": stored, "form": form, "conflict": conflict,
               "errors": errors, "campaign": grant.campaign, "jurisdiction": grant.campaign.jurisdiction}
    if request.htmx:
        return render(request, "reviews/_conclusion_form_row.html", context)
    return render(request, "reviews/conclusion.html", context,
                  status=409 if conflict else (400 if errors else 200))


@login_required
def template(request, grant_id: int):
    """The blank 第三方评估结论表, with the campaign's items already listed when ``?items=1``."""
    grant = access.access_grant(request.user, grant_id)
    from openpyxl import load_workbook

    from planeval.exchange.blanks import template_bytes
    from planeval.exchange.layouts import evaluations

    content = template_bytes(evaluations, title=evaluations.TITLE)
    name = f"{evaluations.TITLE}导入模板.xlsx"
    if request.GET.get("items"):
        workbook = load_workbook(io.BytesIO(content))
        sheet = workbook.worksheets[0]
        conclusions = selectors.grant_conclusions(grant)
        for item in selectors.campaign_items(grant.campaign):
            stored = conclusions.get(item.key)
            sheet.append([item.type_label, item.number, item.name, stored.rating if stored else "",
                          stored.comment if stored else ""])
        out = io.BytesIO()
        workbook.save(out)
        content, name = out.getvalue(), f"{grant.organisation}{evaluations.TITLE}.xlsx"
    return attachment(ExportedFile(content=content, filename=name, content_type=XLSX))


@login_required
def upload(request, grant_id: int):
    """Upload → dry run shown at once (nothing written); the commit re-reads the kept bytes."""
    grant = access.access_grant(request.user, grant_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    result, kept, errors = None, None, []
    if request.method == "POST":
        if not form.is_valid():
            errors.append(NO_FILE)
        else:
            data = form.cleaned_data["file"].read(settings.PLANEVAL_UPLOAD_MAX_BYTES + 1)
            filename = form.cleaned_data["file"].name.rsplit("/", 1)[-1][:200]
            try:
                result = _run_import(grant, data, filename, request.user, commit=False)
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                kept = ConclusionUpload(grant=grant, filename=filename, sha256=hashlib.sha256(data).hexdigest(),
                                        uploaded_by=request.user, uploaded_at=timezone.now(), summary=result.summary)
                kept.file.save("conclusions.upload", ContentFile(data), save=True)
    return render(request, "reviews/upload.html", {
        "grant": grant, "campaign": grant.campaign, "form": form, "result": result, "kept": kept, "errors": errors,
        "jurisdiction": grant.campaign.jurisdiction,
    }, status=400 if errors else 200)


def _run_import(grant, data: bytes, filename: str, user, *, commit: bool):
    return import_file(kind="evaluations", data=data, filename=filename, jurisdiction=grant.campaign.jurisdiction,
                       user=user, commit=commit, scope=grant)


@login_required
@require_POST
def upload_commit(request, upload_id: int):
    kept = get_object_or_404(ConclusionUpload.objects.select_related("grant"), id=upload_id)
    grant = access.access_grant(request.user, kept.grant_id)
    if kept.uploaded_by_id != request.user.id:
        raise PermissionDenied(access.NOT_GRANTED)
    if kept.committed_at is not None:
        messages.info(request, ALREADY_COMMITTED)
        return redirect("reviews:grant", grant.id)
    with kept.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != kept.sha256:
        messages.error(request, FILE_CHANGED)
        return redirect("reviews:upload", grant.id)
    try:
        result = _run_import(grant, data, kept.filename, request.user, commit=True)
    except ApplicationError as refused:
        messages.error(request, refused.message)
        return redirect("reviews:upload", grant.id)
    if not result.committed:
        return render(request, "reviews/upload.html", {
            "grant": grant, "campaign": grant.campaign, "form": UploadForm(), "result": result, "kept": None,
            "errors": [], "jurisdiction": grant.campaign.jurisdiction}, status=400)
    kept.committed_at, kept.summary = timezone.now(), result.summary
    kept.save(update_fields=["committed_at", "summary"])
    messages.success(request, f"已导入：{result.summary}。")
    return redirect("reviews:grant", grant.id)


# --- typical cases -----------------------------------------------------------------------------------

@login_required
def cases(request, campaign_id: int):
    campaign, unit, is_drc = access.access_cases(request.user, campaign_id)
    return render(request, "reviews/cases.html", {
        "campaign": campaign, "unit": unit, "is_drc": is_drc, "cases": selectors.cases_for(campaign, unit),
        "can_add": access.unit_of(request.user, campaign) is not None, "jurisdiction": campaign.jurisdiction,
    })


@login_required
def cases_export(request, campaign_id: int, fmt: str):
    campaign, unit, _ = access.access_cases(request.user, campaign_id)
    return list_download(lists.case_table(campaign, selectors.cases_for(campaign, unit)), fmt)


def _case_fields(data) -> dict:
    return {name: data.get(name, "") for name in services.CASE_FIELDS}


@login_required
def case_new(request, campaign_id: int):
    campaign, unit = access.access_new_case(request.user, campaign_id)
    form = CaseForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST":
        if form.is_valid():
            try:
                case = services.case_save(campaign=campaign, unit=unit, fields=_case_fields(form.cleaned_data),
                                          upload=form.cleaned_data.get("attachment"), user=request.user)
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                messages.success(request, "典型案例已报送。")
                return redirect("reviews:case", case.id)
        else:
            errors.append(services.CASE_FIELDS_REQUIRED)
    return render(request, "reviews/case_form.html", {
        "campaign": campaign, "unit": unit, "form": form, "errors": errors, "case": None,
        "areas": selectors.case_area_choices(campaign), "jurisdiction": campaign.jurisdiction,
    }, status=400 if errors else 200)


@login_required
def case_detail(request, case_id: int):
    """A case: read by its unit, the DRC and leaders; its unit edits it here (POST)."""
    write = request.method == "POST"
    case = access.access_case(request.user, case_id, write=write)
    campaign = case.campaign
    own = access.unit_of(request.user, campaign)
    editable = own is not None and own.id == case.unit_id
    conflict, errors = None, []
    if write:
        form = CaseForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.case_save(campaign=campaign, unit=case.unit, case=case, fields=_case_fields(form.cleaned_data),
                                   upload=form.cleaned_data.get("attachment"), user=request.user,
                                   expected_version=form.cleaned_data.get("version"))
            except StaleVersionError as stale:
                conflict = stale.message
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                messages.success(request, SAVED)
                return redirect("reviews:case", case.id)
        else:
            errors.append(services.CASE_FIELDS_REQUIRED)
    else:
        form = CaseForm(initial={name: getattr(case, name) for name in (*services.CASE_FIELDS, "version")})
    return render(request, "reviews/case_form.html", {
        "campaign": campaign, "unit": case.unit, "form": form, "errors": errors, "conflict": conflict, "case": case,
        "editable": editable, "is_drc": access.is_campaign_drc(request.user, campaign),
        "select_form": SelectForm(initial={"selected": case.selected, "position": case.position}),
        "revisions": selectors.revisions_of("case", case.id), "areas": selectors.case_area_choices(campaign),
        "jurisdiction": campaign.jurisdiction,
    }, status=409 if conflict else (400 if errors else 200))


@login_required
def case_attachment(request, case_id: int):
    case = access.access_case(request.user, case_id)
    if not case.attachment:
        raise Http404
    return FileResponse(case.attachment.open("rb"), as_attachment=True, filename=case.attachment_name)


@login_required
@require_POST
def case_select(request, case_id: int):
    case = get_object_or_404(Case, id=case_id)
    access.access_drc(request.user, case.campaign_id)
    form = SelectForm(request.POST)
    if not form.is_valid():
        messages.error(request, services.BAD_POSITION)
    else:
        try:
            services.case_select(case=case, selected=form.cleaned_data["selected"],
                                 position=form.cleaned_data.get("position"), user=request.user)
        except ApplicationError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, "已选入评估报告附件。" if form.cleaned_data["selected"] else "已取消选用。")
    return redirect("reviews:cases", case.campaign_id)
