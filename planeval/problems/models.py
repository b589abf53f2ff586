"""The problem list (问题清单) and the list of items needing the upper level's support (需上级支持事项).

Each unit keeps its own entries; the DRC reads, filters and exports all of them and carries the
support requests upward. Every change is a ``ProblemStep`` / ``SupportStep`` row (who, when,
old → new) and an audit event; rows carry a ``version`` for optimistic locking.
"""
from django.conf import settings
from django.db import models

from planeval.domain.problem_list import (
    STATUS_LABELS,
    SUPPORT_KIND_LABELS,
    SUPPORT_STATUS_LABELS,
    Status,
    SupportStatus,
)


class Problem(models.Model):
    class ItemType(models.TextChoices):
        NONE = "", "无"
        INDICATOR = "indicator", "指标"
        TASK = "task", "任务"
        PROJECT = "project", "项目"

    class Origin(models.TextChoices):
        OWN = "own", "单位填写"
        REPORT = "report", "来自自评（C/D）"

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="problems",
                                 verbose_name="评估工作")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="problems",
                             verbose_name="责任单位")
    problem = models.CharField("问题", max_length=500)
    causes = models.TextField("原因")
    measures = models.TextField("措施")
    item_type = models.CharField("关联事项", max_length=10, choices=ItemType.choices, blank=True)
    indicator = models.ForeignKey("planning.Indicator", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="关联指标")
    task = models.ForeignKey("planning.Task", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="关联任务")
    project = models.ForeignKey("planning.Project", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="关联项目")
    origin = models.CharField("来源", max_length=8, choices=Origin.choices, default=Origin.OWN)
    origin_key = models.CharField("来源自评", max_length=30, blank=True)   # "indicator:12": one entry per rated item
    status = models.CharField("状态", max_length=12, choices=list(STATUS_LABELS.items()), default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="填写人")
    created_at = models.DateTimeField("填写时间")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="最后修改人")
    updated_at = models.DateTimeField("最后修改时间")
    version = models.PositiveIntegerField("版本", default=1)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "问题清单"
        verbose_name_plural = "问题清单"
        ordering = ["campaign_id", "unit_id", "id"]
        indexes = [models.Index(fields=["campaign", "status"], name="problem_campaign_status")]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit", "origin_key"],
                                               condition=~models.Q(origin_key=""), name="one_problem_per_rated_item")]

    def __str__(self) -> str:
        return self.problem

    @property
    def item(self):
        return self.indicator or self.task or self.project

    @property
    def item_name(self) -> str:
        item = self.item
        if item is None:
            return ""
        return getattr(item, "name", None) or getattr(item, "title", "")


class ProblemStep(models.Model):
    """One change of a problem entry (created, edited, status): who, when, old → new. Never changed."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="steps", verbose_name="问题")
    action = models.CharField("操作", max_length=10, choices=[("create", "填写"), ("edit", "修改"),
                                                            ("status", "更新状态")])
    from_status = models.CharField("原状态", max_length=12, choices=list(STATUS_LABELS.items()))
    to_status = models.CharField("新状态", max_length=12, choices=list(STATUS_LABELS.items()))
    note = models.TextField("说明", blank=True)
    detail = models.JSONField("修改内容", default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="操作人")
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "问题清单记录"
        verbose_name_plural = "问题清单记录"
        ordering = ["problem_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.problem_id} {self.get_action_display()}"


class SupportRequest(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="support_requests",
                                 verbose_name="评估工作")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="support_requests",
                             verbose_name="提出单位")
    kind = models.CharField("类别", max_length=10, choices=list(SUPPORT_KIND_LABELS.items()))
    item = models.CharField("事项", max_length=500)
    need = models.TextField("需要上级支持的内容")
    level = models.CharField("争取支持的层级", max_length=10)
    status = models.CharField("状态", max_length=10, choices=list(SUPPORT_STATUS_LABELS.items()),
                              default=SupportStatus.RAISED)
    answer = models.TextField("上级答复", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="提出人")
    created_at = models.DateTimeField("提出时间")
    version = models.PositiveIntegerField("版本", default=1)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "需上级支持事项"
        verbose_name_plural = "需上级支持事项"
        ordering = ["campaign_id", "kind", "unit_id", "id"]

    def __str__(self) -> str:
        return self.item


class SupportStep(models.Model):
    """One change of a support request (raised, edited, compiled, answered). Never changed."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="steps",
                                verbose_name="需上级支持事项")
    action = models.CharField("操作", max_length=10, choices=[("create", "提出"), ("edit", "修改"),
                                                            ("compile", "汇总上报"), ("answer", "登记上级答复")])
    from_status = models.CharField("原状态", max_length=10, choices=list(SUPPORT_STATUS_LABELS.items()))
    to_status = models.CharField("新状态", max_length=10, choices=list(SUPPORT_STATUS_LABELS.items()))
    detail = models.JSONField("修改内容", default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="操作人")
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "需上级支持事项记录"
        verbose_name_plural = "需上级支持事项记录"
        ordering = ["request_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.get_action_display()}"
