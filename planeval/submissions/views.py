"""The campaign loop in the browser. Each view: authorise (access.py), call a service or selector, render."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from planeval.accounts.models import RoleAssignment
from planeval.assessment.services import indicator_preview as engine_preview
from planeval.campaigns.access import access_campaign
from planeval.campaigns.models import Campaign
from planeval.core import figure_cache
from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.domain import workflow
from planeval.monitoring.models import Observation, ObservationRevision
from planeval.organizations.models import Contact, Unit
from planeval.reports.downloads import list_download

from . import access, evidence, lists, selectors, services
from .forms import (
    ACTUAL_PERIODS, FORECAST_YEARS, CommentForm, ContactForm, IndicatorJudgementForm, NoticeForm,
    ProjectJudgementForm, TaskJudgementForm, TransitionForm, value_cells,
)
from .models import Comment, Evidence, IndicatorReport, Notice, ProjectReport, ReportRevision, TaskReport

SAVED = "已保存。"
NO_BOARD = "只有发改委、分管领导和观察员可以查看审核工作台。"
NO_UNIT = access.NO_UNIT


def _campaign(user, campaign_id: int) -> Campaign:
    return access_campaign(user, campaign_id)


def _campaign_roles(user, campaign) -> frozenset[str]:
    from planeval.accounts.access import jurisdiction_roles

    return jurisdiction_roles(user, campaign.jurisdiction)


@login_required
def my_work(request, campaign_id: int):
    """我的工作: the user's unit's submission for the campaign (created on first visit)."""
    campaign = _campaign(request.user, campaign_id)
    submission = services.submission_get_or_create(campaign=campaign, unit=access.own_unit(request.user, campaign))
    return redirect("submissions:detail", submission_id=submission.id)


@login_required
def submission_detail(request, submission_id: int):
    submission, who = access.access_submission(request.user, submission_id)
    items = selectors.work_items(submission)
    problems = []
    if who.is_unit or who.can_review:
        from planeval.domain.submission_checks import submission_problems

        problems = submission_problems(selectors.submission_decisions(submission, items))
    # The engine's data checks on the unit's indicators, from the assessments the work list already read.
    flags = [(item.obj, item.assessment) for item in items["indicator"] if item.assessment and item.assessment.checks]
    transitions = list(submission.transitions.select_related("actor"))
    return render(request, "submissions/detail.html", {
        "submission": submission, "who": who, "items": items, "problems": problems, "flags": flags,
        "actions": selectors.actions_for(submission, who.roles, request.user, transitions=transitions),
        "editable": who.is_unit and workflow.is_editable(workflow.State(submission.state)),
        "transitions": transitions,
        "notices": selectors.notices_for_unit(submission.campaign, submission.unit),
        "contact": Contact.objects.filter(unit=submission.unit, campaign=submission.campaign).first(),
        "deadline": selectors.unit_deadline(submission.campaign),
        "transition_form": TransitionForm(),
        "jurisdiction": submission.campaign.jurisdiction,
    })


@login_required
@require_POST
def submission_transition(request, submission_id: int, action: str):
    submission, who = access.access_submission(request.user, submission_id)
    try:
        step = workflow.Action(action)
    except ValueError:
        raise Http404
    if step is workflow.Action.SAVE:
        raise Http404
    form = TransitionForm(request.POST)
    form.is_valid()
    try:
        services.submission_transition(submission=submission, who=who, action=step, user=request.user,
                                       comment=form.cleaned_data.get("comment", ""),
                                       confirmed_by=form.cleaned_data.get("confirmed_by", ""))
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"已{step.label}。")
    return redirect("submissions:detail", submission_id=submission.id)


def _value_grid(indicator, posted=None) -> tuple[list[dict], list[dict]]:
    """Rows of the value table: what is stored, and what the user typed when a save was refused."""
    from planeval.web.templatetags.planeval import number

    stored = {(str(obs.period), obs.kind): obs for obs in Observation.objects.filter(indicator=indicator)}

    def shown(key, obs, field):
        if posted is not None and f"{key}-{field}" in posted:
            return posted.get(f"{key}-{field}")
        if obs is None:
            return ""
        return number(obs.value) if field == "value" else obs.source

    actual_rows = []
    for period in ACTUAL_PERIODS:
        key = f"v-{period}"
        official, estimate = stored.get((str(period), "actual")), stored.get((str(period), "estimate"))
        obs = official or estimate
        kind = "actual" if official or not estimate else "estimate"
        if posted is not None and posted.get(f"{key}-kind") in ("actual", "estimate"):
            kind = posted[f"{key}-kind"]
        actual_rows.append({"period": period, "key": key, "obs": obs, "official": official, "estimate": estimate,
                            "kind": kind, "value": shown(key, obs, "value"), "source": shown(key, obs, "source")})
    forecast_rows = []
    for year in FORECAST_YEARS:
        key, obs = f"f-{year}", stored.get((str(year), "forecast"))
        forecast_rows.append({"year": year, "key": key, "obs": obs, "value": shown(key, obs, "value"),
                              "source": shown(key, obs, "source")})
    return actual_rows, forecast_rows


def _attempt(request, save, success):
    """Run a save; on success flash 已保存 and redirect, otherwise say why (stale, or refused).

    Returns (conflict message, errors, redirect response or None).
    """
    try:
        save()
    except StaleVersionError as stale:
        return stale.message, [], None
    except ApplicationError as refused:
        return None, [refused.message], None
    messages.success(request, SAVED)
    return None, [], redirect(*success)


def _posted_version(request, name: str) -> int:
    """The version a form showed; anything that is not a number counts as stale (refused, nothing saved)."""
    value = request.POST.get(name) or "0"
    return int(value) if value.isdigit() and len(value) < 10 else -1


def _initial(report, fields) -> dict:
    """A form's starting values: the stored report (and its version), or a blank one at version 0."""
    initial = {"version": report.version if report else 0}
    if report:
        initial.update({name: getattr(report, name) for name in fields})
    return initial


def _history(submission, item_type: str, item, report):
    revisions = []
    if item_type == "indicator":
        revisions = list(ObservationRevision.objects.filter(indicator=item).select_related("changed_by")
                         .order_by("-changed_at", "-id")[:50])
    report_revisions = []
    if report is not None and report.pk:
        report_revisions = list(ReportRevision.objects.filter(item_type=type(report).__name__, item_id=report.pk)
                                .select_related("changed_by").order_by("-changed_at", "-id")[:50])
    comments = Comment.objects.filter(submission=submission, item_type=item_type, item_id=item.id) \
        .select_related("author", "author_unit")
    return revisions, report_revisions, comments


@login_required
def indicator_form(request, submission_id: int, indicator_id: int):
    write = request.method == "POST"
    submission, who, indicator = access.access_item(request.user, submission_id, "indicator", indicator_id,
                                                     write=write)
    report = IndicatorReport.objects.filter(submission=submission, indicator=indicator).first()
    assessment, shortfall = selectors.indicator_suggestion(submission.campaign, indicator)
    conflict = None
    errors: list[str] = []
    if write:
        cells, errors = value_cells(request.POST)
        form = IndicatorJudgementForm(request.POST, projected_shortfall=shortfall)
        if form.is_valid() and not errors:
            data = form.cleaned_data
            conflict, refused, done = _attempt(request, lambda: services.indicator_report_save(
                submission=submission, who=who, indicator=indicator, user=request.user, values=cells,
                rating=data["rating"], explanation=data["explanation"],
                recovery_measures=data["recovery_measures"], adjustment=form.adjustment_from(data),
                expected_version=data.get("version") if report else 0,
            ), ("submissions:indicator", submission.id, indicator.id))
            if done:
                return done
            errors += refused
        errors += form.non_field_errors()
    else:
        form = IndicatorJudgementForm(initial=_initial(report, (
            "rating", "explanation", "recovery_measures", "adjustment_before", "adjustment_after",
            "adjustment_reason", "adjustment_basis")), projected_shortfall=shortfall)
    actual_rows, forecast_rows = _value_grid(indicator, request.POST if write else None)
    revisions, report_revisions, comments = _history(submission, "indicator", indicator, report)
    return render(request, "submissions/indicator_form.html", {
        "submission": submission, "who": who, "indicator": indicator, "report": report, "form": form,
        "assessment": assessment, "actual_rows": actual_rows, "forecast_rows": forecast_rows,
        "posted": request.POST if write else None, "errors": errors, "conflict": conflict,
        "editable": who.is_unit and workflow.is_editable(workflow.State(submission.state)),
        "revisions": revisions, "report_revisions": report_revisions, "comments": comments,
        "comment_form": CommentForm(), "can_comment": _can_comment(request.user, who, indicator),
        "jurisdiction": submission.campaign.jurisdiction,
    }, status=409 if conflict else (400 if errors else 200))


@login_required
@require_POST
def indicator_preview(request, submission_id: int, indicator_id: int):
    """htmx: the engine's suggestion for the values typed so far (nothing is saved)."""
    submission, who, indicator = access.access_item(request.user, submission_id, "indicator", indicator_id)
    cells, errors = value_cells(request.POST)
    result = None if errors else engine_preview(campaign=submission.campaign, indicator=indicator, cells=cells)
    return render(request, "submissions/_suggestion.html", {"result": result, "errors": errors, "live": True})


@login_required
def task_form(request, submission_id: int, task_id: int):
    write = request.method == "POST"
    submission, who, task = access.access_item(request.user, submission_id, "task", task_id, write=write)
    report = TaskReport.objects.filter(submission=submission, task=task).first()
    conflict, errors = None, []
    if write:
        form = TaskJudgementForm(request.POST)
        upload = request.FILES.get("evidence")
        if form.is_valid():
            data = form.cleaned_data

            @transaction.atomic  # the narrative and its evidence land together or not at all
            def save():
                saved = services.task_report_save(
                    submission=submission, who=who, task=task, user=request.user, progress=data["progress"],
                    rating=data["rating"], expected_completion=data["expected_completion"],
                    explanation=data["explanation"], next_steps=data["next_steps"],
                    expected_version=data.get("version") if report else 0,
                )
                if upload is not None:
                    evidence.evidence_attach(task_report=saved, upload=upload, user=request.user)

            conflict, refused, done = _attempt(request, save, ("submissions:task", submission.id, task.id))
            if done:
                return done
            errors += refused
        errors += form.non_field_errors()
    else:
        form = TaskJudgementForm(initial=_initial(report, (
            "progress", "rating", "expected_completion", "explanation", "next_steps")))
    revisions, report_revisions, comments = _history(submission, "task", task, report)
    return render(request, "submissions/task_form.html", {
        "submission": submission, "who": who, "task": task, "report": report, "form": form,
        "errors": errors, "conflict": conflict,
        "editable": who.is_unit and workflow.is_editable(workflow.State(submission.state)),
        "evidence": report.evidence.all() if report else [], "report_revisions": report_revisions,
        "comments": comments, "comment_form": CommentForm(), "can_comment": _can_comment(request.user, who, task),
        "jurisdiction": submission.campaign.jurisdiction,
    }, status=409 if conflict else (400 if errors else 200))


@login_required
def project_form(request, submission_id: int, project_id: int):
    write = request.method == "POST"
    submission, who, project = access.access_item(request.user, submission_id, "project", project_id, write=write)
    report = ProjectReport.objects.filter(submission=submission, project=project).first()
    conflict, errors = None, []
    fields = ("status", "completed_investment", "progress", "not_started_reason", "next_steps", "rating",
              "explanation")
    if write:
        form = ProjectJudgementForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            conflict, refused, done = _attempt(request, lambda: services.project_report_save(
                submission=submission, who=who, project=project, user=request.user,
                fields={f: data[f] for f in fields}, expected_version=data.get("version") if report else 0,
            ), ("submissions:project", submission.id, project.id))
            if done:
                return done
            errors += refused
        errors += form.non_field_errors()
    else:
        form = ProjectJudgementForm(initial=_initial(report, fields))
    _, report_revisions, comments = _history(submission, "project", project, report)
    return render(request, "submissions/project_form.html", {
        "submission": submission, "who": who, "project": project, "report": report, "form": form,
        "errors": errors, "conflict": conflict,
        "editable": who.is_unit and workflow.is_editable(workflow.State(submission.state)),
        "report_revisions": report_revisions, "comments": comments,
        "jurisdiction": submission.campaign.jurisdiction,
    }, status=409 if conflict else (400 if errors else 200))


def _can_comment(user, who, item) -> bool:
    return who.can_review or access.co_owner_unit(user, item) is not None


@login_required
@require_POST
def item_comment(request, submission_id: int, item_type: str, item_id: int):
    submission, who, item = access.access_item(request.user, submission_id, item_type, item_id)
    if not _can_comment(request.user, who, item):
        raise PermissionDenied(access.NOT_CO_OWNER)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(submission=submission, item_type=item_type, item=item, user=request.user,
                             unit=access.co_owner_unit(request.user, item), text=form.cleaned_data["text"])
        messages.success(request, "意见已提交。")
    else:
        messages.error(request, "请填写意见内容（不超过2000字）。")
    return redirect(f"submissions:{item_type}", submission.id, item.id)


@login_required
def evidence_download(request, evidence_id: int):
    item = get_object_or_404(Evidence.objects.select_related("task_report"), id=evidence_id)
    access.access_item(request.user, item.task_report.submission_id, "task", item.task_report.task_id)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@login_required
def report_sections(request, submission_id: int):
    submission, who = access.access_submission(request.user, submission_id)
    from .report import framework_sections, section_texts

    sections = framework_sections(submission.campaign)
    stored = section_texts(submission)
    errors, conflict = [], None
    if request.method == "POST":
        if not who.is_unit:
            raise PermissionDenied(access.NO_WRITE)
        conflict, errors, done = _attempt(request, lambda: services.report_sections_save(
            submission=submission, who=who, user=request.user, sections=[
                (s.key, s.title, request.POST.get(f"section-{s.key}", ""),
                 _posted_version(request, f"version-{s.key}")) for s in sections]),
            ("submissions:report", submission.id))
        if done:
            return done
    from .report import report_tables

    rows = []
    for section in sections:
        saved = stored.get(section.key)
        text = request.POST.get(f"section-{section.key}", "") if request.method == "POST" else (
            saved.text if saved else "")
        rows.append({"section": section, "text": text, "version": saved.version if saved else 0,
                     "saved": saved})
    return render(request, "submissions/report.html", {
        "submission": submission, "who": who, "rows": rows, "errors": errors, "conflict": conflict,
        "tables": report_tables(submission),
        "editable": who.is_unit and workflow.is_editable(workflow.State(submission.state)),
        "jurisdiction": submission.campaign.jurisdiction,
    }, status=409 if conflict else (400 if errors else 200))


@login_required
def campaign_board(request, campaign_id: int):
    campaign, roles, rows = _board(request, campaign_id)
    counts = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    return render(request, "submissions/board.html", {
        "campaign": campaign, "rows": rows, "roles": roles, "deadline": selectors.unit_deadline(campaign),
        "counts": [(workflow.State(s).label, counts.get(s, 0), s) for s in workflow.State],
        "overdue": sum(1 for r in rows if r.overdue), "jurisdiction": campaign.jurisdiction,
        "is_drc": workflow.DRC in roles,
    })


def _board(request, campaign_id: int):
    """The board's campaign, the user's roles and its rows: shared by the page and its export."""
    campaign = _campaign(request.user, campaign_id)
    roles = _campaign_roles(request.user, campaign)
    if not roles & {workflow.DRC, workflow.LEADER, "observer"}:
        raise PermissionDenied(NO_BOARD)
    rows = figure_cache.figures("board", campaign.id, timezone.localdate(),
                                compute=lambda: selectors.board_rows(campaign))
    return campaign, roles, rows


@login_required
def board_export(request, campaign_id: int, fmt: str):
    campaign, _, rows = _board(request, campaign_id)
    return list_download(lists.board_table(campaign, rows), fmt)


@login_required
def work_export(request, submission_id: int, fmt: str):
    """The work list of a submission's page (我的工作), for whoever may read the submission."""
    submission, _ = access.access_submission(request.user, submission_id)
    return list_download(lists.work_table(submission, selectors.work_items(submission)), fmt)


@login_required
def board_open_unit(request, campaign_id: int, unit_id: int):
    """From the board to a unit's submission (created if the unit has not started)."""
    campaign = _campaign(request.user, campaign_id)
    if not _campaign_roles(request.user, campaign) & {workflow.DRC, workflow.LEADER, "observer"}:
        raise PermissionDenied(access.NO_ACCESS)
    unit = get_object_or_404(Unit, id=unit_id, jurisdiction=campaign.jurisdiction)
    submission = services.submission_get_or_create(campaign=campaign, unit=unit)
    return redirect("submissions:detail", submission_id=submission.id)


@login_required
def notice_new(request, campaign_id: int, unit_id: int):
    campaign = _campaign(request.user, campaign_id)
    roles = _campaign_roles(request.user, campaign)
    if workflow.DRC not in roles:
        raise PermissionDenied(services.NOTICE_DRC_ONLY)
    unit = get_object_or_404(Unit, id=unit_id, jurisdiction=campaign.jurisdiction)
    form = NoticeForm(request.POST or None, initial={
        "subject": f"关于加快推进“十四五”规划中期评估工作的抄告单（{unit.name}）",
        "body": f"{unit.name}：\n经查，贵单位承担的“十四五”规划中期评估填报工作进度滞后，请抓紧完成并按时报送。",
    })
    if request.method == "POST" and form.is_valid():
        services.notice_send(campaign=campaign, unit=unit, user=request.user, who_roles=roles, **form.cleaned_data)
        messages.success(request, f"已向{unit.name}发出抄告单。")
        return redirect("submissions:board", campaign_id=campaign.id)
    return render(request, "submissions/notice_form.html", {"campaign": campaign, "unit": unit, "form": form,
                                                             "jurisdiction": campaign.jurisdiction})


@login_required
@require_POST
def notice_read(request, notice_id: int):
    notice = get_object_or_404(Notice, id=notice_id)
    if not RoleAssignment.objects.filter(user=request.user, unit=notice.unit_id,
                                         role__in=sorted(workflow.UNIT_ROLES)).exists():
        raise PermissionDenied("只有被抄告单位可以签收。")
    services.notice_read(notice=notice, user=request.user)
    messages.success(request, "已签收抄告单。")
    return redirect(request.POST.get("next") or reverse("web:home"))


@login_required
def contact_form(request, submission_id: int):
    submission, who = access.access_submission(request.user, submission_id)
    if request.method == "POST" and not who.is_unit:
        raise PermissionDenied(access.NO_WRITE)
    contact = Contact.objects.filter(unit=submission.unit, campaign=submission.campaign).first()
    form = ContactForm(request.POST or None, initial=contact and {
        "name": contact.name, "post": contact.post, "phone": contact.phone, "email": contact.email})
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_save(campaign=submission.campaign, unit=submission.unit, **form.cleaned_data)
        except ApplicationError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, "联系人已保存。")
            return redirect("submissions:detail", submission_id=submission.id)
    return render(request, "submissions/contact_form.html", {
        "submission": submission, "who": who, "form": form, "jurisdiction": submission.campaign.jurisdiction})
