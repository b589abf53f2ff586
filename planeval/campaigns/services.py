"""Changing a campaign's settings: cut-offs, framework, thresholds, schedule. Only the DRC may."""
from __future__ import annotations

import datetime
import json

from django.db import transaction
from django.utils import timezone

from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record, audit_text
from planeval.core.errors import ApplicationError
from planeval.domain.ratings import Thresholds

from .frameworks import framework_presets
from .models import Campaign, CampaignRevision

DRC_ONLY = "只有发改委统筹人员可以修改评估工作设置。"
CUTOFF_ORDER = "年度数据截止时点不能晚于月度数据截止时点。"


@transaction.atomic
def campaign_settings_save(*, campaign: Campaign, user, is_drc: bool, annual_cutoff: datetime.date,
                           monthly_cutoff: datetime.date, task_cutoff: datetime.date, framework_key: str,
                           thresholds: dict[str, float]) -> Campaign:
    """Validate and store the settings, keep the old values in the revision log, and re-run the engine."""
    if not is_drc:
        raise ApplicationError(DRC_ONLY)
    if annual_cutoff > monthly_cutoff:
        raise ApplicationError(CUTOFF_ORDER)
    try:
        checked = Thresholds.from_dict(thresholds).to_dict()
    except ValueError as wrong:
        raise ApplicationError(str(wrong)) from wrong
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    new = {
        "annual_cutoff": annual_cutoff, "monthly_cutoff": monthly_cutoff, "task_cutoff": task_cutoff,
        "thresholds": checked,
    }
    if framework_key != (campaign.framework or {}).get("key"):
        preset = framework_presets().get(framework_key)
        if preset is None:
            raise ApplicationError("未知的报告框架。")
        new["framework"] = preset
    now = timezone.now()
    for name, value in new.items():
        old = getattr(campaign, name)
        if old != value:
            _revision(campaign=campaign, setting=name, old_value=_text(old), new_value=_text(value),
                      user=user, now=now)
            setattr(campaign, name, value)
    campaign.save()
    from planeval.assessment.services import campaign_assess

    campaign_assess(campaign=campaign)
    return campaign


def _revision(*, campaign: Campaign, setting: str, old_value: str, new_value: str, user, now) -> None:
    """The campaign's own history of a setting, and the same change in the audit log."""
    CampaignRevision.objects.create(campaign=campaign, setting=setting, old_value=old_value, new_value=new_value,
                                    changed_by=user, changed_at=now)
    audit_record(action=AuditAction.SETTING_CHANGE, user=user, target=campaign,
                 detail={"setting": setting, "old": audit_text(old_value), "new": audit_text(new_value)})


def _text(value) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else str(value)


PHASE_FIELDS = ("stage", "name", "starts_on", "ends_on", "work", "responsible")
DEADLINE_FIELDS = ("name", "due_on", "working_days_after", "after_event", "event_on")
DEADLINE_NEEDS_DATE = "截止时间“{name}”须填写截止日期，或填写起算事件和工作日数。"


@transaction.atomic
def campaign_schedule_save(*, campaign: Campaign, user, is_drc: bool, phases: list[dict],
                           deadlines: list[dict]) -> Campaign:
    """Replace the work schedule and deadlines, keeping the previous ones in the revision log."""
    from .models import Deadline, Phase

    if not is_drc:
        raise ApplicationError(DRC_ONLY)
    for row in deadlines:
        if not row.get("due_on") and not (row.get("working_days_after") and row.get("after_event")):
            raise ApplicationError(DEADLINE_NEEDS_DATE.format(name=row.get("name", "")))
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    old_phases = [{f: _text(getattr(p, f)) for f in PHASE_FIELDS} for p in campaign.phases.all()]
    old_deadlines = [{f: _text(getattr(d, f)) for f in DEADLINE_FIELDS} for d in campaign.deadlines.all()]
    new_phases = [{f: _text(row.get(f)) for f in PHASE_FIELDS} for row in phases]
    new_deadlines = [{f: _text(row.get(f)) for f in DEADLINE_FIELDS} for row in deadlines]
    now = timezone.now()
    if old_phases != new_phases:
        campaign.phases.all().delete()
        Phase.objects.bulk_create(Phase(campaign=campaign, position=i, **{f: row.get(f) or ("" if f not in (
            "starts_on", "ends_on") else None) for f in PHASE_FIELDS}) for i, row in enumerate(phases, start=1))
        _revision(campaign=campaign, setting="phases", old_value=_text(old_phases),
                  new_value=_text(new_phases), user=user, now=now)
    if old_deadlines != new_deadlines:
        campaign.deadlines.all().delete()
        Deadline.objects.bulk_create(Deadline(
            campaign=campaign, name=row["name"], due_on=row.get("due_on"),
            working_days_after=row.get("working_days_after"), after_event=row.get("after_event") or "",
            event_on=row.get("event_on"),
        ) for row in deadlines)
        _revision(campaign=campaign, setting="deadlines", old_value=_text(old_deadlines),
                  new_value=_text(new_deadlines), user=user, now=now)
    return campaign
