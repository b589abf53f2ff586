"""Read-only admin: versions, invitations and answers change only through the pages and services."""
from django.contrib import admin

from planeval.core.admin import HistoryInline, ScopedReadOnlyAdmin

from .models import Answer, Comment, DraftVersion, Invitation, Round


@admin.register(DraftVersion)
class DraftVersionAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["campaign", "number", "stage", "title", "created_by", "created_at", "is_sample"]
    list_filter = ["campaign", "stage", "is_sample"]
    exclude = ["docx"]


@admin.register(Round)
class RoundAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["title", "campaign", "draft", "deadline", "created_by", "is_sample"]
    list_filter = ["campaign", "is_sample"]


@admin.register(Invitation)
class InvitationAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "round__campaign__jurisdiction"
    list_display = ["name", "kind", "unit", "round", "deadline", "answered_at", "no_comment", "is_sample"]
    list_filter = ["kind", "round", "is_sample"]
    exclude = ["token"]   # the personal link is a credential: shown to the DRC on the round page only


class AnswerInline(HistoryInline):
    model = Answer
    readonly_fields = ["decision", "reason", "answered_by", "answered_at"]


@admin.register(Comment)
class CommentAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "invitation__round__campaign__jurisdiction"
    list_display = ["section_title", "invitation", "decision", "answered_by", "answered_at", "is_sample"]
    list_filter = ["decision", "is_sample"]
    search_fields = ["text", "reason"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "comment__invitation__round__campaign__jurisdiction"
    list_display = ["comment", "decision", "answered_by", "answered_at"]
    list_filter = ["decision"]
