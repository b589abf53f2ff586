from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["jurisdiction", "unit"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + (("联系方式", {"fields": ("full_name", "phone")}),)
    list_display = ["username", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["username", "full_name"]
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "jurisdiction", "unit", "note", "created_at"]
    list_filter = ["role", "jurisdiction"]
    list_select_related = ["user", "jurisdiction", "unit"]
    autocomplete_fields = ["user", "jurisdiction", "unit"]
