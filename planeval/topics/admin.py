"""Read-only admin: topics move only along their route (the pages and services), never by hand."""
from django.contrib import admin

from planeval.core.admin import HistoryInline, ScopedReadOnlyAdmin

from .models import Contribution, Topic, TopicStep


class StepInline(HistoryInline):
    model = TopicStep
    readonly_fields = ["at", "actor", "action_label", "from_state", "to_state", "comment", "detail"]
    fields = readonly_fields


@admin.register(Topic)
class TopicAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["title", "campaign", "lead_unit", "due_on", "state", "is_sample"]
    list_filter = ["campaign", "state", "is_sample"]
    list_select_related = ["campaign", "lead_unit"]
    search_fields = ["title", "scope", "summary"]
    inlines = [StepInline]


@admin.register(Contribution)
class ContributionAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "topic__campaign__jurisdiction"
    list_display = ["topic", "unit", "updated_by", "updated_at", "is_sample"]
    list_select_related = ["topic", "unit", "updated_by"]


@admin.register(TopicStep)
class TopicStepAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "topic__campaign__jurisdiction"
    list_display = ["at", "topic", "action_label", "from_state", "to_state", "actor"]
    list_filter = ["action"]
    list_select_related = ["topic", "actor"]
