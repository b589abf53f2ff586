"""Admin building blocks shared by the apps."""
import hashlib
import json

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote

from planeval.accounts.access import drc_jurisdiction_ids


class ReadOnlyAdmin(admin.ModelAdmin):
    """For history and derived data: the admin shows it; only the services that own it write it."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoryInline(admin.TabularInline):
    """A record's steps or answers under it, read-only: they are appended by the services."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


STALE_ADMIN_FORM = "该条数据在您打开此页面后已被他人修改，您的保存未生效。请重新打开页面，核对后再修改。"
FINGERPRINT_FIELD = "_loaded_fingerprint"


def fingerprint(obj) -> str:
    """A digest of the object's stored fields: what the form was opened on."""
    values = {f.attname: f.value_to_string(obj) for f in obj._meta.concrete_fields}
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


class OptimisticLockAdmin(admin.ModelAdmin):
    """Two people editing the same object in the admin: the second save is refused, not applied
    over the first. The page carries a digest of the row as it was when it was opened (a hidden
    input, kept across re-displays after errors); saving re-reads the row under a lock (the admin
    saves inside a transaction) and compares. Many-to-many choices are not part of the digest."""

    change_form_template = "admin/planeval_change_form.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id is not None:
            if request.method == "POST":
                extra_context["loaded_fingerprint"] = request.POST.get(FINGERPRINT_FIELD, "")
            else:
                obj = self.get_object(request, unquote(object_id))
                extra_context["loaded_fingerprint"] = fingerprint(obj) if obj is not None else ""
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class LockedForm(form):
            def clean(self):
                data = super().clean()
                if self.instance.pk:
                    current = (type(self.instance)._default_manager.select_for_update()
                               .filter(pk=self.instance.pk).first())
                    if current is None or fingerprint(current) != self.data.get(FINGERPRINT_FIELD):
                        raise forms.ValidationError(STALE_ADMIN_FORM, code="stale")
                return data

        LockedForm.__name__ = form.__name__
        return LockedForm


class JurisdictionScopedAdmin(OptimisticLockAdmin):
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
