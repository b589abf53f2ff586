"""An evaluation (中期评估工作): its scope, data cut-offs, phases, deadlines and report framework."""
import datetime

from django.db import models


class Campaign(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", "筹备中"
        OPEN = "open", "进行中"
        CLOSED = "closed", "已结束"

    jurisdiction = models.ForeignKey(
        "organizations.Jurisdiction", on_delete=models.PROTECT, related_name="campaigns",
        verbose_name="行政区划",
    )
    name = models.CharField("名称", max_length=120)
    document_number = models.CharField("文号", max_length=60, blank=True)
    issuer = models.CharField("印发单位", max_length=120, blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    plans = models.ManyToManyField("planning.Plan", related_name="campaigns", verbose_name="评估范围内的规划")
    annual_cutoff = models.DateField("年度数据截止时点", default=datetime.date(2022, 12, 31))
    monthly_cutoff = models.DateField("月度数据截止时点", default=datetime.date(2023, 6, 30))
    task_cutoff = models.DateField("任务进展截止时点", default=datetime.date(2023, 6, 30))
    framework = models.JSONField("自评报告框架", default=dict, blank=True)
    document_format = models.JSONField("公文格式", default=dict, blank=True)
    thresholds = models.JSONField("研判阈值", default=dict, blank=True,
                                  help_text="留空则使用默认阈值（见方法说明）")
    notes = models.JSONField("其他要求", default=dict, blank=True)

    class Meta:
        verbose_name = "评估工作"
        verbose_name_plural = "评估工作"
        ordering = ["jurisdiction_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="unique_campaign_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Phase(models.Model):
    """One line of a work schedule (附件1 工作进度表)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="phases", verbose_name="评估工作")
    position = models.PositiveSmallIntegerField("排序", default=0)
    stage = models.CharField("主要阶段", max_length=40)
    name = models.CharField("时间", max_length=40, help_text="如：一季度、5月")
    starts_on = models.DateField("开始日期", null=True, blank=True)
    ends_on = models.DateField("截止日期", null=True, blank=True)
    work = models.TextField("工作安排", blank=True)
    responsible = models.CharField("负责单位", max_length=120, blank=True)

    class Meta:
        verbose_name = "工作阶段"
        verbose_name_plural = "工作阶段"
        ordering = ["campaign_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.stage} {self.name}"


class Deadline(models.Model):
    """A dated duty (5月15日前提交初稿) or one counted in working days after an event."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deadlines",
                                 verbose_name="评估工作")
    name = models.CharField("事项", max_length=120)
    due_on = models.DateField("截止日期", null=True, blank=True)
    working_days_after = models.PositiveSmallIntegerField("事件后工作日数", null=True, blank=True)
    after_event = models.CharField("起算事件", max_length=60, blank=True)
    # The event's date is known only once it happens (报审 of Rongshui's report); until then
    # a working-day deadline has no date.
    event_on = models.DateField("发生日期", null=True, blank=True)

    class Meta:
        verbose_name = "截止时间"
        verbose_name_plural = "截止时间"
        ordering = ["campaign_id", "due_on", "id"]

    def __str__(self) -> str:
        if self.due_on:
            return f"{self.name}（{self.due_on.year}年{self.due_on.month}月{self.due_on.day}日前）"
        return f"{self.name}（{self.after_event}后{self.working_days_after}个工作日内）"


class CampaignRevision(models.Model):
    """A change to a campaign's settings: which setting, old → new, who, when. Append-only."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="revisions",
                                 verbose_name="评估工作")
    setting = models.CharField("设置项", max_length=40)
    old_value = models.TextField("原值", blank=True)
    new_value = models.TextField("新值", blank=True)
    changed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name="修改人")
    changed_at = models.DateTimeField("修改时间")

    class Meta:
        verbose_name = "评估工作设置修改记录"
        verbose_name_plural = "评估工作设置修改记录"
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign} {self.setting}"
