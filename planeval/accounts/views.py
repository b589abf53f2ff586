"""Login, lockout, 修改密码 and 双因素认证 pages (issue 9 identity controls; docs/user-guide.md)."""
from __future__ import annotations

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .access import access_totp, totp_required

LOGIN_FAILED = "用户名或密码不正确，请重新输入。"
LOCKED_OUT = "登录失败次数过多，该账户或登录地址已被暂时锁定。请 {minutes} 分钟后再试，或联系安全管理员解锁。"
SESSION_EXPIRED = "会话已超时，请重新登录。"
OLD_PASSWORD_WRONG = "当前密码不正确，请重新输入。"
PASSWORDS_DIFFER = "两次输入的新密码不一致。"
PASSWORD_UNCHANGED = "新密码不能与当前密码相同。"
PASSWORD_CHANGED = "密码已修改。"
MUST_CHANGE_RESET = "您的密码由管理员设置，请先修改密码后再继续使用。"
MUST_CHANGE_EXPIRED = "您的密码已超过 {days} 天未修改，请先修改密码后再继续使用。"
TOTP_CODE_WRONG = "验证码不正确或已过期，请重新输入。"
TOTP_THROTTLED = "验证码错误次数较多，请稍候几秒再试。"
TOTP_ENABLED = "双因素认证已启用。以后登录时，输入密码后还需输入身份验证器上的 6 位验证码。"
TOTP_DISABLED = "双因素认证已停用。"
TOTP_REQUIRED = "您的账户须启用双因素认证后才能继续使用。"
TOTP_DISABLE_PASSWORD_WRONG = "密码不正确，双因素认证未停用。"


class LoginView(auth_views.LoginView):
    """Django's login page with one reply for every refusal: an unknown user and a wrong password
    are told the same thing (ASVS 2.2.x / 等保: no account enumeration)."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "login_failed": LOGIN_FAILED}


def lockout_message() -> str:
    from django.conf import settings

    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return LOCKED_OUT.format(minutes=minutes)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' reply to a locked username or address: the login page with the same message
    whether or not the account exists (axes counts failures for unknown names too)."""
    from django.conf import settings

    form = auth_views.AuthenticationForm(request)
    return render(request, "registration/login.html",
                  {"form": form, "locked_out": lockout_message(), "login_failed": LOGIN_FAILED},
                  status=settings.AXES_HTTP_RESPONSE_CODE)


class NewPasswordForm(PasswordChangeForm):
    error_messages = {**PasswordChangeForm.error_messages,
                      "password_incorrect": OLD_PASSWORD_WRONG, "password_mismatch": PASSWORDS_DIFFER}

    def clean(self):
        new = self.cleaned_data.get("new_password1")
        if new and self.user.check_password(new):
            self.add_error("new_password2", forms.ValidationError(PASSWORD_UNCHANGED, code="password_unchanged"))
            return self.cleaned_data
        return super().clean()

    def save(self, commit=True):  # pragma: no cover - the view calls the service instead
        raise NotImplementedError("use planeval.accounts.services.password_change")


class PasswordChangeView(auth_views.PasswordChangeView):
    """修改密码: Django's page and checks; the write goes through our service (history, stamp, audit)."""

    form_class = NewPasswordForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("web:home")

    def get_context_data(self, **kwargs):
        from django.conf import settings

        reason = services.password_change_due(self.request.user)
        notice = {"reset": MUST_CHANGE_RESET,
                  "expired": MUST_CHANGE_EXPIRED.format(days=settings.PASSWORD_MAX_AGE_DAYS)}.get(reason)
        return {**super().get_context_data(**kwargs), "notice": notice,
                "password_help": password_validators_help_texts()}

    def form_valid(self, form):
        user = services.password_change(user=self.request.user, password=form.cleaned_data["new_password1"],
                                        request=self.request)
        # Keeps this session (its hash follows the password) while other sessions end.
        update_session_auth_hash(self.request, user)
        messages.success(self.request, PASSWORD_CHANGED)
        # Back to the page the user was held from, if any.
        return redirect(_next_url(self.request, str(self.get_success_url())))


def _next_url(request, default: str) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return default


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class CodeForm(forms.Form):
    otp_token = forms.RegexField(label="验证码", regex=r"^\s*\d{6}\s*$", max_length=12,
                                 error_messages={"invalid": TOTP_CODE_WRONG, "required": TOTP_CODE_WRONG},
                                 widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                               "inputmode": "numeric", "autofocus": True}))

    def token(self) -> str:
        return self.cleaned_data["otp_token"].strip()


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """The second login step: the 6-digit code of a user who has enabled 双因素认证."""
    from axes.handlers.proxy import AxesProxyHandler

    from .gates import session_otp_required, sign_out

    user = request.user
    home = reverse("web:home")
    device = confirmed_device(user)
    if device is None or user.is_verified():
        return redirect(_next_url(request, home))
    if AxesProxyHandler.is_locked(request, {"username": user.username}):
        sign_out(request)
        return locked_out(request)
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST":
        allowed, _ = device.verify_is_allowed()
        if form.is_valid() and allowed and device.verify_token(form.token()):
            otp_login(request, device)
            session_otp_required(request, refresh=True)
            return redirect(_next_url(request, home))
        error = TOTP_CODE_WRONG if allowed else TOTP_THROTTLED
        if services.totp_failure_record(user=user, request=request, reason="throttled" if not allowed else "wrong"):
            sign_out(request)
            return locked_out(request)
    return render(request, "accounts/otp_verify.html",
                  {"form": form, "error": error, "next": _next_url(request, "")})


def _qr_svg(url: str) -> str:
    # Drawn here, inline, so that the secret never leaves the server for a QR service.
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return mark_safe(image.to_string(encoding="unicode"))


class DisableForm(forms.Form):
    password = forms.CharField(label="当前密码", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    otp_token = CodeForm.base_fields["otp_token"]


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """双因素认证: enrol (scan, confirm with a code) or disable (password and code)."""
    from .gates import session_otp_required, sign_out

    user = request.user
    access_totp(user)
    device = confirmed_device(user)
    action = request.POST.get("action", "")
    context = {"enabled": device is not None, "error": "",
               "required": totp_required(user) and device is None}
    if request.method == "POST" and action == "start" and device is None:
        pending = services.totp_device_start(user=user)
        return render(request, "accounts/two_factor.html", {**context, **_enrolment(pending, CodeForm())})
    if request.method == "POST" and action == "confirm" and device is None:
        form = CodeForm(request.POST)
        if form.is_valid() and (enabled := services.totp_enable(user=user, token=form.token(), request=request)):
            # The code just given proves the second factor for this session too.
            otp_login(request, enabled)
            session_otp_required(request, refresh=True)
            messages.success(request, TOTP_ENABLED)
            return redirect("accounts:two_factor")
        pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
        if pending is None:
            return redirect("accounts:two_factor")
        return render(request, "accounts/two_factor.html",
                      {**context, **_enrolment(pending, form), "error": TOTP_CODE_WRONG})
    if request.method == "POST" and action == "disable" and device is not None:
        form = DisableForm(request.POST)
        # Both a wrong password and a wrong code count toward the lockout: a borrowed session
        # must not become a way to guess either.
        if not form.is_valid() or not user.check_password(form.cleaned_data["password"]):
            context.update(error=TOTP_DISABLE_PASSWORD_WRONG, disable_form=form)
            reason = "disable_password"
        elif not device.verify_token(form.cleaned_data["otp_token"].strip()):
            context.update(error=TOTP_CODE_WRONG, disable_form=form)
            reason = "disable_code"
        else:
            services.totp_disable(user=user, request=request)
            session_otp_required(request, refresh=True)
            messages.success(request, TOTP_DISABLED)
            return redirect("accounts:two_factor")
        if services.totp_failure_record(user=user, request=request, reason=reason):
            sign_out(request)
            return locked_out(request)
        return render(request, "accounts/two_factor.html", context)
    return render(request, "accounts/two_factor.html", {**context, "disable_form": DisableForm()})


def _enrolment(device: TOTPDevice, form: CodeForm) -> dict:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return {"pending": True, "qr_svg": _qr_svg(device.config_url), "form": form,
            "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))}
