from django import forms
from django.contrib import admin

from planeval.core.admin import JurisdictionScopedAdmin, ScopedReadOnlyAdmin
from planeval.core.errors import ApplicationError
from planeval.submissions.locks import assert_indicator_values_writable

from .models import Observation, ObservationRevision
from .services import observation_record


class ObservationAdminForm(forms.ModelForm):
    class Meta:
        model = Observation
        fields = "__all__"

    def clean(self):
        data = super().clean()
        # The admin is one more path to a unit's values: a report under review or signed refuses it here.
        indicator = data.get("indicator") or getattr(self.instance, "indicator", None)
        if indicator is not None:
            try:
                assert_indicator_values_writable(indicator)
            except ApplicationError as refused:
                raise forms.ValidationError(refused.message) from refused
        return data


@admin.register(Observation)
class ObservationAdmin(JurisdictionScopedAdmin):
    jurisdiction_path = "indicator__plan__jurisdiction"
    form = ObservationAdminForm
    list_display = ["indicator", "year", "granularity", "period_index", "kind", "value", "source",
                    "is_sample", "recorded_by", "recorded_at"]
    list_filter = ["indicator__plan__jurisdiction", "kind", "year", "is_sample"]
    list_select_related = ["indicator", "recorded_by"]
    search_fields = ["indicator__name"]
    autocomplete_fields = ["indicator"]
    readonly_fields = ["recorded_by", "recorded_at", "version"]

    def save_model(self, request, obj, form, change):
        # Route through the service so the change lands in the value's history.
        saved = observation_record(
            indicator=obj.indicator, period=obj.period, kind=obj.kind, value=obj.value,
            source=obj.source, note=obj.note, user=request.user, is_sample=obj.is_sample,
        )
        obj.pk, obj.version = saved.pk, saved.version

    def delete_model(self, request, obj):
        from .services import observation_delete

        observation_delete(observation=obj, user=request.user)

    def has_delete_permission(self, request, obj=None):
        # Bulk deletion would skip the history; single deletes go through the service.
        return super().has_delete_permission(request, obj) and obj is not None

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(ObservationRevision)
class ObservationRevisionAdmin(ScopedReadOnlyAdmin):
    jurisdiction_path = "indicator__plan__jurisdiction"
    list_display = ["indicator", "period", "kind", "action", "old_value", "new_value", "changed_by",
                    "changed_at"]
    list_filter = ["action", "kind"]
    list_select_related = ["indicator", "changed_by"]
