"""Helpers of the identity-control tests: a known password, a login through the form, audit events."""
from django.test import Client

from planeval.audit.models import AuditEvent

PASSWORD = "Putuo-Plan-2026!"


def login(client: Client, username: str, password: str = PASSWORD, address: str = "127.0.0.1", **extra):
    """Post the login form as a browser would; returns the response after following redirects."""
    return client.post("/accounts/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address, follow=True, **extra)


def events(action: str, **filters) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, **filters).order_by("id"))
