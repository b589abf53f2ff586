"""Read-only admin: proposals move only along their route (the pages and services), never by hand."""
from django.contrib import admin

from .models import Adjustment, ItemChange, RouteSetting, Step


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_state", "to_state", "comment", "detail"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Adjustment)
class AdjustmentAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "item_type", "before_text", "after_text", "proposer_unit", "state", "is_sample"]
    list_filter = ["campaign", "state", "kind", "item_type", "route", "is_sample"]
    list_select_related = ["proposer_unit"]
    search_fields = ["before_text", "after_text", "reason"]
    inlines = [StepInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ["at", "adjustment", "action", "from_state", "to_state", "actor"]
    list_filter = ["action"]
    list_select_related = ["adjustment", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ItemChange)
class ItemChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "item_type", "item_id", "field", "old_value", "new_value", "changed_by"]
    list_filter = ["item_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RouteSetting)
class RouteSettingAdmin(admin.ModelAdmin):
    list_display = ["campaign", "outline_to_congress", "updated_by", "updated_at"]

    def has_change_permission(self, request, obj=None):
        return False   # changed on the 规划调整 page, where the change is recorded

    def has_add_permission(self, request):
        return False
