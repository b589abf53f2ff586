"""The DRC's campaign settings: cut-offs, framework, thresholds, phases and deadlines."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from planeval.accounts.models import Role
from planeval.core.errors import ApplicationError

from . import services
from .access import access_campaign
from .forms import CampaignSettingsForm, DeadlineFormSet, PhaseFormSet
from .selectors import deadline_rows


def _kept(formset) -> list[dict]:
    return [f.cleaned_data for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")]


@login_required
def campaign_settings(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id, roles={Role.DRC}, refusal=services.DRC_ONLY)
    initial = {"annual_cutoff": campaign.annual_cutoff, "monthly_cutoff": campaign.monthly_cutoff,
               "task_cutoff": campaign.task_cutoff, "framework_key": (campaign.framework or {}).get("key")}
    initial.update({f"t_{k}": v for k, v in (campaign.thresholds or {}).items()})
    phases = [{f: getattr(p, f) for f in services.PHASE_FIELDS} for p in campaign.phases.all()]
    deadlines = [{f: getattr(d, f) for f in services.DEADLINE_FIELDS} for d in campaign.deadlines.all()]
    post = request.POST if request.method == "POST" else None
    form = CampaignSettingsForm(post, initial=initial)
    phase_set = PhaseFormSet(post, initial=phases, prefix="phase")
    deadline_set = DeadlineFormSet(post, initial=deadlines, prefix="deadline")
    errors = []
    if post is not None and form.is_valid() and phase_set.is_valid() and deadline_set.is_valid():
        data = form.cleaned_data
        try:
            services.campaign_settings_save(
                campaign=campaign, user=request.user, is_drc=True, annual_cutoff=data["annual_cutoff"],
                monthly_cutoff=data["monthly_cutoff"], task_cutoff=data["task_cutoff"],
                framework_key=data["framework_key"], thresholds=form.thresholds())
            services.campaign_schedule_save(campaign=campaign, user=request.user, is_drc=True,
                                            phases=_kept(phase_set), deadlines=_kept(deadline_set))
        except ApplicationError as refused:
            errors.append(refused.message)
        else:
            messages.success(request, "评估工作设置已保存，已按新设置重新研判。")
            return redirect("campaigns:settings", campaign_id=campaign.id)
    return render(request, "campaigns/settings.html", {
        "campaign": campaign, "form": form, "phase_set": phase_set, "deadline_set": deadline_set,
        "deadline_rows": deadline_rows(campaign),
        "errors": errors, "revisions": campaign.revisions.select_related("changed_by")[:20],
        "jurisdiction": campaign.jurisdiction,
    }, status=400 if post is not None else 200)
