"""Read-only admin: evaluations move only along their route (the pages and services), never by hand."""
from django.contrib import admin

from planeval.core.admin import HistoryInline, ScopedReadOnlyAdmin

from .models import SpecialPlanEvaluation, Step


class StepInline(HistoryInline):
    model = Step
    readonly_fields = ["at", "actor", "action", "from_state", "to_state", "comment", "document_name"]
    exclude = ["detail", "document"]


@admin.register(SpecialPlanEvaluation)
class SpecialPlanEvaluationAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["id", "plan", "unit", "state", "conclusion", "in_package", "is_sample"]
    list_filter = ["campaign", "state", "in_package", "is_sample"]
    list_select_related = ["plan", "unit"]
    search_fields = ["plan__name"]
    inlines = [StepInline]


@admin.register(Step)
class StepAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "evaluation__campaign__jurisdiction"
    list_display = ["id", "evaluation", "action", "actor", "at", "document_name"]
    list_filter = ["action"]
    list_select_related = ["evaluation__plan", "actor"]


