"""Special-topic evaluations (专题评估): the DRC's topics, the units' input, the lead unit's report.

A topic moves along the route of ``planeval.domain.topic_flow``; every step and every edit is a
``TopicStep`` row (who, when, what changed) and an audit event. Editable rows carry a
``version`` for optimistic locking.
"""
from django.conf import settings
from django.db import models

from planeval.domain.topic_flow import STATE_LABELS, State


class Topic(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="topics",
                                 verbose_name="评估工作")
    title = models.CharField("专题名称", max_length=100)
    scope = models.TextField("评估内容和范围", blank=True)
    lead_unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="led_topics",
                                  verbose_name="牵头单位")
    supporting_units = models.ManyToManyField("organizations.Unit", related_name="supported_topics", blank=True,
                                              verbose_name="配合单位")
    # The deadline as the DRC wrote it: a date, or N working days after a named event.
    deadline_on = models.DateField("报送日期", null=True, blank=True)
    deadline_event = models.CharField("起算事项", max_length=50, blank=True)
    deadline_event_on = models.DateField("起算事项日期", null=True, blank=True)
    deadline_days = models.PositiveSmallIntegerField("工作日天数", null=True, blank=True)
    due_on = models.DateField("报送期限")   # computed once when saved, so lists can sort and filter by it
    state = models.CharField("状态", max_length=12, choices=list(STATE_LABELS.items()), default=State.ASSIGNED)
    summary = models.TextField("主要结论", blank=True)
    findings = models.TextField("主要发现", blank=True)
    suggestions = models.TextField("对策建议", blank=True)
    report_file = models.FileField("报告附件", upload_to="topics/%Y/%m/", blank=True)
    report_file_name = models.CharField("附件名称", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="布置人")
    created_at = models.DateTimeField("布置时间")
    version = models.PositiveIntegerField("版本", default=1)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "专题评估"
        verbose_name_plural = "专题评估"
        ordering = ["campaign_id", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Contribution(models.Model):
    """A supporting unit's input to a topic (配合单位提供的材料), one per unit, edited in place with history."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="contributions", verbose_name="专题")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    text = models.TextField("提供内容")
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="填写人")
    updated_at = models.DateTimeField("填写时间")
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "配合单位材料"
        verbose_name_plural = "配合单位材料"
        ordering = ["topic_id", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["topic", "unit"], name="one_contribution_per_unit")]

    def __str__(self) -> str:
        return f"{self.topic}：{self.unit}"


class TopicStep(models.Model):
    """One recorded step: a route action, an edit of the definition or report, a contribution. Never changed."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="steps", verbose_name="专题")
    action = models.CharField("操作", max_length=20)
    action_label = models.CharField("操作名称", max_length=30)
    from_state = models.CharField("原状态", max_length=12, choices=list(STATE_LABELS.items()))
    to_state = models.CharField("新状态", max_length=12, choices=list(STATE_LABELS.items()))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="操作人")
    comment = models.TextField("意见", blank=True)
    detail = models.JSONField("修改内容", default=dict, blank=True)
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "专题评估记录"
        verbose_name_plural = "专题评估记录"
        ordering = ["topic_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.topic_id} {self.action_label}"
