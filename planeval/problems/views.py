"""问题清单 and 需上级支持事项 in the browser. Each view: authorise (access.py), call one service or selector, render."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.domain import problem_list as rules
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Project, Task
from planeval.reports.downloads import list_download

from . import access, selectors, services
from .forms import (
    NewProblemForm,
    ProblemFilterForm,
    ProblemForm,
    ProposalForm,
    StatusForm,
    SupportFilterForm,
    SupportForm,
    SupportStepForm,
)

SAVED = "已保存。"
CREATED = "已列入问题清单。"
SUPPORT_CREATED = "已提出需上级支持事项。"
CHECK_INPUT = "请检查填写内容。"
PROPOSAL_GONE = "该建议条目已列入清单或已不存在，请刷新页面。"
ITEM_MODELS = {"indicator": Indicator, "task": Task, "project": Project}


def _problem_filters(request, campaign, user, who):
    units = Unit.objects.filter(problems__campaign=campaign).distinct().order_by("id")
    filters = ProblemFilterForm(request.GET or None, units=units)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.problem_list(campaign, user, who, status=wanted.get("status", ""), unit_id=wanted.get("unit"),
                                  item_type=wanted.get("item_type", ""), origin=wanted.get("origin", ""))
    return filters, rows


@login_required
def problem_list(request, campaign_id: int):
    campaign, who = access.access_campaign_lists(request.user, campaign_id)
    filters, rows = _problem_filters(request, campaign, request.user, who)
    return render(request, "problems/list.html", {
        "campaign": campaign, "who": who, "rows": rows, "filters": filters,
        "reads_all": access.reads_all(request.user, who), "query": request.GET.urlencode(),
        "jurisdiction": campaign.jurisdiction,
    })


@login_required
def problem_export(request, campaign_id: int, fmt: str):
    """The list as shown (same filters, same rows the user may read) as .xlsx or .csv."""
    campaign, who = access.access_campaign_lists(request.user, campaign_id)
    _filters, rows = _problem_filters(request, campaign, request.user, who)
    return list_download(selectors.problem_table(campaign, list(rows)), fmt)


def _own_items(campaign, unit) -> list[tuple[str, str]]:
    plans = campaign.plans.all()
    choices = [(f"indicator:{i.id}", f"指标：{i.name}") for i in
               Indicator.objects.filter(plan__in=plans, lead_unit=unit, parent=None).order_by("plan_id", "position")]
    choices += [(f"task:{t.id}", f"任务：{t.title[:40]}") for t in
                Task.objects.filter(plan__in=plans, lead_unit=unit, children=None).order_by("plan_id", "position")]
    choices += [(f"project:{p.id}", f"项目：{p.name}") for p in
                Project.objects.filter(plan__in=plans, lead_unit=unit).order_by("plan_id", "id")]
    return choices


def _item(key: str):
    if not key:
        return "", None
    item_type, _, item_id = key.partition(":")
    return item_type, ITEM_MODELS[item_type].objects.get(id=int(item_id))


@login_required
def problem_new(request, campaign_id: int):
    """The unit adds an entry by hand, optionally tied to one of its indicators, tasks or projects."""
    campaign, who = access.access_campaign_lists(request.user, campaign_id)
    unit = access.writing_unit(request.user, campaign, who)
    form = NewProblemForm(request.POST or None, items=_own_items(campaign, unit))
    errors: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            item_type, item = _item(data.get("related") or "")
            try:
                services.problem_create(campaign=campaign, user=request.user, unit=unit, problem=data["problem"],
                                        causes=data["causes"], measures=data["measures"], item_type=item_type,
                                        item=item)
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                messages.success(request, CREATED)
                return redirect("problems:list", campaign_id=campaign.id)
        else:
            errors.append(CHECK_INPUT)
    return render(request, "problems/new.html", {
        "campaign": campaign, "unit": unit, "form": form, "errors": errors, "jurisdiction": campaign.jurisdiction,
    }, status=400 if errors else 200)


@login_required
def problem_proposals(request, campaign_id: int):
    """Entries proposed from the unit's C/D-rated items; the unit confirms each one, edited or as is."""
    campaign, who = access.access_campaign_lists(request.user, campaign_id)
    unit = access.writing_unit(request.user, campaign, who)
    proposals = selectors.proposals(campaign, unit)
    errors: list[str] = []
    posted = None
    if request.method == "POST":
        posted = ProposalForm(request.POST)
        chosen = None
        if posted.is_valid():
            chosen = next((p for p in proposals if p.key == posted.cleaned_data["key"]), None)
        if chosen is None:
            errors.append(PROPOSAL_GONE)
        else:
            data = posted.cleaned_data
            item_type, item = _item(chosen.key)
            try:
                services.problem_create(campaign=campaign, user=request.user, unit=unit, problem=data["problem"],
                                        causes=data["causes"], measures=data["measures"], item_type=item_type,
                                        item=item, origin_key=chosen.key)
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                messages.success(request, CREATED)
                return redirect("problems:proposals", campaign_id=campaign.id)
    rows = []
    for p in proposals:
        if posted is not None and posted.data.get("key") == p.key:
            form = posted
        else:
            form = ProposalForm(initial={"key": p.key, "problem": p.text.problem, "causes": p.text.causes,
                                         "measures": p.text.measures}, prefix=None)
        rows.append({"proposal": p, "form": form})
    return render(request, "problems/proposals.html", {
        "campaign": campaign, "unit": unit, "rows": rows, "errors": errors, "jurisdiction": campaign.jurisdiction,
    }, status=400 if errors else 200)


@login_required
def problem_detail(request, problem_id: int):
    """An entry with its history; its unit edits it here (POST)."""
    problem, who = access.access_problem(request.user, problem_id, write=request.method == "POST")
    editable = problem.unit_id in who.unit_ids
    errors, conflict = [], None
    form = ProblemForm(request.POST or None, initial={"problem": problem.problem, "causes": problem.causes,
                                                      "measures": problem.measures, "version": problem.version})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.problem_edit(problem=problem, user=request.user, who=who, text=data["problem"],
                                      causes=data["causes"], measures=data["measures"],
                                      expected_version=data.get("version") or 0)
            except StaleVersionError as stale:
                conflict = stale.message
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                messages.success(request, SAVED)
                return redirect("problems:detail", problem_id=problem.id)
        else:
            errors.append(CHECK_INPUT)
        problem.refresh_from_db()
    moves = [(s.value, s.label) for s in rules.STATUS_MOVES[rules.Status(problem.status)]]
    return render(request, "problems/detail.html", {
        "problem": problem, "who": who, "editable": editable, "form": form, "errors": errors, "conflict": conflict,
        "moves": sorted(moves, key=lambda m: list(rules.Status).index(rules.Status(m[0]))),
        "steps": problem.steps.select_related("actor"), "campaign": problem.campaign,
        "jurisdiction": problem.campaign.jurisdiction,
    }, status=409 if conflict else (400 if errors else 200))


@login_required
@require_POST
def problem_status(request, problem_id: int):
    problem, who = access.access_problem(request.user, problem_id, write=True)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, CHECK_INPUT)
        return redirect("problems:detail", problem_id=problem.id)
    try:
        services.problem_status(problem=problem, user=request.user, who=who, status=form.cleaned_data["status"],
                                note=form.cleaned_data["note"] or "", expected_version=form.cleaned_data["version"])
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, SAVED)
    return redirect("problems:detail", problem_id=problem.id)


def _support_filters(request, campaign, user, who):
    units = Unit.objects.filter(support_requests__campaign=campaign).distinct().order_by("id")
    filters = SupportFilterForm(request.GET or None, units=units)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.support_list(campaign, user, who, kind=wanted.get("kind", ""), status=wanted.get("status", ""),
                                  unit_id=wanted.get("unit"), level=wanted.get("level", ""))
    return filters, rows


@login_required
def support_list(request, campaign_id: int):
    campaign, who = access.access_campaign_lists(request.user, campaign_id)
    filters, rows = _support_filters(request, campaign, request.user, who)
    return render(request, "problems/support_list.html", {
        "campaign": campaign, "who": who, "rows": rows, "filters": filters,
        "reads_all": access.reads_all(request.user, who), "query": request.GET.urlencode(),
        "jurisdiction": campaign.jurisdiction,
    })


@login_required
def support_export(request, campaign_id: int, fmt: str):
    campaign, who = access.access_campaign_lists(request.user, campaign_id)
    _filters, rows = _support_filters(request, campaign, request.user, who)
    return list_download(selectors.support_table(campaign, list(rows)), fmt)


@login_required
def support_new(request, campaign_id: int):
    campaign, who = access.access_campaign_lists(request.user, campaign_id)
    unit = access.writing_unit(request.user, campaign, who)
    form = SupportForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.support_create(campaign=campaign, user=request.user, unit=unit, kind=data["kind"],
                                        item=data["item"], need=data["need"], level=data["level"])
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                messages.success(request, SUPPORT_CREATED)
                return redirect("problems:support_list", campaign_id=campaign.id)
        else:
            errors.append(CHECK_INPUT)
    return render(request, "problems/support_new.html", {
        "campaign": campaign, "unit": unit, "form": form, "errors": errors, "jurisdiction": campaign.jurisdiction,
    }, status=400 if errors else 200)


@login_required
def support_detail(request, request_id: int):
    """A request with its history; its unit edits it while 已提出 (POST)."""
    entry, who = access.access_support(request.user, request_id, write=request.method == "POST")
    errors, conflict = [], None
    form = SupportForm(request.POST or None, initial={"kind": entry.kind, "item": entry.item, "need": entry.need,
                                                      "level": entry.level, "version": entry.version})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.support_edit(entry=entry, user=request.user, who=who, kind=data["kind"], item=data["item"],
                                      need=data["need"], level=data["level"],
                                      expected_version=data.get("version") or 0)
            except StaleVersionError as stale:
                conflict = stale.message
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                messages.success(request, SAVED)
                return redirect("problems:support_detail", request_id=entry.id)
        else:
            errors.append(CHECK_INPUT)
        entry.refresh_from_db()
    status = rules.SupportStatus(entry.status)
    return render(request, "problems/support_detail.html", {
        "entry": entry, "who": who, "form": form, "errors": errors, "conflict": conflict,
        "editable": entry.unit_id in who.unit_ids and status is rules.SupportStatus.RAISED,
        "can_compile": who.is_drc and status is rules.SupportStatus.RAISED,
        "can_answer": who.is_drc and status is rules.SupportStatus.COMPILED,
        "steps": entry.steps.select_related("actor"), "campaign": entry.campaign,
        "jurisdiction": entry.campaign.jurisdiction,
    }, status=409 if conflict else (400 if errors else 200))


@login_required
@require_POST
def support_advance(request, request_id: int, action: str):
    entry, who = access.access_support(request.user, request_id, drc=True)
    try:
        step = rules.SupportAction(action)
    except ValueError:
        raise Http404
    form = SupportStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请检查填写内容（日期格式如2023-11-08）。")
        return redirect("problems:support_detail", request_id=entry.id)
    try:
        services.support_advance(entry=entry, user=request.user, who=who, action=step,
                                 answer=form.cleaned_data["answer"] or "",
                                 answered_on=form.cleaned_data.get("answered_on"),
                                 expected_version=form.cleaned_data["version"])
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"已{step.label}。")
    return redirect("problems:support_detail", request_id=entry.id)
