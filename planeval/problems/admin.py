"""Read-only admin: the lists change only through their pages and services, which record each change."""
from django.contrib import admin

from planeval.core.admin import ScopedReadOnlyAdmin

from .models import Problem, ProblemStep, SupportRequest, SupportStep


@admin.register(Problem)
class ProblemAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["problem", "unit", "item_type", "origin", "status", "updated_at", "is_sample"]
    list_filter = ["campaign", "status", "origin", "item_type", "is_sample"]
    list_select_related = ["unit"]
    search_fields = ["problem", "causes", "measures"]


@admin.register(ProblemStep)
class ProblemStepAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "problem__campaign__jurisdiction"
    list_display = ["at", "problem", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    list_select_related = ["problem", "actor"]


@admin.register(SupportRequest)
class SupportRequestAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["item", "kind", "unit", "level", "status", "answered_on", "is_sample"]
    list_filter = ["campaign", "kind", "status", "level", "is_sample"]
    list_select_related = ["unit"]
    search_fields = ["item", "need", "answer"]


@admin.register(SupportStep)
class SupportStepAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "request__campaign__jurisdiction"
    list_display = ["at", "request", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    list_select_related = ["request", "actor"]
