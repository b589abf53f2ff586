"""规划调整 in the browser. Each view: authorise (access.py), call one service or selector, render."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.domain import adjustment_route as route
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Project, Task
from planeval.submissions import access as submission_access
from planeval.submissions.models import IndicatorReport

from . import access, selectors, services
from .forms import FilterForm, NewItemForm, ProposalForm, SettingForm, StepForm

CREATED = "调整建议已保存为草稿，核对后请点击“提交”。"
SAVED = "已保存。"
SETTING_SAVED = "规划调整程序设置已保存。"
NOT_A_UNIT = "只有事项牵头单位的填报人或单位负责人可以提出调整建议。"


@login_required
def adjustment_list(request, campaign_id: int):
    """The DRC's (and leaders', observers') view of every proposal; a unit's view of its own."""
    campaign, who = access.access_campaign_adjustments(request.user, campaign_id)
    units = Unit.objects.filter(adjustments__campaign=campaign).distinct().order_by("id")
    filters = FilterForm(request.GET or None, units=units)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.adjustment_list(campaign, who, state=wanted.get("state", ""), kind=wanted.get("kind", ""),
                                     item_type=wanted.get("item_type", ""), unit_id=wanted.get("unit"))
    own_items = _own_items(campaign, who) if who.unit_ids else None
    setting = services.route_setting(campaign)
    return render(request, "adjustments/list.html", {
        "campaign": campaign, "who": who, "rows": rows, "filters": filters, "own_items": own_items,
        "setting": setting, "setting_form": SettingForm(initial={
            "outline_to_congress": setting.outline_to_congress, "version": setting.version}),
        "jurisdiction": campaign.jurisdiction,
    })


def _name(item) -> str:
    return getattr(item, "name", None) or getattr(item, "title", "")


def _own_items(campaign, who) -> dict:
    plans = campaign.plans.all()
    units = who.unit_ids
    return {
        "indicator": Indicator.objects.filter(plan__in=plans, lead_unit_id__in=units, is_cancelled=False)
        .order_by("plan_id", "position", "id"),
        "task": Task.objects.filter(plan__in=plans, lead_unit_id__in=units, is_cancelled=False, children=None)
        .order_by("plan_id", "position", "id"),
        "project": Project.objects.filter(plan__in=plans, lead_unit_id__in=units)
        .exclude(status=Project.Status.CANCELLED).order_by("plan_id", "id"),
    }


@login_required
def adjustment_new(request, campaign_id: int, item_type: str, item_id: int):
    """The unit proposes a change to one item it leads."""
    campaign, _who = access.access_campaign_adjustments(request.user, campaign_id)
    unit, item = access.access_proposable_item(request.user, campaign, item_type, item_id)
    kinds = sorted(route.KINDS_FOR_ITEM[item_type] - {route.Kind.ADD}, key=list(route.Kind).index)
    errors: list[str] = []
    if request.method == "POST":
        form = ProposalForm(request.POST, kinds=kinds)
        if form.is_valid():
            data = form.cleaned_data
            try:
                adjustment = services.adjustment_draft(
                    campaign=campaign, user=request.user, unit=unit, item_type=item_type, item=item,
                    kind=data["kind"], after=data["after"], reason=data["reason"], basis=data["basis"])
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                messages.success(request, CREATED)
                return redirect("adjustments:detail", adjustment_id=adjustment.id)
    else:
        form = ProposalForm(kinds=kinds, initial={"kind": kinds[0].value})
    return render(request, "adjustments/new.html", {
        "campaign": campaign, "item_type": item_type, "item": item, "item_name": _name(item), "form": form,
        "errors": errors,
        "item_label": route.ITEM_LABELS[item_type], "open": selectors.open_proposal(item_type, item),
        "jurisdiction": campaign.jurisdiction,
    }, status=400 if errors else 200)


@login_required
def adjustment_new_item(request, campaign_id: int):
    """新增: the unit proposes a task or project the plan does not have."""
    campaign, _who = access.access_campaign_adjustments(request.user, campaign_id)
    unit = submission_access.own_unit(request.user, campaign)
    plans = list(campaign.plans.order_by("id"))
    errors: list[str] = []
    form = NewItemForm(request.POST or None, plans=plans)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = next(p for p in plans if p.id == data["plan"])
        try:
            adjustment = services.adjustment_draft(
                campaign=campaign, user=request.user, unit=unit, item_type=data["item_type"], kind=route.Kind.ADD,
                plan=plan, after=data["after"], reason=data["reason"], basis=data["basis"])
        except ApplicationError as refused:
            errors.append(refused.message)
        else:
            messages.success(request, CREATED)
            return redirect("adjustments:detail", adjustment_id=adjustment.id)
    return render(request, "adjustments/new_item.html", {
        "campaign": campaign, "form": form, "errors": errors, "jurisdiction": campaign.jurisdiction,
    }, status=400 if errors else 200)


@login_required
@require_POST
def adjustment_from_report(request, submission_id: int, indicator_id: int):
    """One click from the unit's indicator report: a draft pre-filled from its 调整建议 fields."""
    submission, _who, indicator = submission_access.access_item(request.user, submission_id, "indicator",
                                                                indicator_id, write=True)
    report = IndicatorReport.objects.filter(submission=submission, indicator=indicator).select_related(
        "submission__campaign", "indicator").first()
    if report is None:
        messages.error(request, services.NO_PROPOSAL_IN_REPORT)
        return redirect("submissions:indicator", submission.id, indicator.id)
    try:
        adjustment = services.adjustment_from_report(report=report, user=request.user, unit=submission.unit)
    except ApplicationError as refused:
        messages.error(request, refused.message)
        return redirect("submissions:indicator", submission.id, indicator.id)
    messages.success(request, CREATED)
    return redirect("adjustments:detail", adjustment_id=adjustment.id)


def _detail_context(request, adjustment, who, **extra) -> dict:
    editable = bool(who.roles & route.UNIT_ROLES) and route.State(adjustment.state) in route.EDITABLE
    if adjustment.kind == route.Kind.ADD:
        kinds = [route.Kind.ADD]
    else:
        kinds = sorted(route.KINDS_FOR_ITEM[adjustment.item_type] - {route.Kind.ADD}, key=list(route.Kind).index)
    context = {
        "adjustment": adjustment, "who": who, "editable": editable,
        "steps": adjustment.steps.select_related("actor"),
        "changes": adjustment.changes.select_related("changed_by"),
        "actions": route.allowed_actions(route.Route(adjustment.route), route.State(adjustment.state), who.roles,
                                         congress=services.needs_congress(adjustment)),
        "congress": services.needs_congress(adjustment),
        "step_form": StepForm(initial={"version": adjustment.version}),
        "form": ProposalForm(kinds=kinds, initial={
            "kind": adjustment.kind, "after": adjustment.after_text, "reason": adjustment.reason,
            "basis": adjustment.basis, "version": adjustment.version}),
        "jurisdiction": adjustment.campaign.jurisdiction, "errors": [], "conflict": None,
    }
    context.update(extra)
    return context


@login_required
def adjustment_detail(request, adjustment_id: int):
    adjustment, who = access.access_adjustment(request.user, adjustment_id)
    return render(request, "adjustments/detail.html", _detail_context(request, adjustment, who))


@login_required
@require_POST
def adjustment_edit(request, adjustment_id: int):
    adjustment, who = access.access_adjustment(request.user, adjustment_id)
    if not who.roles & route.UNIT_ROLES:
        raise PermissionDenied(NOT_A_UNIT)
    form = ProposalForm(request.POST)
    conflict, errors = None, []
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.adjustment_edit(adjustment=adjustment, user=request.user, who=who, kind=data["kind"],
                                     after=data["after"], reason=data["reason"], basis=data["basis"],
                                     expected_version=data.get("version") or 0)
        except StaleVersionError as stale:
            conflict = stale.message
        except ApplicationError as refused:
            errors.append(refused.message)
        else:
            messages.success(request, SAVED)
            return redirect("adjustments:detail", adjustment_id=adjustment.id)
    else:
        errors.append("请检查填写内容。")
    adjustment.refresh_from_db()
    context = _detail_context(request, adjustment, who, errors=errors, conflict=conflict)
    context["form"] = form
    return render(request, "adjustments/detail.html", context, status=409 if conflict else 400)


@login_required
@require_POST
def adjustment_transition(request, adjustment_id: int, action: str):
    adjustment, who = access.access_adjustment(request.user, adjustment_id)
    try:
        step = route.Action(action)
    except ValueError:
        raise Http404
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请检查填写内容（日期格式如2023-11-08）。")
        return redirect("adjustments:detail", adjustment_id=adjustment.id)
    try:
        services.adjustment_transition(adjustment=adjustment, user=request.user, who=who, action=step,
                                       step=form.step(), expected_version=form.cleaned_data["version"])
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"已{step.label}。")
    return redirect("adjustments:detail", adjustment_id=adjustment.id)


@login_required
@require_POST
def route_settings(request, campaign_id: int):
    campaign = access.access_route_setting(request.user, campaign_id)
    form = SettingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请检查填写内容。")
        return redirect("adjustments:list", campaign_id=campaign.id)
    try:
        services.route_setting_save(campaign=campaign, user=request.user,
                                    outline_to_congress=form.cleaned_data["outline_to_congress"],
                                    expected_version=form.cleaned_data["version"])
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, SETTING_SAVED)
    return redirect("adjustments:list", campaign_id=campaign.id)


@login_required
def item_history(request, item_type: str, item_id: int):
    """An item's adjustment history: target versions (old → new), applied changes, proposals."""
    item = access.access_item(request.user, item_type, item_id)
    versions, changes, proposals = selectors.item_history(item_type, item)
    return render(request, "adjustments/history.html", {
        "item": item, "item_type": item_type, "item_label": route.ITEM_LABELS[item_type], "item_name": _name(item),
        "versions": versions, "changes": changes, "proposals": proposals,
        "jurisdiction": item.plan.jurisdiction,
    })
