"""The 提请审议 package of a campaign: its documents (dated snapshots) and the legal route."""
from django.db import models

from planeval.domain.congress_route import FILING_WORKING_DAYS, STEP_LABELS


class Package(models.Model):
    """One campaign's package for the people's congress, assembled by the DRC."""

    campaign = models.OneToOneField("campaigns.Campaign", on_delete=models.CASCADE, related_name="congress_package",
                                    verbose_name="评估工作")
    filing_working_days = models.PositiveSmallIntegerField(
        "报上级发改委备案期限（人大常委会审议后工作日数）", default=FILING_WORKING_DAYS)
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="最后修改人")
    updated_at = models.DateTimeField("最后修改时间", null=True, blank=True)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "提请审议材料"
        verbose_name_plural = "提请审议材料"

    def __str__(self) -> str:
        return f"{self.campaign}提请审议材料"


class Document(models.Model):
    """One document of the package, stored as bytes: what was sent, not what the data says today."""

    class Kind(models.TextChoices):
        MIDTERM_REPORT = "midterm-report", "中期评估报告"
        ADJUSTMENT_PLAN = "adjustment-plan", "指标调整方案"
        ADJUSTMENT_EXPLANATION = "adjustment-explanation", "指标调整方案说明"
        SPECIAL_PLAN = "special-plan", "专项规划评估报告"
        CONSULTATION = "consultation", "征求意见情况"
        UPLOAD = "upload", "上传文件"

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="documents", verbose_name="提请审议材料")
    kind = models.CharField("类型", max_length=24, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    filename = models.CharField("文件名", max_length=200)
    content = models.BinaryField("内容")
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    snapshot_on = models.DateField("生成/上传日期")
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name="生成人")
    created_at = models.DateTimeField("生成时间")
    removed_at = models.DateTimeField("撤下时间", null=True, blank=True)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "提请审议文件"
        verbose_name_plural = "提请审议文件"
        ordering = ["package_id", "id"]

    def __str__(self) -> str:
        return self.title


class Step(models.Model):
    """One step of the legal route: when, which body, 文号, outcome and the document it produced."""

    STEP_CHOICES = [(step.value, label) for step, label in STEP_LABELS.items()]

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="steps", verbose_name="提请审议材料")
    step = models.CharField("程序", max_length=12, choices=STEP_CHOICES)
    held_on = models.DateField("日期")
    body = models.CharField("会议或机关", max_length=120)
    document_number = models.CharField("文号", max_length=60, blank=True)
    outcome = models.TextField("结果", blank=True)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name="附件")
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name="登记人")
    recorded_at = models.DateTimeField("登记时间")
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "审议程序"
        verbose_name_plural = "审议程序"
        ordering = ["package_id", "held_on", "id"]
        constraints = [models.UniqueConstraint(fields=["package", "step"], name="unique_congress_step")]

    def __str__(self) -> str:
        return self.get_step_display()


class StepRevision(models.Model):
    """A change to a recorded step: the old values, who, when. Append-only."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="revisions", verbose_name="审议程序")
    old_value = models.JSONField("原值")
    changed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name="修改人")
    changed_at = models.DateTimeField("修改时间")

    class Meta:
        verbose_name = "审议程序修改记录"
        verbose_name_plural = "审议程序修改记录"
        ordering = ["-changed_at", "-id"]
