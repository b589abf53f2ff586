"""Submissions in the admin are read-only: changes go through the workspace, which checks the
workflow and writes the history. The DRC uses the admin to look, not to bypass a lock."""
from django.contrib import admin

from planeval.core.admin import ReadOnlyAdmin

from .models import (
    Comment, Evidence, IndicatorReport, Notice, ProjectReport, ReportRevision, ReportSection, Submission,
    TaskReport, Transition,
)


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_state", "to_state", "actor", "comment", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["unit", "campaign", "state", "confirmed_by", "submitted_at", "accepted_at", "signed_at"]
    list_filter = ["campaign", "state"]
    list_select_related = ["unit", "campaign"]
    inlines = [TransitionInline]


@admin.register(IndicatorReport)
class IndicatorReportAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "submission", "rating", "updated_by", "updated_at"]
    list_filter = ["rating", "submission__campaign"]
    list_select_related = ["indicator", "submission__unit", "updated_by"]


@admin.register(TaskReport)
class TaskReportAdmin(ReadOnlyAdmin):
    list_display = ["task", "submission", "rating", "updated_by", "updated_at"]
    list_filter = ["rating", "submission__campaign"]
    list_select_related = ["task", "submission__unit", "updated_by"]


@admin.register(ProjectReport)
class ProjectReportAdmin(ReadOnlyAdmin):
    list_display = ["project", "submission", "status", "rating", "updated_at"]
    list_select_related = ["project", "submission__unit"]


@admin.register(ReportSection)
class ReportSectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "submission", "updated_by", "updated_at"]
    list_select_related = ["submission__unit", "updated_by"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["name", "task_report", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["task_report__task", "uploaded_by"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ["submission", "action", "from_state", "to_state", "actor", "at", "comment"]
    list_filter = ["action"]
    list_select_related = ["submission__unit", "actor"]


@admin.register(ReportRevision)
class ReportRevisionAdmin(ReadOnlyAdmin):
    list_display = ["submission", "item_type", "item_id", "field", "old_value", "new_value", "changed_by",
                    "changed_at"]
    list_select_related = ["submission__unit", "changed_by"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["submission", "item_type", "item_id", "author", "author_unit", "at"]
    list_select_related = ["submission__unit", "author", "author_unit"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["unit", "subject", "campaign", "issued_by", "issued_at", "read_at"]
    list_select_related = ["unit", "campaign", "issued_by"]
