"""Demo accounts log in to the Chinese shell in demo mode only."""
import pytest
from django.test import Client

from planeval.accounts.validators import DEMO_PASSWORD_REFUSED, DemoPasswordValidator
from django.core.exceptions import ValidationError

DEMO_USERS = ["admin", "fgw", "leader", "kewei", "observer"]


def login(username: str, password: str = "planeval-demo-2023"):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password}, follow=True)
    return client, response


def test_login_page_is_chinese(db):
    response = Client().get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="zh-CN"' in html and "登录" in html and "用户名" in html and "密码" in html


@pytest.mark.parametrize("username", DEMO_USERS)
def test_each_demo_account_logs_in_to_the_shell_in_demo_mode(demo, demo_mode, username):
    client, response = login(username)
    html = response.content.decode()
    assert response.wsgi_request.user.username == username
    assert "上海市普陀区" in html and "主要指标" in html and "退出" in html


def test_roles_show_in_the_shell(demo, demo_mode):
    _, response = login("kewei")
    assert "区科委 · 填报人" in response.content.decode()


def test_demo_password_is_refused_outside_demo_mode(demo, settings):
    settings.PLANEVAL_ENV = "production"
    client, response = login("fgw")
    assert not response.wsgi_request.user.is_authenticated
    assert "用户名或密码不正确" in response.content.decode()


def test_wrong_password_gets_a_chinese_message(demo, demo_mode):
    _, response = login("fgw", "not-the-password")
    assert not response.wsgi_request.user.is_authenticated
    assert "用户名或密码不正确，请重新输入。" in response.content.decode()


def test_nobody_may_choose_the_demo_password():
    with pytest.raises(ValidationError) as caught:
        DemoPasswordValidator().validate("planeval-demo-2023")
    assert caught.value.messages == [DEMO_PASSWORD_REFUSED]


def test_pages_require_login(db):
    response = Client().get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
