"""Lockout after repeated failures (等保 8.1.4.1 b 登录失败处理; ASVS 2.2.1), per account and per
address, with one reply whether or not the account exists (ASVS 2.2.x, no enumeration)."""
import re
from datetime import timedelta

from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from planeval.accounts.views import LOGIN_FAILED, lockout_message
from planeval.audit.actions import Action

from .identity import PASSWORD, events, login


def fail(username: str, times: int, address: str = "10.1.1.1"):
    return [login(Client(), username, "wrong-password-1", address=address) for _ in range(times)]


def visible_text(response) -> str:
    """The page as the user reads it: tags, the CSRF token and the typed name removed."""
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", response.content.decode())
    return re.sub(r'value="[^"]*"', "", html)


def test_four_failures_are_answered_alike_and_the_fifth_locks(account):
    account("qianqi")
    replies = fail("qianqi", 5)
    for reply in replies[:4]:
        assert reply.status_code == 200 and LOGIN_FAILED in reply.content.decode()
    assert replies[4].status_code == 429
    assert lockout_message() in replies[4].content.decode()
    assert "15 分钟" in lockout_message()


def test_a_locked_account_refuses_even_the_right_password(account):
    account("qianqi")
    fail("qianqi", 5)
    response = login(Client(), "qianqi", PASSWORD, address="10.9.9.9")
    assert response.status_code == 429 and not response.wsgi_request.user.is_authenticated
    assert lockout_message() in response.content.decode()
    assert events(Action.LOCKOUT, username="qianqi")


def test_an_unknown_name_gets_exactly_the_same_replies(account):
    account("qianqi")
    known = fail("qianqi", 6, address="10.1.1.1")
    unknown = fail("nobody-here", 6, address="10.2.2.2")
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [200] * 4 + [429] * 2
    for ours, theirs in zip(known, unknown):
        assert visible_text(ours) == visible_text(theirs)


def test_one_address_is_locked_after_failures_on_several_accounts(account):
    account("qianqi")
    for name in ("a1", "a2", "a3", "a4", "a5"):
        fail(name, 1, address="10.3.3.3")
    blocked = login(Client(), "qianqi", PASSWORD, address="10.3.3.3")
    assert blocked.status_code == 429 and not blocked.wsgi_request.user.is_authenticated
    allowed = login(Client(), "qianqi", PASSWORD, address="10.4.4.4")
    assert allowed.wsgi_request.user.username == "qianqi"


def test_one_account_is_locked_after_failures_from_several_addresses(account):
    account("qianqi")
    for n in range(5):
        fail("qianqi", 1, address=f"10.5.5.{n}")
    assert login(Client(), "qianqi", PASSWORD, address="10.6.6.6").status_code == 429


def test_the_lock_ends_after_the_cool_off(account):
    account("qianqi")
    fail("qianqi", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(Client(), "qianqi", PASSWORD).wsgi_request.user.username == "qianqi"


def test_the_security_administrator_unlocks_with_axes_reset_username(account):
    account("qianqi")
    fail("qianqi", 5)
    call_command("axes_reset_username", "qianqi")
    assert login(Client(), "qianqi", PASSWORD, address="10.7.7.7").wsgi_request.user.username == "qianqi"


def test_failures_are_recorded_in_the_audit_log(account):
    account("qianqi")
    fail("qianqi", 2)
    assert len(events(Action.LOGIN_FAILED, username="qianqi")) == 2


def test_the_limits_come_from_the_settings(account, settings):
    settings.AXES_FAILURE_LIMIT = 3
    account("qianqi")
    assert [r.status_code for r in fail("qianqi", 3)] == [200, 200, 429]


def test_the_security_administrator_unlocks_in_the_admin(account):
    from django.urls import reverse

    from tests.conftest import client_for

    account("qianqi")
    fail("qianqi", 5)
    security = client_for("security")
    listing = security.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and "qianqi" in listing.content.decode()
    for attempt in AccessAttempt.objects.filter(username="qianqi"):
        response = security.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
        assert response.status_code == 302
    assert login(Client(), "qianqi", PASSWORD, address="10.7.7.7").wsgi_request.user.username == "qianqi"
