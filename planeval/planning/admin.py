from django.contrib import admin
from django.db.models import OuterRef, Subquery

from planeval.assessment.models import IndicatorAssessment
from planeval.core.admin import JurisdictionScopedAdmin, ScopedReadOnlyAdmin

from .models import Indicator, IndicatorTarget, Plan, Project, Tag, Task
from .services import indicator_save


@admin.register(Plan)
class PlanAdmin(JurisdictionScopedAdmin):
    list_display = ["number", "name", "kind", "category", "lead_unit", "jurisdiction"]
    list_display_links = ["name"]
    list_filter = ["jurisdiction", "kind"]
    list_select_related = ["lead_unit", "jurisdiction"]
    search_fields = ["name"]
    autocomplete_fields = ["lead_unit", "outline"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class IndicatorTargetInline(admin.TabularInline):
    """The target's versions, read-only: a new one comes from an adjustment or a recorded correction."""

    model = IndicatorTarget
    extra = 0
    can_delete = False
    fields = ["number", "target_text", "target_kind", "source", "valid_from", "created_by", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(ScopedReadOnlyAdmin):
    """Read-only: versions are written by adjustments and recorded corrections, never by hand."""

    jurisdiction_path = "indicator__plan__jurisdiction"

    list_display = ["indicator", "number", "target_text", "target_kind", "source", "valid_from", "created_by"]
    list_filter = ["source", "indicator__plan__jurisdiction"]
    list_select_related = ["indicator", "created_by"]
    search_fields = ["indicator__name", "target_text"]


@admin.register(Indicator)
class IndicatorAdmin(JurisdictionScopedAdmin):
    jurisdiction_path = "plan__jurisdiction"
    inlines = [IndicatorTargetInline]
    list_display = ["number", "name", "measure_unit", "target_text", "target_kind", "attribute",
                    "lead_unit", "suggestion", "plan"]
    list_display_links = ["name"]
    list_filter = ["plan__jurisdiction", "attribute", "target_kind", "category"]
    list_select_related = ["lead_unit", "plan"]
    search_fields = ["name", "target_text"]
    autocomplete_fields = ["plan", "parent", "lead_unit", "co_units"]
    readonly_fields = ["target_kind", "target", "version"]

    def get_queryset(self, request):
        latest = IndicatorAssessment.objects.filter(indicator=OuterRef("pk")).order_by("-computed_at")
        return super().get_queryset(request).annotate(
            latest_suggestion=Subquery(latest.values("suggestion")[:1])
        )

    @admin.display(description="建议结论", ordering="latest_suggestion")
    def suggestion(self, obj):
        if obj.latest_suggestion is None:
            return "未研判"
        return obj.latest_suggestion or "暂不研判"

    def save_model(self, request, obj, form, change):
        indicator_save(indicator=obj, user=request.user)


@admin.register(Task)
class TaskAdmin(JurisdictionScopedAdmin):
    jurisdiction_path = "plan__jurisdiction"
    list_display = ["number", "title", "depth", "lead_unit", "plan"]
    list_display_links = ["title"]
    list_filter = ["plan__jurisdiction", "depth", "is_upper_level", "tags"]
    list_select_related = ["lead_unit", "plan"]
    search_fields = ["title", "content"]
    autocomplete_fields = ["plan", "parent", "lead_unit", "co_units", "tags"]
    readonly_fields = ["depth", "version"]

    def save_model(self, request, obj, form, change):
        obj.depth = obj.parent.depth + 1 if obj.parent_id else 0
        super().save_model(request, obj, form, change)


@admin.register(Project)
class ProjectAdmin(JurisdictionScopedAdmin):
    jurisdiction_path = "plan__jurisdiction"
    list_display = ["name", "status", "lead_unit", "total_investment", "completed_investment",
                    "starts_on", "finishes_on", "is_sample"]
    list_filter = ["plan__jurisdiction", "status", "is_sample"]
    list_select_related = ["lead_unit"]
    search_fields = ["name"]
    autocomplete_fields = ["plan", "task", "lead_unit", "tags"]
