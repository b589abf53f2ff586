"""Campaigns (中期评估工作): read only; their ids are the ``campaign`` filter of the other lists."""
import django_filters
from rest_framework import serializers

from planeval.campaigns.models import Campaign

from .base import IdFilter, ScopedViewSet


class CampaignSerializer(serializers.ModelSerializer):
    class Meta:
        model = Campaign
        fields = ["id", "jurisdiction", "name", "document_number", "issuer", "issued_on", "status", "plans",
                  "annual_cutoff", "monthly_cutoff", "task_cutoff"]


class CampaignFilter(django_filters.FilterSet):
    jurisdiction = IdFilter(field_name="jurisdiction_id", help_text="行政区划编号")
    plan = IdFilter(field_name="plans", help_text="规划编号：评估范围包含该规划的评估工作")
    status = django_filters.ChoiceFilter(choices=Campaign.Status.choices)

    class Meta:
        model = Campaign
        fields = []


class CampaignViewSet(ScopedViewSet):
    """评估工作：范围内的规划、数据截止时点。"""

    queryset = Campaign.objects.prefetch_related("plans").order_by("jurisdiction_id", "id")
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilter
