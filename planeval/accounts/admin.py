from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction

from .models import PasswordHistory, RoleAssignment, User
from .services import password_reset_record


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["jurisdiction", "unit"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + (
        ("联系方式", {"fields": ("full_name", "phone")}),
        ("密码策略", {"fields": ("must_change_password", "password_changed_at")}),
    )
    readonly_fields = ["password_changed_at"]
    list_display = ["username", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["username", "full_name"]
    inlines = [RoleAssignmentInline]

    # Identity controls (issue 9): a password chosen by an administrator, for a new account or
    # through 修改密码 here, must be replaced by its owner at the next login.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password():
            password_reset_record(user=obj, request=request)

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            before = User.objects.filter(pk=unquote(id)).values_list("password", flat=True).first()
            response = super().user_change_password(request, id, form_url)
            user = User.objects.filter(pk=unquote(id)).first()
            if user is not None and user.password != before and user.has_usable_password():
                password_reset_record(user=user, request=request)
        return response


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "jurisdiction", "unit", "note", "created_at"]
    list_filter = ["role", "jurisdiction"]
    list_select_related = ["user", "jurisdiction", "unit"]
    autocomplete_fields = ["user", "jurisdiction", "unit"]


@admin.register(PasswordHistory)
class PasswordHistoryAdmin(admin.ModelAdmin):
    """When each user last set a password; the hashes themselves are never shown."""

    list_display = ["user", "created_at"]
    list_select_related = ["user"]
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
