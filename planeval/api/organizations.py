"""Jurisdictions (行政区划) and units (单位): read only, scoped to what the user may see."""
import django_filters
from rest_framework import serializers

from planeval.organizations.models import Jurisdiction, Unit

from .base import IdFilter, ScopedViewSet


class JurisdictionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Jurisdiction
        fields = ["id", "name", "full_name", "level", "parent"]


class JurisdictionFilter(django_filters.FilterSet):
    parent = IdFilter(field_name="parent_id", help_text="上级行政区划编号")
    level = django_filters.ChoiceFilter(choices=Jurisdiction.Level.choices)

    class Meta:
        model = Jurisdiction
        fields = []


class JurisdictionViewSet(ScopedViewSet):
    """行政区划：本人有权查看的行政区划（所任角色所在的行政区划及其下级）。"""

    queryset = Jurisdiction.objects.order_by("id")
    serializer_class = JurisdictionSerializer
    filterset_class = JurisdictionFilter
    jurisdiction_lookup = jurisdiction_attribute = "id"


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "jurisdiction", "name", "full_name", "kind", "is_active"]


class UnitFilter(django_filters.FilterSet):
    jurisdiction = IdFilter(field_name="jurisdiction_id", help_text="行政区划编号")
    campaign = IdFilter(field_name="jurisdiction__campaigns", help_text="评估工作编号：该评估工作所在行政区划的单位")
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices)

    class Meta:
        model = Unit
        fields = []


class UnitViewSet(ScopedViewSet):
    """单位：部门、街镇、园区和企业。"""

    queryset = Unit.objects.order_by("jurisdiction_id", "id")
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
