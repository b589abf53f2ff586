"""专题评估 in the browser. Each view: authorise (access.py), call one service or selector, render."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.domain import topic_flow as flow
from planeval.organizations.models import Unit

from . import access, selectors, services
from .forms import ContributionForm, FilterForm, ReportForm, StepForm, TopicForm

CREATED = "专题评估已布置。"
SAVED = "已保存。"
CHECK_INPUT = "请检查填写内容。"
NO_FILE = "该专题尚未上传报告全文。"


def _units(campaign):
    return list(Unit.objects.filter(jurisdiction=campaign.jurisdiction, is_active=True).order_by("id"))


def _definition(form, units):
    data = form.cleaned_data
    by_id = {u.id: u for u in units}
    return {"title": data.get("title") or "", "scope": data.get("scope") or "",
            "lead_unit": by_id.get(data.get("lead_unit")),
            "supporting_units": [by_id[i] for i in data.get("supporting_units") or [] if i in by_id],
            "deadline": form.deadline()}


@login_required
def topic_list(request, campaign_id: int):
    campaign, who = access.access_campaign_topics(request.user, campaign_id)
    filters = FilterForm(request.GET or None)
    state = filters.cleaned_data.get("state", "") if filters.is_valid() else ""
    return render(request, "topics/list.html", {
        "campaign": campaign, "who": who, "rows": selectors.topic_list(campaign, who, state=state),
        "filters": filters, "jurisdiction": campaign.jurisdiction,
    })


@login_required
def topic_new(request, campaign_id: int):
    """The DRC assigns a topic: title, scope, lead and supporting units, deadline."""
    campaign, who = access.access_topic_definition(request.user, campaign_id)
    units = _units(campaign)
    form = TopicForm(request.POST or None, units=units)
    errors: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                topic = services.topic_create(campaign=campaign, user=request.user, who=who,
                                              **_definition(form, units))
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                messages.success(request, CREATED)
                return redirect("topics:detail", topic_id=topic.id)
        else:
            errors.append(CHECK_INPUT)
    return render(request, "topics/form.html", {
        "campaign": campaign, "form": form, "errors": errors, "topic": None, "conflict": None,
        "jurisdiction": campaign.jurisdiction,
    }, status=400 if errors else 200)


@login_required
def topic_edit(request, topic_id: int):
    topic, who = access.access_topic(request.user, topic_id)
    if not who.is_drc:
        raise PermissionDenied(access.ONLY_DRC)
    units = _units(topic.campaign)
    initial = {"title": topic.title, "scope": topic.scope, "lead_unit": topic.lead_unit_id,
               "supporting_units": [u.id for u in topic.supporting_units.all()],
               "deadline_on": topic.deadline_on, "deadline_event": topic.deadline_event,
               "deadline_event_on": topic.deadline_event_on, "deadline_days": topic.deadline_days,
               "version": topic.version}
    form = TopicForm(request.POST or None, units=units, initial=initial)
    errors, conflict = [], None
    if request.method == "POST":
        if form.is_valid():
            try:
                services.topic_edit(topic=topic, user=request.user, who=who, **_definition(form, units),
                                    expected_version=form.cleaned_data.get("version") or 0)
            except StaleVersionError as stale:
                conflict = stale.message
            except ApplicationError as refused:
                errors.append(refused.message)
            else:
                messages.success(request, SAVED)
                return redirect("topics:detail", topic_id=topic.id)
        else:
            errors.append(CHECK_INPUT)
    return render(request, "topics/form.html", {
        "campaign": topic.campaign, "form": form, "errors": errors, "topic": topic, "conflict": conflict,
        "jurisdiction": topic.campaign.jurisdiction,
    }, status=409 if conflict else (400 if errors else 200))


def _detail_context(topic, who, **extra) -> dict:
    state = flow.State(topic.state)
    mine = access.supporting_unit(topic, who)
    contributions = list(topic.contributions.select_related("unit", "updated_by"))
    own = next((c for c in contributions if mine and c.unit_id == mine.id), None)
    context = {
        "topic": topic, "who": who, "campaign": topic.campaign, "jurisdiction": topic.campaign.jurisdiction,
        "deadline": services.topic_deadline(topic), "supporting": list(topic.supporting_units.all()),
        "contributions": contributions, "steps": topic.steps.select_related("actor"),
        "actions": flow.allowed_actions(state, who.roles),
        "report_editable": who.is_lead and state in flow.REPORT_EDITABLE,
        "definition_editable": who.is_drc and state in flow.DEFINITION_EDITABLE,
        "my_unit": mine if mine and state in flow.CONTRIBUTION_OPEN else None,
        "report_form": ReportForm(initial={"summary": topic.summary, "findings": topic.findings,
                                           "suggestions": topic.suggestions, "version": topic.version}),
        "contribution_form": ContributionForm(initial={"text": own.text if own else "",
                                                       "version": own.version if own else 0}),
        "step_form": StepForm(initial={"version": topic.version}),
        "errors": [], "conflict": None,
    }
    context.update(extra)
    return context


@login_required
def topic_detail(request, topic_id: int):
    topic, who = access.access_topic(request.user, topic_id)
    return render(request, "topics/detail.html", _detail_context(topic, who))


@login_required
@require_POST
def topic_report(request, topic_id: int):
    """The lead unit saves its report (text, and optionally the full report as a file)."""
    topic, who = access.access_topic(request.user, topic_id)
    if not who.is_lead:
        raise PermissionDenied(access.ONLY_LEAD)
    form = ReportForm(request.POST, request.FILES)
    errors, conflict = [], None
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.topic_report_save(topic=topic, user=request.user, who=who, summary=data["summary"],
                                       findings=data["findings"], suggestions=data["suggestions"],
                                       upload=data.get("file"), expected_version=data["version"])
        except StaleVersionError as stale:
            conflict = stale.message
        except ApplicationError as refused:
            errors.append(refused.message)
        else:
            messages.success(request, SAVED)
            return redirect("topics:detail", topic_id=topic.id)
    else:
        errors.append(CHECK_INPUT)
    topic.refresh_from_db()
    return render(request, "topics/detail.html", _detail_context(topic, who, errors=errors, conflict=conflict,
                                                                 report_form=form),
                  status=409 if conflict else 400)


@login_required
@require_POST
def topic_contribute(request, topic_id: int):
    topic, who = access.access_topic(request.user, topic_id)
    unit = access.supporting_unit(topic, who)
    if unit is None:
        raise PermissionDenied(access.ONLY_SUPPORTING)
    form = ContributionForm(request.POST)
    if not form.is_valid():
        messages.error(request, CHECK_INPUT)
        return redirect("topics:detail", topic_id=topic.id)
    try:
        services.topic_contribute(topic=topic, user=request.user, unit=unit, text=form.cleaned_data["text"],
                                  expected_version=form.cleaned_data["version"])
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, SAVED)
    return redirect("topics:detail", topic_id=topic.id)


@login_required
@require_POST
def topic_transition(request, topic_id: int, action: str):
    topic, who = access.access_topic(request.user, topic_id)
    try:
        step = flow.Action(action)
    except ValueError:
        raise Http404
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, CHECK_INPUT)
        return redirect("topics:detail", topic_id=topic.id)
    try:
        services.topic_transition(topic=topic, user=request.user, who=who, action=step,
                                  comment=form.cleaned_data["comment"] or "",
                                  expected_version=form.cleaned_data["version"])
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"已{step.label}。")
    return redirect("topics:detail", topic_id=topic.id)


@login_required
def topic_file(request, topic_id: int):
    """The attached full report, for whoever may read the topic (the audit middleware records it)."""
    topic, _who = access.access_topic(request.user, topic_id)
    if not topic.report_file:
        raise Http404(NO_FILE)
    return FileResponse(topic.report_file.open("rb"), as_attachment=True, filename=topic.report_file_name)
