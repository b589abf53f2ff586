"""Second factor (等保 8.1.4.1 d 两种或两种以上组合的鉴别技术; ASVS 2.8.1–2.8.4): enrolment, the code
at login, failures counted toward the lockout, disabling, and the required mode. Codes are computed
with django-otp's own TOTP from the stored key, as a phone would."""
import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from planeval.accounts.access import TOTP_NOT_OFFERED
from planeval.accounts.models import Role
from planeval.accounts.views import (
    TOTP_CODE_WRONG, TOTP_DISABLE_PASSWORD_WRONG, TOTP_DISABLED, TOTP_ENABLED, TOTP_REQUIRED, lockout_message,
)
from planeval.audit.actions import Action

from .identity import PASSWORD, events, login

TWO_FACTOR = reverse("accounts:two_factor")
VERIFY = reverse("accounts:otp_verify")


def code(device: TOTPDevice, steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps * device.step
    return f"{totp.token():06d}"


def wrong(device: TOTPDevice) -> str:
    return f"{(int(code(device)) + 1) % 1_000_000:06d}"


@pytest.fixture
def no_throttle(settings):
    """django-otp also slows repeated wrong codes down (1 s, 2 s, 4 s …); tests that type several
    codes in a row turn that off to reach the lockout, which does not depend on timing."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def drc(account):
    return account("zhoujiu", role=Role.DRC)


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=True)


def logged_in_with_password(username: str) -> Client:
    client = Client()
    login(client, username)
    return client


def test_a_drc_user_enrols_by_scanning_and_confirming_a_code(drc):
    client = Client()
    client.force_login(drc)
    page = client.get(TWO_FACTOR).content.decode()
    assert "未启用" in page and "启用双因素认证" in page
    page = client.post(TWO_FACTOR, {"action": "start"}).content.decode()
    # The QR code is drawn on the server, inline: the key goes to no outside service.
    assert "<svg" in page and "<img" not in page and "密钥" in page
    pending = TOTPDevice.objects.get(user=drc, confirmed=False)
    response = client.post(TWO_FACTOR, {"action": "confirm", "otp_token": code(pending)}, follow=True)
    assert TOTP_ENABLED in response.content.decode() and "已启用" in response.content.decode()
    assert TOTPDevice.objects.get(user=drc).confirmed
    assert events(Action.TOTP_ENABLE, username="zhoujiu")
    assert client.get("/").status_code == 200  # this session proved the code already


def test_a_wrong_code_enables_nothing(drc):
    client = Client()
    client.force_login(drc)
    client.post(TWO_FACTOR, {"action": "start"})
    pending = TOTPDevice.objects.get(user=drc)
    page = client.post(TWO_FACTOR, {"action": "confirm", "otp_token": wrong(pending)}).content.decode()
    assert TOTP_CODE_WRONG in page and "<svg" in page
    assert not TOTPDevice.objects.get(user=drc).confirmed


@pytest.mark.parametrize("username", ["kewei", "observer", "leader"])
def test_the_page_is_offered_only_to_drc_and_administrators(demo, username):
    from tests.conftest import client_for

    client = client_for(username)
    response = client.get(TWO_FACTOR)
    assert response.status_code == 403 and TOTP_NOT_OFFERED in response.content.decode()
    assert "双因素认证" not in client.get("/").content.decode()


@pytest.mark.parametrize("username", ["fgw", "admin"])
def test_the_shell_links_the_page_for_drc_and_administrators(demo, username):
    from tests.conftest import client_for

    assert TWO_FACTOR in client_for(username).get("/").content.decode()


def test_login_asks_for_the_code_before_anything_opens(drc):
    device = enrolled(drc)
    client = Client()
    response = login(client, "zhoujiu")
    assert response.redirect_chain[-1][0].startswith(VERIFY)
    assert "输入验证码" in response.content.decode()
    for page in ("/", reverse("accounts:password_change"), "/api/v1/jurisdictions/"):
        assert client.get(page)["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"otp_token": code(device), "next": "/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "上海市普陀区" in response.content.decode()


def test_a_wrong_code_is_refused_and_recorded(drc, no_throttle):
    device = enrolled(drc)
    client = logged_in_with_password("zhoujiu")
    page = client.post(VERIFY, {"otp_token": wrong(device)}).content.decode()
    assert TOTP_CODE_WRONG in page
    assert client.get("/")["Location"].startswith(VERIFY)
    assert events(Action.TOTP_FAILED, username="zhoujiu")[0].outcome == "failure"
    client.post(VERIFY, {"otp_token": code(device)})
    assert client.get("/").status_code == 200


def test_an_old_code_is_refused(drc):
    device = enrolled(drc)
    client = logged_in_with_password("zhoujiu")
    assert TOTP_CODE_WRONG in client.post(VERIFY, {"otp_token": code(device, steps=-3)}).content.decode()


def test_wrong_codes_count_toward_the_lockout_and_end_the_session(drc, no_throttle):
    device = enrolled(drc)
    client = logged_in_with_password("zhoujiu")
    replies = [client.post(VERIFY, {"otp_token": wrong(device)}) for _ in range(5)]
    assert [r.status_code for r in replies] == [200] * 4 + [429]
    assert lockout_message() in replies[-1].content.decode()
    assert not replies[-1].wsgi_request.user.is_authenticated
    assert client.get("/").status_code == 302 and "/accounts/login/" in client.get("/")["Location"]
    # The account is locked: the password alone no longer opens even the code page.
    assert login(Client(), "zhoujiu", address="10.8.8.8").status_code == 429
    assert events(Action.LOCKOUT, username="zhoujiu")


def test_disabling_needs_the_password_and_a_code(drc, no_throttle):
    device = enrolled(drc)
    client = logged_in_with_password("zhoujiu")
    client.post(VERIFY, {"otp_token": code(device)})
    page = client.post(TWO_FACTOR, {"action": "disable", "password": "nope", "otp_token": code(device, 1)})
    assert TOTP_DISABLE_PASSWORD_WRONG in page.content.decode()
    page = client.post(TWO_FACTOR, {"action": "disable", "password": PASSWORD, "otp_token": wrong(device)})
    assert TOTP_CODE_WRONG in page.content.decode()
    assert TOTPDevice.objects.filter(user=drc).exists()
    response = client.post(TWO_FACTOR, {"action": "disable", "password": PASSWORD,
                                        "otp_token": code(device, 1)}, follow=True)
    assert TOTP_DISABLED in response.content.decode()
    assert not TOTPDevice.objects.filter(user=drc).exists()
    assert events(Action.TOTP_DISABLE, username="zhoujiu")
    # The next login needs the password only.
    fresh = Client()
    login(fresh, "zhoujiu")
    assert fresh.get("/").status_code == 200


def test_required_mode_holds_eligible_users_until_they_enrol(drc, account, settings):
    settings.TOTP_REQUIRED = True
    client = logged_in_with_password("zhoujiu")
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith(TWO_FACTOR)
    assert TOTP_REQUIRED in response.content.decode()
    account("filler1", role=None)
    other = logged_in_with_password("filler1")
    assert other.get("/").status_code == 200  # not a DRC or administrator role: not required
    client.post(TWO_FACTOR, {"action": "start"})
    pending = TOTPDevice.objects.get(user=drc)
    client.post(TWO_FACTOR, {"action": "confirm", "otp_token": code(pending)})
    assert client.get("/").status_code == 200


def test_the_security_administrator_removes_a_lost_device(drc):
    from tests.conftest import client_for

    device = enrolled(drc)
    security = client_for("security")
    response = security.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert response.status_code == 302 and not TOTPDevice.objects.filter(user=drc).exists()
    client = logged_in_with_password("zhoujiu")
    assert client.get("/").status_code == 200
