"""Accounts with known passwords for the identity-control tests."""
import pytest

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.organizations.models import Jurisdiction

from .identity import PASSWORD


@pytest.fixture
def account(demo):
    """``account("zhang", role=Role.DRC)`` → a Putuo user whose password is PASSWORD (or ``password``)."""

    def make(username: str, *, role: str | None = Role.OBSERVER, password: str = PASSWORD, **fields) -> User:
        user = User(username=username, **fields)
        user.set_password(password)
        user.save()
        if role:
            RoleAssignment.objects.create(user=user, role=role,
                                          jurisdiction=Jurisdiction.objects.get(name="普陀区"))
        return user

    return make
