"""Read-only admin: reminders are written by ``planeval send-reminders`` and read in each user's inbox."""
from django.contrib import admin

from planeval.core.admin import ReadOnlyAdmin, ScopedReadOnlyAdmin

from .models import Notification, ReminderLog


@admin.register(Notification)
class NotificationAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["created_at", "recipient", "kind", "title", "due_on", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    search_fields = ["title", "key"]


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ["day", "key", "recipient", "kind", "email", "sent_at"]
    list_filter = ["kind", "email"]
    list_select_related = ["recipient"]
    search_fields = ["key"]

    def has_view_permission(self, request, obj=None):
        # The log has no jurisdiction to scope it by: the system administrator's alone.
        return request.user.is_superuser

    def has_module_permission(self, request):
        return request.user.is_superuser or super().has_module_permission(request)
