"""A DRC user with 双因素认证 logs in through the real form in Chromium and types the 6-digit code."""
import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from planeval.accounts.models import User

pytestmark = pytest.mark.browser


def test_drc_user_logs_in_with_password_and_code(live_demo, page, screenshot):
    device = TOTPDevice.objects.create(user=User.objects.get(username="fgw"), name="身份验证器", confirmed=True)
    page.goto(f"{live_demo.url}/")
    page.fill("#id_username", "fgw")
    page.fill("#id_password", "planeval-demo-2023")
    page.click("button:has-text('登录')")
    page.wait_for_selector("h1:has-text('输入验证码')")
    assert "/accounts/two-factor/verify/" in page.url
    screenshot("totp-code")

    page.fill("#id_otp_token", "12345")  # five digits: refused in Chinese
    page.click("button:has-text('验证')")
    assert page.locator("[role=alert]").inner_text() == "验证码不正确或已过期，请重新输入。"

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("#id_otp_token", f"{totp.token():06d}")
    page.click("button:has-text('验证')")
    page.wait_for_selector("text=上海市普陀区")
    assert "发改委统筹" in page.inner_text(".userbox")
    assert "双因素认证" in page.inner_text(".userbox")
