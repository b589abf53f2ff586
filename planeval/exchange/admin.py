from django.contrib import admin

from planeval.core.admin import ReadOnlyAdmin

from .jobs import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    """A record of who imported what and with which result; never edited by hand."""

    list_display = ["filename", "kind", "jurisdiction", "plan", "stage", "status", "message", "requested_by",
                    "requested_at", "committed_at"]
    list_filter = ["kind", "stage", "status"]
    list_select_related = ["jurisdiction", "plan", "requested_by"]
    exclude = ["file"]   # the stored upload is never offered for download here
