from django.contrib import admin

from planeval.core.admin import JurisdictionScopedAdmin

from .models import Contact, Jurisdiction, Unit, UnitAlias


@admin.register(Jurisdiction)
class JurisdictionAdmin(JurisdictionScopedAdmin):
    jurisdiction_path = None
    list_display = ["name", "full_name", "level", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["name", "full_name"]


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 0
    fields = ["alias"]


@admin.register(Unit)
class UnitAdmin(JurisdictionScopedAdmin):
    list_display = ["name", "full_name", "kind", "jurisdiction", "is_active"]
    list_filter = ["jurisdiction", "kind", "is_active"]
    list_select_related = ["jurisdiction"]
    search_fields = ["name", "full_name", "aliases__alias"]
    inlines = [UnitAliasInline]

    def save_formset(self, request, form, formset, change):
        # An alias is unique within its unit's jurisdiction, so it carries that jurisdiction.
        for alias in formset.save(commit=False):
            alias.jurisdiction_id = form.instance.jurisdiction_id
            alias.save()
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(Contact)
class ContactAdmin(JurisdictionScopedAdmin):
    jurisdiction_path = "unit__jurisdiction"
    list_display = ["unit", "name", "post", "department", "phone", "campaign", "is_sample"]
    list_filter = ["unit__jurisdiction", "campaign", "is_sample"]
    list_select_related = ["unit", "campaign"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(UnitAlias)
class UnitAliasAdmin(JurisdictionScopedAdmin):
    list_display = ["alias", "unit", "jurisdiction"]
    list_filter = ["jurisdiction"]
    list_select_related = ["unit", "jurisdiction"]
    search_fields = ["alias", "unit__name"]
    autocomplete_fields = ["unit"]

    def save_model(self, request, obj, form, change):
        obj.jurisdiction_id = obj.unit.jurisdiction_id
        super().save_model(request, obj, form, change)
