"""Indicator values (指标数据): the list, and the bulk upsert a unit's filler makes for its submission."""
from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from planeval.domain.periods import Granularity, Period
from planeval.monitoring.models import Observation
from planeval.submissions import access
from planeval.submissions.services import ValueInput

from .base import MAX_ID, IdFilter, ScopedViewSet, username_of
from .services import values_bulk_save

KIND_INVALID = "数据类型应为 actual（统计数）、estimate（预计数）或 forecast（预测数）。"
FORECAST_YEARLY = "预测数按年度填报，期间应写作年份（如 2025）。"
VALUE_INVALID = "数值应为数字，整数部分不超过14位、小数不超过6位；清空该数据请填 null。"
VERSION_INVALID = "请填写读取时的版本号 version（新增数据填 0）。"
DUPLICATE_ROW = "与第{first}条是同一指标、期间和数据类型，请合并为一条。"
TOO_MANY = "一次最多提交{limit}条数据。"
EMPTY = "请至少提交一条数据。"
MAX_ROWS = 500
# What a unit enters, as on the indicator form; 参照值 (reference) is the DRC's, through the admin.
WRITABLE_KINDS = [(k, Observation.Kind(k).label) for k in ("actual", "estimate", "forecast")]


class ValueSerializer(serializers.ModelSerializer):
    period = serializers.SerializerMethodField(help_text="2022、2023H1 或 2023-06")
    recorded_by = username_of("recorded_by")

    class Meta:
        model = Observation
        fields = ["id", "indicator", "period", "kind", "value", "source", "note", "is_sample", "version",
                  "recorded_by", "recorded_at"]

    def get_period(self, observation) -> str:
        return str(observation.period)


class ValueFilter(django_filters.FilterSet):
    jurisdiction = IdFilter(field_name="indicator__plan__jurisdiction_id", help_text="行政区划编号")
    plan = IdFilter(field_name="indicator__plan_id", help_text="规划编号")
    unit = IdFilter(field_name="indicator__lead_unit_id", help_text="指标责任单位编号")
    campaign = IdFilter(field_name="indicator__plan__campaigns", help_text="评估工作编号")
    indicator = IdFilter(field_name="indicator_id", help_text="指标编号")
    kind = django_filters.ChoiceFilter(choices=Observation.Kind.choices)
    period = django_filters.CharFilter(method="filter_period", help_text="期间：2022、2023H1 或 2023-06")

    class Meta:
        model = Observation
        fields = []

    def filter_period(self, queryset, name, text):
        try:
            period = Period.parse(text)
        except ValueError as bad:
            raise serializers.ValidationError({"period": [str(bad)]}) from bad
        return queryset.filter(year=period.year, granularity=period.granularity.value, period_index=period.index)


class ValueViewSet(ScopedViewSet):
    """指标数据：每个指标、期间、数据类型一条，附版本号（修改时用于并发校验）。"""

    queryset = Observation.objects.select_related("recorded_by", "indicator__plan").order_by(
        "indicator_id", "year", "granularity", "period_index", "kind")
    serializer_class = ValueSerializer
    filterset_class = ValueFilter
    jurisdiction_lookup = "indicator__plan__jurisdiction_id"
    jurisdiction_attribute = "indicator.plan.jurisdiction_id"


class ValueInputSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="指标编号")
    period = serializers.CharField(max_length=10, help_text="2022、2023H1 或 2023-06")
    kind = serializers.ChoiceField(choices=WRITABLE_KINDS, error_messages={"invalid_choice": KIND_INVALID})
    value = serializers.DecimalField(max_digits=20, decimal_places=6, allow_null=True,
                                     help_text="数值；null 表示清空该数据", error_messages={
                                         key: VALUE_INVALID for key in (
                                             "invalid", "max_digits", "max_decimal_places", "max_whole_digits",
                                             "max_string_length")})
    source = serializers.CharField(max_length=120, allow_blank=True, default="", help_text="数据来源")
    note = serializers.CharField(max_length=300, allow_blank=True, allow_null=True, required=False, default=None,
                                 help_text="说明；省略或 null 时保留原有说明")
    version = serializers.IntegerField(min_value=0, max_value=2**31 - 1, help_text="读取时的版本号；新增数据填 0",
                                       error_messages={key: VERSION_INVALID for key in (
                                           "invalid", "required", "null", "min_value", "max_value")})

    def validate_period(self, text: str) -> Period:
        try:
            return Period.parse(text)
        except ValueError as bad:
            raise serializers.ValidationError(str(bad)) from bad

    def validate(self, data):
        if data["kind"] == "forecast" and data["period"].granularity is not Granularity.YEAR:
            raise serializers.ValidationError({"period": FORECAST_YEARLY})
        return data


class ValueRowsSerializer(serializers.ListSerializer):
    def to_internal_value(self, data):
        rows = super().to_internal_value(data)
        seen, errors = {}, {}
        for index, row in enumerate(rows):
            key = (row["indicator"], row["period"], row["kind"])
            if key in seen:
                errors[index] = {"non_field_errors": [DUPLICATE_ROW.format(first=seen[key])]}
            seen.setdefault(key, index)
        if errors:
            raise serializers.ValidationError(errors)  # keyed by index, like the child rows' own errors
        return rows


class BulkValuesSerializer(serializers.Serializer):
    results = serializers.ListField(child=ValueSerializer(allow_null=True),
                                    help_text="与提交顺序一一对应的保存结果；清空的数据为 null")


def rows_serializer(data) -> ValueRowsSerializer:
    return ValueRowsSerializer(child=ValueInputSerializer(), data=data, allow_empty=False, max_length=MAX_ROWS,
                               error_messages={"empty": EMPTY, "max_length": TOO_MANY.format(limit=MAX_ROWS)})


class SubmissionValuesView(APIView):
    @extend_schema(
        operation_id="submission_values_upsert",
        request=ValueInputSerializer(many=True),
        responses={200: BulkValuesSerializer},
        summary="批量新增或修改本单位指标数据",
        description=(
            "全部成功或全部不写入。只有牵头单位的填报人或单位负责人、在报告可修改的状态下可以提交（与填报页面相同）。"
            "version 为读取时的版本号（新增填 0）：任何一条已被他人修改则返回 409 并附当前值与版本；"
            "任何一条有误则返回 400 并按序号（index，从0起）列出。"
        ),
        tags=["values"],
    )
    def post(self, request, submission_id: int):
        submission, who = access.access_submission(request.user, submission_id)
        if not who.is_unit:
            raise PermissionDenied(access.NO_WRITE)
        rows = rows_serializer(request.data)
        rows.is_valid(raise_exception=True)
        indicators = {}
        for row in rows.validated_data:
            if row["indicator"] not in indicators:
                submission, who, indicators[row["indicator"]] = access.access_item(
                    request.user, submission.id, "indicator", row["indicator"], write=True)
        saved = values_bulk_save(submission=submission, who=who, user=request.user, rows=[
            (indicators[row["indicator"]], ValueInput(period=row["period"], kind=row["kind"], value=row["value"],
                                                      source=row["source"], note=row["note"],
                                                      expected_version=row["version"]))
            for row in rows.validated_data])
        return Response({"results": [ValueSerializer(obs).data if obs else None for obs in saved]})
