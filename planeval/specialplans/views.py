"""专项规划评估 in the browser. Each view: authorise (access.py), call one service or selector, render."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from planeval.campaigns.access import access_campaign
from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.domain import special_plan_route as route
from planeval.domain.workflow import DRC
from planeval.organizations.models import Unit
from planeval.reports.downloads import attachment, list_download
from planeval.reports.services import ExportedFile
from planeval.submissions.report import framework_sections

from . import access, lists, selectors, services
from .forms import FilterForm, PackageForm, ReportForm, StepForm
from .report import plan_report_docx, plan_report_filename

CREATED = "已为评估范围内的{n}项专项规划（含区域规划、空间规划）建立评估。"
SAVED = "评估报告已保存。"
CHECK_INPUT = "请检查填写内容。"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filters(request, campaign):
    units = Unit.objects.filter(special_evaluations__campaign=campaign).distinct().order_by("id")
    form = FilterForm(request.GET or None, units=units)
    wanted = form.cleaned_data if form.is_valid() else {}
    return form, {"state": wanted.get("state", ""), "kind": wanted.get("kind", ""), "unit_id": wanted.get("unit"),
                  "package": bool(wanted.get("package"))}


@login_required
def evaluation_list(request, campaign_id: int):
    """Every special plan's evaluation for the DRC, leaders and observers; a unit's own plans."""
    campaign, who = access.access_campaign_evaluations(request.user, campaign_id)
    filters, wanted = _filters(request, campaign)
    return render(request, "specialplans/list.html", {
        "campaign": campaign, "who": who, "filters": filters,
        "rows": selectors.evaluation_list(campaign, who, **wanted),
        "counts": selectors.state_counts(campaign) if who.can_read_all else None,
        "jurisdiction": campaign.jurisdiction,
    })


@login_required
def evaluation_export(request, campaign_id: int, fmt: str):
    campaign, who = access.access_campaign_evaluations(request.user, campaign_id)
    _form, wanted = _filters(request, campaign)
    return list_download(lists.evaluation_table(campaign, selectors.evaluation_list(campaign, who, **wanted)), fmt)


@login_required
@require_POST
def evaluations_create(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id, roles={DRC}, refusal=access.ONLY_DRC)
    created = services.evaluations_create(campaign=campaign)
    messages.success(request, CREATED.format(n=created))
    return redirect("specialplans:list", campaign_id=campaign.id)


def _detail_context(evaluation, who, user, **extra) -> dict:
    sections = framework_sections(evaluation.campaign)
    state = route.State(evaluation.state)
    context = {
        "evaluation": evaluation, "who": who, "state": state,
        "editable": bool(who.roles & route.UNIT_ROLES) and route.is_editable(state),
        "form": ReportForm(sections=sections, initial={
            "conclusion": evaluation.conclusion, "version": evaluation.version,
            **{f"section-{s.key}": evaluation.sections.get(s.key, "") for s in sections}}),
        "actions": route.actions_for(state, who.roles, actor_id=user.id, sender_id=evaluation.sent_by_id),
        "steps": evaluation.steps.select_related("actor"),
        "is_drc": DRC in who.roles, "approved": state in route.APPROVED_STATES,
        "sections": [(s, evaluation.sections.get(s.key, "")) for s in sections],
        "jurisdiction": evaluation.campaign.jurisdiction, "errors": [], "conflict": None,
    }
    context.update(extra)
    return context


@login_required
def evaluation_detail(request, evaluation_id: int):
    evaluation, who = access.access_evaluation(request.user, evaluation_id)
    return render(request, "specialplans/detail.html", _detail_context(evaluation, who, request.user))


@login_required
@require_POST
def report_save(request, evaluation_id: int):
    """Save the report text; with htmx only the form is swapped, so the page keeps its place."""
    evaluation, who = access.access_unit_writer(request.user, evaluation_id)
    form = ReportForm(request.POST, sections=framework_sections(evaluation.campaign))
    conflict, errors, saved = None, [], False
    if form.is_valid():
        try:
            evaluation = services.evaluation_report_save(
                evaluation=evaluation, user=request.user, who=who, sections=form.section_texts(),
                conclusion=form.cleaned_data["conclusion"], expected_version=form.cleaned_data["version"],
                request=request)
            saved = True
        except StaleVersionError as stale:
            conflict = stale.message
        except ApplicationError as refused:
            errors.append(refused.message)
    else:
        errors.append(CHECK_INPUT)
    if saved and not request.htmx:
        messages.success(request, SAVED)
        return redirect("specialplans:detail", evaluation_id=evaluation.id)
    evaluation.refresh_from_db()
    context = _detail_context(evaluation, who, request.user, errors=errors, conflict=conflict, saved=saved)
    if not saved:
        context["form"] = form   # what the user typed stays on screen
    status = 409 if conflict else (400 if errors else 200)
    template = "specialplans/_work.html" if request.htmx else "specialplans/detail.html"
    return render(request, template, context, status=status)


@login_required
@require_POST
def evaluation_transition(request, evaluation_id: int, action: str):
    evaluation, who = access.access_evaluation(request.user, evaluation_id)
    try:
        step = route.Action(action)
    except ValueError:
        raise Http404
    form = StepForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, CHECK_INPUT)
        return redirect("specialplans:detail", evaluation_id=evaluation.id)
    try:
        services.evaluation_transition(evaluation=evaluation, user=request.user, who=who, action=step,
                                       comment=form.cleaned_data["comment"] or "",
                                       upload=form.cleaned_data.get("document"),
                                       expected_version=form.cleaned_data["version"], request=request)
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"已{step.label}。")
    return redirect("specialplans:detail", evaluation_id=evaluation.id)


@login_required
@require_POST
def package_set(request, evaluation_id: int):
    evaluation, who = access.access_drc(request.user, evaluation_id)
    form = PackageForm(request.POST)
    if not form.is_valid():
        messages.error(request, CHECK_INPUT)
        return redirect("specialplans:detail", evaluation_id=evaluation.id)
    try:
        services.evaluation_package_set(evaluation=evaluation, user=request.user, who=who,
                                        in_package=form.cleaned_data["in_package"],
                                        expected_version=form.cleaned_data["version"], request=request)
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "已设置随中期评估报告报送。" if form.cleaned_data["in_package"] else "已取消随报。")
    return redirect("specialplans:detail", evaluation_id=evaluation.id)


@login_required
def report_download(request, evaluation_id: int):
    evaluation, _who = access.access_evaluation(request.user, evaluation_id)
    return attachment(ExportedFile(plan_report_docx(evaluation), plan_report_filename(evaluation), DOCX))


@login_required
def step_document(request, step_id: int):
    step = access.access_step_document(request.user, step_id)
    return FileResponse(step.document.open("rb"), as_attachment=True, filename=step.document_name)
