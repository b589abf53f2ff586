"""Read-only admin: the package, its documents and the route's steps change only through the
提请审议 page and its services, which keep the history and the audit events."""
from django.contrib import admin

from planeval.core.admin import HistoryInline, ScopedReadOnlyAdmin

from .models import Document, Package, Step, StepRevision


class StepInline(HistoryInline):
    model = Step
    fields = ["step", "held_on", "body", "document_number", "outcome", "recorded_by", "recorded_at"]
    readonly_fields = fields


@admin.register(Package)
class PackageAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["campaign", "filing_working_days", "updated_by", "updated_at", "is_sample"]
    list_select_related = ["campaign", "updated_by"]
    inlines = [StepInline]


@admin.register(Document)
class DocumentAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "package__campaign__jurisdiction"
    list_display = ["title", "kind", "filename", "size", "snapshot_on", "created_by", "removed_at", "is_sample"]
    list_filter = ["kind", "is_sample"]
    list_select_related = ["created_by"]
    exclude = ["content"]   # the file itself is downloaded from the 提请审议 page


@admin.register(Step)
class StepAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "package__campaign__jurisdiction"
    list_display = ["step", "held_on", "body", "document_number", "recorded_by", "recorded_at", "is_sample"]
    list_filter = ["step"]
    list_select_related = ["recorded_by"]


@admin.register(StepRevision)
class StepRevisionAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "step__package__campaign__jurisdiction"
    list_display = ["step", "changed_by", "changed_at"]
    list_select_related = ["step", "changed_by"]
