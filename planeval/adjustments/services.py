"""Writes of the adjustment route: drafting, editing, each step, and applying a change to the plan.

Every service locks the proposal row, refuses a stale version with STALE_VERSION, asks the
route table (planeval.domain.adjustment_route), writes the change, a Step row and an audit
event in one transaction. Applying a target change writes a new target version and re-runs
the engine for that indicator, so the next judgement uses the new target.
"""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from planeval.assessment.models import IndicatorAssessment
from planeval.assessment.services import indicator_reassess
from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record, audit_text
from planeval.core.errors import STALE_VERSION, ApplicationError, StaleVersionError, stale_version
from planeval.domain import adjustment_route as route
from planeval.planning.models import Indicator, IndicatorTarget, Project, Task
from planeval.planning.services import indicator_apply_target, indicator_target_record

from .models import Adjustment, ItemChange, RouteSetting, Step

NOT_EDITABLE = "该调整建议已提交或已办结，不能修改。"
NO_PROPOSAL_IN_REPORT = "该指标的自评中尚未填写“调整后”的内容，请先在自评中填写调整建议。"
ALREADY_OPEN = "该事项已有一条正在办理的调整建议（{state}），请在原建议上修改。"
ITEM_CHANGED = "该事项在调整建议提出后已被修改（现为“{now}”），请撤回后按现状重新提出。"
PLAN_REQUIRED = "新增事项须选择所属规划。"
NO_ITEM = "请选择要调整的事项。"


def _stale(adjustment: Adjustment, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != adjustment.version:
        last = adjustment.steps.select_related("actor").order_by("-at", "-id").first()
        raise stale_version(last.actor if last else None, last.at if last else None)


def _locked(adjustment: Adjustment) -> Adjustment:
    return Adjustment.objects.select_for_update().select_related("campaign", "plan").get(pk=adjustment.pk)


def route_setting(campaign) -> RouteSetting:
    """The campaign's setting (unsaved defaults when none was stored)."""
    return RouteSetting.objects.filter(campaign=campaign).first() or RouteSetting(campaign=campaign, version=0)


def needs_congress(adjustment: Adjustment) -> bool:
    return adjustment.route == route.Route.OUTLINE and route_setting(adjustment.campaign).outline_to_congress


@transaction.atomic
def route_setting_save(*, campaign, user, outline_to_congress: bool, expected_version: int) -> RouteSetting:
    """Change whether outline adjustments go to the people's congress (a recorded setting change)."""
    setting = RouteSetting.objects.select_for_update().filter(campaign=campaign).first()
    current = setting.version if setting else 0
    if expected_version != current:
        who = (setting.updated_by.full_name or setting.updated_by.username) if setting and setting.updated_by else "他人"
        when = timezone.localtime(setting.updated_at).strftime("%m月%d日%H:%M") if setting and setting.updated_at else "刚才"
        raise StaleVersionError(STALE_VERSION.format(who=who, when=when))
    if setting is None:
        setting = RouteSetting(campaign=campaign, version=0)
    old = setting.outline_to_congress if setting.pk else None
    setting.outline_to_congress = outline_to_congress
    setting.version += 1
    setting.updated_by, setting.updated_at = user, timezone.now()
    setting.save()
    audit_record(action=AuditAction.SETTING_CHANGE, user=user, target=campaign,
                 detail={"setting": "adjustment_outline_to_congress", "old": old, "new": outline_to_congress})
    return setting


def _before_text(item_type: str, kind: route.Kind, item) -> str:
    if item is None or kind is route.Kind.ADD:
        return ""
    if item_type == "indicator" and kind is route.Kind.TARGET:
        return item.target_text
    return getattr(item, "name", None) or getattr(item, "title", "")


def _check(item_type: str, kind: route.Kind, item, after: str, reason: str, basis: str):
    proposal = route.Proposal(item_type=item_type, kind=kind, before=_before_text(item_type, kind, item),
                              after=after, reason=reason, basis=basis,
                              indicator_name=item.name if item_type == "indicator" and item else "",
                              unit=item.measure_unit if item_type == "indicator" and item else "")
    problems = route.proposal_problems(proposal)
    if problems:
        raise ApplicationError("；".join(problems))
    target = route.proposal_target(proposal)
    return proposal, (target.to_dict() if target else {})


def _record(adjustment: Adjustment, *, action: str, from_state: str, user, comment: str = "",
            detail: dict | None = None) -> Step:
    step = Step.objects.create(adjustment=adjustment, action=action, from_state=from_state,
                               to_state=adjustment.state, actor=user, comment=comment, detail=detail or {},
                               at=timezone.now())
    audit_record(action=AuditAction.TRANSITION, user=user, target=adjustment,
                 detail={"step": action, "from": from_state, "to": adjustment.state,
                         "comment": audit_text(comment), **(detail or {})})
    return step


@transaction.atomic
def adjustment_draft(*, campaign, user, unit, item_type: str, kind: str, after: str, reason: str, basis: str,
                     item=None, plan=None, parent_task=None, origin: str = Adjustment.Origin.OWN,
                     origin_report=None, is_sample: bool = False) -> Adjustment:
    """A new proposal in 起草中, with its content checked (an unreadable new target is refused)."""
    kind = route.Kind(kind)
    if kind is route.Kind.ADD:
        if plan is None:
            raise ApplicationError(PLAN_REQUIRED)
    elif item is None:
        raise ApplicationError(NO_ITEM)
    plan = item.plan if item is not None else plan
    proposal, target = _check(item_type, kind, item, after, reason, basis)
    open_one = None
    if item is not None:
        open_one = (Adjustment.objects.filter(**{item_type: item}).exclude(state__in=route.CLOSED)
                    .order_by("-id").first())
    if open_one is not None:
        raise ApplicationError(ALREADY_OPEN.format(state=open_one.get_state_display()))
    adjustment = Adjustment.objects.create(
        campaign=campaign, plan=plan, item_type=item_type, kind=kind, route=route.route_for(plan.kind),
        state=route.State.DRAFT, before_text=proposal.before, after_text=after.strip(), after_target=target,
        reason=reason.strip(), basis=basis.strip(), proposer_unit=unit, origin=origin,
        origin_report=origin_report, created_by=user, created_at=timezone.now(), is_sample=is_sample,
        parent_task=parent_task if item_type == "task" else None,
        **({item_type: item} if item is not None else {}),
    )
    _record(adjustment, action="draft", from_state=route.State.DRAFT, user=user,
            detail={"kind": kind.value, "before": proposal.before, "after": adjustment.after_text})
    return adjustment


@transaction.atomic
def adjustment_from_report(*, report, user, unit) -> Adjustment:
    """One click from a unit's indicator report: a draft pre-filled from its 调整前/后/理由/测算依据."""
    if not report.adjustment_after.strip():
        raise ApplicationError(NO_PROPOSAL_IN_REPORT)
    origin = Adjustment.Origin.REPORT
    return adjustment_draft(
        campaign=report.submission.campaign, user=user, unit=unit, item_type="indicator",
        kind=route.Kind.TARGET, item=report.indicator, after=report.adjustment_after,
        reason=report.adjustment_reason, basis=report.adjustment_basis, origin=origin, origin_report=report)


@transaction.atomic
def adjustment_edit(*, adjustment: Adjustment, user, who, kind: str, after: str, reason: str, basis: str,
                    expected_version: int) -> Adjustment:
    """Change a draft or returned proposal (its unit only); every changed field is in the step's detail."""
    adjustment = _locked(adjustment)
    _stale(adjustment, expected_version)
    if not (who.roles & route.UNIT_ROLES):
        raise ApplicationError(route.WRONG_ROLE.format(action="修改"))
    if route.State(adjustment.state) not in route.EDITABLE:
        raise ApplicationError(NOT_EDITABLE)
    kind = route.Kind(kind)
    proposal, target = _check(adjustment.item_type, kind, adjustment.item, after, reason, basis)
    new = {"kind": kind.value, "before_text": proposal.before, "after_text": after.strip(),
           "reason": reason.strip(), "basis": basis.strip()}
    changed = {name: [getattr(adjustment, name), value] for name, value in new.items()
               if getattr(adjustment, name) != value}
    if not changed:
        return adjustment
    for name, value in new.items():
        setattr(adjustment, name, value)
    adjustment.after_target = target
    adjustment.version += 1
    adjustment.save()
    Step.objects.create(adjustment=adjustment, action="edit", from_state=adjustment.state,
                        to_state=adjustment.state, actor=user, detail={"changed": changed}, at=timezone.now())
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=adjustment,
                 detail={name: [audit_text(o), audit_text(n)] for name, (o, n) in changed.items()})
    return adjustment


@transaction.atomic
def adjustment_transition(*, adjustment: Adjustment, user, who, action: str, step: route.StepInput,
                          expected_version: int) -> Adjustment:
    """Take one step of the route; 生效执行 applies the change to the plan in the same transaction."""
    adjustment = _locked(adjustment)
    _stale(adjustment, expected_version)
    action = route.Action(action)
    state = route.State(adjustment.state)
    try:
        new_state = route.advance(route.Route(adjustment.route), state, action, who.roles, step,
                                  congress=needs_congress(adjustment))
        route.assert_not_self_approval(action, user.id, adjustment.submitted_by_id)
    except route.RouteError as refused:
        raise ApplicationError(refused.message) from refused
    if action is route.Action.SUBMIT:
        # The proposal is checked again: a draft saved before a rule changed must still be complete.
        _check(adjustment.item_type, route.Kind(adjustment.kind), adjustment.item, adjustment.after_text,
               adjustment.reason, adjustment.basis)
        adjustment.submitted_by, adjustment.submitted_at = user, timezone.now()
    detail = {}
    if action is route.Action.APPROVE:
        adjustment.decision_meeting = step.meeting.strip()
        adjustment.decided_on = step.decided_on
        adjustment.decision_document = step.document.strip()
        detail = {"meeting": adjustment.decision_meeting, "date": step.decided_on.isoformat(),
                  "document": adjustment.decision_document}
    elif action is route.Action.REPORT:
        adjustment.congress_reported_on = step.decided_on
        adjustment.congress_document = step.document.strip()
        detail = {"date": step.decided_on.isoformat(), "document": adjustment.congress_document}
    adjustment.state = new_state
    adjustment.version += 1
    if action is route.Action.APPLY:
        adjustment.effective_on = step.decided_on or timezone.localdate()
        _apply(adjustment, user=user, valid_from=adjustment.effective_on)
        detail = {"valid_from": adjustment.effective_on.isoformat()}
    adjustment.save()
    _record(adjustment, action=action.value, from_state=state.value, user=user, comment=step.comment.strip(),
            detail=detail)
    return adjustment


def _change(adjustment, item_type: str, item, field: str, old, new, user, now) -> ItemChange:
    return ItemChange.objects.create(adjustment=adjustment, item_type=item_type, item_id=item.pk, field=field,
                                     old_value="" if old is None else str(old),
                                     new_value="" if new is None else str(new), changed_by=user, changed_at=now)


def _apply(adjustment: Adjustment, *, user, valid_from) -> None:
    """Write the approved change into the plan, with history, then re-judge what it touched."""
    now = timezone.now()
    adjustment.applied_by, adjustment.applied_at = user, now
    kind = route.Kind(adjustment.kind)
    if adjustment.item_type == "indicator":
        _apply_indicator(adjustment, kind, user=user, now=now, valid_from=valid_from)
    elif adjustment.item_type == "task":
        _apply_task(adjustment, kind, user=user, now=now)
    else:
        _apply_project(adjustment, kind, user=user, now=now)


def _item_locked(model, pk: int, adjustment: Adjustment):
    item = model.objects.select_for_update().get(pk=pk)
    now_text = _before_text(adjustment.item_type, route.Kind(adjustment.kind), item)
    if adjustment.kind != route.Kind.ADD and now_text != adjustment.before_text:
        raise ApplicationError(ITEM_CHANGED.format(now=now_text))
    return item


def _apply_indicator(adjustment, kind, *, user, now, valid_from) -> None:
    indicator = _item_locked(Indicator, adjustment.indicator_id, adjustment)
    expected = indicator.version
    if kind is route.Kind.TARGET:
        indicator_target_record(indicator=indicator, user=user)   # version 1 exists before version 2
        old = indicator.target_text
        indicator.target_text = adjustment.after_text
        indicator_apply_target(indicator)
        fields = ["target_text", "target", "target_kind", "direction", "version"]
    elif kind is route.Kind.WORDING:
        old, indicator.name, fields = indicator.name, adjustment.after_text, ["name", "version"]
    else:
        old, indicator.is_cancelled, fields = False, True, ["is_cancelled", "version"]
    # Optimistic lock on the indicator itself: an edit between the read and this write is refused.
    updated = Indicator.objects.filter(pk=indicator.pk, version=expected).update(
        **{f: getattr(indicator, f) for f in fields if f != "version"}, version=expected + 1)
    if not updated:
        raise StaleVersionError(STALE_VERSION.format(who="他人", when="刚才"))
    indicator.version = expected + 1
    if kind is route.Kind.TARGET:
        adjustment.applied_target = indicator_target_record(
            indicator=indicator, user=user, source=IndicatorTarget.Source.ADJUSTMENT, valid_from=valid_from)
        _change(adjustment, "indicator", indicator, "target_text", old, indicator.target_text, user, now)
    elif kind is route.Kind.WORDING:
        _change(adjustment, "indicator", indicator, "name", old, indicator.name, user, now)
    else:
        _change(adjustment, "indicator", indicator, "is_cancelled", "否", "是", user, now)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=indicator,
                 detail={"adjustment": adjustment.pk, "kind": kind.value, "before": audit_text(adjustment.before_text),
                         "after": audit_text(adjustment.after_text)})
    top = Indicator.objects.get(pk=indicator.parent_id) if indicator.parent_id else indicator
    if kind is route.Kind.CANCEL:
        IndicatorAssessment.objects.filter(campaign=adjustment.campaign, indicator=indicator).delete()
    elif not top.is_cancelled:
        indicator_reassess(campaign=adjustment.campaign, indicator=top)


def _apply_task(adjustment, kind, *, user, now) -> None:
    if kind is route.Kind.ADD:
        parent = adjustment.parent_task
        siblings = Task.objects.filter(plan=adjustment.plan, parent=parent)
        task = Task.objects.create(plan=adjustment.plan, parent=parent, depth=(parent.depth + 1) if parent else 0,
                                   title=adjustment.after_text, lead_unit=adjustment.proposer_unit,
                                   position=(max((t.position for t in siblings), default=0) + 1))
        adjustment.task = task
        _change(adjustment, "task", task, "created", "", task.title, user, now)
        target = task
    else:
        task = _item_locked(Task, adjustment.task_id, adjustment)
        if kind is route.Kind.WORDING:
            old, task.title = task.title, adjustment.after_text
            _change(adjustment, "task", task, "title", old, task.title, user, now)
        else:
            task.is_cancelled = True
            _change(adjustment, "task", task, "is_cancelled", "否", "是", user, now)
        task.version += 1
        task.save(update_fields=["title", "is_cancelled", "version"])
        target = task
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=target,
                 detail={"adjustment": adjustment.pk, "kind": kind.value, "after": audit_text(adjustment.after_text)})


def _apply_project(adjustment, kind, *, user, now) -> None:
    if kind is route.Kind.ADD:
        project = Project.objects.create(plan=adjustment.plan, name=adjustment.after_text,
                                         lead_unit=adjustment.proposer_unit)
        adjustment.project = project
        _change(adjustment, "project", project, "created", "", project.name, user, now)
    else:
        project = _item_locked(Project, adjustment.project_id, adjustment)
        if kind is route.Kind.WORDING:
            old, project.name = project.name, adjustment.after_text
            _change(adjustment, "project", project, "name", old, project.name, user, now)
        else:
            old, project.status = project.get_status_display(), Project.Status.CANCELLED
            _change(adjustment, "project", project, "status", old, "已取消", user, now)
        project.version += 1
        project.save(update_fields=["name", "status", "version"])
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=project,
                 detail={"adjustment": adjustment.pk, "kind": kind.value, "after": audit_text(adjustment.after_text)})
