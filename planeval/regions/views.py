"""Multi-level pages, peer benchmarks and breakdowns. Each view: authorise, call one service or selector, render."""
from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from planeval.accounts.access import JURISDICTION_ROLES, access_jurisdiction, is_drc, jurisdiction_roles
from planeval.campaigns.access import access_campaign
from planeval.core import figure_cache
from planeval.core.errors import ApplicationError
from planeval.domain.breakdown import DIMENSION_LABELS
from planeval.organizations.models import Jurisdiction
from planeval.planning.models import Indicator, Task

from . import charts, selectors, services
from .models import TaskAssignment, UpwardReview

NO_OVERVIEW = "只有发改委、分管领导和观察员可以查看多级联动的情况。"
NO_TASK_CHOSEN = "请选择要分解的任务。"
SAVED = "已保存。"


def _overseer(user, jurisdiction_id: int) -> Jurisdiction:
    """The jurisdiction, if the user holds a DRC, leader or observer role over it (or is a superuser)."""
    jurisdiction = access_jurisdiction(user, jurisdiction_id)
    if not user.is_superuser and not jurisdiction_roles(user, jurisdiction) & JURISDICTION_ROLES:
        raise PermissionDenied(NO_OVERVIEW)
    return jurisdiction


def _require_drc(user, jurisdiction: Jurisdiction, message: str = services.NOT_DRC) -> None:
    if not is_drc(user, jurisdiction):
        raise PermissionDenied(message)


def _indicator(user, indicator_id: int) -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("plan__jurisdiction"), id=indicator_id)
    access_jurisdiction(user, indicator.plan.jurisdiction_id)
    return indicator


@login_required
def children_overview(request, jurisdiction_id: int):
    """下级行政区划一览: every child's ratings, submission progress and overdue units, side by side."""
    jurisdiction = _overseer(request.user, jurisdiction_id)
    rows = figure_cache.figures("children", jurisdiction.id, timezone.localdate(),
                                compute=lambda: selectors.children_overview(jurisdiction))
    return render(request, "regions/children.html", {
        "jurisdiction": jurisdiction, "rows": rows,
        "ratings_chart": charts.children_ratings(rows), "overdue_chart": charts.children_overdue(rows),
        "is_sample": jurisdiction.name.startswith("示例"),
    })


@login_required
def upper_tasks(request, jurisdiction_id: int):
    """上级任务分解: each upper-level task of this level, and each child's progress on it."""
    jurisdiction = _overseer(request.user, jurisdiction_id)
    kids, rows = selectors.upper_task_matrix(jurisdiction)
    return render(request, "regions/upper_tasks.html", {
        "jurisdiction": jurisdiction, "kids": kids, "rows": rows, "can_assign": is_drc(request.user, jurisdiction),
        "is_sample": any(cell.is_sample for row in rows for cell in row.cells if cell),
    })


@login_required
@require_POST
def upper_task_assign(request, jurisdiction_id: int):
    jurisdiction = _overseer(request.user, jurisdiction_id)
    _require_drc(request.user, jurisdiction)
    task_id = request.POST.get("task", "")
    task = Task.objects.filter(id=int(task_id), plan__jurisdiction=jurisdiction).first() if task_id.isdigit() else None
    chosen = [int(v) for v in request.POST.getlist("children") if v.isdigit()]
    try:
        if task is None:
            raise ApplicationError(NO_TASK_CHOSEN)
        services.task_assign(task=task, jurisdictions=list(Jurisdiction.objects.filter(id__in=chosen)),
                             user=request.user)
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "已分解到所选下级行政区划。")
    return redirect("regions:upper_tasks", jurisdiction_id=jurisdiction.id)


@login_required
def assigned_tasks(request, jurisdiction_id: int):
    """上级交办任务: what the levels above handed to this jurisdiction, with its progress reports."""
    jurisdiction = _overseer(request.user, jurisdiction_id)
    return render(request, "regions/assigned.html", {
        "jurisdiction": jurisdiction, "assignments": selectors.assignments_for(jurisdiction),
        "can_report": is_drc(request.user, jurisdiction),
    })


def _posted_version(request) -> int:
    """The version the form showed; anything that is not a number counts as stale (refused, nothing saved)."""
    value = request.POST.get("version") or "0"
    return int(value) if value.isdigit() and len(value) < 10 else -1


@login_required
@require_POST
def assignment_report(request, assignment_id: int):
    assignment = get_object_or_404(TaskAssignment.objects.select_related("jurisdiction", "task"), id=assignment_id)
    _overseer(request.user, assignment.jurisdiction_id)
    _require_drc(request.user, assignment.jurisdiction)
    try:
        percent = int(request.POST.get("percent", ""))
    except ValueError:
        percent = -1
    try:
        services.task_assignment_report(
            assignment=assignment, user=request.user, percent=percent, progress=request.POST.get("progress", ""),
            rating=request.POST.get("rating", "") if request.POST.get("rating") in ("A", "B", "C", "D") else "",
            expected_version=_posted_version(request))
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, SAVED)
    return redirect("regions:assigned", jurisdiction_id=assignment.jurisdiction_id)


@login_required
def upward_review(request, campaign_id: int):
    """报上级发改委衔接审查 from the district's side: the state, every step, and the send button."""
    campaign = access_campaign(request.user, campaign_id)
    _overseer(request.user, campaign.jurisdiction_id)
    if request.method == "POST":
        if not services.is_own_drc(request.user, campaign.jurisdiction):
            raise PermissionDenied(services.NOT_OWN_DRC)
        try:
            services.upward_review_send(campaign=campaign, user=request.user,
                                        comment=request.POST.get("comment", ""))
        except ApplicationError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, "已报上级发改委衔接审查。")
        return redirect("regions:upward", campaign_id=campaign.id)
    review, steps = selectors.latest_review(campaign)
    return render(request, "regions/upward.html", {
        "campaign": campaign, "jurisdiction": campaign.jurisdiction, "review": review, "steps": steps,
        "can_send": services.is_own_drc(request.user, campaign.jurisdiction) and campaign.jurisdiction.parent_id,
    })


@login_required
def review_queue(request, jurisdiction_id: int):
    """The parent DRC's queue of evaluations sent up for 衔接审查."""
    jurisdiction = _overseer(request.user, jurisdiction_id)
    return render(request, "regions/queue.html", {
        "jurisdiction": jurisdiction, "reviews": selectors.review_queue(jurisdiction),
        "can_decide": is_drc(request.user, jurisdiction),
    })


@login_required
@require_POST
def review_decide(request, review_id: int):
    review = get_object_or_404(UpwardReview.objects.select_related("reviewer", "campaign"), id=review_id)
    _overseer(request.user, review.reviewer_id)
    _require_drc(request.user, review.reviewer, services.NOT_PARENT_DRC)
    accept = request.POST.get("decision") == "accept"
    try:
        services.upward_review_decide(review=review, user=request.user, accept=accept,
                                      opinion=request.POST.get("opinion", ""))
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "已衔接审查通过。" if accept else "已退回修改。")
    return redirect("regions:queue", jurisdiction_id=review.reviewer_id)


@login_required
def indicator_index(request, jurisdiction_id: int):
    """Indicators with links to their peer benchmarks and breakdowns."""
    jurisdiction = access_jurisdiction(request.user, jurisdiction_id)
    indicators = selectors.region_indicators(jurisdiction)
    return render(request, "regions/indicator_index.html", {
        "jurisdiction": jurisdiction,
        "plans": [(plan, list(items)) for plan, items in groupby(indicators, key=lambda i: i.plan)],
    })


@login_required
def peers(request, indicator_id: int):
    """兄弟区县对标: our figure beside the peers', ranked for the latest year and as lines over the years."""
    indicator = _indicator(request.user, indicator_id)
    jurisdiction = indicator.plan.jurisdiction
    if request.method == "POST":
        _require_drc(request.user, jurisdiction)
        try:
            if "file" in request.FILES:
                upload = request.FILES["file"]
                n = services.peer_values_import(indicator=indicator, data=upload.read(), filename=upload.name,
                                                user=request.user)
                messages.success(request, f"已导入{n}条对标数据。")
            else:
                services.peer_value_record(indicator=indicator, peer_name=request.POST.get("peer", ""),
                                           year=request.POST.get("year", ""), value=request.POST.get("value", ""),
                                           source=request.POST.get("source", ""), user=request.user)
                messages.success(request, SAVED)
        except ApplicationError as refused:
            messages.error(request, refused.message)
        return redirect("regions:peers", indicator_id=indicator.id)
    years, series = selectors.peer_series(indicator)
    year, ranked = selectors.peer_ranking(indicator, years, series)
    return render(request, "regions/peers.html", {
        "jurisdiction": jurisdiction, "indicator": indicator, "years": years, "series": series,
        "ranking_year": year, "ranked": ranked, "can_edit": is_drc(request.user, jurisdiction),
        "bars": charts.peer_bars(year, ranked, indicator.measure_unit),
        "lines": charts.peer_lines(years, series, indicator.measure_unit),
    })


@login_required
def breakdown(request, indicator_id: int):
    """分项分析: the indicator's total split by 事故类型, 发生时间, 行业领域 and 地区分布."""
    indicator = _indicator(request.user, indicator_id)
    jurisdiction = indicator.plan.jurisdiction
    posted = None
    if request.method == "POST":
        _require_drc(request.user, jurisdiction)
        posted = request.POST
        try:
            services.breakdown_record(indicator=indicator, year=request.POST.get("year", ""),
                                      dimension=request.POST.get("dimension", ""),
                                      parts=services.parse_parts(request.POST.get("parts", "")), user=request.user)
        except ApplicationError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, SAVED)
            return redirect("regions:breakdown", indicator_id=indicator.id)
    views = selectors.breakdowns(indicator)
    sections = []
    for index, (dimension, group) in enumerate(groupby(views, key=lambda v: v.breakdown.dimension)):
        group = list(group)
        label = group[0].dimension_label
        sections.append({"label": label, "views": group,
                         "pie": charts.breakdown_pie(group[0], index),
                         "stacks": charts.breakdown_stacks(group, label, index) if len(group) > 1 else None})
    return render(request, "regions/breakdown.html", {
        "jurisdiction": jurisdiction, "indicator": indicator, "sections": sections, "posted": posted,
        "dimensions": list(DIMENSION_LABELS.items()), "years": selectors.breakdown_candidates(indicator),
        "can_edit": is_drc(request.user, jurisdiction),
    })
