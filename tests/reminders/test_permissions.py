"""Every URL of the reminders namespace for every demo role (anonymous included).

Every signed-in user has an inbox of their own; marking read is refused (404) for anyone but
the recipient. The table is checked against the URL configuration.
"""
import datetime

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from planeval.reminders.models import Notification
from planeval.reminders.services import reminders_send

ROLES = ["anonymous", "admin", "fgw", "leader", "kewei", "observer", "security", "auditor"]
# The separated security and audit administrators are confined to their own pages (403).
SIGNED_IN = set(ROLES) - {"anonymous", "security", "auditor"}
CONFINED = {"security": 403, "auditor": 403}

# url name → (method, expected status per role: "ok" 200/302-to-page, "login", 404)
MATRIX = {
    "inbox": ("get", {**{role: 200 for role in SIGNED_IN}, **CONFINED}),
    "read": ("post", {"kewei": 302, **CONFINED}),
    "read_all": ("post", {**{role: 302 for role in SIGNED_IN}, **CONFINED}),
}


def test_the_matrix_covers_every_url_of_the_namespace():
    names = {name for name in get_resolver().reverse_dict if isinstance(name, str)}
    namespace = get_resolver().namespace_dict["reminders"][1]
    assert set(MATRIX) == {n for n in namespace.reverse_dict if isinstance(n, str)}
    assert names  # the resolver loaded


def client_as(role):
    from planeval.accounts.models import User

    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(demo, name, role):
    reminders_send(day=datetime.date(2023, 5, 10))
    note = Notification.objects.filter(recipient__username="kewei").first()
    args = [note.id] if name == "read" else []
    method, expected = MATRIX[name]
    response = getattr(client_as(role), method)(reverse(f"reminders:{name}", args=args))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
        return
    assert response.status_code == expected.get(role, 404), (name, role)
    if name == "read":
        note.refresh_from_db()
        assert (note.read_at is not None) == (role == "kewei")
