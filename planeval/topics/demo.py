"""Sample topics (示例数据). The seeds name the areas — Putuo's outline has 打造高水平营商环境 (led by
区发改委 with 区政府办 and 区市场监管局) and 推进城区数字化转型 (区科委, with 区城运中心 and 区教育局
on its tasks) — but no topic study, so the demo invents two in different states: one accepted
(its summary feeds the midterm report) and one in research.
"""
from __future__ import annotations

import datetime

from planeval.accounts.models import User
from planeval.demo.sample_submissions import _sample_filler
from planeval.domain.topic_flow import Action, Deadline
from planeval.organizations.models import Unit

from . import access, services
from .models import Topic

SAMPLE = "（示例数据）"


def _unit(campaign, name: str) -> Unit:
    return Unit.objects.get(jurisdiction=campaign.jurisdiction, name=name)


def _fresh(topic: Topic) -> Topic:
    return Topic.objects.get(pk=topic.pk)


def _step(topic: Topic, user, action: Action, comment: str = "") -> Topic:
    topic = _fresh(topic)
    services.topic_transition(topic=topic, user=user, who=access.topic_standing(user, topic.campaign, topic),
                              action=action, comment=comment, expected_version=topic.version)
    return _fresh(topic)


def _report(topic: Topic, user, summary: str, findings: str, suggestions: str) -> Topic:
    topic = _fresh(topic)
    services.topic_report_save(topic=topic, user=user, who=access.topic_standing(user, topic.campaign, topic),
                               summary=summary, findings=findings, suggestions=suggestions,
                               expected_version=topic.version)
    return _fresh(topic)


def _contribute(topic: Topic, unit: Unit, text: str) -> None:
    services.topic_contribute(topic=_fresh(topic), user=_sample_filler(unit), unit=unit, text=text,
                              expected_version=0)


def sample_topics_load(campaign) -> int:
    """The two sample topics of the campaign (once; a reload leaves them as they are)."""
    if Topic.objects.filter(campaign=campaign, is_sample=True).exists():
        return 0
    drc = User.objects.get(username="fgw")
    who = access.topic_standing(drc, campaign)
    business = services.topic_create(
        campaign=campaign, user=drc, who=who, title="优化营商环境",
        scope=f"{SAMPLE}评估“证照分离”改革、告知承诺制、“照后减证”和简化审批等举措的落实情况，对标先进城区查找差距。",
        lead_unit=_unit(campaign, "区发改委"),
        supporting_units=[_unit(campaign, "区政府办"), _unit(campaign, "区市场监管局")],
        deadline=Deadline(event="专题布置", event_on=datetime.date(2023, 7, 3), days=15), is_sample=True)
    digital = services.topic_create(
        campaign=campaign, user=drc, who=who, title="城区数字化转型",
        scope=f"{SAMPLE}评估数字经济、“一网通办”“一网统管”和新型基础设施建设进展，提出下半程推进重点。",
        lead_unit=_unit(campaign, "区科委"),
        supporting_units=[_unit(campaign, "区城运中心"), _unit(campaign, "区教育局")],
        deadline=Deadline(on=datetime.date(2023, 10, 13)), is_sample=True)

    lead = _sample_filler(business.lead_unit)
    _contribute(business, _unit(campaign, "区市场监管局"),
                f"{SAMPLE}2021年以来新设市场主体年均增长约一成，“一业一证”覆盖行业持续扩大。")
    business = _step(business, lead, Action.START)
    business = _report(
        business, lead,
        summary=f"{SAMPLE}营商环境改革举措总体落实到位，企业办事便利度明显提升，政策兑现和要素保障仍需加强。",
        findings=f"{SAMPLE}企业开办实现一日办结；告知承诺事项占比提高；部分惠企政策申报流程仍较复杂。",
        suggestions=f"{SAMPLE}推进惠企政策“免申即享”，完善重点企业服务包制度。")
    business = _step(business, lead, Action.SUBMIT)
    business = _step(business, drc, Action.RETURN, f"{SAMPLE}请补充与先进城区的对标数据。")
    business = _report(
        business, lead, summary=business.summary,
        findings=business.findings + "与先进城区相比，涉企审批平均时限仍有差距。",
        suggestions=business.suggestions)
    business = _step(business, lead, Action.SUBMIT)
    _step(business, drc, Action.ACCEPT, f"{SAMPLE}同意验收，纳入中期评估报告。")

    _contribute(digital, _unit(campaign, "区城运中心"),
                f"{SAMPLE}“智联普陀城市大脑”已完成迭代升级，接入应用场景持续增加。")
    _step(digital, _sample_filler(digital.lead_unit), Action.START)
    return 2
