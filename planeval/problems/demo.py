"""Sample problem list and support requests for 普陀区 (示例数据).

The problem entries are confirmed from the sample submissions' C/D-rated items, as a unit would
do (their 原因说明 and 赶超措施 are sample text themselves), plus one entry added by hand; the
support requests follow Jiangbei's three kinds (指标、项目、政策) in each state of their route.
"""
from __future__ import annotations

import datetime

from planeval.accounts.models import User
from planeval.adjustments.access import campaign_standing
from planeval.demo.sample_submissions import _sample_filler
from planeval.domain.problem_list import Status, SupportAction
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Project, Task

from . import selectors, services
from .models import Problem, SupportRequest

SAMPLE = "（示例数据）"
ITEM_MODELS = {"indicator": Indicator, "task": Task, "project": Project}
FROM_REPORTS = ("区绿化市容局", "区卫生健康委")
SUPPORT = (
    ("区科委", "indicator", "新增高新技术企业数", f"{SAMPLE}争取市级认定指标向中心城区倾斜，加快认定节奏。", "市级"),
    ("区建管委", "project", "轨道交通沿线配套道路工程", f"{SAMPLE}争取纳入市重大工程清单，给予建设资金补助。", "市级"),
    ("区发改委", "policy", "城市更新项目用地政策", f"{SAMPLE}争取存量工业用地转型的土地出让政策支持。", "省级"),
)


def sample_problems_load(campaign) -> int:
    """Confirmed proposals of two units, one hand-written entry, three support requests (once)."""
    if Problem.objects.filter(campaign=campaign, is_sample=True).exists():
        return 0
    created = 0
    for name in FROM_REPORTS:
        unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name=name)
        filler = _sample_filler(unit)
        for proposal in selectors.proposals(campaign, unit):
            item_type, _, item_id = proposal.key.partition(":")
            model = ITEM_MODELS[item_type]
            text = proposal.text
            entry = services.problem_create(
                campaign=campaign, user=filler, unit=unit, problem=text.problem,
                causes=text.causes or f"{SAMPLE}原因待补充。", measures=text.measures or f"{SAMPLE}措施待补充。",
                item_type=item_type, item=model.objects.get(id=int(item_id)), origin_key=proposal.key,
                is_sample=True)
            created += 1
            if created == 1:
                services.problem_status(problem=entry, user=filler, who=campaign_standing(filler, campaign),
                                        status=Status.IN_PROGRESS, note=f"{SAMPLE}已制定专项推进方案。",
                                        expected_version=entry.version)
    kewei = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    services.problem_create(
        campaign=campaign, user=_sample_filler(kewei), unit=kewei,
        problem=f"{SAMPLE}科技企业孵化载体空间不足", causes=f"{SAMPLE}存量载体改造周期长，新增供给有限。",
        measures=f"{SAMPLE}盘活存量楼宇，推动桃浦智创城新建孵化空间。", is_sample=True)
    created += 1

    drc = User.objects.get(username="fgw")
    drc_who = campaign_standing(drc, campaign)
    for number, (unit_name, kind, item, need, level) in enumerate(SUPPORT):
        unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name=unit_name)
        entry = services.support_create(campaign=campaign, user=_sample_filler(unit), unit=unit, kind=kind,
                                        item=item + SAMPLE, need=need, level=level, is_sample=True)
        if number >= 1:
            entry = services.support_advance(entry=entry, user=drc, who=drc_who, action=SupportAction.COMPILE,
                                             expected_version=entry.version)
        if number >= 2:
            services.support_advance(entry=SupportRequest.objects.get(pk=entry.pk), user=drc, who=drc_who,
                                     action=SupportAction.ANSWER, answer=f"{SAMPLE}已纳入上级年度政策研究计划。",
                                     answered_on=datetime.date(2023, 12, 15), expected_version=entry.version)
    return created + len(SUPPORT)
