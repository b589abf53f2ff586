"""Across levels: upper-level tasks assigned to districts, the upward review of a district's
evaluation (报上级发改委衔接审查), peer benchmarks (兄弟区县对标) and breakdowns of an indicator.

Every row a user changes keeps its history: assignment updates, review steps and breakdown
revisions are append-only; peer values keep their old figure in a revision row.
"""
from django.conf import settings
from django.db import models

from planeval.domain.breakdown import DIMENSION_LABELS

RATING_CHOICES = [("A", "A 进展超前"), ("B", "B 进展良好"), ("C", "C 进展较慢"), ("D", "D 难以完成")]


class TaskAssignment(models.Model):
    """An upper-level task (上级规划涉及本地的任务) handed to one child jurisdiction, with its progress."""

    task = models.ForeignKey("planning.Task", on_delete=models.CASCADE, related_name="assignments",
                             verbose_name="上级任务")
    jurisdiction = models.ForeignKey("organizations.Jurisdiction", on_delete=models.PROTECT,
                                     related_name="task_assignments", verbose_name="承接的行政区划")
    percent = models.PositiveSmallIntegerField("完成进度（%）", default=0)
    progress = models.TextField("推进情况", blank=True)
    rating = models.CharField("评估结论", max_length=1, choices=RATING_CHOICES, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="分解人")
    assigned_at = models.DateTimeField("分解时间")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="最后填报人")
    updated_at = models.DateTimeField("最后填报时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "上级任务分解"
        verbose_name_plural = "上级任务分解"
        ordering = ["task_id", "jurisdiction_id"]
        constraints = [models.UniqueConstraint(fields=["task", "jurisdiction"], name="one_assignment_per_task")]

    def __str__(self) -> str:
        return f"{self.task} → {self.jurisdiction}"


class TaskAssignmentUpdate(models.Model):
    """One progress report on an assignment, as entered: the assignment's history. Never changed."""

    assignment = models.ForeignKey(TaskAssignment, on_delete=models.CASCADE, related_name="updates",
                                   verbose_name="上级任务分解")
    percent = models.PositiveSmallIntegerField("完成进度（%）")
    progress = models.TextField("推进情况", blank=True)
    rating = models.CharField("评估结论", max_length=1, choices=RATING_CHOICES, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name="填报人")
    at = models.DateTimeField("填报时间")

    class Meta:
        verbose_name = "上级任务进展记录"
        verbose_name_plural = "上级任务进展记录"
        ordering = ["assignment_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.assignment_id}：{self.percent}%"


class UpwardReview(models.Model):
    """报上级发改委衔接审查: a district's evaluation sent to the DRC one level up."""

    class State(models.TextChoices):
        SENT = "sent", "已报送，待衔接审查"
        RETURNED = "returned", "已退回修改"
        ACCEPTED = "accepted", "衔接审查通过"

    campaign = models.OneToOneField("campaigns.Campaign", on_delete=models.CASCADE, related_name="upward_review",
                                    verbose_name="评估工作")
    reviewer = models.ForeignKey("organizations.Jurisdiction", on_delete=models.PROTECT,
                                 related_name="upward_reviews", verbose_name="审查的上级行政区划")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.SENT)
    sent_at = models.DateTimeField("报送时间")
    decided_at = models.DateTimeField("审查时间", null=True, blank=True)

    class Meta:
        verbose_name = "报上级衔接审查"
        verbose_name_plural = "报上级衔接审查"
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign}：{self.get_state_display()}"


class UpwardReviewStep(models.Model):
    """One step of the upward review: who sent, returned or accepted, when, and what they said."""

    class Action(models.TextChoices):
        SEND = "send", "报上级发改委衔接审查"
        RETURN = "return", "退回修改"
        ACCEPT = "accept", "衔接审查通过"

    review = models.ForeignKey(UpwardReview, on_delete=models.CASCADE, related_name="steps",
                               verbose_name="报上级衔接审查")
    action = models.CharField("操作", max_length=8, choices=Action.choices)
    comment = models.TextField("说明/衔接意见", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="操作人")
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "衔接审查记录"
        verbose_name_plural = "衔接审查记录"
        ordering = ["review_id", "at", "id"]

    def __str__(self) -> str:
        return self.get_action_display()


class PeerJurisdiction(models.Model):
    """A peer a DRC compares itself with (兄弟区县); it may lie outside this deployment."""

    owner = models.ForeignKey("organizations.Jurisdiction", on_delete=models.CASCADE, related_name="peers",
                              verbose_name="对标方")
    name = models.CharField("对标地区", max_length=60)
    jurisdiction = models.ForeignKey("organizations.Jurisdiction", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", verbose_name="平台内的行政区划")
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "对标地区"
        verbose_name_plural = "对标地区"
        ordering = ["owner_id", "name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="unique_peer_name")]

    def __str__(self) -> str:
        return self.name


class PeerValue(models.Model):
    """A peer's figure for one of our indicators in one year."""

    indicator = models.ForeignKey("planning.Indicator", on_delete=models.CASCADE, related_name="peer_values",
                                  verbose_name="指标")
    peer = models.ForeignKey(PeerJurisdiction, on_delete=models.CASCADE, related_name="values",
                             verbose_name="对标地区")
    year = models.PositiveSmallIntegerField("年份")
    value = models.DecimalField("数值", max_digits=20, decimal_places=6)
    source = models.CharField("来源", max_length=120, blank=True)
    is_sample = models.BooleanField("示例数据", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="录入人")
    recorded_at = models.DateTimeField("录入时间")

    class Meta:
        verbose_name = "对标数据"
        verbose_name_plural = "对标数据"
        ordering = ["indicator_id", "peer_id", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "peer", "year"], name="one_peer_value_per_year")]

    def __str__(self) -> str:
        return f"{self.peer.name} {self.year}"


class PeerValueRevision(models.Model):
    """A peer value's change: old → new, who, when. Append-only."""

    value = models.ForeignKey(PeerValue, on_delete=models.CASCADE, related_name="revisions", verbose_name="对标数据")
    old_value = models.DecimalField("原值", max_digits=20, decimal_places=6, null=True, blank=True)
    new_value = models.DecimalField("新值", max_digits=20, decimal_places=6)
    source = models.CharField("来源", max_length=120, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="修改人")
    changed_at = models.DateTimeField("修改时间")

    class Meta:
        verbose_name = "对标数据修改记录"
        verbose_name_plural = "对标数据修改记录"
        ordering = ["value_id", "changed_at", "id"]


DIMENSION_CHOICES = [(d.value, label) for d, label in DIMENSION_LABELS.items()]


class Breakdown(models.Model):
    """An indicator's total for one year split along one dimension (Ordos: 事故类型, 发生时间 …)."""

    indicator = models.ForeignKey("planning.Indicator", on_delete=models.CASCADE, related_name="breakdowns",
                                  verbose_name="指标")
    year = models.PositiveSmallIntegerField("年份")
    dimension = models.CharField("分析维度", max_length=10, choices=DIMENSION_CHOICES)
    total = models.DecimalField("总数", max_digits=20, decimal_places=6,
                                help_text="录入时指标该年的数值，各分项之和等于它")
    is_sample = models.BooleanField("示例数据", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="录入人")
    recorded_at = models.DateTimeField("录入时间")

    class Meta:
        verbose_name = "指标分项"
        verbose_name_plural = "指标分项"
        ordering = ["indicator_id", "year", "dimension"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year", "dimension"],
                                               name="one_breakdown_per_dimension")]

    def __str__(self) -> str:
        return f"{self.year}年 {self.get_dimension_display()}"


class BreakdownPart(models.Model):
    breakdown = models.ForeignKey(Breakdown, on_delete=models.CASCADE, related_name="parts", verbose_name="指标分项")
    position = models.PositiveSmallIntegerField("排序", default=0)
    category = models.CharField("分项", max_length=60)
    value = models.DecimalField("数值", max_digits=20, decimal_places=6)

    class Meta:
        verbose_name = "分项数值"
        verbose_name_plural = "分项数值"
        ordering = ["breakdown_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["breakdown", "category"], name="unique_part_category")]

    def __str__(self) -> str:
        return self.category


class BreakdownRevision(models.Model):
    """A breakdown replaced: the old and new parts as entered, who, when. Append-only."""

    breakdown = models.ForeignKey(Breakdown, on_delete=models.CASCADE, related_name="revisions",
                                  verbose_name="指标分项")
    old_parts = models.JSONField("原分项", default=list)
    new_parts = models.JSONField("新分项", default=list)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="修改人")
    changed_at = models.DateTimeField("修改时间")

    class Meta:
        verbose_name = "指标分项修改记录"
        verbose_name_plural = "指标分项修改记录"
        ordering = ["breakdown_id", "changed_at", "id"]
