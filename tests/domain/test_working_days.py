"""Working days on the official calendar: holidays off, make-up workdays (调休) on."""
from datetime import date

import pytest

from planeval.domain.reminders import DueItem, ReminderKind, reminder_kind, reminder_text
from planeval.domain.working_days import (
    CalendarNotCovered,
    add_working_days,
    deadline_due,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(("day", "working"), [
    (date(2024, 2, 4), True),     # Sunday, make-up workday before the Spring Festival
    (date(2024, 2, 9), True),     # 除夕 2024 was a working day; the holiday is 10–17 Feb
    (date(2024, 2, 10), False),   # 春节
    (date(2024, 2, 14), False),   # a Wednesday inside the holiday
    (date(2024, 2, 17), False),   # last day of the holiday
    (date(2024, 2, 18), True),    # Sunday, make-up workday after it
    (date(2024, 9, 29), True),    # Sunday, make-up workday before National Day
    (date(2024, 10, 1), False),
    (date(2024, 10, 7), False),
    (date(2024, 10, 8), True),
    (date(2024, 10, 12), True),   # Saturday, make-up workday
    (date(2024, 10, 13), False),  # an ordinary Sunday
    (date(2023, 5, 15), True),    # an ordinary Monday
])
def test_holidays_and_make_up_days(day, working):
    assert is_working_day(day) is working


def test_counting_across_the_spring_festival():
    # Friday 9 Feb 2024: the next working day is the make-up Sunday 18 Feb, not Monday 19.
    assert add_working_days(date(2024, 2, 9), 1) == date(2024, 2, 18)
    assert add_working_days(date(2024, 2, 9), 2) == date(2024, 2, 19)
    # Saturday 3 Feb: Sunday 4 Feb is a make-up workday.
    assert add_working_days(date(2024, 2, 3), 1) == date(2024, 2, 4)
    # Rongshui's 15 working days after 报审 on 1 Feb 2024 stretch past the holiday:
    # 2,4,5,6,7,8,9 (7) + 18,19,20,21,22,23,26,27 (15).
    assert add_working_days(date(2024, 2, 1), 15) == date(2024, 2, 27)
    assert working_days_between(date(2024, 2, 1), date(2024, 2, 27)) == 15


def test_counting_across_national_day():
    assert add_working_days(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert add_working_days(date(2024, 9, 29), 1) == date(2024, 9, 30)
    assert add_working_days(date(2024, 9, 30), 1) == date(2024, 10, 8)
    # 15 working days after 25 Sep: 26,27,29,30, 8,9,10,11,12(Sat),14,15,16,17,18,21.
    assert add_working_days(date(2024, 9, 25), 15) == date(2024, 10, 21)
    assert working_days_between(date(2024, 9, 25), date(2024, 10, 21)) == 15


def test_counting_backwards_and_zero():
    assert add_working_days(date(2024, 2, 19), -2) == date(2024, 2, 9)
    assert add_working_days(date(2024, 2, 19), 0) == date(2024, 2, 19)
    assert working_days_between(date(2024, 2, 19), date(2024, 2, 9)) == -2


def test_a_year_outside_the_calendar_is_refused_in_chinese():
    with pytest.raises(CalendarNotCovered) as refused:
        add_working_days(date(2026, 12, 20), 15)
    assert refused.value.year == 2027
    assert "节假日日历未包含2027年" in str(refused.value)
    with pytest.raises(CalendarNotCovered):
        is_working_day(date(2003, 6, 2))


def test_a_deadline_falls_on_its_date_or_n_working_days_after_the_event():
    assert deadline_due(due_on=date(2023, 5, 15), working_days_after=None, event_on=None) == date(2023, 5, 15)
    assert deadline_due(due_on=None, working_days_after=15, event_on=None) is None
    assert deadline_due(due_on=None, working_days_after=15, event_on=date(2024, 9, 25)) == date(2024, 10, 21)


def _item(due, done=False):
    return DueItem(key="x:1", title="区科委自评报告报送", due_on=due, done=done)


@pytest.mark.parametrize(("today", "kind"), [
    (date(2023, 5, 8), None),                     # 5 working days before
    (date(2023, 5, 10), ReminderKind.UPCOMING),   # 3 working days before (11, 12, 15)
    (date(2023, 5, 15), ReminderKind.UPCOMING),   # the due day itself
    (date(2023, 5, 16), ReminderKind.OVERDUE),
    (date(2023, 5, 20), None),                    # a Saturday: nobody is reminded
])
def test_when_a_reminder_is_due(today, kind):
    assert reminder_kind(_item(date(2023, 5, 15)), today, 3) == kind


def test_finished_items_are_never_reminded():
    assert reminder_kind(_item(date(2023, 5, 15), done=True), date(2023, 5, 16), 3) is None


def test_reminder_text_counts_working_days():
    assert reminder_text(_item(date(2023, 5, 15)), ReminderKind.UPCOMING, date(2023, 5, 10)) == (
        "区科委自评报告报送将于2023年5月15日到期（还剩3个工作日），请及时办理。")
    assert "已逾期2个工作日" in reminder_text(_item(date(2023, 5, 15)), ReminderKind.OVERDUE, date(2023, 5, 17))
