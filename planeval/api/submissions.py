"""Submissions (单位自评报告): reading, the unit's judgements and progress, and the workflow steps.

Who may do what is asked of submissions/access.py and domain/workflow.py; rules on what a
judgement must contain are the web forms' (IndicatorJudgementForm, TaskJudgementForm,
ProjectJudgementForm), run here on the JSON body, so the API and the pages refuse the same
things with the same words.
"""
from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from planeval.campaigns.access import access_campaign
from planeval.domain import workflow
from planeval.planning.models import Project
from planeval.submissions import access, services
from planeval.submissions.forms import (
    IndicatorJudgementForm,
    ProjectJudgementForm,
    TaskJudgementForm,
    TransitionForm,
)
from planeval.submissions.models import (
    RATING_CHOICES,
    IndicatorReport,
    ProjectReport,
    Submission,
    TaskReport,
)
from planeval.submissions.selectors import actions_for, indicator_suggestion, work_items

from .base import IdFilter, username_of

RATINGS = [("", "暂不评定")] + RATING_CHOICES


class SubmissionSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    state_label = serializers.SerializerMethodField()
    signed_by = username_of("signed_by")

    class Meta:
        model = Submission
        fields = ["id", "campaign", "unit", "unit_name", "state", "state_label", "confirmed_by", "submitted_at",
                  "accepted_at", "signed_at", "signed_by", "version", "is_sample"]

    def get_state_label(self, submission) -> str:
        return workflow.State(submission.state).label


class TransitionRecordSerializer(serializers.Serializer):
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor = serializers.CharField(source="actor.username")
    comment = serializers.CharField()
    at = serializers.DateTimeField()


class ItemReportSerializer(serializers.Serializer):
    """One indicator, task or project of the unit with its own judgement (version 0: none saved yet)."""

    id = serializers.IntegerField(source="obj.id")
    label = serializers.CharField(source="obj.__str__")
    rating = serializers.CharField()
    version = serializers.SerializerMethodField()
    suggestion = serializers.CharField(help_text="平台建议的评估结论（仅指标、项目）")
    warning = serializers.CharField()

    def get_version(self, item) -> int:
        return item.report.version if item.report else 0


class WorkItemsSerializer(serializers.Serializer):
    indicators = ItemReportSerializer(many=True, source="indicator")
    tasks = ItemReportSerializer(many=True, source="task")
    projects = ItemReportSerializer(many=True, source="project")


class SubmissionDetailSerializer(SubmissionSerializer):
    allowed_actions = serializers.ListField(child=serializers.CharField(),
                                            help_text="当前用户此刻可执行的流转操作")
    transitions = TransitionRecordSerializer(many=True)
    items = WorkItemsSerializer()

    class Meta(SubmissionSerializer.Meta):
        fields = SubmissionSerializer.Meta.fields + ["allowed_actions", "transitions", "items"]


def detail(submission: Submission, who: access.Standing, user) -> dict:
    """The submission as the unit's workspace shows it: actions open to this user, the log, the items."""
    data = SubmissionSerializer(submission).data
    data["allowed_actions"] = [a.value for a in actions_for(submission, who.roles, user)]
    data["transitions"] = TransitionRecordSerializer(submission.transitions.select_related("actor"), many=True).data
    data["items"] = WorkItemsSerializer(work_items(submission)).data
    return data


class SubmissionFilter(django_filters.FilterSet):
    jurisdiction = IdFilter(field_name="campaign__jurisdiction_id", help_text="行政区划编号")
    campaign = IdFilter(field_name="campaign_id", help_text="评估工作编号")
    unit = IdFilter(field_name="unit_id", help_text="单位编号")
    state = django_filters.ChoiceFilter(choices=[(s.value, s.label) for s in workflow.State])

    class Meta:
        model = Submission
        fields = []


class SubmissionViewSet(viewsets.ReadOnlyModelViewSet):
    """单位自评报告：本单位的，以及本人作为发改委、分管领导或观察员所辖行政区划的。"""

    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return access.visible_submissions(self.request.user).select_related("unit", "signed_by").order_by(
            "campaign_id", "unit_id")

    @extend_schema(responses={200: SubmissionDetailSerializer})
    def retrieve(self, request, pk: int):
        submission, who = access.access_submission(request.user, int(pk))
        return Response(detail(submission, who, request.user))


class MySubmissionView(APIView):
    @extend_schema(operation_id="campaign_my_submission", request=None,
                   responses={200: SubmissionDetailSerializer}, tags=["submissions"],
                   summary="本单位在该评估工作中的自评报告（尚未开始时创建）",
                   description="与页面上的“我的工作”相同：账户须有本行政区划内单位的填报人或单位负责人角色。")
    def post(self, request, campaign_id: int):
        campaign = access_campaign(request.user, campaign_id)
        submission = services.submission_get_or_create(campaign=campaign, unit=access.own_unit(request.user, campaign))
        submission, who = access.access_submission(request.user, submission.id)
        return Response(detail(submission, who, request.user))


def _form_errors(form) -> serializers.ValidationError:
    return serializers.ValidationError({("non_field_errors" if name == "__all__" else name): messages
                                        for name, messages in form.errors.items()})


def _form_data(data: dict) -> dict:
    """JSON values as the web form would receive them (None → empty)."""
    return {name: "" if value is None else str(value) for name, value in data.items()}


class IndicatorJudgementSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=RATINGS, allow_blank=True, default="")
    explanation = serializers.CharField(allow_blank=True, default="", help_text="原因说明（评为C、D时必填）")
    recovery_measures = serializers.CharField(allow_blank=True, default="", help_text="赶超措施")
    adjustment_before = serializers.CharField(allow_blank=True, default="", max_length=200)
    adjustment_after = serializers.CharField(allow_blank=True, default="", max_length=200)
    adjustment_reason = serializers.CharField(allow_blank=True, default="")
    adjustment_basis = serializers.CharField(allow_blank=True, default="")
    version = serializers.IntegerField(min_value=0, max_value=2**31 - 1,
                                       help_text="读取时的版本号（报告详情 items.indicators[].version；尚未填报为 0）")


class IndicatorReportSerializer(serializers.ModelSerializer):
    updated_by = username_of("updated_by")

    class Meta:
        model = IndicatorReport
        fields = ["id", "submission", "indicator", "rating", "explanation", "recovery_measures", "adjustment_before",
                  "adjustment_after", "adjustment_reason", "adjustment_basis", "version", "updated_by", "updated_at"]


class IndicatorJudgementView(APIView):
    @extend_schema(operation_id="submission_indicator_judgement_save", request=IndicatorJudgementSerializer,
                   responses={200: IndicatorReportSerializer}, tags=["submissions"],
                   summary="保存本单位对牵头指标的评估结论、原因和调整建议",
                   description="与指标填报页面相同的规则（C、D须说明原因；预计难以完成须填赶超措施或完整的调整建议）；"
                               "数值用 values 接口提交。version 过期返回 409。")
    def put(self, request, submission_id: int, indicator_id: int):
        submission, who, indicator = access.access_item(request.user, submission_id, "indicator", indicator_id,
                                                         write=True)
        body = IndicatorJudgementSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        _, shortfall = indicator_suggestion(submission.campaign, indicator)
        form = IndicatorJudgementForm(_form_data(body.validated_data), projected_shortfall=shortfall)
        if not form.is_valid():
            raise _form_errors(form)
        data = form.cleaned_data
        report = services.indicator_report_save(
            submission=submission, who=who, indicator=indicator, user=request.user, values=[],
            rating=data["rating"], explanation=data["explanation"], recovery_measures=data["recovery_measures"],
            adjustment=form.adjustment_from(data), expected_version=body.validated_data["version"])
        return Response(IndicatorReportSerializer(report).data)


class TaskProgressSerializer(serializers.Serializer):
    progress = serializers.CharField(allow_blank=True, default="", help_text="推进情况（截至任务进展截止时点）")
    rating = serializers.ChoiceField(choices=RATINGS, allow_blank=True, default="")
    expected_completion = serializers.CharField(allow_blank=True, default="", max_length=300)
    explanation = serializers.CharField(allow_blank=True, default="")
    next_steps = serializers.CharField(allow_blank=True, default="")
    version = serializers.IntegerField(min_value=0, max_value=2**31 - 1,
                                       help_text="读取时的版本号（报告详情 items.tasks[].version；尚未填报为 0）")


class TaskReportSerializer(serializers.ModelSerializer):
    updated_by = username_of("updated_by")

    class Meta:
        model = TaskReport
        fields = ["id", "submission", "task", "progress", "rating", "expected_completion", "explanation",
                  "next_steps", "version", "updated_by", "updated_at"]


class TaskProgressView(APIView):
    @extend_schema(operation_id="submission_task_progress_save", request=TaskProgressSerializer,
                   responses={200: TaskReportSerializer}, tags=["submissions"],
                   summary="保存本单位牵头任务的推进情况和评估结论",
                   description="与任务填报页面相同的规则；version 过期返回 409。")
    def put(self, request, submission_id: int, task_id: int):
        submission, who, task = access.access_item(request.user, submission_id, "task", task_id, write=True)
        body = TaskProgressSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = TaskJudgementForm(_form_data(body.validated_data))
        if not form.is_valid():
            raise _form_errors(form)
        data = form.cleaned_data
        report = services.task_report_save(
            submission=submission, who=who, task=task, user=request.user, progress=data["progress"],
            rating=data["rating"], expected_completion=data["expected_completion"],
            explanation=data["explanation"], next_steps=data["next_steps"],
            expected_version=body.validated_data["version"])
        return Response(TaskReportSerializer(report).data)


class ProjectProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[("", "未填")] + list(Project.Status.choices), allow_blank=True,
                                     default="")
    completed_investment = serializers.DecimalField(max_digits=14, decimal_places=4, min_value=0, allow_null=True,
                                                    default=None, help_text="已完成投资（亿元）")
    progress = serializers.CharField(allow_blank=True, default="")
    not_started_reason = serializers.CharField(allow_blank=True, default="")
    next_steps = serializers.CharField(allow_blank=True, default="")
    rating = serializers.ChoiceField(choices=RATINGS, allow_blank=True, default="")
    explanation = serializers.CharField(allow_blank=True, default="")
    version = serializers.IntegerField(min_value=0, max_value=2**31 - 1,
                                       help_text="读取时的版本号（报告详情 items.projects[].version；尚未填报为 0）")


class ProjectReportSerializer(serializers.ModelSerializer):
    updated_by = username_of("updated_by")

    class Meta:
        model = ProjectReport
        fields = ["id", "submission", "project", "status", "completed_investment", "progress",
                  "not_started_reason", "next_steps", "rating", "explanation", "version", "updated_by", "updated_at"]


PROJECT_FIELDS = ("status", "completed_investment", "progress", "not_started_reason", "next_steps", "rating",
                  "explanation")


class ProjectProgressView(APIView):
    @extend_schema(operation_id="submission_project_progress_save", request=ProjectProgressSerializer,
                   responses={200: ProjectReportSerializer}, tags=["submissions"],
                   summary="保存本单位牵头项目的进展、投资和评估结论",
                   description="与项目填报页面相同的规则（如未开工须说明原因）；version 过期返回 409。")
    def put(self, request, submission_id: int, project_id: int):
        submission, who, project = access.access_item(request.user, submission_id, "project", project_id,
                                                       write=True)
        body = ProjectProgressSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = ProjectJudgementForm(_form_data(body.validated_data))
        if not form.is_valid():
            raise _form_errors(form)
        report = services.project_report_save(
            submission=submission, who=who, project=project, user=request.user,
            fields={name: form.cleaned_data[name] for name in PROJECT_FIELDS},
            expected_version=body.validated_data["version"])
        return Response(ProjectReportSerializer(report).data)


class TransitionSerializer(serializers.Serializer):
    comment = serializers.CharField(allow_blank=True, default="", max_length=2000,
                                    help_text="意见或理由（退回修改、重新打开时必填）")
    confirmed_by = serializers.CharField(allow_blank=True, default="", max_length=50,
                                         help_text="确认本报告的单位负责人姓名（提交时必填）")


class TransitionView(APIView):
    """One workflow step; only the steps ``workflow.allowed_actions`` offers the user's standing succeed."""

    step: workflow.Action = workflow.Action.SUBMIT

    def post(self, request, submission_id: int):
        submission, who = access.access_submission(request.user, submission_id)
        state = workflow.State(submission.state)
        if self.step not in workflow.allowed_actions(state, who.roles):
            raise PermissionDenied(workflow.refusal(state, self.step, who.roles, "-"))
        body = TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = TransitionForm(_form_data(body.validated_data))
        form.is_valid()
        services.submission_transition(submission=submission, who=who, action=self.step, user=request.user,
                                       comment=form.cleaned_data.get("comment", ""),
                                       confirmed_by=form.cleaned_data.get("confirmed_by", ""))
        submission, who = access.access_submission(request.user, submission.id)
        return Response(detail(submission, who, request.user))


STEPS = [a for a in workflow.Action if a is not workflow.Action.SAVE]


def transition_view(step: workflow.Action):
    """The endpoint of one step, documented on its own (its Chinese name, who may take it)."""
    rule = workflow.RULES[step]
    view = type(f"{step.value.title()}TransitionView", (TransitionView,), {"step": step})
    return extend_schema_view(post=extend_schema(
        operation_id=f"submission_{step.value}", request=TransitionSerializer,
        responses={200: SubmissionDetailSerializer}, tags=["workflow"], summary=f"{step.label}",
        description=(f"从{'、'.join(s.label for s in sorted(rule.sources))}状态执行“{step.label}”；"
                     f"可执行的角色：{'、'.join(sorted(rule.roles))}。"
                     + ("须填写 comment。" if rule.needs_comment else "")
                     + ("须填写 confirmed_by，且每一事项都已给出评估结论。" if step is workflow.Action.SUBMIT else "")
                     + "其他角色或状态返回 403 及原因。"),
    ))(view).as_view()

