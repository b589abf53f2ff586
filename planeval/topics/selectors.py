"""Reads of topic evaluations: the lists a user sees, reminders' due items, the midterm report's part."""
from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from planeval.domain import topic_flow as flow
from planeval.domain.reminders import DueItem
from planeval.reports.documents import Section

from .models import Topic

TOPICS_TITLE = "专题评估情况"


def topic_list(campaign, who, *, state: str = ""):
    """Every topic of the campaign for the DRC, leaders and observers; a unit's led and supported ones."""
    rows = (Topic.objects.filter(campaign=campaign).select_related("lead_unit")
            .prefetch_related("supporting_units"))
    if not who.can_read_all:
        rows = rows.filter(Q(lead_unit_id__in=who.unit_ids) | Q(supporting_units__id__in=who.unit_ids)).distinct()
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("due_on", "id")


def due_items(campaign) -> list[DueItem]:
    """The lead unit's report deadline of every topic; done once the report is in (提交) or accepted."""
    items = []
    for topic in Topic.objects.filter(campaign=campaign).select_related("lead_unit").order_by("due_on", "id"):
        items.append(DueItem(
            key=f"topic:{topic.id}", title=f"专题评估《{topic.title}》报告报送", due_on=topic.due_on,
            unit_ids=(topic.lead_unit_id,), url=reverse("topics:detail", args=[topic.id]),
            done=topic.state in (flow.State.SUBMITTED, flow.State.ACCEPTED)))
    return items


def report_part(campaign) -> tuple[Section, ...]:
    """The midterm report's section on topic evaluations: an overview sentence and one paragraph per
    accepted topic (its summary and findings); none when the campaign has no topic."""
    topics = list(Topic.objects.filter(campaign=campaign).select_related("lead_unit")
                  .prefetch_related("supporting_units").order_by("due_on", "id"))
    if not topics:
        return ()
    accepted = [t for t in topics if t.state == flow.State.ACCEPTED]
    paragraphs = [flow.topics_overview(total=len(topics), accepted=len(accepted))]
    paragraphs += [flow.topic_paragraph(flow.TopicFacts(
        title=t.title, lead_unit=t.lead_unit.name,
        supporting_units=tuple(u.name for u in sorted(t.supporting_units.all(), key=lambda u: u.id)),
        summary=t.summary, findings=t.findings)) for t in accepted]
    return (Section(TOPICS_TITLE, tuple(paragraphs), level=2),)
