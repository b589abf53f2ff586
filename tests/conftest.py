"""Shared fixtures: the demo as loaded by ``planeval load-demo``, and logged-in clients per role."""
import pytest
from django.conf import settings
from django.test import Client

from planeval.demo.services import demo_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo once per test database; each test then runs in a transaction rolled back after it.

    pytest-django runs transactional tests (the browser ones) after all others; they load the
    demo again themselves because they flush the database when they end.
    """
    with django_db_blocker.unblock():
        demo_load(password=settings.DEMO_PASSWORD)


@pytest.fixture
def demo(db):
    """The full demo (four jurisdictions from the seeds, accounts, sample values), as load-demo leaves it."""
    from planeval.demo.services import demo_summary

    return demo_summary()


@pytest.fixture
def demo_mode(settings):
    settings.PLANEVAL_ENV = "demo"
    return settings


def client_for(username: str) -> Client:
    from planeval.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def as_user(demo):
    """``as_user("kewei")`` → a test client logged in as that demo account."""
    return client_for
