"""A new user opens the demo in a real browser, logs in and finds the Chinese shell."""
import pytest

pytestmark = pytest.mark.browser


def test_demo_user_logs_in_and_walks_the_shell(live_demo, page, screenshot):
    page.goto(f"{live_demo.url}/")
    assert "/accounts/login/" in page.url
    assert page.locator("h1").inner_text() == "登录"
    page.fill("#id_username", "kewei")
    page.fill("#id_password", "planeval-demo-2023")
    page.click("button:has-text('登录')")
    page.wait_for_selector("text=上海市普陀区")
    assert "区科委 · 填报人" in page.inner_text(".userbox")
    screenshot("shell-home")

    page.click("nav >> text=主要指标")
    page.wait_for_selector("text=地区生产总值年均增长率")
    assert page.locator("tbody tr").count() == 29  # 25 indicators and the four parts of indicator 4
    screenshot("shell-indicators")

    page.click("nav >> text=主要任务")
    page.wait_for_selector("text=坚持治理提效，健全治理新体系")

    page.click("text=退出")
    page.wait_for_selector("h1:has-text('登录')")


def test_wrong_password_is_refused_in_chinese(live_demo, page):
    page.goto(f"{live_demo.url}/accounts/login/")
    page.fill("#id_username", "kewei")
    page.fill("#id_password", "wrong-password")
    page.click("button:has-text('登录')")
    assert page.locator("[role=alert]").inner_text() == "用户名或密码不正确，请重新输入。"
