from django.contrib import admin

from planeval.core.admin import ScopedReadOnlyAdmin

from .models import IndicatorAssessment, ProjectAssessment


@admin.register(IndicatorAssessment)
class IndicatorAssessmentAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["indicator", "campaign", "target_kind", "current", "progress_pct", "expected_pct",
                    "forecast", "anticipated_pct", "suggestion", "warning", "computed_at"]
    list_filter = ["campaign", "suggestion", "warning", "target_kind"]
    list_select_related = ["indicator", "campaign"]
    search_fields = ["indicator__name"]

    @admin.display(description="目标进度")
    def progress_pct(self, obj):
        return "—" if obj.progress is None else f"{obj.progress:.0%}"

    @admin.display(description="时间进度")
    def expected_pct(self, obj):
        return "—" if obj.expected is None else f"{obj.expected:.0%}"

    @admin.display(description="预计完成程度")
    def anticipated_pct(self, obj):
        return "—" if obj.anticipated is None else f"{obj.anticipated:.0%}"


@admin.register(ProjectAssessment)
class ProjectAssessmentAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["project", "campaign", "schedule_elapsed", "investment_progress", "gap_points",
                    "suggestion", "warning", "computed_at"]
    list_filter = ["campaign", "warning"]
    list_select_related = ["project", "campaign"]
