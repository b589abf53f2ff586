"""Writes of topic evaluations: defining a topic, the lead unit's report, supporting units' input, the route.

Every service locks the row, refuses a stale version with STALE_VERSION, checks its input
before writing anything, then writes the change, a TopicStep row and an audit event in one
transaction. A refused call changes nothing.
"""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record, audit_text
from planeval.core.errors import ApplicationError, stale_version
from planeval.domain import topic_flow as flow
from planeval.domain.working_days import CalendarNotCovered
from planeval.submissions.evidence import upload_check

from .access import ONLY_DRC, ONLY_LEAD, ONLY_SUPPORTING
from .models import Contribution, Topic, TopicStep

TITLE_EMPTY = "请填写专题名称。"
LEAD_MISSING = "请选择牵头单位。"
UNIT_OUTSIDE = "所选单位不属于本次评估工作的行政区划。"
LEAD_SUPPORTING = "牵头单位不能同时作为配合单位。"
NOT_EDITABLE = "专题已验收，不能再修改。"
REPORT_CLOSED = "专题报告已提交或已验收，当前不能修改。"
CONTRIBUTION_CLOSED = "专题报告已提交或已验收，配合单位不能再修改材料。"
CONTRIBUTION_EMPTY = "请填写提供的材料内容。"


def _stale(topic: Topic, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != topic.version:
        last = topic.steps.select_related("actor").order_by("-at", "-id").first()
        raise stale_version(last.actor if last else None, last.at if last else None)


def _locked(topic: Topic) -> Topic:
    return Topic.objects.select_for_update().select_related("campaign", "lead_unit").get(pk=topic.pk)


def _record(topic: Topic, *, action: str, label: str, from_state: str, user, comment: str = "",
            detail: dict | None = None, audit_action: str = AuditAction.TRANSITION) -> TopicStep:
    step = TopicStep.objects.create(topic=topic, action=action, action_label=label, from_state=from_state,
                                    to_state=topic.state, actor=user, comment=comment, detail=detail or {},
                                    at=timezone.now())
    audit_record(action=audit_action, user=user, target=topic,
                 detail={"step": action, "from": from_state, "to": topic.state, "comment": audit_text(comment),
                         **{k: audit_text(v) if isinstance(v, str) else v for k, v in (detail or {}).items()}})
    return step


def _checked_definition(campaign, *, title: str, lead_unit, supporting_units, deadline: flow.Deadline):
    """The cleaned title, supporting units and due date; ApplicationError with every problem found."""
    problems = []
    if not title.strip():
        problems.append(TITLE_EMPTY)
    if lead_unit is None:
        problems.append(LEAD_MISSING)
    units = list(supporting_units)
    if any(u.jurisdiction_id != campaign.jurisdiction_id for u in units + ([lead_unit] if lead_unit else [])):
        problems.append(UNIT_OUTSIDE)
    if lead_unit is not None and any(u.id == lead_unit.id for u in units):
        problems.append(LEAD_SUPPORTING)
    problems += flow.deadline_problems(deadline)
    due = None
    if not problems:
        try:
            due = flow.due_date(deadline)
        except CalendarNotCovered as uncovered:
            problems.append(str(uncovered))
    if problems:
        raise ApplicationError("；".join(problems))
    return title.strip(), units, due


def _deadline_fields(deadline: flow.Deadline) -> dict:
    relative = deadline.is_relative
    return {"deadline_on": None if relative else deadline.on,
            "deadline_event": deadline.event.strip() if relative else "",
            "deadline_event_on": deadline.event_on if relative else None,
            "deadline_days": deadline.days if relative else None}


def topic_deadline(topic: Topic) -> flow.Deadline:
    return flow.Deadline(on=topic.deadline_on, event=topic.deadline_event, event_on=topic.deadline_event_on,
                         days=topic.deadline_days)


@transaction.atomic
def topic_create(*, campaign, user, who, title: str, scope: str, lead_unit, supporting_units,
                 deadline: flow.Deadline, is_sample: bool = False) -> Topic:
    """The DRC assigns a topic (已布置) with its units and deadline."""
    if not who.is_drc:
        raise ApplicationError(ONLY_DRC)
    title, units, due = _checked_definition(campaign, title=title, lead_unit=lead_unit,
                                            supporting_units=supporting_units, deadline=deadline)
    topic = Topic.objects.create(campaign=campaign, title=title, scope=scope.strip(), lead_unit=lead_unit,
                                 due_on=due, created_by=user, created_at=timezone.now(), is_sample=is_sample,
                                 **_deadline_fields(deadline))
    topic.supporting_units.set(units)
    _record(topic, action="create", label="布置专题", from_state=topic.state, user=user,
            detail={"title": title, "lead_unit": lead_unit.name, "supporting_units": [u.name for u in units],
                    "due_on": due.isoformat()})
    return topic


@transaction.atomic
def topic_edit(*, topic: Topic, user, who, title: str, scope: str, lead_unit, supporting_units,
               deadline: flow.Deadline, expected_version: int) -> Topic:
    """The DRC changes a topic's definition until it is accepted; every changed field is recorded."""
    topic = _locked(topic)
    _stale(topic, expected_version)
    if not who.is_drc:
        raise ApplicationError(ONLY_DRC)
    if flow.State(topic.state) not in flow.DEFINITION_EDITABLE:
        raise ApplicationError(NOT_EDITABLE)
    title, units, due = _checked_definition(topic.campaign, title=title, lead_unit=lead_unit,
                                            supporting_units=supporting_units, deadline=deadline)
    new = {"title": title, "scope": scope.strip(), "lead_unit": lead_unit, "due_on": due,
           **_deadline_fields(deadline)}
    changed = {name: [_shown(getattr(topic, name)), _shown(value)] for name, value in new.items()
               if getattr(topic, name) != value}
    old_units = sorted(u.name for u in topic.supporting_units.all())
    new_units = sorted(u.name for u in units)
    if old_units != new_units:
        changed["supporting_units"] = [old_units, new_units]
    if not changed:
        return topic
    for name, value in new.items():
        setattr(topic, name, value)
    topic.version += 1
    topic.save()
    topic.supporting_units.set(units)
    _record(topic, action="edit", label="修改专题", from_state=topic.state, user=user,
            detail={"changed": changed}, audit_action=AuditAction.VALUE_CHANGE)
    return topic


def _shown(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return getattr(value, "name", value)


@transaction.atomic
def topic_report_save(*, topic: Topic, user, who, summary: str, findings: str, suggestions: str,
                      upload=None, expected_version: int) -> Topic:
    """The lead unit writes (or revises) the report; an attached file passes the evidence upload checks."""
    topic = _locked(topic)
    _stale(topic, expected_version)
    if not who.is_lead:
        raise ApplicationError(ONLY_LEAD)
    if flow.State(topic.state) not in flow.REPORT_EDITABLE:
        raise ApplicationError(REPORT_CLOSED)
    name = upload_check(upload) if upload is not None else ""
    new = {"summary": summary.strip(), "findings": findings.strip(), "suggestions": suggestions.strip()}
    changed = {k: [audit_text(getattr(topic, k)), audit_text(v)] for k, v in new.items() if getattr(topic, k) != v}
    if name:
        changed["report_file"] = [topic.report_file_name, name]
    if not changed:
        return topic
    for k, v in new.items():
        setattr(topic, k, v)
    if name:
        topic.report_file = upload
        topic.report_file_name = name
    topic.version += 1
    topic.save()
    _record(topic, action="report", label="撰写报告", from_state=topic.state, user=user,
            detail={"changed": changed}, audit_action=AuditAction.VALUE_CHANGE)
    return topic


@transaction.atomic
def topic_contribute(*, topic: Topic, user, unit, text: str, expected_version: int) -> Contribution:
    """A supporting unit adds or revises its input (``expected_version`` 0 for its first)."""
    topic = _locked(topic)
    if unit is None or not topic.supporting_units.filter(id=unit.id).exists():
        raise ApplicationError(ONLY_SUPPORTING)
    if flow.State(topic.state) not in flow.CONTRIBUTION_OPEN:
        raise ApplicationError(CONTRIBUTION_CLOSED)
    text = text.strip()
    if not text:
        raise ApplicationError(CONTRIBUTION_EMPTY)
    contribution = Contribution.objects.select_for_update().filter(topic=topic, unit=unit).first()
    current = contribution.version if contribution else 0
    if expected_version != current:
        raise stale_version(contribution.updated_by if contribution else None,
                            contribution.updated_at if contribution else None)
    old = contribution.text if contribution else ""
    if old == text:
        return contribution
    now = timezone.now()
    if contribution is None:
        contribution = Contribution(topic=topic, unit=unit, version=0)
    contribution.text, contribution.updated_by, contribution.updated_at = text, user, now
    contribution.version += 1
    contribution.is_sample = topic.is_sample
    contribution.save()
    _record(topic, action="contribute", label=f"{unit.name}提供材料", from_state=topic.state, user=user,
            detail={"unit": unit.name, "old": audit_text(old), "new": audit_text(text)},
            audit_action=AuditAction.VALUE_CHANGE)
    return contribution


@transaction.atomic
def topic_transition(*, topic: Topic, user, who, action: str, comment: str = "",
                     expected_version: int) -> Topic:
    """Take one step of the route (开始研究, 提交报告, 退回修改, 验收)."""
    topic = _locked(topic)
    _stale(topic, expected_version)
    action = flow.Action(action)
    state = flow.State(topic.state)
    try:
        new_state = flow.advance(state, action, who.roles, comment=comment, summary=topic.summary)
    except flow.FlowError as refused:
        raise ApplicationError(refused.message) from refused
    topic.state = new_state
    topic.version += 1
    topic.save()
    _record(topic, action=action.value, label=action.label, from_state=state.value, user=user,
            comment=comment.strip())
    return topic
