from django.contrib import admin

from .jobs import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "kind", "fmt", "campaign", "status", "progress", "requested_by", "requested_at",
                    "finished_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["campaign", "requested_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
