"""Password policy (等保 8.1.4.1 a 复杂度; ASVS 2.1.1–2.1.9): what a user is told on 修改密码, and
that a refused password changes nothing."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from django.urls import reverse

from planeval.accounts.models import PasswordHistory, User
from planeval.accounts.validators import (
    DEMO_PASSWORD_REFUSED, PASSWORD_REUSED, PASSWORD_TOO_COMMON, PASSWORD_TOO_LONG, PASSWORD_TOO_PERSONAL,
    PASSWORD_TOO_SHORT, PASSWORD_TOO_SIMPLE,
)
from planeval.accounts.views import OLD_PASSWORD_WRONG, PASSWORD_CHANGED, PASSWORD_UNCHANGED, PASSWORDS_DIFFER
from planeval.audit.actions import Action

from .identity import PASSWORD, events

ROOT = Path(__file__).resolve().parents[2]
CHANGE = reverse("accounts:password_change")


def change(client: Client, new: str, old: str = PASSWORD, again: str | None = None):
    return client.post(CHANGE, {"old_password": old, "new_password1": new,
                                "new_password2": new if again is None else again}, follow=True)


@pytest.fixture
def zhang(account):
    return account("zhangwei")


@pytest.fixture
def client(zhang):
    client = Client()
    client.force_login(zhang)
    return client


def password_unchanged(username="zhangwei") -> bool:
    return User.objects.get(username=username).check_password(PASSWORD)


@pytest.mark.parametrize("new, message", [
    ("Short-1a", PASSWORD_TOO_SHORT.format(min_length=12)),
    ("abcdefghijkl", PASSWORD_TOO_SIMPLE),                  # one class
    ("plan-evaluation", PASSWORD_TOO_SIMPLE),               # two classes
    ("pe#5gz29ptzmse", PASSWORD_TOO_COMMON),                # three classes, but on the common list
    ("Zhangwei-2026", PASSWORD_TOO_PERSONAL),
    ("planeval-demo-2023", DEMO_PASSWORD_REFUSED),
    ("Aa1!" * 32 + "x", PASSWORD_TOO_LONG.format(max_length=128)),
])
def test_dengbao_policy_refuses_weak_passwords_in_chinese(client, new, message):
    html = change(client, new).content.decode()
    assert message in html
    assert password_unchanged()


def test_dengbao_policy_accepts_a_long_password_of_three_classes(client):
    response = change(client, "Wuxi-Canal-Bridge-88")
    assert PASSWORD_CHANGED in response.content.decode()
    user = User.objects.get(username="zhangwei")
    assert user.check_password("Wuxi-Canal-Bridge-88") and user.password_changed_at is not None
    assert response.wsgi_request.user.is_authenticated  # this session goes on
    assert events(Action.PASSWORD_CHANGE, username="zhangwei")


def test_the_new_password_opens_the_account_and_the_old_one_no_longer_does(client):
    change(client, "Wuxi-Canal-Bridge-88")
    assert authenticate(Client().get("/accounts/login/").wsgi_request, username="zhangwei",
                        password="Wuxi-Canal-Bridge-88") is not None
    response = Client().post("/accounts/login/", {"username": "zhangwei", "password": PASSWORD}, follow=True)
    assert not response.wsgi_request.user.is_authenticated


def test_other_sessions_of_the_account_end_when_the_password_changes(client, zhang):
    other = Client()
    other.force_login(zhang)
    change(client, "Wuxi-Canal-Bridge-88")
    assert other.get("/").status_code == 302


def test_wrong_current_password_and_mismatch_are_refused(client):
    assert OLD_PASSWORD_WRONG in change(client, "Wuxi-Canal-Bridge-88", old="not-it").content.decode()
    assert PASSWORDS_DIFFER in change(client, "Wuxi-Canal-Bridge-88", again="Wuxi-Canal-Bridge-89").content.decode()
    assert password_unchanged()


def test_the_last_five_passwords_cannot_be_chosen_again(client):
    for new in ("Wuxi-Canal-Bridge-01", "Wuxi-Canal-Bridge-02"):
        assert PASSWORD_CHANGED in change(client, new, old=PASSWORD if new.endswith("01") else
                                          "Wuxi-Canal-Bridge-01").content.decode()
    html = change(client, PASSWORD, old="Wuxi-Canal-Bridge-02").content.decode()
    assert PASSWORD_REUSED.format(count=5) in html
    assert User.objects.get(username="zhangwei").check_password("Wuxi-Canal-Bridge-02")
    assert PasswordHistory.objects.filter(user__username="zhangwei").count() == 3


def test_history_keeps_only_the_last_five(client):
    old = PASSWORD
    for n in range(7):
        new = f"Wuxi-Canal-Bridge-{n:02}"
        assert PASSWORD_CHANGED in change(client, new, old=old).content.decode()
        old = new
    assert PasswordHistory.objects.filter(user__username="zhangwei").count() == 5
    # Six changes ago is out of the window again.
    assert PASSWORD_CHANGED in change(client, "Wuxi-Canal-Bridge-00", old=old).content.decode()


@pytest.fixture
def asvs(settings):
    settings.PASSWORD_POLICY = "asvs"
    settings.PASSWORD_HISTORY = 0
    settings.PASSWORD_MAX_AGE_DAYS = 0
    return settings


@pytest.mark.parametrize("new", [
    "abcdefghijkl",                                        # no composition rules (ASVS 2.1.9)
    "规划评估监测平台密码很长的一句话",                      # any printable character (2.1.4)
    "correct horse battery staple " * 2,                   # spaces kept, 58 characters
    "a" * 20 + "b" * 44,                                   # 64 characters permitted (2.1.2)
])
def test_asvs_policy_accepts_long_passwords_without_composition_rules(asvs, client, new):
    response = change(client, new)
    assert PASSWORD_CHANGED in response.content.decode()
    assert User.objects.get(username="zhangwei").check_password(new)


@pytest.mark.parametrize("new, message", [
    ("Short-1a", PASSWORD_TOO_SHORT.format(min_length=12)),
    ("qwerty123456", PASSWORD_TOO_COMMON),                  # breached/common list (2.1.7)
    ("x" * 129, PASSWORD_TOO_LONG.format(max_length=128)),
])
def test_asvs_policy_still_refuses_short_common_and_overlong_passwords(asvs, client, new, message):
    assert message in change(client, new).content.decode()
    assert password_unchanged()


def test_the_same_password_is_not_a_change(asvs, client):
    assert PASSWORD_UNCHANGED in change(client, PASSWORD).content.decode()


def test_demo_accounts_keep_the_demo_password_and_log_in_in_demo_mode(demo, demo_mode):
    """The validator stops people choosing the demo password; it does not lock the demo out."""
    response = Client().post("/accounts/login/", {"username": "fgw", "password": "planeval-demo-2023"},
                             follow=True)
    assert response.wsgi_request.user.username == "fgw"
    assert "上海市普陀区" in response.content.decode()


def policy_settings(**env) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PLANEVAL_") and k != "DATABASE_URL"}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.base", PLANEVAL_VAR_DIR=str(ROOT / "var"))
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.PASSWORD_MAX_AGE_DAYS, s.PASSWORD_HISTORY); "
            "[print(v['NAME'].rsplit('.', 1)[1]) for v in s.AUTH_PASSWORD_VALIDATORS]")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")[:-1]


def test_the_environment_chooses_the_policy():
    assert policy_settings() == ["90 5", "PasswordLengthValidator", "PasswordComplexityValidator",
                                 "PersonalInformationValidator", "CommonPasswordValidator",
                                 "DemoPasswordValidator", "PasswordHistoryValidator"]
    assert policy_settings(PLANEVAL_PASSWORD_POLICY="asvs") == [
        "0 0", "PasswordLengthValidator", "PersonalInformationValidator", "CommonPasswordValidator",
        "DemoPasswordValidator"]
    assert policy_settings(PLANEVAL_PASSWORD_POLICY="dengbao", PLANEVAL_PASSWORD_MAX_AGE_DAYS="180")[0] == "180 5"


def test_an_unknown_policy_is_refused():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PLANEVAL_")}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings.base", PLANEVAL_PASSWORD_POLICY="nist")
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=clean,
                            capture_output=True, text=True)
    assert result.returncode != 0 and "PLANEVAL_PASSWORD_POLICY must be dengbao or asvs" in result.stderr
