"""The one home of permission checks for topics, built on the adjustments' campaign standing.

Reading: the DRC, leaders and observers of the campaign's jurisdiction (or above) read every
topic; a unit reads the topics it leads or supports. Defining topics, returning and accepting
reports: the DRC. Writing the report: the lead unit. Adding input: the supporting units.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from planeval.accounts.access import access_jurisdiction
from planeval.adjustments.access import campaign_standing
from planeval.campaigns.access import access_campaign
from planeval.domain import topic_flow as flow
from planeval.domain.workflow import DRC

from .models import Topic

NO_ACCESS = "您无权查看该专题评估。"
NO_CAMPAIGN_ACCESS = "您无权查看本次评估工作的专题评估。"
ONLY_DRC = "只有发改委统筹人员可以布置和修改专题评估。"
ONLY_LEAD = "只有牵头单位的填报人或单位负责人可以撰写专题报告。"
ONLY_SUPPORTING = "只有配合单位的填报人或单位负责人可以提供材料。"


@dataclass(frozen=True)
class TopicStanding:
    roles: frozenset[str]            # drc/leader/observer over the jurisdiction, LEAD for the lead unit
    unit_ids: frozenset[int]         # the user's own units in the campaign's jurisdiction
    superuser: bool = False

    @property
    def can_read_all(self) -> bool:
        return self.superuser or bool(self.roles - flow.UNIT_ROLES - {flow.LEAD})

    @property
    def is_drc(self) -> bool:
        return DRC in self.roles

    @property
    def is_lead(self) -> bool:
        return flow.LEAD in self.roles


def topic_standing(user, campaign, topic: Topic | None = None) -> TopicStanding:
    """The user's roles over the campaign's topics; LEAD only over a topic its unit leads."""
    base = campaign_standing(user, campaign)
    roles = set(base.roles - flow.UNIT_ROLES)
    if topic is not None and topic.lead_unit_id in base.unit_ids:
        roles.add(flow.LEAD)
    return TopicStanding(frozenset(roles), base.unit_ids, user.is_superuser)


def supporting_unit(topic: Topic, who: TopicStanding):
    """The user's unit among the topic's supporting units, or None."""
    return next((u for u in topic.supporting_units.all() if u.id in who.unit_ids), None)


def access_campaign_topics(user, campaign_id: int):
    """The campaign and the user's standing, if the user has any part in it (a role or a unit)."""
    campaign = access_campaign(user, campaign_id)
    who = topic_standing(user, campaign, None)
    if not who.can_read_all and not who.unit_ids:
        raise PermissionDenied(NO_CAMPAIGN_ACCESS)
    return campaign, who


def access_topic_definition(user, campaign_id: int):
    """The campaign, for the DRC who defines its topics."""
    campaign, who = access_campaign_topics(user, campaign_id)
    if not who.is_drc:
        raise PermissionDenied(ONLY_DRC)
    return campaign, who


def access_topic(user, topic_id: int) -> tuple[Topic, TopicStanding]:
    topic = get_object_or_404(
        Topic.objects.select_related("campaign__jurisdiction__parent__parent", "lead_unit", "created_by")
        .prefetch_related("supporting_units"), id=topic_id)
    access_jurisdiction(user, topic.campaign.jurisdiction_id)
    who = topic_standing(user, topic.campaign, topic)
    if not (who.can_read_all or who.is_lead or supporting_unit(topic, who)):
        raise PermissionDenied(NO_ACCESS)
    return topic, who
