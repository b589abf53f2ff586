"""Admin building blocks shared by the apps."""
from django.contrib import admin

from planeval.accounts.access import drc_jurisdiction_ids


class ReadOnlyAdmin(admin.ModelAdmin):
    """For history and derived data: the admin shows it; only the services that own it write it."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class JurisdictionScopedAdmin(admin.ModelAdmin):
    """The admin is one more way into a government's data, so it keeps the application's rule:
    staff see and change only the jurisdictions where they are the DRC (and those below);
    the system administrator (a superuser) sees all.

    ``jurisdiction_path`` leads from the model to its jurisdiction (``"plan__jurisdiction"``);
    ``None`` means the model is the jurisdiction. Choices of related objects in forms come from the
    related model's own admin, so a scoped admin never offers another government's plan or unit.
    """

    jurisdiction_path: str | None = "jurisdiction"

    def _scope_lookup(self) -> str:
        return "id__in" if self.jurisdiction_path is None else f"{self.jurisdiction_path}_id__in"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self._scope_lookup(): drc_jurisdiction_ids(request.user)})

    def _in_scope(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def _related_choices(self, request, related_model, kwargs):
        related_admin = self.admin_site._registry.get(related_model)
        if isinstance(related_admin, JurisdictionScopedAdmin) and "queryset" not in kwargs:
            kwargs["queryset"] = related_admin.get_queryset(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._related_choices(request, db_field.remote_field.model, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._related_choices(request, db_field.remote_field.model, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedReadOnlyAdmin(JurisdictionScopedAdmin, ReadOnlyAdmin):
    """History and derived data of a government, readable only by its DRC."""
