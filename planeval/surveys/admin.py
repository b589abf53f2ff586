"""Read-only admin views: every change goes through the services (history and audit)."""
from django.contrib import admin

from .models import (
    Answer,
    Option,
    Question,
    Questionnaire,
    QuestionnaireEvent,
    RateCounter,
    Response,
    Suggestion,
    SuggestionStep,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnly):
    list_display = ("title", "version", "campaign", "status", "is_sample")
    list_filter = ("status", "is_sample")


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnly):
    list_display = ("title", "campaign", "state", "unit", "submitted_at", "is_sample")
    list_filter = ("state", "is_sample")


@admin.register(Question)
class QuestionAdmin(ReadOnly):
    list_display = ("text", "questionnaire", "position", "kind", "required", "area", "indicator")


@admin.register(Option)
class OptionAdmin(ReadOnly):
    list_display = ("label", "question", "position")


@admin.register(QuestionnaireEvent)
class QuestionnaireEventAdmin(ReadOnly):
    list_display = ("questionnaire", "action", "detail", "by", "at")


@admin.register(Response)
class ResponseAdmin(ReadOnly):
    list_display = ("id", "questionnaire", "submitted_at", "is_sample")
    list_filter = ("is_sample",)


@admin.register(Answer)
class AnswerAdmin(ReadOnly):
    list_display = ("response", "question", "score", "text")


@admin.register(RateCounter)
class RateCounterAdmin(ReadOnly):
    list_display = ("window_start", "count")


@admin.register(SuggestionStep)
class SuggestionStepAdmin(ReadOnly):
    list_display = ("suggestion", "action", "from_state", "to_state", "unit", "by", "at")
