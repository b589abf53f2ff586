"""Response headers Django has no setting for (issue 9, docs/security.md)."""
from django.conf import settings


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response: the browser features the platform never uses stay off."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response
