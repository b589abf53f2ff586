from django.contrib import admin

from planeval.audit.models import AuditEvent
from planeval.core.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only for everybody, superusers included: only audit_record writes the log.

    Who may open it at all is decided by planeval.accounts.access (the audit administrator);
    the /audit/ page is the place to read it, this view is for completeness.
    """
    list_display = ["id", "at", "username", "address", "action", "target_repr", "outcome"]
    list_filter = ["action", "outcome"]
    search_fields = ["username", "target_repr"]
    date_hierarchy = "at"

    def has_view_permission(self, request, obj=None):
        from planeval.accounts.access import may_read_audit_log

        return may_read_audit_log(request.user)

    def get_queryset(self, request):
        from planeval.accounts.access import audit_actions_readable

        return super().get_queryset(request).filter(action__in=sorted(audit_actions_readable(request.user)))

    def has_module_permission(self, request):
        return self.has_view_permission(request)
