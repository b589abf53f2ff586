"""The shell: home and read-only lists. Thin: authorise, call a selector, render."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from planeval.accounts.access import access_jurisdiction, home_jurisdiction
from planeval.campaigns.selectors import current_campaign
from planeval.planning import selectors as planning


@login_required
def home(request):
    jurisdiction = home_jurisdiction(request.user)
    if "j" in request.GET and request.GET["j"].isdigit():
        jurisdiction = access_jurisdiction(request.user, int(request.GET["j"]))
    context = {"jurisdiction": jurisdiction}
    if jurisdiction is not None:
        context.update(
            campaign=current_campaign(jurisdiction),
            counts=planning.plan_counts(jurisdiction),
            outline=planning.outline_plan(jurisdiction),
        )
    return render(request, "web/home.html", context)


@login_required
def indicator_list(request, jurisdiction_id: int):
    jurisdiction = access_jurisdiction(request.user, jurisdiction_id)
    campaign = current_campaign(jurisdiction)
    indicators = planning.indicator_list_for_jurisdiction(jurisdiction, campaign)
    return render(request, "web/indicator_list.html",
                  {"jurisdiction": jurisdiction, "campaign": campaign, "indicators": indicators})


@login_required
def task_list(request, jurisdiction_id: int):
    jurisdiction = access_jurisdiction(request.user, jurisdiction_id)
    forest = planning.task_forest(jurisdiction)
    return render(request, "web/task_list.html", {"jurisdiction": jurisdiction, "forest": forest})


@login_required
def plan_list(request, jurisdiction_id: int):
    jurisdiction = access_jurisdiction(request.user, jurisdiction_id)
    plans = planning.plan_list_for_jurisdiction(jurisdiction)
    return render(request, "web/plan_list.html", {"jurisdiction": jurisdiction, "plans": plans})
