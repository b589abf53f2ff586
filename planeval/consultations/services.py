"""Writes of 征求意见: versions of the draft, rounds, invitations, comments and the DRC's answers.

Every service refuses bad input with a Chinese message and writes nothing then; what it writes
carries who and when, and an audit event goes with it in the same transaction. The rules (stage
order, the gate before 送审稿, reasons) are in planeval.domain.consultation.
"""
from __future__ import annotations

import dataclasses
import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record, audit_text
from planeval.core.errors import STALE_VERSION, ApplicationError, StaleVersionError
from planeval.domain import consultation as rules
from planeval.reports import builders
from planeval.reports import charts as report_charts
from planeval.reports import docx as report_docx
from planeval.surveys.services import rate_limit_consume

from .models import Answer, Comment, DraftVersion, Invitation, Round
from .selectors import current_stage, open_comment_count

TITLE_REQUIRED = "请填写征求意见的名称。"
DEADLINE_REQUIRED = "请填写反馈截止日期。"
UNIT_REQUIRED = "邀请部门须选择单位。"
FOREIGN_UNIT = "所选单位不属于本次评估工作的行政区划。"
NAME_REQUIRED = "请填写读者的姓名或单位名称。"
ALREADY_INVITED = "{unit}已在本轮征求意见的对象中。"
SECTIONS_REQUIRED = "请至少选择一个请读者阅读的章节。"
UNKNOWN_SECTION = "所选章节不在该版本报告中。"
NOT_ASKED = "您没有被邀请阅读该章节，不能对其提出意见。"
TEXT_REQUIRED = "请填写意见内容。"
TEXT_TOO_LONG = "意见内容请不超过2000字。"
CLOSED = "本轮征求意见已结束（报告已形成{stage}），不能再提出意见。"
ANSWERS_FROZEN = "报告已形成{stage}，意见答复不能再修改。"
UNCHANGED = "答复内容没有变化，无需保存。"
VERSION_STALE = "报告版本已被{who}于{when}更新（现为第{number}版），请刷新页面后再操作。"
MAX_TEXT = 2000
TOKEN_BYTES = 32   # 256 bits: a personal link cannot be guessed


def _who(user) -> str:
    return (user.full_name or user.username) if user is not None else "他人"


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%m月%d日%H:%M") if moment else "刚才"


def _check_latest(campaign, expected_number: int) -> DraftVersion | None:
    # Lock the campaign's versions: two DRC users promoting at once must not both succeed.
    latest = DraftVersion.objects.select_for_update().filter(campaign=campaign).order_by("-number").first()
    current = latest.number if latest else 0
    if expected_number != current:
        raise StaleVersionError(VERSION_STALE.format(who=_who(latest.created_by), when=_when(latest.created_at),
                                                     number=current))
    return latest


def _snapshot(campaign, *, stage: rules.Stage):
    """The compiled report as it stands now: its sections as text and its .docx."""
    report = builders.midterm_report(campaign)
    title = report.title.replace("（初稿）", "") + f"（{rules.STAGE_LABELS[stage]}）"
    report = dataclasses.replace(report, title=title)
    images = {chart.title: report_charts.chart_png(chart) for chart in report.charts}
    sections = [{"key": str(index), "title": s.title, "level": s.level, "paragraphs": list(s.paragraphs)}
                for index, s in enumerate(report.sections, start=1)]
    return title, sections, report_docx.midterm_report_docx(report, images)


def _new_version(campaign, *, user, stage: rules.Stage, number: int, note: str, is_sample: bool) -> DraftVersion:
    title, sections, content = _snapshot(campaign, stage=stage)
    return DraftVersion.objects.create(campaign=campaign, number=number, stage=stage, title=title, sections=sections,
                                       docx=content, note=note.strip()[:300], created_by=user,
                                       created_at=timezone.now(), is_sample=is_sample)


@transaction.atomic
def version_record(*, campaign, user, expected_number: int, note: str = "", is_sample: bool = False) -> DraftVersion:
    """Keep the report as it stands now as a new version of the current stage (初稿 when none yet)."""
    latest = _check_latest(campaign, expected_number)
    stage = rules.Stage(latest.stage) if latest else rules.Stage.DRAFT
    version = _new_version(campaign, user=user, stage=stage, number=expected_number + 1, note=note,
                           is_sample=is_sample)
    audit_record(action=AuditAction.TRANSITION, user=user, target=version,
                 detail={"step": "record", "stage": stage.value, "number": version.number})
    return version


@transaction.atomic
def version_promote(*, campaign, user, expected_number: int, note: str = "", is_sample: bool = False) -> DraftVersion:
    """Move the draft to the next stage: a new kept version; refused towards 送审稿 while comments are open."""
    latest = _check_latest(campaign, expected_number)
    if latest is None:
        return version_record(campaign=campaign, user=user, expected_number=0, note=note, is_sample=is_sample)
    try:
        stage = rules.next_stage(rules.Stage(latest.stage), open_comments=open_comment_count(campaign))
    except rules.ConsultationError as refused:
        raise ApplicationError(refused.message) from refused
    version = _new_version(campaign, user=user, stage=stage, number=latest.number + 1, note=note,
                           is_sample=is_sample)
    audit_record(action=AuditAction.TRANSITION, user=user, target=version,
                 detail={"step": "promote", "from": latest.stage, "to": stage.value, "number": version.number})
    return version


@transaction.atomic
def round_open(*, version: DraftVersion, user, title: str, deadline: datetime.date | None,
               is_sample: bool = False) -> Round:
    """A consultation round on a 初稿 or 征求意见稿 (readers are invited next)."""
    try:
        rules.assert_consultable(rules.Stage(version.stage))
        rules.assert_consultable(current_stage(version.campaign))
    except rules.ConsultationError as refused:
        raise ApplicationError(refused.message) from refused
    if not (title or "").strip():
        raise ApplicationError(TITLE_REQUIRED)
    if deadline is None:
        raise ApplicationError(DEADLINE_REQUIRED)
    round_ = Round.objects.create(campaign=version.campaign, draft=version, title=title.strip()[:120],
                                  deadline=deadline, created_by=user, created_at=timezone.now(), is_sample=is_sample)
    audit_record(action=AuditAction.TRANSITION, user=user, target=round_,
                 detail={"step": "open", "version": version.number, "deadline": deadline.isoformat()})
    return round_


@transaction.atomic
def invitation_add(*, round_: Round, user, kind: str, sections: list[str], unit=None, name: str = "",
                   affiliation: str = "", deadline: datetime.date | None = None,
                   is_sample: bool = False) -> Invitation:
    """Invite one reader: a department (its users read with their login) or an outsider (a personal link)."""
    try:
        kind = rules.ReaderKind(kind)
    except ValueError:
        raise ApplicationError(NAME_REQUIRED) from None
    try:
        rules.assert_consultable(current_stage(round_.campaign))
    except rules.ConsultationError as refused:
        raise ApplicationError(refused.message) from refused
    if kind is rules.ReaderKind.DEPARTMENT:
        if unit is None:
            raise ApplicationError(UNIT_REQUIRED)
        if unit.jurisdiction_id != round_.campaign.jurisdiction_id:
            raise ApplicationError(FOREIGN_UNIT)
        if Invitation.objects.filter(round=round_, unit=unit).exists():
            raise ApplicationError(ALREADY_INVITED.format(unit=unit.name))
        name = unit.name
    else:
        unit = None
        if not (name or "").strip():
            raise ApplicationError(NAME_REQUIRED)
    keys = list(dict.fromkeys(str(k) for k in sections if str(k).strip()))
    if not keys:
        raise ApplicationError(SECTIONS_REQUIRED)
    if set(keys) - set(round_.draft.section_titles()):
        raise ApplicationError(UNKNOWN_SECTION)
    invitation = Invitation.objects.create(
        round=round_, kind=kind, unit=unit, name=name.strip()[:100], affiliation=(affiliation or "").strip()[:200],
        token=None if unit is not None else secrets.token_urlsafe(TOKEN_BYTES), sections=keys,
        deadline=deadline or round_.deadline, invited_by=user, invited_at=timezone.now(), is_sample=is_sample)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=invitation,
                 detail={"step": "invite", "round": round_.pk, "kind": kind.value, "sections": keys})
    return invitation


def _assert_open(invitation: Invitation) -> None:
    stage = current_stage(invitation.round.campaign)
    if stage not in rules.CONSULTABLE:
        raise ApplicationError(CLOSED.format(stage=rules.STAGE_LABELS[stage]))


def _reader_name(invitation: Invitation, user) -> str:
    return user.get_username() if user is not None else f"征求意见链接：{invitation.name}"[:150]


@transaction.atomic
def comment_post(*, invitation: Invitation, section_key: str, text: str, quote: str = "", user=None,
                 address: str | None = None, is_sample: bool = False) -> Comment:
    """A reader's comment on one section they were asked to read.

    ``user`` is the department user; an outside reader posts through the personal link with
    ``address`` given, which is rate-limited (the count is undone with the transaction on refusal).
    """
    invitation = Invitation.objects.select_for_update().select_related("round__campaign", "round__draft").get(
        pk=invitation.pk)
    _assert_open(invitation)
    if section_key not in invitation.sections:
        raise ApplicationError(NOT_ASKED)
    text, quote = (text or "").strip(), (quote or "").strip()
    if not text:
        raise ApplicationError(TEXT_REQUIRED)
    if len(text) > MAX_TEXT or len(quote) > MAX_TEXT:
        raise ApplicationError(TEXT_TOO_LONG)
    if address is not None:
        rate_limit_consume(scope="consultation", address=address, limit=settings.CONSULTATION_RATE_LIMIT,
                           window_seconds=settings.SURVEY_RATE_WINDOW_MINUTES * 60)
    now = timezone.now()
    comment = Comment.objects.create(
        invitation=invitation, section_key=section_key,
        section_title=invitation.round.draft.section_titles()[section_key], quote=quote, text=text, author=user,
        created_at=now, is_sample=is_sample)
    invitation.answered_at = invitation.answered_at or now
    invitation.no_comment = False
    invitation.save(update_fields=["answered_at", "no_comment"])
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=comment, username=_reader_name(invitation, user),
                 detail={"step": "comment", "invitation": invitation.pk, "section": section_key,
                         "text": audit_text(text)})
    return comment


@transaction.atomic
def invitation_no_comment(*, invitation: Invitation, user=None) -> Invitation:
    """The reader has read the sections and has no comment (counts as having answered)."""
    invitation = Invitation.objects.select_for_update().select_related("round__campaign").get(pk=invitation.pk)
    _assert_open(invitation)
    if invitation.comments.exists() or invitation.no_comment:
        return invitation
    invitation.no_comment, invitation.answered_at = True, timezone.now()
    invitation.save(update_fields=["answered_at", "no_comment"])
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=invitation,
                 username=_reader_name(invitation, user), detail={"step": "no_comment"})
    return invitation


@transaction.atomic
def comment_answer(*, comment: Comment, user, decision: str, reason: str, expected_version: int) -> Comment:
    """The DRC's 采纳 / 部分采纳 / 不采纳 with its reason; a changed answer keeps the earlier one on record."""
    # Lock the comment row only: PostgreSQL cannot lock the nullable side of the join to answered_by.
    comment = (Comment.objects.select_for_update(of=("self",))
               .select_related("invitation__round__campaign", "answered_by").get(pk=comment.pk))
    if expected_version != comment.version:
        raise StaleVersionError(STALE_VERSION.format(who=_who(comment.answered_by), when=_when(comment.answered_at)))
    stage = current_stage(comment.invitation.round.campaign)
    if stage not in rules.CONSULTABLE:
        raise ApplicationError(ANSWERS_FROZEN.format(stage=rules.STAGE_LABELS[stage]))
    try:
        decision, reason = rules.checked_answer(decision, reason)
    except rules.ConsultationError as refused:
        raise ApplicationError(refused.message) from refused
    if comment.decision == decision and comment.reason == reason:
        raise ApplicationError(UNCHANGED)
    old = {"decision": comment.decision, "reason": audit_text(comment.reason)}
    now = timezone.now()
    comment.decision, comment.reason, comment.answered_by, comment.answered_at = decision, reason, user, now
    comment.version += 1
    comment.save(update_fields=["decision", "reason", "answered_by", "answered_at", "version"])
    Answer.objects.create(comment=comment, decision=decision, reason=reason, answered_by=user, answered_at=now)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=comment,
                 detail={"step": "answer", "old": old, "new": {"decision": decision.value,
                                                              "reason": audit_text(reason)}})
    return comment
