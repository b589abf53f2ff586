"""Forced password change (等保 8.1.4.1 a 定期更换; ASVS 2.1.x): a password an administrator chose,
and an expired one, hold the user on 修改密码 until they choose their own."""
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from planeval.accounts.models import User
from planeval.accounts.views import MUST_CHANGE_EXPIRED, MUST_CHANGE_RESET, PASSWORD_CHANGED
from planeval.audit.actions import Action
from tests.conftest import client_for

from .identity import PASSWORD, events, login

CHANGE = reverse("accounts:password_change")
NEW = "Suzhou-Creek-Walk-77"


def change_password(client: Client, old: str = PASSWORD, new: str = NEW):
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": new}, follow=True)


def admin_creates(username: str, password: str = PASSWORD) -> Client:
    admin = client_for("admin")
    response = admin.post(reverse("admin:accounts_user_add"), {
        "username": username, "usable_password": "true", "password1": password, "password2": password,
        "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0", "_save": "保存",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    return admin


def test_an_account_the_administrator_created_must_change_its_password_first(demo):
    admin_creates("lisi")
    assert User.objects.get(username="lisi").must_change_password
    client = Client()
    response = login(client, "lisi")
    assert response.redirect_chain[-1][0].startswith(CHANGE)
    assert MUST_CHANGE_RESET in response.content.decode()
    # Every other page leads back to 修改密码 until it is done.
    for page in ("/", reverse("web:indicators", args=[1]), "/admin/"):
        held = client.get(page)
        assert held.status_code == 302 and held["Location"].startswith(CHANGE)
    assert PASSWORD_CHANGED in change_password(client).content.decode()
    assert client.get("/").status_code == 200
    user = User.objects.get(username="lisi")
    assert not user.must_change_password and user.check_password(NEW)
    reset = events(Action.PASSWORD_RESET, target_id=str(user.pk))
    assert reset and reset[0].username == "admin"
    assert events(Action.PASSWORD_CHANGE, username="lisi")


def test_a_held_user_may_still_log_out(demo):
    admin_creates("lisi")
    client = Client()
    login(client, "lisi")
    response = client.post(reverse("logout"), follow=True)
    assert not response.wsgi_request.user.is_authenticated


def test_a_password_the_administrator_resets_must_be_changed(account):
    user = account("wangwu")
    admin = client_for("admin")
    response = admin.post(reverse("admin:auth_user_password_change", args=[user.pk]),
                          {"password1": "Admin-Chosen-2026", "password2": "Admin-Chosen-2026",
                           "usable_password": "true"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.must_change_password and user.check_password("Admin-Chosen-2026")
    client = Client()
    response = login(client, "wangwu", "Admin-Chosen-2026")
    assert MUST_CHANGE_RESET in response.content.decode()
    assert events(Action.PASSWORD_RESET, target_id=str(user.pk))[0].username == "admin"


def test_a_failed_reset_forces_nothing(account):
    user = account("wangwu")
    admin = client_for("admin")
    admin.post(reverse("admin:auth_user_password_change", args=[user.pk]),
               {"password1": "short", "password2": "short", "usable_password": "true"})
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password(PASSWORD)


def test_an_expired_password_must_be_changed(account, settings):
    user = account("zhaoliu")
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=91))
    client = Client()
    response = login(client, "zhaoliu")
    assert MUST_CHANGE_EXPIRED.format(days=90) in response.content.decode()
    assert client.get("/").status_code == 302
    change_password(client)
    assert client.get("/").status_code == 200


def test_a_password_younger_than_the_limit_is_not_expired(account):
    user = account("zhaoliu")
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=89))
    client = Client()
    login(client, "zhaoliu")
    assert client.get("/").status_code == 200


def test_the_asvs_policy_never_expires_a_password(account, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    user = account("zhaoliu")
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=400))
    client = Client()
    login(client, "zhaoliu")
    assert client.get("/").status_code == 200


def test_demo_mode_never_forces_a_change(account, demo_mode):
    user = account("zhaoliu", must_change_password=True)
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=400))
    client = Client()
    login(client, "zhaoliu")
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("username", ["fgw", "kewei", "admin"])
def test_existing_accounts_are_not_forced(demo, username):
    response = client_for(username).get("/")
    assert not response.get("Location", "").startswith(CHANGE)
