"""Sending reminders and reading them.

``reminders_send`` is run once a working day by ``planeval send-reminders`` (a systemd timer).
Each (item, recipient, kind, day) is logged under a unique constraint, so a second run on the
same day — or two servers running it at once — sends nothing twice. E-mail is optional
(PLANEVAL_REMINDER_EMAIL and an SMTP host); a failed e-mail is recorded and never stops the
in-app reminder.
"""
from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.campaigns.models import Campaign
from planeval.core.errors import ApplicationError
from planeval.domain.reminders import REMINDER_KIND_LABELS, DueItem, ReminderKind, reminder_kind, reminder_text
from planeval.domain.working_days import CalendarNotCovered

from . import sources
from .models import Notification, ReminderLog

logger = logging.getLogger(__name__)

EMAIL_SUBJECT = "【规划评估提醒】{label}：{title}"
NOT_YOURS = "该提醒不存在或不属于您。"
UNIT_ROLES = (Role.FILLER, Role.UNIT_HEAD)


@dataclass
class SendResult:
    day: datetime.date
    notified: int = 0
    emailed: int = 0
    email_failed: int = 0
    already_sent: int = 0
    problems: list[str] = field(default_factory=list)  # Chinese: items that could not be judged


def email_enabled() -> bool:
    return bool(settings.REMINDER_EMAIL and settings.EMAIL_HOST)


def _recipients(item: DueItem) -> list[User]:
    ids = set(item.user_ids)
    if item.unit_ids:
        ids |= set(RoleAssignment.objects.filter(unit_id__in=item.unit_ids, role__in=UNIT_ROLES)
                   .values_list("user_id", flat=True))
    return list(User.objects.filter(id__in=ids, is_active=True).order_by("id"))


def _email(user: User, subject: str, body: str, url: str) -> tuple[str, str]:
    if not email_enabled():
        return ReminderLog.Email.OFF, ""
    if not user.email:
        return ReminderLog.Email.NO_ADDRESS, ""
    text = body + (f"\n\n办理地址：{url}" if url else "") + "\n\n（本邮件由规划实施监测评估平台自动发送，请勿直接回复。）"
    try:
        EmailMessage(subject=subject, body=text, to=[user.email]).send(fail_silently=False)
    except Exception as failure:  # noqa: BLE001 — any SMTP/network failure is recorded, the run goes on
        logger.warning("reminder e-mail to %s failed: %s", user.email, failure)
        return ReminderLog.Email.FAILED, str(failure)[:300]
    return ReminderLog.Email.SENT, ""


def _remind(*, campaign: Campaign, item: DueItem, kind: ReminderKind, user: User, day: datetime.date,
            result: SendResult) -> None:
    body = reminder_text(item, kind, day)
    now = timezone.now()
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(key=item.key, recipient=user, kind=kind.value, day=day, sent_at=now)
            log.notification = Notification.objects.create(
                recipient=user, campaign=campaign, key=item.key, kind=kind.value, title=item.title, body=body,
                url=item.url, due_on=item.due_on, created_at=now)
            log.save(update_fields=["notification"])
    except IntegrityError:
        result.already_sent += 1  # sent earlier today (or by a parallel run)
        return
    result.notified += 1
    subject = EMAIL_SUBJECT.format(label=REMINDER_KIND_LABELS[kind], title=item.title)
    status, error = _email(user, subject, body, _absolute(item.url))
    if status != ReminderLog.Email.OFF:
        ReminderLog.objects.filter(pk=log.pk).update(email=status, email_error=error)
    result.emailed += status == ReminderLog.Email.SENT
    result.email_failed += status == ReminderLog.Email.FAILED


def _absolute(url: str) -> str:
    base = getattr(settings, "REMINDER_SITE_URL", "")
    return f"{base.rstrip('/')}{url}" if base and url.startswith("/") else url


def reminders_send(*, day: datetime.date | None = None, days_before: int | None = None) -> SendResult:
    """Remind everyone whose open items are due soon or overdue on ``day`` (default today).

    Raises ApplicationError (Chinese) when the calendar does not cover ``day`` itself; an item
    whose due date lies in an uncovered year is listed in ``problems`` and skipped.
    """
    day = day or timezone.localdate()
    days_before = settings.REMINDER_DAYS_BEFORE if days_before is None else days_before
    result = SendResult(day=day)
    campaigns = Campaign.objects.exclude(status=Campaign.Status.CLOSED).select_related("jurisdiction").order_by("id")
    for campaign in campaigns:
        for item in sources.due_items(campaign):
            try:
                kind = reminder_kind(item, day, days_before)
            except CalendarNotCovered as uncovered:
                if uncovered.year == day.year:
                    raise ApplicationError(str(uncovered)) from uncovered
                result.problems.append(f"{item.title}：{uncovered}")
                continue
            if kind is None:
                continue
            for user in _recipients(item):
                _remind(campaign=campaign, item=item, kind=kind, user=user, day=day, result=result)
    return result


@transaction.atomic
def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of the user's own reminders read (the first reading time is kept)."""
    notification = Notification.objects.select_for_update().filter(pk=notification_id, recipient=user).first()
    if notification is None:
        raise ApplicationError(NOT_YOURS)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    """Mark every unread reminder of the user read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
