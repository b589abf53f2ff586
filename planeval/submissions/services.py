"""Writes of the campaign loop: saving a unit's items, the workflow steps, notices and liaisons.

Each service locks the submission row first (``select_for_update``), so an approval and an
edit can never interleave, checks the workflow table, refuses stale versions, writes the
change and its history in one transaction, and re-runs the engine for what changed.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from planeval.assessment.services import indicator_reassess
from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record, audit_text
from planeval.core.errors import STALE_VERSION, ApplicationError, StaleVersionError
from planeval.domain import workflow
from planeval.domain.periods import Period
from planeval.monitoring.models import Observation
from planeval.monitoring.services import observation_delete, observation_record
from planeval.organizations.models import Contact

from .access import Standing
from .models import (
    IndicatorReport, Notice, ProjectReport, ReportRevision, ReportSection, Submission, TaskReport, Transition,
)
from .selectors import submission_decisions, submitter_id

SUBMIT_BLOCKED = "报告尚不能提交："
CONFIRMER_REQUIRED = "提交前须填写确认本报告的单位负责人姓名。"


def submission_get_or_create(*, campaign, unit) -> Submission:
    submission, _ = Submission.objects.get_or_create(campaign=campaign, unit=unit)
    return submission


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _authorise_save(submission: Submission, who: Standing) -> Submission:
    """Lock the submission, check the unit may save in its state, and mark it as started."""
    locked = _locked(submission)
    try:
        new_state = workflow.advance(workflow.State(locked.state), workflow.Action.SAVE, who.roles)
    except workflow.WorkflowError as refused:
        raise ApplicationError(refused.message) from refused
    if new_state != locked.state:
        locked.state = new_state
        locked.save(update_fields=["state"])
    return locked


def _who_when(user, stored) -> tuple[str, str]:
    who = (stored.updated_by.full_name or stored.updated_by.username) if stored.updated_by_id else "他人"
    when = timezone.localtime(stored.updated_at).strftime("%m月%d日%H:%M") if stored.updated_at else "刚才"
    return who, when


def _apply(item, fields: dict, *, submission, user, expected_version: int | None) -> list[str]:
    """Write ``fields`` into ``item`` with history; refuse if ``expected_version`` is stale. Returns changed names."""
    if item.pk and expected_version is not None and expected_version != item.version:
        who, when = _who_when(user, item)
        raise StaleVersionError(STALE_VERSION.format(who=who, when=when), extra={"theirs": item})
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    if not changed and item.pk:
        return []
    now = timezone.now()
    old = {name: getattr(item, name) for name in changed}
    for name, value in fields.items():
        setattr(item, name, value)
    if item.pk:
        item.version += 1
    item.updated_by, item.updated_at = user, now
    item.save()
    ReportRevision.objects.bulk_create(
        ReportRevision(submission=submission, item_type=type(item).__name__, item_id=item.pk, field=name,
                       old_value="" if old[name] is None else str(old[name]),
                       new_value="" if getattr(item, name) is None else str(getattr(item, name)),
                       changed_by=user, changed_at=now)
        for name in changed
    )
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=item,
                 detail={"submission_id": submission.pk,
                         "changes": {name: [audit_text(old[name]), audit_text(getattr(item, name))]
                                     for name in changed}})
    return changed


@dataclass(frozen=True)
class ValueInput:
    """One value cell of the indicator form."""

    period: Period
    kind: str               # actual | estimate | forecast
    value: Decimal | None   # None: the cell was emptied
    source: str = ""
    expected_version: int | None = None  # the version the form showed (0: it was empty)
    note: str | None = None  # None: keep the stored note (the form has no note field)


def _save_values(indicator, values: list[ValueInput], user) -> None:
    for cell in values:
        existing = Observation.objects.filter(
            indicator=indicator, year=cell.period.year, granularity=cell.period.granularity.value,
            period_index=cell.period.index, kind=cell.kind,
        ).first()
        note = cell.note if cell.note is not None else (existing.note if existing is not None else "")
        if existing is not None and cell.value is not None and (existing.value, existing.source, existing.note) == (
                cell.value, cell.source, note):
            continue  # untouched cell: keep it as it is, sample flag and all
        if cell.value is None:
            if existing is not None:
                if cell.expected_version not in (None, existing.version):
                    raise StaleVersionError(STALE_VERSION.format(who="他人", when="刚才"))
                observation_delete(observation=existing, user=user)
            continue
        observation_record(indicator=indicator, period=cell.period, kind=cell.kind, value=cell.value,
                           source=cell.source, note=note, user=user, expected_version=cell.expected_version,
                           is_sample=False)


@transaction.atomic
def indicator_report_save(*, submission: Submission, who: Standing, indicator, user, values: list[ValueInput],
                          rating: str, explanation: str, recovery_measures: str,
                          adjustment: tuple[str, str, str, str], expected_version: int | None) -> IndicatorReport:
    """Save the unit's values and judgement of one indicator, then re-run the engine for it."""
    submission = _authorise_save(submission, who)
    report = (IndicatorReport.objects.select_for_update().filter(submission=submission, indicator=indicator).first()
              or IndicatorReport(submission=submission, indicator=indicator))
    before, after, reason, basis = adjustment
    _apply(report, {"rating": rating, "explanation": explanation, "recovery_measures": recovery_measures,
                    "adjustment_before": before, "adjustment_after": after, "adjustment_reason": reason,
                    "adjustment_basis": basis},
           submission=submission, user=user, expected_version=expected_version)
    _save_values(indicator, values, user)
    indicator_reassess(campaign=submission.campaign, indicator=indicator.parent or indicator)
    return report


@transaction.atomic
def indicator_values_save(*, submission: Submission, who: Standing, indicator, user, values: list[ValueInput],
                          reassess: bool = True) -> None:
    """Save values of one indicator without touching the unit's judgement (the API's upsert), then re-assess.

    A caller saving many cells one by one passes ``reassess=False`` and calls ``indicator_reassess``
    once per indicator before its transaction ends, so the engine runs once, not once a cell.
    """
    submission = _authorise_save(submission, who)
    _save_values(indicator, values, user)
    if reassess:
        indicator_reassess(campaign=submission.campaign, indicator=indicator.parent or indicator)


@transaction.atomic
def task_report_save(*, submission: Submission, who: Standing, task, user, progress: str, rating: str,
                     expected_completion: str, explanation: str, next_steps: str,
                     expected_version: int | None) -> TaskReport:
    submission = _authorise_save(submission, who)
    report = (TaskReport.objects.select_for_update().filter(submission=submission, task=task).first()
              or TaskReport(submission=submission, task=task))
    _apply(report, {"progress": progress, "rating": rating, "expected_completion": expected_completion,
                    "explanation": explanation, "next_steps": next_steps},
           submission=submission, user=user, expected_version=expected_version)
    return report


@transaction.atomic
def project_report_save(*, submission: Submission, who: Standing, project, user, fields: dict,
                        expected_version: int | None) -> ProjectReport:
    submission = _authorise_save(submission, who)
    report = (ProjectReport.objects.select_for_update().filter(submission=submission, project=project).first()
              or ProjectReport(submission=submission, project=project))
    _apply(report, fields, submission=submission, user=user, expected_version=expected_version)
    return report


@transaction.atomic
def report_section_save(*, submission: Submission, who: Standing, key: str, title: str, text: str, user,
                        expected_version: int | None) -> ReportSection:
    submission = _authorise_save(submission, who)
    section = (ReportSection.objects.select_for_update().filter(submission=submission, key=key).first()
               or ReportSection(submission=submission, key=key, title=title))
    _apply(section, {"title": title, "text": text}, submission=submission, user=user,
           expected_version=expected_version)
    return section


@transaction.atomic
def submission_transition(*, submission: Submission, who: Standing, action: workflow.Action, user,
                          comment: str = "", confirmed_by: str = "") -> Submission:
    """Move the submission one step, recording who, when and what was said.

    Submitting needs the unit head's confirmation and a complete judgement of every item
    (``domain.submission_checks``); the reasons are listed in Chinese when it is refused.
    """
    submission = _locked(submission)
    old_state = workflow.State(submission.state)
    try:
        new_state = workflow.advance(old_state, action, who.roles, comment)
        if action in workflow.APPROVALS:
            workflow.assert_not_self_approval(action, user.id, submitter_id(submission))
    except workflow.WorkflowError as refused:
        raise ApplicationError(refused.message) from refused
    now = timezone.now()
    if action is workflow.Action.SUBMIT:
        if not confirmed_by.strip():
            raise ApplicationError(CONFIRMER_REQUIRED)
        from planeval.domain.submission_checks import submission_problems

        problems = submission_problems(submission_decisions(submission))
        if problems:
            raise ApplicationError(SUBMIT_BLOCKED + "；".join(problems[:20]), extra={"problems": problems})
        submission.confirmed_by, submission.submitted_at = confirmed_by.strip(), now
    elif action is workflow.Action.ACCEPT:
        submission.accepted_at = now
    elif action is workflow.Action.SIGN:
        submission.signed_at, submission.signed_by = now, user
    elif action is workflow.Action.REOPEN:
        submission.signed_at, submission.signed_by, submission.accepted_at = None, None, None
    submission.state = new_state
    submission.version += 1
    submission.save()
    Transition.objects.create(submission=submission, action=action.value, from_state=old_state.value,
                              to_state=new_state.value, actor=user, comment=comment.strip(), at=now)
    audit_record(action=AuditAction.TRANSITION, user=user, target=submission,
                 detail={"action": action.value, "from": old_state.value, "to": new_state.value,
                         "comment": audit_text(comment.strip())})
    return submission


NOTICE_DRC_ONLY = "只有发改委统筹人员可以发出抄告单。"


@transaction.atomic
def notice_send(*, campaign, unit, subject: str, body: str, user, who_roles: frozenset[str]) -> Notice:
    if workflow.DRC not in who_roles:
        raise ApplicationError(NOTICE_DRC_ONLY)
    if not subject.strip() or not body.strip():
        raise ApplicationError("抄告单须填写事由和内容。")
    notice = Notice.objects.create(campaign=campaign, unit=unit, subject=subject.strip(), body=body.strip(),
                                   issued_by=user, issued_at=timezone.now())
    audit_record(action=AuditAction.TRANSITION, user=user, target=notice,
                 detail={"step": "发出抄告单", "unit": unit.name, "subject": notice.subject})
    return notice


@transaction.atomic
def notice_read(*, notice: Notice, user) -> Notice:
    if notice.read_at is None:
        notice.read_by, notice.read_at = user, timezone.now()
        notice.save(update_fields=["read_by", "read_at"])
        audit_record(action=AuditAction.TRANSITION, user=user, target=notice, detail={"step": "签收抄告单"})
    return notice


@transaction.atomic
def contact_save(*, campaign, unit, name: str, post: str, phone: str, email: str) -> Contact:
    """The unit's liaison for the campaign (one per unit and campaign, replaced when renamed)."""
    if not name.strip() or not phone.strip():
        raise ApplicationError("联系人须填写姓名和联系电话。")
    contact = Contact.objects.filter(unit=unit, campaign=campaign).first() or Contact(unit=unit, campaign=campaign)
    contact.name, contact.post, contact.phone, contact.email = name.strip(), post.strip(), phone.strip(), email.strip()
    contact.save()
    return contact


@transaction.atomic
def report_sections_save(*, submission: Submission, who: Standing, user, sections) -> None:
    """Save the narrative sections of the self-evaluation report: (key, title, text, version) each."""
    for key, title, text, version in sections:
        existing = ReportSection.objects.filter(submission=submission, key=key).first()
        if existing is None and not text.strip():
            continue
        report_section_save(submission=submission, who=who, key=key, title=title, text=text, user=user,
                            expected_version=version if existing else None)


@transaction.atomic
def comment_add(*, submission: Submission, item_type: str, item, user, unit, text: str):
    from .models import Comment

    return Comment.objects.create(submission=submission, item_type=item_type, item_id=item.id, author=user,
                                  author_unit=unit, text=text.strip(), at=timezone.now())
