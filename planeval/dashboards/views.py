"""Dashboards: the campaign overview (and its 大屏 mode), drill-down lists, the indicator page,
task and project views, and the public page. Each view: authorise, call selectors, render."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from planeval.accounts.access import access_jurisdiction
from planeval.assessment.models import IndicatorAssessment
from planeval.campaigns.access import access_campaign
from planeval.campaigns.models import Campaign
from planeval.core import figure_cache
from planeval.core.errors import ApplicationError
from planeval.domain import workflow
from planeval.domain.assessment_text import RATING_LABELS
from planeval.planning.models import Indicator, Project
from planeval.reports.downloads import list_download
from planeval.submissions.models import Submission

from . import figures, selectors, services
from .access import access_dashboard, access_screen
from .indicator_chart import annual_observations, indicator_figure
from .lists import drill_table
from .models import PUBLIC_FIGURES, PublicItem

BAD_FILTER = "筛选条件不正确。"
SAVED_PUBLIC = "公开内容已保存。"


def _overview_context(campaign, unit, *, links: bool = True) -> dict:
    data = figure_cache.figures("overview", campaign.id, unit.id if unit else "-", timezone.localdate(),
                                compute=lambda: selectors.overview(campaign, unit))
    charts = figures.overview_charts(data, links=links)
    return {"campaign": campaign, "unit": unit, "overview": data, "charts": charts, "rule": selectors.RULE_TEXT,
            "jurisdiction": campaign.jurisdiction,
            "overdue": [row for row in data.board if row.overdue]}


@login_required
def overview(request, campaign_id: int):
    campaign, roles, unit = access_dashboard(request.user, campaign_id)
    context = _overview_context(campaign, unit)
    context["is_drc"] = workflow.DRC in roles
    return render(request, "dashboards/overview.html", context)


@login_required
def overview_screen(request, campaign_id: int):
    """大屏: the overview's figures, dark and large, refreshed every five minutes, no navigation."""
    campaign = access_screen(request.user, campaign_id)
    return render(request, "dashboards/screen.html", _overview_context(campaign, None))


def _param(request, name: str):
    value = request.GET.get(name)
    if value in (None, ""):
        return None
    return value


def _int_or_none(value):
    if value is None or value == "none":
        return None
    try:
        return int(value)
    except ValueError:
        raise Http404(BAD_FILTER) from None


def _items(request, campaign_id: int) -> dict:
    """The items behind one bar or slice of a figure, filtered by the query string; the page and
    its export both come from here, so the file holds exactly the rows the page shows."""
    campaign, _, unit = access_dashboard(request.user, campaign_id)
    kind = request.GET.get("kind", "indicator")
    rating = _param(request, "rating")
    rating = "" if rating == "none" else rating
    if rating not in (None, "", *selectors.RATINGS):
        raise Http404(BAD_FILTER)
    warning = _param(request, "warning")
    filters = []
    if kind == "indicator":
        lead = _param(request, "lead_unit")
        attribute = _param(request, "attribute")
        rows = selectors.drill_indicators(
            campaign, unit=unit, category=_param(request, "category"), attribute=attribute, rating=rating,
            warning=warning, lead_unit_id=_int_or_none(lead))
        if lead == "none":
            rows = rows.filter(lead_unit__isnull=True)
        if attribute:
            filters.append(dict(Indicator.Attribute.choices).get(attribute, attribute))
    elif kind == "task":
        rows = selectors.drill_tasks(campaign, unit=unit, rating=rating, area_id=_int_or_none(_param(request, "area")))
    elif kind == "project":
        status = _param(request, "status")
        rows = selectors.drill_projects(campaign, unit=unit, status=status, warning=warning)
        if status:
            filters.append(dict(Project.Status.choices).get(status, status))
    else:
        raise Http404(BAD_FILTER)
    if _param(request, "category"):
        filters.append(request.GET["category"])
    if rating is not None:
        filters.append(f"{rating}（{RATING_LABELS[rating]}）" if rating else selectors.UNRATED_LABEL)
    if warning:
        filters.append(dict(selectors.WARNINGS).get(warning, warning))
    return {
        "campaign": campaign, "unit": unit, "kind": kind, "rows": list(rows), "filters": filters,
        "rule": selectors.RULE_TEXT, "jurisdiction": campaign.jurisdiction,
        "warning_labels": dict(selectors.WARNINGS), "status_labels": dict(Project.Status.choices),
    }


@login_required
def items(request, campaign_id: int):
    """The drill-down of every chart."""
    return render(request, "dashboards/items.html", _items(request, campaign_id))


@login_required
def items_export(request, campaign_id: int, fmt: str):
    return list_download(drill_table(_items(request, campaign_id)), fmt)


@login_required
def tasks(request, campaign_id: int):
    campaign, _, unit = access_dashboard(request.user, campaign_id)
    areas, counts = selectors.task_areas(campaign, unit)
    return render(request, "dashboards/tasks.html", {
        "campaign": campaign, "unit": unit, "jurisdiction": campaign.jurisdiction,
        "chart": figures.task_areas_chart(areas, counts, figures.Links(campaign)),
        "is_sample": Submission.objects.filter(campaign=campaign, is_sample=True).exists(),
    })


@login_required
def projects(request, campaign_id: int):
    campaign, _, unit = access_dashboard(request.user, campaign_id)
    rows = list(selectors.drill_projects(campaign, unit=unit))
    for project in rows:   # what the schedule asks to have been invested by now (序时应完成投资)
        project.scheduled = (None if project.total_investment is None or project.schedule is None
                             else round(float(project.total_investment) * project.schedule, 2))
    return render(request, "dashboards/projects.html", {
        "campaign": campaign, "unit": unit, "jurisdiction": campaign.jurisdiction, "rows": rows,
        "chart": figures.project_investment_chart(rows), "status_labels": dict(Project.Status.choices),
        "warning_labels": dict(selectors.WARNINGS), "is_sample": any(p.is_sample for p in rows),
    })


def _latest_assessment(indicator):
    return (IndicatorAssessment.objects.filter(indicator=indicator).select_related("campaign")
            .order_by("-campaign_id").first())


@login_required
def indicator(request, indicator_id: int):
    """One indicator: its series, target geometry and forecast, for whoever may read its jurisdiction."""
    item = get_object_or_404(Indicator.objects.select_related("plan", "lead_unit"), id=indicator_id)
    jurisdiction = access_jurisdiction(request.user, item.plan.jurisdiction_id)
    assessment = _latest_assessment(item)
    figure = indicator_figure(item, assessment=assessment, end_year=item.plan.end_year,
                              start_year=item.plan.start_year)
    return render(request, "dashboards/indicator.html", {
        "indicator": item, "figure": figure, "assessment": assessment, "jurisdiction": jurisdiction,
    })


def _public_indicators(campaign):
    """The indicators the public page may show: the campaign's outline, top level."""
    return Indicator.objects.filter(plan__in=campaign.plans.filter(kind="outline"), parent__isnull=True)


def public(request, campaign_id: int):
    """The public page: only what the DRC marked public. No login; no drill-down; no unit names."""
    campaign = get_object_or_404(Campaign.objects.select_related("jurisdiction"), id=campaign_id)
    marks = list(PublicItem.objects.filter(campaign=campaign).select_related("indicator__plan"))
    figure_keys = [key for key in PUBLIC_FIGURES if any(m.figure == key for m in marks)]
    context = {"campaign": campaign, "charts": [], "indicators": [], "is_sample": False}
    if figure_keys:
        data = selectors.overview(campaign)
        charts = figures.overview_charts(data, links=False)
        context["charts"] = [charts[key] for key in figure_keys]
        context["is_sample"] = data.is_sample
    marked = sorted((m.indicator for m in marks if m.indicator_id), key=lambda i: (i.position, i.id))
    values = annual_observations(i.id for i in marked)
    context["indicators"] = [indicator_figure(i, end_year=i.plan.end_year, start_year=i.plan.start_year,
                                              observations=values[i.id]) for i in marked]
    context["rule"] = selectors.RULE_TEXT
    return render(request, "dashboards/public.html", context)


@login_required
def public_settings(request, campaign_id: int):
    """The DRC chooses which figures and indicators the public page shows."""
    campaign = access_campaign(request.user, campaign_id, roles={workflow.DRC}, refusal=services.DRC_ONLY)
    allowed = _public_indicators(campaign).order_by("plan_id", "position", "id")
    if request.method == "POST":
        try:
            figure_keys = set(request.POST.getlist("figure"))
            indicator_ids = {int(v) for v in request.POST.getlist("indicator")}
        except ValueError:
            messages.error(request, services.FOREIGN_INDICATOR)
        else:
            try:
                services.publication_save(campaign=campaign, user=request.user, is_drc=True, figures=figure_keys,
                                          indicator_ids=indicator_ids, allowed_indicators=allowed)
            except ApplicationError as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, SAVED_PUBLIC)
                return redirect("dashboards:public_settings", campaign_id=campaign.id)
    marks = list(PublicItem.objects.filter(campaign=campaign))
    history = campaign.revisions.filter(setting="public").select_related("changed_by")[:20]
    return render(request, "dashboards/public_settings.html", {
        "campaign": campaign, "jurisdiction": campaign.jurisdiction,
        "figures": [(key, label, any(m.figure == key for m in marks)) for key, label in PUBLIC_FIGURES.items()],
        "indicators": [(i, any(m.indicator_id == i.id for m in marks)) for i in allowed],
        "history": history,
    })
