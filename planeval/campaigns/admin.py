from django.contrib import admin

from planeval.core.admin import JurisdictionScopedAdmin, ScopedReadOnlyAdmin

from .models import Campaign, CampaignRevision, Deadline, Phase


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(JurisdictionScopedAdmin):
    list_display = ["name", "jurisdiction", "status", "document_number", "annual_cutoff", "monthly_cutoff"]
    list_filter = ["status", "jurisdiction"]
    list_select_related = ["jurisdiction"]
    search_fields = ["name"]
    filter_horizontal = ["plans"]
    inlines = [PhaseInline, DeadlineInline]
    actions = ["reassess"]

    @admin.action(description="重新研判所选评估工作的指标和项目")
    def reassess(self, request, queryset):
        from planeval.assessment.services import campaign_assess

        total = sum(campaign_assess(campaign=campaign) for campaign in queryset)
        self.message_user(request, f"已重新研判 {total} 项。")


@admin.register(Phase)
class PhaseAdmin(JurisdictionScopedAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["campaign", "stage", "name", "starts_on", "ends_on", "responsible"]
    list_filter = ["campaign"]
    list_select_related = ["campaign"]


@admin.register(Deadline)
class DeadlineAdmin(JurisdictionScopedAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["campaign", "name", "due_on", "working_days_after", "after_event"]
    list_filter = ["campaign"]
    list_select_related = ["campaign"]


@admin.register(CampaignRevision)
class CampaignRevisionAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "campaign__jurisdiction"
    list_display = ["campaign", "setting", "changed_by", "changed_at"]
    list_select_related = ["campaign", "changed_by"]
