"""The audit log for the audit administrator (and the security events for the security administrator)."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from planeval.accounts.access import access_audit_log
from planeval.audit import selectors
from planeval.audit.forms import AuditFilterForm
from planeval.audit.lists import event_table
from planeval.reports.downloads import list_download

PAGE_SIZE = 50
# An export holds at most this many events (newest first); narrow the filters for older ones.
EXPORT_LIMIT = 50_000


def _events(request):
    actions = access_audit_log(request.user)
    form = AuditFilterForm(request.GET or None, actions=actions)
    return form, selectors.audit_event_list(actions=actions, filters=form.filters())


@login_required
@require_GET
def event_list(request):
    form, events = _events(request)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/event_list.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
@require_GET
def event_export(request, fmt: str):
    _, events = _events(request)
    return list_download(event_table(events[:EXPORT_LIMIT]), fmt)
