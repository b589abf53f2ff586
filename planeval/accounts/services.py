"""Writes to accounts for the identity controls: passwords, second factor, failed codes."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from planeval.audit.actions import Action, Outcome
from planeval.audit.services import audit_record
from planeval.domain.passwords import password_expired

from .models import User


def password_change_due(user: User) -> str | None:
    """Why the user must change the password before going on: "reset", "expired" or None.

    Demo mode never forces a change: its accounts share a published password on purpose.
    A password never stamped (accounts made by a script) is dated from the account's creation.
    """
    if settings.PLANEVAL_ENV == "demo" or not user.has_usable_password():
        return None
    if user.must_change_password:
        return "reset"
    changed_at = user.password_changed_at or user.date_joined
    if password_expired(changed_at, timezone.now(), settings.PASSWORD_MAX_AGE_DAYS):
        return "expired"
    return None


@transaction.atomic
def password_change(*, user: User, password: str, request=None) -> User:
    """The user sets a new password of their own (already validated against the policy)."""
    user.set_password(password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save()
    audit_record(action=Action.PASSWORD_CHANGE, user=user, request=request, target=user)
    return user


@transaction.atomic
def password_reset_record(*, user: User, request) -> User:
    """An administrator has just set this user's password (admin add or 设置密码): the user must
    choose their own at the next login. An administrator setting their own password is not forced."""
    own = request.user.is_authenticated and request.user.pk == user.pk
    User.objects.filter(pk=user.pk).update(must_change_password=not own,
                                           password_changed_at=timezone.now())
    user.refresh_from_db(fields=["must_change_password", "password_changed_at"])
    audit_record(action=Action.PASSWORD_CHANGE if own else Action.PASSWORD_RESET, request=request,
                 target=user)
    return user


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """A fresh, unconfirmed TOTP device whose key the user is about to scan. Earlier unconfirmed
    ones are dropped, so only the QR code on screen can be confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)


@transaction.atomic
def totp_enable(*, user: User, token: str, request=None) -> TOTPDevice | None:
    """Confirm the pending device with a code from the user's app; None if the code is wrong."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(action=Action.TOTP_ENABLE, user=user, request=request, target=user)
    return device


@transaction.atomic
def totp_disable(*, user: User, request=None) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(action=Action.TOTP_DISABLE, user=user, request=request, target=user)


def totp_failure_record(*, user: User, request, reason: str) -> bool:
    """A wrong or throttled code at login: counted by django-axes like a wrong password, so codes
    cannot be guessed faster than passwords, and recorded. True if the account is now locked.

    The axes handler is called directly rather than through Django's user_login_failed signal,
    which would also record the failure a second time as a wrong password.
    """
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.user_login_failed(sender=totp_failure_record, credentials={"username": user.username},
                                       request=request)
    audit_record(action=Action.TOTP_FAILED, user=user, request=request, target=user,
                 outcome=Outcome.FAILURE, detail={"reason": reason})
    return bool(getattr(request, "axes_locked_out", False))
