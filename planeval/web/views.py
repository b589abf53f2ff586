"""The shell: home and read-only lists. Thin: authorise, call a selector, render."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from planeval.accounts.access import access_jurisdiction, home_jurisdiction
from planeval.campaigns.selectors import current_campaign, deadline_rows
from planeval.planning import selectors as planning
from planeval.reports.downloads import list_download

from . import lists


@login_required
def home(request):
    jurisdiction = home_jurisdiction(request.user)
    if "j" in request.GET and request.GET["j"].isdigit():
        jurisdiction = access_jurisdiction(request.user, int(request.GET["j"]))
    context = {"jurisdiction": jurisdiction}
    if jurisdiction is not None:
        campaign = current_campaign(jurisdiction)
        context.update(
            campaign=campaign,
            deadline_rows=deadline_rows(campaign) if campaign else [],
            counts=planning.plan_counts(jurisdiction),
            outline=planning.outline_plan(jurisdiction),
        )
    return render(request, "web/home.html", context)


def _indicators(request, jurisdiction_id: int) -> dict:
    jurisdiction = access_jurisdiction(request.user, jurisdiction_id)
    campaign = current_campaign(jurisdiction)
    return {"jurisdiction": jurisdiction, "campaign": campaign,
            "indicators": planning.indicator_list_for_jurisdiction(jurisdiction, campaign)}


def _tasks(request, jurisdiction_id: int) -> dict:
    jurisdiction = access_jurisdiction(request.user, jurisdiction_id)
    forest = planning.task_forest(jurisdiction)
    return {"jurisdiction": jurisdiction, "forest": forest,
            "trees": [(plan, planning.tree_rows(roots)) for plan, roots in forest]}


def _plans(request, jurisdiction_id: int) -> dict:
    jurisdiction = access_jurisdiction(request.user, jurisdiction_id)
    return {"jurisdiction": jurisdiction, "plans": planning.plan_list_for_jurisdiction(jurisdiction)}


# Each list and its export share one function that authorises and selects, so the file holds
# exactly the rows the page shows.


@login_required
def indicator_list(request, jurisdiction_id: int):
    return render(request, "web/indicator_list.html", _indicators(request, jurisdiction_id))


@login_required
def indicator_export(request, jurisdiction_id: int, fmt: str):
    context = _indicators(request, jurisdiction_id)
    return list_download(lists.indicator_table(context["jurisdiction"], context["indicators"]), fmt)


@login_required
def task_list(request, jurisdiction_id: int):
    return render(request, "web/task_list.html", _tasks(request, jurisdiction_id))


@login_required
def task_export(request, jurisdiction_id: int, fmt: str):
    context = _tasks(request, jurisdiction_id)
    return list_download(lists.task_table(context["jurisdiction"], context["forest"]), fmt)


@login_required
def plan_list(request, jurisdiction_id: int):
    return render(request, "web/plan_list.html", _plans(request, jurisdiction_id))


@login_required
def plan_export(request, jurisdiction_id: int, fmt: str):
    context = _plans(request, jurisdiction_id)
    return list_download(lists.plan_table(context["jurisdiction"], context["plans"]), fmt)
