"""The reminder inbox: every user reads only their own reminders."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from planeval.core.errors import ApplicationError

from . import selectors, services


@login_required
def inbox(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.inbox(request.user, unread_only=unread_only), 50).get_page(request.GET.get("page"))
    return render(request, "reminders/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def mark_read(request, notification_id: int):
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=notification_id)
    except ApplicationError as refused:
        raise Http404(refused.message) from refused
    target = request.POST.get("next") or ""
    if target == "open" and notification.url and url_has_allowed_host_and_scheme(
            notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("reminders:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.notification_mark_all_read(user=request.user)
    messages.success(request, f"已将{count}条提醒标为已读。")
    return redirect("reminders:inbox")
