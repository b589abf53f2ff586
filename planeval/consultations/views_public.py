"""An outside reader's pages (人大代表, 政协委员, 专家, 企业代表): no account, a personal link.

The token in the link is the credential (256 random bits, unique per reader); an unknown token is
a plain 404. It opens one invitation and shows only the sections that reader was asked to read.
Comments are rate-limited per client address (HTTP 429, nothing stored), forms carry Django's
CSRF token, and the pages are neither cached nor indexed.
"""
from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from planeval.audit.services import client_address
from planeval.core.errors import ApplicationError
from planeval.surveys.services import RateLimited

from . import access, services
from .forms import CommentForm
from .views import COMMENTED, NO_COMMENT_SAVED, reading_context


def _render(request, invitation, context, status=200):
    context.update(public=True)
    response = render(request, "consultations/public_reading.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The link is the credential: never pass it to another site. ("no-referrer" would also blank the
    # Origin of the page's own form posts, which Django's CSRF check then refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
def public_reading(request, token: str):
    invitation = access.access_token(token)
    errors, posted, status, notice = [], {}, 200, ""
    if request.method == "POST":
        form = CommentForm(request.POST)
        form.is_valid()
        posted = form.cleaned_data
        try:
            services.comment_post(invitation=invitation, section_key=posted.get("section", ""),
                                  text=posted.get("text", ""), quote=posted.get("quote", ""),
                                  address=client_address(request))
        except RateLimited as refused:
            errors, status = [refused.message], 429
        except ApplicationError as refused:
            errors, status = [refused.message], 400
        else:
            return redirect(f"{reverse('consultations:public_reading', args=[token])}?sent=1")
    elif request.GET.get("sent"):
        notice = COMMENTED
    elif request.GET.get("none"):
        notice = NO_COMMENT_SAVED
    context = reading_context(invitation, form_action=reverse("consultations:public_reading", args=[token]),
                              no_comment_action=reverse("consultations:public_no_comment", args=[token]),
                              errors=errors, posted=posted)
    context["notice"] = notice
    return _render(request, invitation, context, status)


@never_cache
@require_POST
def public_no_comment(request, token: str):
    invitation = access.access_token(token)
    try:
        services.invitation_no_comment(invitation=invitation)
    except ApplicationError as refused:
        context = reading_context(invitation, form_action=reverse("consultations:public_reading", args=[token]),
                                  no_comment_action=reverse("consultations:public_no_comment", args=[token]),
                                  errors=[refused.message])
        return _render(request, invitation, context, 400)
    return redirect(f"{reverse('consultations:public_reading', args=[token])}?none=1")
