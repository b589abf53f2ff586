"""What reminders are about, and when they are due — no Django.

Every app that sets deadlines exposes ``selectors.due_items(campaign)`` returning
:class:`DueItem` values; the reminders app collects them and decides, with
:func:`reminder_kind`, whether a given day calls for a reminder.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planeval.domain.working_days import is_working_day, working_days_between


@dataclass(frozen=True)
class DueItem:
    key: str  # stable id, e.g. "topic:12" — reminders are sent once per (key, recipient, kind, day)
    title: str  # Chinese, e.g. "专题评估《优化营商环境》报告报送"
    due_on: date
    unit_ids: tuple[int, ...] = ()  # units whose users (填报人/单位负责人) are reminded
    user_ids: tuple[int, ...] = ()  # individual users reminded
    url: str = ""  # where the work is done
    done: bool = False  # finished items are never reminded


class ReminderKind(StrEnum):
    UPCOMING = "upcoming"  # N working days or fewer before the due date
    OVERDUE = "overdue"  # past the due date, not done


REMINDER_KIND_LABELS = {ReminderKind.UPCOMING: "即将到期", ReminderKind.OVERDUE: "已逾期"}


def reminder_kind(item: DueItem, today: date, days_before: int) -> ReminderKind | None:
    """Which reminder, if any, ``today`` calls for.

    Reminders go out on working days only (nobody reads them on a holiday and
    the next working day sends them anyway). An open item gets one "upcoming"
    reminder on each working day from ``days_before`` working days before the
    due date up to the due date, and one "overdue" reminder on each working day
    after it — at most one per working day, the log keeps re-runs idempotent.
    """
    if item.done or not is_working_day(today):
        return None
    if today > item.due_on:
        return ReminderKind.OVERDUE
    if working_days_between(today, item.due_on) <= days_before:
        return ReminderKind.UPCOMING
    return None


def reminder_text(item: DueItem, kind: ReminderKind, today: date) -> str:
    """One line a person reads in the inbox or the e-mail body."""
    due = f"{item.due_on.year}年{item.due_on.month}月{item.due_on.day}日"
    if kind is ReminderKind.OVERDUE:
        late = working_days_between(item.due_on, today)
        return f"{item.title}已于{due}到期，已逾期{late}个工作日，请尽快办理。"
    left = working_days_between(today, item.due_on)
    if left == 0:
        return f"{item.title}今天（{due}）到期，请及时办理。"
    return f"{item.title}将于{due}到期（还剩{left}个工作日），请及时办理。"
