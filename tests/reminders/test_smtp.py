"""Reminder e-mail through a real SMTP server on loopback (aiosmtpd)."""
import datetime
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from planeval.accounts.models import User
from planeval.reminders.models import ReminderLog
from planeval.reminders.services import reminders_send


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    with socket.socket() as probe:  # a free loopback port (aiosmtpd's readiness check cannot use port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.REMINDER_EMAIL = True
    settings.REMINDER_SITE_URL = "https://planeval.example.gov.cn"
    yield inbox
    controller.stop()


def test_reminders_are_mailed_with_a_chinese_subject_once(demo, smtp):
    User.objects.filter(username="kewei").update(email="kewei@example.gov.cn")
    result = reminders_send(day=datetime.date(2023, 5, 16))
    to_kewei = [m for rcpt, m in smtp.messages if rcpt == ["kewei@example.gov.cn"]]
    assert len(to_kewei) == 1
    message = to_kewei[0]
    assert message["Subject"].strip() == "【规划评估提醒】已逾期：区科委自评报告报送"
    body = message.get_content()
    assert "区科委自评报告报送已于2023年5月15日到期，已逾期1个工作日" in body
    assert "https://planeval.example.gov.cn/c/" in body
    assert result.emailed == len(smtp.messages)
    log = ReminderLog.objects.get(recipient__username="kewei", key__startswith="submission:")
    assert log.email == ReminderLog.Email.SENT
    reminders_send(day=datetime.date(2023, 5, 16))
    assert len([m for rcpt, m in smtp.messages if rcpt == ["kewei@example.gov.cn"]]) == 1


def test_users_without_an_address_still_get_the_in_app_reminder(demo, smtp):
    User.objects.filter(username="kewei").update(email="")
    reminders_send(day=datetime.date(2023, 5, 16))
    log = ReminderLog.objects.get(recipient__username="kewei", key__startswith="submission:")
    assert log.email == ReminderLog.Email.NO_ADDRESS and log.notification is not None


def test_an_unreachable_server_is_recorded_and_the_in_app_reminder_stays(demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # discard port: refused
    settings.REMINDER_EMAIL = True
    User.objects.filter(username="kewei").update(email="kewei@example.gov.cn")
    result = reminders_send(day=datetime.date(2023, 5, 16))
    log = ReminderLog.objects.get(recipient__username="kewei", key__startswith="submission:")
    assert log.email == ReminderLog.Email.FAILED and log.email_error
    assert result.email_failed >= 1 and log.notification.title == "区科委自评报告报送"
