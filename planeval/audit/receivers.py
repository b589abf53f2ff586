"""Authentication events, which Django and django-axes report only through signals."""
from __future__ import annotations

from django.apps import apps
from django.contrib.auth import signals as auth_signals

from planeval.audit.actions import Action, Outcome


def _login(sender, request, user, **kwargs) -> None:
    from planeval.audit.services import audit_record

    audit_record(action=Action.LOGIN, user=user, request=request, target=user)


def _logout(sender, request, user, **kwargs) -> None:
    from planeval.audit.services import audit_record

    if user is None:  # logging out without being logged in
        return
    audit_record(action=Action.LOGOUT, user=user, request=request, target=user)


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    from planeval.audit.services import audit_record

    # Django has already replaced the password in ``credentials`` with asterisks; only the
    # attempted username is kept, whether or not such an account exists.
    attempted = str(credentials.get("username", ""))
    audit_record(action=Action.LOGIN_FAILED, request=request, username=attempted,
                 outcome=Outcome.FAILURE, user=None)


def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    from planeval.audit.services import audit_record

    audit_record(action=Action.LOCKOUT, request=request, username=str(username or ""),
                 outcome=Outcome.DENIED, user=None, detail={"address": ip_address})


def connect() -> None:
    auth_signals.user_logged_in.connect(_login, dispatch_uid="planeval.audit.login")
    auth_signals.user_logged_out.connect(_logout, dispatch_uid="planeval.audit.logout")
    auth_signals.user_login_failed.connect(_login_failed, dispatch_uid="planeval.audit.login_failed")
    if apps.is_installed("axes"):
        from axes.signals import user_locked_out

        user_locked_out.connect(_locked_out, dispatch_uid="planeval.audit.lockout")
