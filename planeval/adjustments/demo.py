"""Sample adjustments (示例数据): the seeds name no real adjustment, so the demo shows the route with
two invented ones in 普陀区 — one applied (its target is now version 2) and one awaiting review.

Putuo's work plan sends the 指标调整方案 to the district people's congress (十一月 向区人大报告),
so its campaign is set to route outline adjustments through 报人大常委会.
"""
from __future__ import annotations

import datetime

from planeval.accounts.models import User
from planeval.demo.sample_submissions import _sample_filler
from planeval.domain.adjustment_route import NO_STEP, Action, StepInput
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator

from . import access, services
from .models import Adjustment, RouteSetting

SAMPLE = "（示例数据）"
APPLIED = ("区商务委", "新增跨国公司地区总部数", "累计 12",
           f"{SAMPLE}受跨国公司全球布局收缩影响，地区总部认定放缓。",
           f"{SAMPLE}2021—2023年上半年累计认定6家，按年均2.4家推算，期末累计约12家。")
PENDING = ("区金融办", "新增企业上市数", "累计 8-15",
           f"{SAMPLE}资本市场阶段性收紧，上市审核节奏放缓。",
           f"{SAMPLE}2021—2022年新增上市3家，按年均2家测算，期末累计8家左右。")


def _propose(campaign, unit_name, indicator_name, after, reason, basis):
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name=unit_name)
    indicator = Indicator.objects.get(plan__in=campaign.plans.all(), parent=None, name=indicator_name)
    filler = _sample_filler(unit)
    adjustment = services.adjustment_draft(campaign=campaign, user=filler, unit=unit, item_type="indicator",
                                           item=indicator, kind="target", after=after, reason=reason, basis=basis,
                                           is_sample=True)
    _step(adjustment, filler, Action.SUBMIT)
    return Adjustment.objects.get(pk=adjustment.pk)


def _step(adjustment, user, action, step=NO_STEP):
    adjustment = Adjustment.objects.get(pk=adjustment.pk)
    services.adjustment_transition(adjustment=adjustment, user=user, who=access.standing(user, adjustment),
                                   action=action, step=step, expected_version=adjustment.version)


def sample_adjustments_load(campaign) -> int:
    """The two sample adjustments of the campaign (once; a reload leaves them as they are)."""
    if Adjustment.objects.filter(campaign=campaign, is_sample=True).exists():
        return 0
    drc = User.objects.get(username="fgw")
    if not RouteSetting.objects.filter(campaign=campaign).exists():
        services.route_setting_save(campaign=campaign, user=drc, outline_to_congress=True, expected_version=0)
    applied = _propose(campaign, *APPLIED)
    _step(applied, drc, Action.PASS, StepInput(comment=f"{SAMPLE}理由充分，测算依据清楚。"))
    _step(applied, drc, Action.APPROVE, StepInput(meeting="区政府常务会议", decided_on=datetime.date(2023, 9, 12),
                                                  document=f"{SAMPLE}会议纪要"))
    _step(applied, drc, Action.REPORT, StepInput(decided_on=datetime.date(2023, 11, 3), document=SAMPLE))
    _step(applied, drc, Action.APPLY, StepInput(decided_on=datetime.date(2023, 11, 8)))
    _propose(campaign, *PENDING)
    return 2
