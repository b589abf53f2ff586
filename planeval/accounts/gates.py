"""Identity checks applied to every request (issue 9; 等保 8.1.4.1, ASVS V3.3 and V2.8).

SessionLimitMiddleware ends a session after PLANEVAL_IDLE_TIMEOUT_MINUTES without a request or
PLANEVAL_SESSION_MAX_HOURS after login, whatever the cookie says. AccountGateMiddleware then
holds a logged-in user on one page until a step is done, in this order: the second-factor code,
a password change (set by an administrator, or expired), enrolment in 双因素认证 when it is
required. Only that page and 退出 open until then; static files never reach this far.
"""
from __future__ import annotations

from datetime import datetime, timezone as dt_timezone
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp import user_has_device

from planeval.audit.actions import Action, Outcome
from planeval.audit.services import audit_record
from planeval.domain.passwords import session_end, session_needs_touch

LOGGED_IN_AT = "planeval_logged_in_at"
LAST_SEEN_AT = "planeval_last_seen_at"
OTP_REQUIRED = "planeval_otp_required"


def _read_time(session, key: str) -> datetime | None:
    value = session.get(key)
    return datetime.fromtimestamp(value, tz=dt_timezone.utc) if isinstance(value, (int, float)) else None


def sign_out(request) -> None:
    """End the session without the logout event: the caller records why it ended."""
    request.session.flush()
    request.user = AnonymousUser()


def session_otp_required(request, *, refresh: bool = False) -> bool:
    """Whether this session's user has a confirmed second factor, looked up once per session
    (and again after enrolling or disabling) rather than on every request."""
    if refresh or OTP_REQUIRED not in request.session:
        request.session[OTP_REQUIRED] = user_has_device(request.user, confirmed=True)
    return request.session[OTP_REQUIRED]


def session_start(sender, request, user, **kwargs) -> None:
    """Stamp a new login's session: when it began, when it was last used, whether it needs the
    second factor. Done at login so that ordinary requests neither query nor write for it."""
    if request is None or not hasattr(request, "session"):
        return
    now = timezone.now().timestamp()
    request.session[LOGGED_IN_AT] = request.session[LAST_SEEN_AT] = now
    request.session[OTP_REQUIRED] = user_has_device(user, confirmed=True)


class SessionLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = timezone.now()
            logged_in_at, last_seen_at = _read_time(session, LOGGED_IN_AT), _read_time(session, LAST_SEEN_AT)
            if logged_in_at is None or last_seen_at is None:
                # A session from before this control existed: its limits start now.
                session[LOGGED_IN_AT] = session[LAST_SEEN_AT] = now.timestamp()
            else:
                end = session_end(logged_in_at=logged_in_at, last_seen_at=last_seen_at, now=now,
                                  idle_minutes=settings.IDLE_TIMEOUT_MINUTES,
                                  max_hours=settings.SESSION_MAX_HOURS)
                if end is not None:
                    return self._expire(request, end)
                if session_needs_touch(last_seen_at=last_seen_at, now=now):
                    session[LAST_SEEN_AT] = now.timestamp()
        return self.get_response(request)

    def _expire(self, request, reason):
        user = request.user
        if user.is_authenticated:
            audit_record(action=Action.SESSION_EXPIRED, user=user, request=request, target=user,
                         outcome=Outcome.SUCCESS, detail={"reason": str(reason)})
        sign_out(request)
        from .views import SESSION_EXPIRED

        messages.warning(request, SESSION_EXPIRED)
        return redirect_to_login(request.get_full_path() if request.method == "GET" else "/")


# Pages a held user may still open, whatever the step (退出 in the shell and in the admin).
ALWAYS_OPEN = frozenset({"logout", "admin:logout"})


def _hold(request, view_name: str, step_page: str):
    if view_name in ALWAYS_OPEN or view_name == step_page:
        return None
    url = reverse(step_page)
    if request.method == "GET":
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    return redirect(url)


class AccountGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if SESSION_KEY not in request.session or not request.user.is_authenticated:
            return None
        from .access import totp_required
        from .services import password_change_due

        user = request.user
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if session_otp_required(request) and not user.is_verified():
            return _hold(request, view_name, "accounts:otp_verify")
        if password_change_due(user):
            return _hold(request, view_name, "accounts:password_change")
        if totp_required(user) and not session_otp_required(request):
            if view_name != "accounts:two_factor":
                from .views import TOTP_REQUIRED

                messages.warning(request, TOTP_REQUIRED)
            return _hold(request, view_name, "accounts:two_factor")
        return None
