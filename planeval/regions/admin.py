"""Across-level data in the admin is read-only: the pages' services check roles and keep the history."""
from django.contrib import admin

from planeval.core.admin import ReadOnlyAdmin

from .models import (
    Breakdown, BreakdownPart, BreakdownRevision, PeerJurisdiction, PeerValue, PeerValueRevision, TaskAssignment,
    TaskAssignmentUpdate, UpwardReview, UpwardReviewStep,
)


@admin.register(TaskAssignment)
class TaskAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["task", "jurisdiction", "percent", "rating", "updated_by", "updated_at", "is_sample"]
    list_filter = ["jurisdiction"]
    list_select_related = ["task", "jurisdiction", "updated_by"]


@admin.register(TaskAssignmentUpdate)
class TaskAssignmentUpdateAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "percent", "rating", "by", "at"]
    list_select_related = ["assignment__task", "assignment__jurisdiction", "by"]


class UpwardReviewStepInline(admin.TabularInline):
    model = UpwardReviewStep
    extra = 0
    can_delete = False
    readonly_fields = ["action", "comment", "actor", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(UpwardReview)
class UpwardReviewAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "reviewer", "state", "sent_at", "decided_at"]
    list_filter = ["state", "reviewer"]
    list_select_related = ["campaign", "reviewer"]
    inlines = [UpwardReviewStepInline]


@admin.register(UpwardReviewStep)
class UpwardReviewStepAdmin(ReadOnlyAdmin):
    list_display = ["review", "action", "actor", "at"]
    list_select_related = ["review__campaign", "actor"]


@admin.register(PeerJurisdiction)
class PeerJurisdictionAdmin(ReadOnlyAdmin):
    list_display = ["name", "owner", "jurisdiction", "is_sample"]
    list_select_related = ["owner", "jurisdiction"]


@admin.register(PeerValue)
class PeerValueAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "peer", "year", "value", "source", "is_sample"]
    list_select_related = ["indicator", "peer"]


@admin.register(PeerValueRevision)
class PeerValueRevisionAdmin(ReadOnlyAdmin):
    list_display = ["value", "old_value", "new_value", "changed_by", "changed_at"]
    list_select_related = ["value__indicator", "value__peer", "changed_by"]


@admin.register(Breakdown)
class BreakdownAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "year", "dimension", "total", "is_sample", "recorded_at"]
    list_select_related = ["indicator"]


@admin.register(BreakdownPart)
class BreakdownPartAdmin(ReadOnlyAdmin):
    list_display = ["breakdown", "category", "value"]
    list_select_related = ["breakdown__indicator"]


@admin.register(BreakdownRevision)
class BreakdownRevisionAdmin(ReadOnlyAdmin):
    list_display = ["breakdown", "changed_by", "changed_at"]
    list_select_related = ["breakdown__indicator", "changed_by"]
