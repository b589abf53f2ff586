"""Plans, indicators (with the parsed target and the latest stored assessment), tasks and projects."""
import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from planeval.assessment.models import IndicatorAssessment
from planeval.planning.models import Indicator, Plan, Project, Task

from .base import MAX_ID, IdFilter, ScopedViewSet

DEPTH_INVALID = "层级须为非负整数。"
TARGET_SCHEMA = {
    "type": "object",
    "description": "解析后的目标值（planeval.domain.targets.Target，见 docs/targets.md）；原文见 target_text",
    "additionalProperties": True,
}


class PlanningFilter(django_filters.FilterSet):
    """The four filters every planning list shares."""

    jurisdiction = IdFilter(field_name="plan__jurisdiction_id", help_text="行政区划编号")
    plan = IdFilter(field_name="plan_id", help_text="规划编号")
    unit = IdFilter(field_name="lead_unit_id", help_text="牵头（责任）单位编号")
    campaign = IdFilter(field_name="plan__campaigns", help_text="评估工作编号：该评估工作范围内的规划")


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["id", "jurisdiction", "kind", "number", "category", "name", "lead_unit", "outline", "start_year",
                  "end_year"]


class PlanFilter(django_filters.FilterSet):
    jurisdiction = IdFilter(field_name="jurisdiction_id", help_text="行政区划编号")
    unit = IdFilter(field_name="lead_unit_id", help_text="牵头单位编号")
    campaign = IdFilter(field_name="campaigns", help_text="评估工作编号")
    kind = django_filters.ChoiceFilter(choices=Plan.Kind.choices)

    class Meta:
        model = Plan
        fields = []


class PlanViewSet(ScopedViewSet):
    """规划：规划纲要、专项规划、区域规划、空间规划。"""

    queryset = Plan.objects.order_by("jurisdiction_id", "id")
    serializer_class = PlanSerializer
    filterset_class = PlanFilter


class AssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorAssessment
        fields = ["campaign", "computed_at", "target_kind", "current", "progress", "expected", "forecast",
                  "forecast_source", "anticipated", "suggestion", "warning", "reasons", "checks"]


class IndicatorSerializer(serializers.ModelSerializer):
    target = serializers.SerializerMethodField()
    latest_assessment = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["id", "plan", "parent", "category", "number", "position", "name", "measure_unit", "baseline",
                  "baseline_year", "baseline_is_sample", "target_text", "target", "target_kind", "direction",
                  "attribute", "lead_unit", "co_units", "note", "version", "latest_assessment"]

    @extend_schema_field(TARGET_SCHEMA)
    def get_target(self, indicator) -> dict:
        return indicator.target or {}

    @extend_schema_field(AssessmentSerializer(allow_null=True))
    def get_latest_assessment(self, indicator):
        latest = indicator.latest_assessments[0] if indicator.latest_assessments else None
        return AssessmentSerializer(latest).data if latest else None


class IndicatorFilter(PlanningFilter):
    attribute = django_filters.ChoiceFilter(choices=Indicator.Attribute.choices)

    class Meta:
        model = Indicator
        fields = []


def _campaign_param(request) -> int | None:
    text = request.query_params.get("campaign", "")
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_ID else None


class IndicatorViewSet(ScopedViewSet):
    """指标：目标值原文与解析结果、最新一次研判（按 campaign 筛选时为该评估工作的研判）。"""

    queryset = Indicator.objects.order_by("plan_id", "position", "id")
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    jurisdiction_lookup = "plan__jurisdiction_id"
    jurisdiction_attribute = "plan.jurisdiction_id"

    def get_queryset(self):
        assessments = IndicatorAssessment.objects.order_by("-computed_at", "-id")
        campaign = _campaign_param(self.request)
        if campaign is not None:
            assessments = assessments.filter(campaign_id=campaign)
        return super().get_queryset().select_related("plan").prefetch_related(
            "co_units", Prefetch("assessments", queryset=assessments, to_attr="latest_assessments"))


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "plan", "parent", "depth", "number", "position", "title", "content", "lead_unit",
                  "co_units", "co_units_note", "tags", "is_upper_level", "version"]


class TaskFilter(PlanningFilter):
    depth = IdFilter(field_name="depth", min_value=0, max_value=32767, help_text="层级：0 领域，1 章节，2 具体任务",
                     error_messages={"invalid": DEPTH_INVALID, "min_value": DEPTH_INVALID, "max_value": DEPTH_INVALID})

    class Meta:
        model = Task
        fields = []


class TaskViewSet(ScopedViewSet):
    """任务：任意层级的任务树（parent 指向上级任务）。"""

    queryset = Task.objects.select_related("plan").prefetch_related("co_units", "tags").order_by(
        "plan_id", "position", "id")
    serializer_class = TaskSerializer
    filterset_class = TaskFilter
    jurisdiction_lookup = "plan__jurisdiction_id"
    jurisdiction_attribute = "plan.jurisdiction_id"


class ProjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = ["id", "plan", "task", "name", "lead_unit", "total_investment", "completed_investment", "starts_on",
                  "finishes_on", "status", "tags", "is_sample", "version"]


class ProjectFilter(PlanningFilter):
    status = django_filters.ChoiceFilter(choices=Project.Status.choices)

    class Meta:
        model = Project
        fields = []


class ProjectViewSet(ScopedViewSet):
    """重大项目：投资、计划工期和状态。"""

    queryset = Project.objects.select_related("plan").prefetch_related("tags").order_by("plan_id", "id")
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    jurisdiction_lookup = "plan__jurisdiction_id"
    jurisdiction_attribute = "plan.jurisdiction_id"
