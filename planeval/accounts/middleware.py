"""Deny-by-default for the separated administrator roles, applied to every page in one place."""
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from planeval.accounts.access import access_page, separated_admin_home
from planeval.audit.middleware import REASON_ATTRIBUTE


class SeparatedAdminMiddleware:
    """A security or audit administrator opening a page outside its role gets 403.

    The rule itself lives in planeval.accounts.access.access_page; this only applies it to every
    resolved URL (web pages, admin and the session-authenticated API). Token-authenticated API
    calls are checked by planeval.api.permissions.NotConfinedAdmin, since DRF authenticates
    them inside the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is not None and user is not None and user.is_authenticated:
            home = separated_admin_home(user) if match.view_name == "web:home" else None
            if home:  # the login redirect and the brand link lead to the role's own page
                return redirect(home)
            try:
                access_page(user, namespace=match.namespace, url_name=match.url_name or "")
            except PermissionDenied as refusal:
                setattr(request, REASON_ATTRIBUTE, str(refusal))  # for the ACCESS_DENIED event
                raise
        return None
