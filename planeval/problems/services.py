"""Writes of the problem list and the support requests.

Each service checks its input with the rules of ``planeval.domain.problem_list`` before writing,
locks the row and refuses a stale version, then writes the change, a step row and an audit
event in one transaction. A refused call changes nothing.

The lists are not locked with the unit's submission: a problem is tracked (推进中 → 已解决) long
after the report was signed off, and the upper level answers support requests months later.
"""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record, audit_text
from planeval.core.errors import ApplicationError, stale_version
from planeval.domain import problem_list as rules

from .access import NOT_OUR_ENTRY, ONLY_DRC
from .models import Problem, ProblemStep, SupportRequest, SupportStep

ALREADY_LISTED = "该事项已列入问题清单，请在原条目上修改。"
ITEM_OUTSIDE = "关联的事项不属于本次评估工作的规划范围。"
SUPPORT_CLOSED = "该事项已汇总上报，不能再修改；如需补充请联系区发改委。"


def _stale(entry, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != entry.version:
        last = entry.steps.select_related("actor").order_by("-at", "-id").first()
        raise stale_version(last.actor if last else None, last.at if last else None)


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ApplicationError("；".join(problems))


def _problem_step(problem: Problem, *, action: str, from_status: str, user, note: str = "",
                  detail: dict | None = None, audit_action: str = AuditAction.VALUE_CHANGE) -> None:
    ProblemStep.objects.create(problem=problem, action=action, from_status=from_status, to_status=problem.status,
                               note=note, detail=detail or {}, actor=user, at=timezone.now())
    audit_record(action=audit_action, user=user, target=problem,
                 detail={"step": action, "from": from_status, "to": problem.status, "note": audit_text(note),
                         **(detail or {})})


@transaction.atomic
def problem_create(*, campaign, user, unit, problem: str, causes: str, measures: str, item_type: str = "",
                   item=None, origin_key: str = "", is_sample: bool = False) -> Problem:
    """A new entry of the unit's problem list (待解决); from a rated item when ``origin_key`` is given."""
    text = rules.ProblemText(problem=problem, causes=causes, measures=measures)
    _refuse(rules.problem_problems(text))
    if item is not None and not campaign.plans.filter(id=item.plan_id).exists():
        raise ApplicationError(ITEM_OUTSIDE)
    if origin_key and Problem.objects.filter(campaign=campaign, unit=unit, origin_key=origin_key).exists():
        raise ApplicationError(ALREADY_LISTED)
    now = timezone.now()
    entry = Problem.objects.create(
        campaign=campaign, unit=unit, problem=problem.strip(), causes=causes.strip(), measures=measures.strip(),
        item_type=item_type if item is not None else "", origin_key=origin_key,
        origin=Problem.Origin.REPORT if origin_key else Problem.Origin.OWN, created_by=user, created_at=now,
        updated_by=user, updated_at=now, is_sample=is_sample,
        **({item_type: item} if item is not None else {}))
    _problem_step(entry, action="create", from_status=entry.status, user=user,
                  detail={"problem": audit_text(entry.problem), "origin": entry.origin})
    return entry


@transaction.atomic
def problem_edit(*, problem: Problem, user, who, text: str, causes: str, measures: str,
                 expected_version: int) -> Problem:
    """The unit changes its entry's wording; old and new of every changed field are recorded."""
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    _stale(problem, expected_version)
    if problem.unit_id not in who.unit_ids:
        raise ApplicationError(NOT_OUR_ENTRY)
    _refuse(rules.problem_problems(rules.ProblemText(problem=text, causes=causes, measures=measures)))
    new = {"problem": text.strip(), "causes": causes.strip(), "measures": measures.strip()}
    changed = {k: [audit_text(getattr(problem, k)), audit_text(v)] for k, v in new.items() if getattr(problem, k) != v}
    if not changed:
        return problem
    for k, v in new.items():
        setattr(problem, k, v)
    problem.updated_by, problem.updated_at = user, timezone.now()
    problem.version += 1
    problem.save()
    _problem_step(problem, action="edit", from_status=problem.status, user=user, detail={"changed": changed})
    return problem


@transaction.atomic
def problem_status(*, problem: Problem, user, who, status: str, note: str = "", expected_version: int) -> Problem:
    """The unit moves its entry along 待解决 → 推进中 → 已解决 (a solved problem may reopen as 推进中)."""
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    _stale(problem, expected_version)
    if problem.unit_id not in who.unit_ids:
        raise ApplicationError(NOT_OUR_ENTRY)
    now_status = rules.Status(problem.status)
    try:
        new_status = rules.Status(status)
    except ValueError:
        raise ApplicationError(rules.STATUS_MOVE.format(now=now_status.label, new=status)) from None
    refusal = rules.status_move_problem(now_status, new_status)
    if refusal:
        raise ApplicationError(refusal)
    problem.status = new_status
    problem.updated_by, problem.updated_at = user, timezone.now()
    problem.version += 1
    problem.save()
    _problem_step(problem, action="status", from_status=now_status.value, user=user, note=note.strip(),
                  audit_action=AuditAction.TRANSITION)
    return problem


def _support_step(entry: SupportRequest, *, action: str, from_status: str, user, detail: dict | None = None,
                  audit_action: str = AuditAction.VALUE_CHANGE) -> None:
    SupportStep.objects.create(request=entry, action=action, from_status=from_status, to_status=entry.status,
                               detail=detail or {}, actor=user, at=timezone.now())
    audit_record(action=audit_action, user=user, target=entry,
                 detail={"step": action, "from": from_status, "to": entry.status, **(detail or {})})


def _support_text(kind: str, item: str, need: str, level: str) -> rules.SupportText:
    text = rules.SupportText(kind=kind, item=item, need=need, level=level)
    _refuse(rules.support_problems(text))
    return text


@transaction.atomic
def support_create(*, campaign, user, unit, kind: str, item: str, need: str, level: str,
                   is_sample: bool = False) -> SupportRequest:
    """A unit raises an item needing the upper level's support (已提出)."""
    _support_text(kind, item, need, level)
    entry = SupportRequest.objects.create(campaign=campaign, unit=unit, kind=kind, item=item.strip(),
                                          need=need.strip(), level=level, created_by=user,
                                          created_at=timezone.now(), is_sample=is_sample)
    _support_step(entry, action="create", from_status=entry.status, user=user,
                  detail={"kind": kind, "item": audit_text(entry.item), "level": level})
    return entry


@transaction.atomic
def support_edit(*, entry: SupportRequest, user, who, kind: str, item: str, need: str, level: str,
                 expected_version: int) -> SupportRequest:
    """The unit changes its request while it is still 已提出."""
    entry = SupportRequest.objects.select_for_update().get(pk=entry.pk)
    _stale(entry, expected_version)
    if entry.unit_id not in who.unit_ids:
        raise ApplicationError(NOT_OUR_ENTRY)
    if entry.status != rules.SupportStatus.RAISED:
        raise ApplicationError(SUPPORT_CLOSED)
    _support_text(kind, item, need, level)
    new = {"kind": kind, "item": item.strip(), "need": need.strip(), "level": level}
    changed = {k: [audit_text(getattr(entry, k)), audit_text(v)] for k, v in new.items() if getattr(entry, k) != v}
    if not changed:
        return entry
    for k, v in new.items():
        setattr(entry, k, v)
    entry.version += 1
    entry.save()
    _support_step(entry, action="edit", from_status=entry.status, user=user, detail={"changed": changed})
    return entry


@transaction.atomic
def support_advance(*, entry: SupportRequest, user, who, action: str, answer: str = "",
                    answered_on: datetime.date | None = None, expected_version: int) -> SupportRequest:
    """The DRC marks a request 已汇总上报, or records the upper level's answer (已答复)."""
    entry = SupportRequest.objects.select_for_update().get(pk=entry.pk)
    _stale(entry, expected_version)
    if not who.is_drc:
        raise ApplicationError(ONLY_DRC)
    action = rules.SupportAction(action)
    now_status = rules.SupportStatus(entry.status)
    try:
        entry.status = rules.support_move(now_status, action, answer=answer)
    except ValueError as refused:
        raise ApplicationError(str(refused)) from refused
    detail = {}
    if action is rules.SupportAction.ANSWER:
        entry.answer = answer.strip()
        entry.answered_on = answered_on or timezone.localdate()
        detail = {"answer": audit_text(entry.answer), "answered_on": entry.answered_on.isoformat()}
    entry.version += 1
    entry.save()
    _support_step(entry, action=action.value, from_status=now_status.value, user=user, detail=detail,
                  audit_action=AuditAction.TRANSITION)
    return entry
