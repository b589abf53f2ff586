"""Reminders from the units' deadline: who gets them, when, and never twice a day."""
import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign, Deadline
from planeval.core.errors import ApplicationError
from planeval.reminders.models import Notification, ReminderLog
from planeval.reminders.services import NOT_YOURS, notification_mark_read, reminders_send
from planeval.submissions.models import Submission

TITLE = "区科委自评报告报送"  # Putuo's units' deadline is 2023-05-15 (a Monday)


def kewei_notes():
    return Notification.objects.filter(recipient__username="kewei", title=TITLE)


def test_three_working_days_before_the_deadline_the_filler_is_reminded_once(demo):
    assert not kewei_notes().exists()
    first = reminders_send(day=datetime.date(2023, 5, 10))
    assert first.notified > 0
    note = kewei_notes().get()
    assert note.kind == "upcoming"
    assert note.body == "区科委自评报告报送将于2023年5月15日到期（还剩3个工作日），请及时办理。"
    assert note.url == reverse("submissions:my_work", args=[note.campaign_id])
    again = reminders_send(day=datetime.date(2023, 5, 10))
    assert again.notified == 0 and again.already_sent == first.notified
    assert kewei_notes().count() == 1
    assert ReminderLog.objects.filter(recipient__username="kewei", key__startswith="submission:",
                                      day=datetime.date(2023, 5, 10)).count() == 1


def test_no_reminder_earlier_or_on_a_holiday_and_one_per_working_day_when_overdue(demo):
    reminders_send(day=datetime.date(2023, 5, 8))        # 5 working days before
    reminders_send(day=datetime.date(2023, 5, 20))       # Saturday
    assert not kewei_notes().exists()
    reminders_send(day=datetime.date(2023, 5, 16))
    reminders_send(day=datetime.date(2023, 5, 16))
    reminders_send(day=datetime.date(2023, 5, 17))
    overdue = kewei_notes().filter(kind="overdue").order_by("created_at", "id")
    assert overdue.count() == 2
    assert "已逾期1个工作日" in overdue[0].body and "已逾期2个工作日" in overdue[1].body


def test_a_submitted_report_is_no_longer_reminded(demo):
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    from planeval.organizations.models import Unit
    from planeval.submissions.services import submission_get_or_create

    submission = submission_get_or_create(campaign=campaign, unit=Unit.objects.get(
        jurisdiction=campaign.jurisdiction, name="区科委"))
    Submission.objects.filter(pk=submission.pk).update(state="submitted")
    reminders_send(day=datetime.date(2023, 5, 16))
    assert not kewei_notes().exists()


def test_the_drc_is_not_reminded_of_units_reports(demo):
    reminders_send(day=datetime.date(2023, 5, 16))
    assert not Notification.objects.filter(recipient__username="fgw", title=TITLE).exists()


def test_a_day_outside_the_calendar_is_refused_and_sends_nothing(demo):
    with pytest.raises(ApplicationError) as refused:
        reminders_send(day=datetime.date(2027, 3, 1))
    assert "节假日日历未包含2027年" in refused.value.message
    assert not Notification.objects.exists()


def test_the_command_reports_what_it_sent(demo, capsys):
    call_command("send-reminders", "--date", "2023-05-10")
    out = capsys.readouterr().out
    assert out.startswith("2023-05-10：站内提醒") and "邮件已发送0封" in out
    call_command("send-reminders", "--date", "2023-05-10")
    assert "站内提醒0条" in capsys.readouterr().out


def test_the_inbox_bell_and_mark_read(as_user):
    reminders_send(day=datetime.date(2023, 5, 10))
    client = as_user("kewei")
    unread = Notification.objects.filter(recipient__username="kewei", read_at__isnull=True).count()
    home = client.get("/").content.decode()
    assert f"我的提醒（{unread}条未读）" in home
    page = client.get(reverse("reminders:inbox")).content.decode()
    assert TITLE in page and "还剩3个工作日" in page
    note = kewei_notes().get()
    response = client.post(reverse("reminders:read", args=[note.id]), {"next": "open"})
    assert response.status_code == 302 and response.url == note.url
    note.refresh_from_db()
    assert note.read_at is not None
    assert f"我的提醒（{unread - 1}条未读）" in client.get("/").content.decode()
    client.post(reverse("reminders:read_all"))
    assert "我的提醒（0条未读）" in client.get("/").content.decode()


def test_nobody_reads_or_marks_another_users_reminder(as_user):
    reminders_send(day=datetime.date(2023, 5, 10))
    note = kewei_notes().get()
    assert as_user("fgw").post(reverse("reminders:read", args=[note.id])).status_code == 404
    assert TITLE not in as_user("fgw").get(reverse("reminders:inbox")).content.decode()
    with pytest.raises(ApplicationError, match=NOT_YOURS):
        notification_mark_read(user=User.objects.get(username="fgw"), notification_id=note.id)
    note.refresh_from_db()
    assert note.read_at is None


def test_computed_deadlines_are_shown_with_the_working_day_note(as_user):
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    Deadline.objects.create(campaign=campaign, name="评估报告抄报市发展改革委", working_days_after=15,
                            after_event="报审", event_on=datetime.date(2024, 9, 25))
    page = as_user("fgw").get("/").content.decode()
    assert "截止 2024年10月21日" in page and "（按工作日计算，已剔除节假日）" in page


def test_a_deadline_in_an_uncovered_year_shows_the_calendar_message(as_user):
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    Deadline.objects.create(campaign=campaign, name="评估报告抄报市发展改革委", working_days_after=15,
                            after_event="报审", event_on=datetime.date(2026, 12, 20))
    page = as_user("fgw").get("/").content.decode()
    assert "节假日日历未包含2027年" in page
    Deadline.objects.filter(name="评估报告抄报市发展改革委").update(event_on=None)
    assert "起算事件“报审”尚未登记发生日期，截止日期待定" in as_user("fgw").get("/").content.decode()


def test_the_drc_records_the_events_date_and_the_settings_page_shows_the_computed_deadline(as_user):
    from planeval.campaigns.services import campaign_schedule_save

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    deadlines = [{"name": d.name, "due_on": d.due_on, "working_days_after": d.working_days_after,
                  "after_event": d.after_event, "event_on": d.event_on} for d in campaign.deadlines.all()]
    deadlines.append({"name": "评估报告抄报市发展改革委", "due_on": None, "working_days_after": 15,
                      "after_event": "报审", "event_on": datetime.date(2024, 2, 1)})
    phases = [{f: getattr(p, f) for f in ("stage", "name", "starts_on", "ends_on", "work", "responsible")}
              for p in campaign.phases.all()]
    campaign_schedule_save(campaign=campaign, user=User.objects.get(username="fgw"), is_drc=True,
                           phases=phases, deadlines=deadlines)
    assert campaign.deadlines.get(name="评估报告抄报市发展改革委").event_on == datetime.date(2024, 2, 1)
    assert "2024-02-01" in campaign.revisions.filter(setting="deadlines").first().new_value
    page = as_user("fgw").get(reverse("campaigns:settings", args=[campaign.id])).content.decode()
    # 15 working days after 1 Feb 2024 run across the Spring Festival (10–17 Feb off, 4 and 18 Feb worked).
    assert "截止 2024年2月27日" in page and "（按工作日计算，已剔除节假日）" in page
