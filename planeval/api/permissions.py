"""API-wide permission: the separated-admin rule for token-authenticated calls."""
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from planeval.accounts.access import access_page
from planeval.audit.middleware import REASON_ATTRIBUTE


class NotConfinedAdmin(BasePermission):
    """Security and audit administrators have no API (planeval.accounts.access.access_page)."""

    def has_permission(self, request, view) -> bool:
        if request.user and request.user.is_authenticated:
            try:
                access_page(request.user, namespace="api")
            except PermissionDenied as refusal:
                setattr(request._request, REASON_ATTRIBUTE, str(refusal))
                self.message = str(refusal)
                return False
        return True
