"""A unit's submission for a campaign: its judgement of each item, its report, and the workflow log.

Every editable row carries a ``version`` for optimistic locking: a save states the
version its form showed and is refused if someone saved in between. Every change
writes a ``ReportRevision`` (old → new, who, when) in the same transaction.
"""
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from planeval.domain.workflow import STATE_LABELS, ACTION_LABELS, State

RATING_CHOICES = [
    ("A", "A 进展超前、可以提前完成"),
    ("B", "B 进展良好、可以如期完成"),
    ("C", "C 进展较慢、需要加快推进"),
    ("D", "D 情况变化、难以完成"),
]


class Submission(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="submissions",
                                 verbose_name="评估工作")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="submissions",
                             verbose_name="单位")
    state = models.CharField("状态", max_length=12, choices=list(STATE_LABELS.items()),
                             default=State.NOT_STARTED)
    confirmed_by = models.CharField("单位负责人（确认人）", max_length=50, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    accepted_at = models.DateTimeField("审核通过时间", null=True, blank=True)
    signed_at = models.DateTimeField("审定时间", null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="审定人")
    version = models.PositiveIntegerField("版本", default=1)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "单位自评报告"
        verbose_name_plural = "单位自评报告"
        ordering = ["campaign_id", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="one_submission_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}：{self.get_state_display()}"

    @property
    def is_locked(self) -> bool:
        return self.state == State.SIGNED


class Transition(models.Model):
    """One step of the workflow: who did what, when, and what they said. Never changed."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="transitions",
                                   verbose_name="自评报告")
    action = models.CharField("操作", max_length=10, choices=list(ACTION_LABELS.items()))
    from_state = models.CharField("原状态", max_length=12, choices=list(STATE_LABELS.items()))
    to_state = models.CharField("新状态", max_length=12, choices=list(STATE_LABELS.items()))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="操作人")
    comment = models.TextField("意见", blank=True)
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"
        ordering = ["submission_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.submission.unit.name} {self.get_action_display()}"


class EditableItem(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, verbose_name="自评报告")
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="最后修改人")
    updated_at = models.DateTimeField("最后修改时间", null=True, blank=True)

    class Meta:
        abstract = True


class IndicatorReport(EditableItem):
    """The unit's own judgement of one indicator it leads."""

    indicator = models.ForeignKey("planning.Indicator", on_delete=models.CASCADE, related_name="reports",
                                  verbose_name="指标")
    rating = models.CharField("评估结论", max_length=1, choices=RATING_CHOICES, blank=True)
    explanation = models.TextField("原因说明", blank=True, help_text="评为C、D或未达到预期进度时须说明原因")
    recovery_measures = models.TextField("赶超措施", blank=True)
    adjustment_before = models.CharField("调整前", max_length=200, blank=True)
    adjustment_after = models.CharField("调整后", max_length=200, blank=True)
    adjustment_reason = models.TextField("调整理由", blank=True)
    adjustment_basis = models.TextField("测算依据", blank=True)

    class Meta:
        verbose_name = "指标自评"
        verbose_name_plural = "指标自评"
        constraints = [models.UniqueConstraint(fields=["submission", "indicator"], name="one_report_per_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator.name}：{self.rating or '未评'}"


class TaskReport(EditableItem):
    task = models.ForeignKey("planning.Task", on_delete=models.CASCADE, related_name="reports", verbose_name="任务")
    progress = models.TextField("推进情况（截至2023年6月30日）", blank=True)
    rating = models.CharField("评估结论", max_length=1, choices=RATING_CHOICES, blank=True)
    expected_completion = models.CharField("预计到规划期末完成情况", max_length=300, blank=True)
    explanation = models.TextField("原因说明", blank=True)
    next_steps = models.TextField("下一步工作思路", blank=True)

    class Meta:
        verbose_name = "任务自评"
        verbose_name_plural = "任务自评"
        constraints = [models.UniqueConstraint(fields=["submission", "task"], name="one_report_per_task")]

    def __str__(self) -> str:
        return f"{self.task.title[:20]}：{self.rating or '未评'}"


class ProjectReport(EditableItem):
    project = models.ForeignKey("planning.Project", on_delete=models.CASCADE, related_name="reports",
                                verbose_name="项目")
    status = models.CharField("项目状态", max_length=20, blank=True)
    completed_investment = models.DecimalField("已完成投资（亿元）", max_digits=14, decimal_places=4,
                                               null=True, blank=True)
    progress = models.TextField("进展情况", blank=True)
    not_started_reason = models.TextField("未开工原因", blank=True)
    next_steps = models.TextField("下一步工作计划", blank=True)
    rating = models.CharField("评估结论", max_length=1, choices=RATING_CHOICES, blank=True)
    explanation = models.TextField("原因说明", blank=True)

    class Meta:
        verbose_name = "项目自评"
        verbose_name_plural = "项目自评"
        constraints = [models.UniqueConstraint(fields=["submission", "project"], name="one_report_per_project")]

    def __str__(self) -> str:
        return f"{self.project.name}：{self.status or '—'}"


class ReportSection(EditableItem):
    """The narrative of one section of the campaign's report framework (e.g. 第三部分 1、环境趋势分析)."""

    key = models.CharField("章节编号", max_length=20)
    title = models.CharField("章节", max_length=200)
    text = models.TextField("内容", blank=True)

    class Meta:
        verbose_name = "报告章节"
        verbose_name_plural = "报告章节"
        constraints = [models.UniqueConstraint(fields=["submission", "key"], name="one_section_per_key")]

    def __str__(self) -> str:
        return self.title


class Evidence(models.Model):
    task_report = models.ForeignKey(TaskReport, on_delete=models.CASCADE, related_name="evidence",
                                    verbose_name="任务自评")
    file = models.FileField("文件", upload_to="evidence/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"

    def __str__(self) -> str:
        return self.name


class ReportRevision(models.Model):
    """One changed field of one item of a submission: old → new, who, when. Append-only."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="revisions",
                                   verbose_name="自评报告")
    item_type = models.CharField("对象类型", max_length=20)
    item_id = models.PositiveBigIntegerField("对象编号")
    field = models.CharField("字段", max_length=40)
    old_value = models.TextField("原值", blank=True)
    new_value = models.TextField("新值", blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="修改人")
    changed_at = models.DateTimeField("修改时间")

    class Meta:
        verbose_name = "填报修改记录"
        verbose_name_plural = "填报修改记录"
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["item_type", "item_id"], name="revision_item")]

    def __str__(self) -> str:
        return f"{self.item_type}#{self.item_id}.{self.field}"

    @property
    def field_label(self) -> str:
        """The field's Chinese name (评估结论) rather than its code name (rating)."""
        model = {m.__name__: m for m in (IndicatorReport, TaskReport, ProjectReport, ReportSection)}.get(self.item_type)
        try:
            return str(model._meta.get_field(self.field).verbose_name) if model else self.field
        except FieldDoesNotExist:  # a field since renamed or removed: show what was stored
            return self.field


class Comment(models.Model):
    """A remark on an item by a co-responsible unit or the DRC."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments",
                                   verbose_name="自评报告")
    item_type = models.CharField("对象类型", max_length=20)
    item_id = models.PositiveBigIntegerField("对象编号")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name="提出人")
    author_unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="提出单位")
    text = models.TextField("意见")
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text[:30]


class Notice(models.Model):
    """抄告单: the DRC's formal notice to a unit whose work lags."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="notices",
                                 verbose_name="评估工作")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="notices",
                             verbose_name="单位")
    subject = models.CharField("事由", max_length=200)
    body = models.TextField("内容")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="发出人")
    issued_at = models.DateTimeField("发出时间")
    read_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="签收人")
    read_at = models.DateTimeField("签收时间", null=True, blank=True)

    class Meta:
        verbose_name = "抄告单"
        verbose_name_plural = "抄告单"
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit.name}：{self.subject}"
