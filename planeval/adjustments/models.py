"""Adjustment proposals (调整建议) on a campaign's indicators, tasks and projects, and their route.

A proposal moves along the route of ``planeval.domain.adjustment_route``; every step is a
``Step`` row (who, when, what was said) and an audit event. Applying writes the change into
the plan: a new ``planning.IndicatorTarget`` version for a target, ``ItemChange`` rows for
anything else. Rows carry a ``version`` for optimistic locking like every editable row.
"""
from django.conf import settings
from django.db import models

from planeval.domain.adjustment_route import (
    ACTION_LABELS,
    ITEM_LABELS,
    KIND_LABELS,
    STATE_LABELS,
    Route,
    State,
)


class RouteSetting(models.Model):
    """How a campaign's adjustments travel: whether outline changes go to the people's congress."""

    campaign = models.OneToOneField("campaigns.Campaign", on_delete=models.CASCADE, related_name="adjustment_setting",
                                    verbose_name="评估工作")
    outline_to_congress = models.BooleanField(
        "规划纲要的调整须报人大常委会", default=False,
        help_text="如普陀区：《指标调整方案》经区政府常务会审议后向区人大常委会报告，之后生效。")
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="最后修改人")
    updated_at = models.DateTimeField("最后修改时间", null=True, blank=True)

    class Meta:
        verbose_name = "规划调整程序设置"
        verbose_name_plural = "规划调整程序设置"

    def __str__(self) -> str:
        return f"{self.campaign}：{'报人大常委会' if self.outline_to_congress else '政府审定后生效'}"


class Adjustment(models.Model):
    class ItemType(models.TextChoices):
        INDICATOR = "indicator", ITEM_LABELS["indicator"]
        TASK = "task", ITEM_LABELS["task"]
        PROJECT = "project", ITEM_LABELS["project"]

    class Origin(models.TextChoices):
        OWN = "own", "单位主动提出"
        REPORT = "report", "来自指标自评（C/D或预计难以完成）"

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="adjustments",
                                 verbose_name="评估工作")
    plan = models.ForeignKey("planning.Plan", on_delete=models.PROTECT, related_name="adjustments",
                             verbose_name="规划")
    item_type = models.CharField("调整对象", max_length=10, choices=ItemType.choices)
    indicator = models.ForeignKey("planning.Indicator", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="adjustments", verbose_name="指标")
    task = models.ForeignKey("planning.Task", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="adjustments", verbose_name="任务")
    project = models.ForeignKey("planning.Project", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="adjustments", verbose_name="项目")
    parent_task = models.ForeignKey("planning.Task", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="新增任务的上级任务")
    kind = models.CharField("调整类型", max_length=10, choices=list(KIND_LABELS.items()))
    route = models.CharField("调整程序", max_length=10, choices=[(r.value, r.label) for r in Route])
    state = models.CharField("状态", max_length=10, choices=list(STATE_LABELS.items()), default=State.DRAFT)
    before_text = models.CharField("调整前", max_length=300, blank=True)
    after_text = models.CharField("调整后", max_length=300, blank=True)
    after_target = models.JSONField("调整后目标（解析）", default=dict, blank=True)
    reason = models.TextField("调整理由", blank=True)
    basis = models.TextField("测算依据", blank=True)
    proposer_unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="adjustments",
                                      verbose_name="提出单位")
    origin = models.CharField("来源", max_length=8, choices=Origin.choices, default=Origin.OWN)
    origin_report = models.ForeignKey("submissions.IndicatorReport", on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="adjustments", verbose_name="来源自评")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="起草人")
    created_at = models.DateTimeField("起草时间")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="提交人")
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    decision_meeting = models.CharField("审定会议", max_length=100, blank=True)
    decided_on = models.DateField("审定日期", null=True, blank=True)
    decision_document = models.CharField("审定文号", max_length=100, blank=True)
    congress_reported_on = models.DateField("报人大常委会日期", null=True, blank=True)
    congress_document = models.CharField("报人大常委会文号", max_length=100, blank=True)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="生效登记人")
    applied_at = models.DateTimeField("生效登记时间", null=True, blank=True)
    effective_on = models.DateField("生效日期", null=True, blank=True)
    applied_target = models.OneToOneField("planning.IndicatorTarget", on_delete=models.PROTECT, null=True,
                                          blank=True, related_name="adjustment", verbose_name="生成的目标版本")
    version = models.PositiveIntegerField("版本", default=1)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "调整建议"
        verbose_name_plural = "调整建议"
        ordering = ["campaign_id", "-created_at", "-id"]
        indexes = [models.Index(fields=["campaign", "state"], name="adjustment_campaign_state")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.item_name}"

    @property
    def after_target_label(self) -> str:
        """How the new target was read: 累计值, 区间, 定性（定性目标）…"""
        from planeval.domain.assessment_text import KIND_LABELS as TARGET_KIND_LABELS

        kind = (self.after_target or {}).get("kind", "")
        reason = (self.after_target or {}).get("reason", "")
        label = TARGET_KIND_LABELS.get(kind, kind)
        return f"{label}（{reason}）" if reason else label

    @property
    def item(self):
        return self.indicator or self.task or self.project

    @property
    def item_name(self) -> str:
        item = self.item
        if item is None:
            return self.after_text
        return getattr(item, "name", None) or getattr(item, "title", "")


class Step(models.Model):
    """One step of an adjustment's route: who did what, when, what they said. Never changed."""

    adjustment = models.ForeignKey(Adjustment, on_delete=models.CASCADE, related_name="steps",
                                   verbose_name="调整建议")
    action = models.CharField("操作", max_length=10, choices=list(ACTION_LABELS.items()) + [("draft", "起草"),
                                                                                          ("edit", "修改")])
    from_state = models.CharField("原状态", max_length=10, choices=list(STATE_LABELS.items()))
    to_state = models.CharField("新状态", max_length=10, choices=list(STATE_LABELS.items()))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="操作人")
    comment = models.TextField("意见", blank=True)
    detail = models.JSONField("登记事项", default=dict, blank=True)
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "调整流转记录"
        verbose_name_plural = "调整流转记录"
        ordering = ["adjustment_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.adjustment_id} {self.get_action_display()}"


class ItemChange(models.Model):
    """A field of a plan item changed by an applied adjustment: old → new, who, when. Append-only."""

    adjustment = models.ForeignKey(Adjustment, on_delete=models.PROTECT, related_name="changes",
                                   verbose_name="调整建议")
    item_type = models.CharField("对象类型", max_length=10)
    item_id = models.PositiveBigIntegerField("对象编号")
    field = models.CharField("字段", max_length=40)
    old_value = models.TextField("原值", blank=True)
    new_value = models.TextField("新值", blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="修改人")
    changed_at = models.DateTimeField("修改时间")

    class Meta:
        verbose_name = "规划调整修改记录"
        verbose_name_plural = "规划调整修改记录"
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["item_type", "item_id"], name="item_change_item")]

    def __str__(self) -> str:
        return f"{self.item_type}#{self.item_id}.{self.field}"
