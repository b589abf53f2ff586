"""Writes of special-plan evaluations: creating them for a campaign, editing the report, each
step of the route, and the DRC's choice of reports sent with the mid-term report.

Every service locks the row, refuses a stale version with STALE_VERSION, asks the route table
(planeval.domain.special_plan_route), writes the change, a Step row and an audit event in one
transaction. A refusal raises before anything is written.
"""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record, audit_text
from planeval.core.errors import ApplicationError, stale_version
from planeval.domain import special_plan_route as route
from planeval.domain.workflow import DRC
from planeval.planning.models import Plan
from planeval.submissions.evidence import upload_check
from planeval.submissions.report import framework_sections

from .models import CONCLUSIONS, SpecialPlanEvaluation, Step

NOT_EDITABLE = "该专项规划评估报告当前状态（{state}）下不能修改，只能在起草、征求意见或修改完善阶段修改。"
UNKNOWN_SECTION = "报告框架中没有“{key}”一节。"
UNKNOWN_CONCLUSION = "总体评估结论只能选A、B、C、D之一。"
TEXT_TOO_LONG = "每节正文不能超过{limit}字。"
PACKAGE_DRC_ONLY = "只有发改委统筹人员可以选择随中期评估报告报送的专项规划评估报告。"
PACKAGE_NOT_APPROVED = "只有经分管区领导审定的专项规划评估报告可以随中期评估报告报送。"
SECTION_LIMIT = 20000


def _stale(evaluation: SpecialPlanEvaluation, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != evaluation.version:
        last = evaluation.steps.select_related("actor").order_by("-at", "-id").first()
        raise stale_version(last.actor if last else None, last.at if last else None)


def _locked(evaluation: SpecialPlanEvaluation) -> SpecialPlanEvaluation:
    return SpecialPlanEvaluation.objects.select_for_update().select_related("campaign", "plan", "unit").get(
        pk=evaluation.pk)


def _record(evaluation, *, action: str, from_state: str, user, comment: str = "", detail=None,
            upload=None, document_name: str = "", audit=AuditAction.TRANSITION, request=None) -> Step:
    step = Step(evaluation=evaluation, action=action, from_state=from_state, to_state=evaluation.state, actor=user,
                comment=comment, detail=detail or {}, document_name=document_name, at=timezone.now())
    if upload is not None:
        step.document = upload
    step.save()
    # The step keeps the full old and new text; the audit event a shortened copy.
    shown = {**(detail or {})}
    if "changed" in shown:
        shown["changed"] = {k: [audit_text(old), audit_text(new)] for k, (old, new) in shown["changed"].items()}
    audit_record(action=audit, user=user, request=request, target=evaluation,
                 detail={"step": action, "from": from_state, "to": evaluation.state, "comment": audit_text(comment),
                         **({"document": document_name} if document_name else {}), **shown})
    return step


@transaction.atomic
def evaluations_create(*, campaign, is_sample: bool = False) -> int:
    """One evaluation for every special, regional and spatial plan in the campaign's scope that has a
    lead unit; plans already evaluated are left as they are. Returns how many were created."""
    existing = set(SpecialPlanEvaluation.objects.filter(campaign=campaign).values_list("plan_id", flat=True))
    plans = (campaign.plans.exclude(kind__in=(Plan.Kind.OUTLINE, Plan.Kind.UPPER_LEVEL))
             .exclude(lead_unit=None).exclude(id__in=existing).order_by("id"))
    created = [SpecialPlanEvaluation(campaign=campaign, plan=p, unit_id=p.lead_unit_id, is_sample=is_sample)
               for p in plans]
    SpecialPlanEvaluation.objects.bulk_create(created)
    return len(created)


@transaction.atomic
def evaluation_report_save(*, evaluation: SpecialPlanEvaluation, user, who, sections: dict[str, str],
                           conclusion: str, expected_version: int, request=None) -> SpecialPlanEvaluation:
    """Save the report text (the lead unit, in 起草/征求意见/修改完善); every changed section is recorded."""
    evaluation = _locked(evaluation)
    _stale(evaluation, expected_version)
    if not who.roles & route.UNIT_ROLES:
        raise ApplicationError(route.WRONG_ROLE.format(action="修改报告"))
    state = route.State(evaluation.state)
    if not route.is_editable(state):
        raise ApplicationError(NOT_EDITABLE.format(state=state.label))
    titles = {s.key: s.title for s in framework_sections(evaluation.campaign)}
    keys = set(titles)
    for key, text in sections.items():
        if key not in keys:
            raise ApplicationError(UNKNOWN_SECTION.format(key=key))
        if len(text) > SECTION_LIMIT:
            raise ApplicationError(TEXT_TOO_LONG.format(limit=SECTION_LIMIT))
    if conclusion and conclusion not in dict(CONCLUSIONS):
        raise ApplicationError(UNKNOWN_CONCLUSION)
    new = {**evaluation.sections, **{k: v.strip() for k, v in sections.items()}}
    changed = {k: [evaluation.sections.get(k, ""), v] for k, v in new.items() if evaluation.sections.get(k, "") != v}
    if conclusion != evaluation.conclusion:
        changed["conclusion"] = [evaluation.conclusion, conclusion]
    if not changed:
        return evaluation
    evaluation.sections = {k: v for k, v in new.items() if v}
    evaluation.conclusion = conclusion
    evaluation.version += 1
    evaluation.updated_by, evaluation.updated_at = user, timezone.now()
    evaluation.save()
    named = [titles.get(k, "总体评估结论") for k in changed]
    _record(evaluation, action="edit", from_state=state.value, user=user, detail={"changed": changed, "titles": named},
            audit=AuditAction.VALUE_CHANGE, request=request)
    return evaluation


@transaction.atomic
def evaluation_transition(*, evaluation: SpecialPlanEvaluation, user, who, action: str, comment: str = "",
                          upload=None, expected_version: int, request=None) -> SpecialPlanEvaluation:
    """Take one step of the route, with an optional attached document (checked like 佐证材料)."""
    evaluation = _locked(evaluation)
    _stale(evaluation, expected_version)
    action = route.Action(action)
    state = route.State(evaluation.state)
    try:
        new_state = route.advance(state, action, who.roles, comment)
        route.assert_not_self_approval(action, user.id, evaluation.sent_by_id)
    except route.RouteError as refused:
        raise ApplicationError(refused.message) from refused
    document_name = upload_check(upload) if upload is not None else ""
    if action is route.Action.SEND:
        evaluation.sent_by = user
    elif action is route.Action.APPROVE:
        evaluation.approved_by, evaluation.approved_at = user, timezone.now()
    evaluation.state = new_state
    evaluation.version += 1
    evaluation.save()
    _record(evaluation, action=action.value, from_state=state.value, user=user, comment=comment.strip(),
            upload=upload, document_name=document_name, request=request)
    return evaluation


@transaction.atomic
def evaluation_package_set(*, evaluation: SpecialPlanEvaluation, user, who, in_package: bool,
                           expected_version: int, request=None) -> SpecialPlanEvaluation:
    """The DRC marks an approved evaluation 随中期评估报告报送 (or takes it out of the package)."""
    evaluation = _locked(evaluation)
    _stale(evaluation, expected_version)
    if DRC not in who.roles:
        raise ApplicationError(PACKAGE_DRC_ONLY)
    if in_package and route.State(evaluation.state) not in route.APPROVED_STATES:
        raise ApplicationError(PACKAGE_NOT_APPROVED)
    if in_package == evaluation.in_package:
        return evaluation
    evaluation.in_package = in_package
    evaluation.version += 1
    evaluation.save()
    _record(evaluation, action="package", from_state=evaluation.state, user=user,
            detail={"in_package": [not in_package, in_package]}, audit=AuditAction.SETTING_CHANGE, request=request)
    return evaluation
