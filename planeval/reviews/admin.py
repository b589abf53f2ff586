"""Read-only admin views: changes go through the pages and their services, which keep the history."""
from django.contrib import admin

from .models import Case, Conclusion, ConclusionUpload, EvaluatorGrant, ReviewRevision


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EvaluatorGrant)
class EvaluatorGrantAdmin(ReadOnly):
    list_display = ("organisation", "campaign", "user", "granted_at", "revoked_at", "is_sample")


@admin.register(Conclusion)
class ConclusionAdmin(ReadOnly):
    list_display = ("grant", "item_type", "item_id", "rating", "updated_at", "is_sample")
    list_filter = ("item_type", "rating")


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ("title", "unit", "kind", "selected", "position", "is_sample")
    list_filter = ("kind", "selected")


@admin.register(ReviewRevision)
class ReviewRevisionAdmin(ReadOnly):
    list_display = ("object_type", "object_id", "field", "changed_by", "changed_at")


@admin.register(ConclusionUpload)
class ConclusionUploadAdmin(ReadOnly):
    list_display = ("filename", "grant", "uploaded_by", "uploaded_at", "committed_at", "summary")
