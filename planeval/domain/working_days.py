"""Working days (工作日) on the mainland-China official calendar.

Deadlines in the seeds are written in working days ("15个工作日内"): weekends and
statutory holidays do not count, make-up workdays (调休上班的周六、周日) do. The
holiday table comes from the ``chinesecalendar`` package, which covers only the
years the State Council has published; a date outside them raises
:class:`CalendarNotCovered` so that no screen shows a deadline computed on a guess.
"""
from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


class CalendarNotCovered(ValueError):
    """The holiday calendar has no data for the year; str() is a Chinese message."""

    def __init__(self, year: int) -> None:
        self.year = year
        low, high = covered_years()
        super().__init__(
            f"节假日日历未包含{year}年（当前仅收录{low}—{high}年），无法按工作日计算期限；"
            f"请在国务院办公厅公布该年放假安排后升级 chinesecalendar"
        )


def covered_years() -> tuple[int, int]:
    """First and last year the installed calendar knows."""
    years = [day.year for day in chinese_calendar.holidays]
    return min(years), max(years)


def _check(day: date) -> None:
    low, high = covered_years()
    if not low <= day.year <= high:
        raise CalendarNotCovered(day.year)


def is_working_day(day: date) -> bool:
    """Weekends and statutory holidays off, make-up workdays (调休) on."""
    _check(day)
    return chinese_calendar.is_workday(day)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (``start`` itself is not counted).

    ``n == 0`` returns ``start`` unchanged; a negative ``n`` counts backwards
    (the |n|-th working day before ``start``), which reminders use to find the
    day "3 working days before the deadline".
    """
    if n == 0:
        _check(start)
        return start
    step = timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    day = start
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start)
    _check(start)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def deadline_due(*, due_on: date | None, working_days_after: int | None, event_on: date | None) -> date | None:
    """The date a deadline falls on: its own date, or N working days after the event's date.

    None while the event has not happened (no date yet); raises CalendarNotCovered when
    the count runs into a year the calendar does not cover.
    """
    if due_on is not None:
        return due_on
    if working_days_after and event_on is not None:
        return add_working_days(event_on, working_days_after)
    return None
