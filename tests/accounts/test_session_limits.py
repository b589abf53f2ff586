"""Session limits (等保 8.1.4.1 b 登录连接超时自动退出; ASVS 3.3.2, 3.2.1, 3.4.1–3.4.3): idle timeout,
absolute limit, a new session at login, and the cookie's flags."""
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.test import Client
from django.utils import timezone

from planeval.accounts.gates import LAST_SEEN_AT, LOGGED_IN_AT
from planeval.accounts.views import SESSION_EXPIRED
from planeval.audit.actions import Action

from .identity import events, login

ROOT = Path(__file__).resolve().parents[2]


def logged_in(account, username="sunba") -> Client:
    account(username)
    client = Client()
    assert login(client, username).wsgi_request.user.is_authenticated
    return client


def shift(client: Client, **ago: timedelta) -> None:
    """Move the session's stored times into the past, as if that much time had gone by."""
    session = client.session
    now = timezone.now()
    for key, delta in ago.items():
        session[{"logged_in": LOGGED_IN_AT, "last_seen": LAST_SEEN_AT}[key]] = (now - delta).timestamp()
    session.save()


def test_thirty_idle_minutes_end_the_session(account):
    client = logged_in(account)
    shift(client, last_seen=timedelta(minutes=30, seconds=5))
    response = client.get("/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/?next=/")
    assert not response.wsgi_request.user.is_authenticated
    assert SESSION_EXPIRED in response.content.decode()
    assert client.get("/").status_code == 302  # still out: the session was ended, not skipped
    [event] = events(Action.SESSION_EXPIRED, username="sunba")
    assert event.detail == {"reason": "idle"}


def test_activity_keeps_the_session_alive(account):
    client = logged_in(account)
    shift(client, last_seen=timedelta(minutes=29))
    assert client.get("/").status_code == 200
    # The request moved the last activity to now: another 29 minutes later it still works.
    seen = client.session[LAST_SEEN_AT]
    assert timezone.now().timestamp() - seen < 5
    assert client.get("/").status_code == 200


def test_last_activity_is_written_at_most_once_a_minute(account):
    client = logged_in(account)
    shift(client, last_seen=timedelta(seconds=20))
    before = client.session[LAST_SEEN_AT]
    client.get("/")
    assert client.session[LAST_SEEN_AT] == before


def test_eight_hours_end_the_session_however_active(account):
    client = logged_in(account)
    shift(client, logged_in=timedelta(hours=8, seconds=1), last_seen=timedelta(seconds=10))
    response = client.get("/", follow=True)
    assert not response.wsgi_request.user.is_authenticated and SESSION_EXPIRED in response.content.decode()
    assert events(Action.SESSION_EXPIRED, username="sunba")[0].detail == {"reason": "absolute"}


def test_the_limits_come_from_the_settings(account, settings):
    settings.IDLE_TIMEOUT_MINUTES = 5
    client = logged_in(account)
    shift(client, last_seen=timedelta(minutes=6))
    assert client.get("/").status_code == 302


def test_login_issues_a_new_session_key(account):
    account("sunba")
    client = Client()
    client.get("/accounts/login/")
    session = client.session
    session["before_login"] = True
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    login(client, "sunba")
    assert client.cookies["sessionid"].value != before
    assert client.get("/").wsgi_request.user.username == "sunba"


def test_the_session_cookie_is_http_only_and_same_site_lax(account):
    account("sunba")
    client = Client()
    response = client.post("/accounts/login/", {"username": "sunba", "password": "Putuo-Plan-2026!"})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 8 * 3600


def test_production_sends_the_session_cookie_only_over_https():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PLANEVAL_") and k != "DATABASE_URL"}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings.base", PLANEVAL_VAR_DIR=str(ROOT / "var"),
                 PLANEVAL_ENV="production", PLANEVAL_SECRET_KEY="x" * 60,
                 PLANEVAL_ALLOWED_HOSTS="plan.example.gov.cn")
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
            "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_AGE, s.IDLE_TIMEOUT_MINUTES)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "Lax", "True", "28800", "30"]
