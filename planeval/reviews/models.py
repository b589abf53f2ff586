"""Third-party evaluation (第三方评估) and typical cases (典型案例) of a campaign.

An outside evaluator — an organisation, with or without an observer account — is granted a
campaign by the DRC and records its own conclusion (A–D) and comment per item. Units write up
typical cases; the DRC selects some, in order, for the compiled report's appendix. Every change
writes a ``ReviewRevision`` (old → new, who, when) in the same transaction; editable rows carry a
``version`` for optimistic locking.
"""
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from planeval.submissions.models import RATING_CHOICES


class ItemType(models.TextChoices):
    INDICATOR = "indicator", "指标"
    TASK = "task", "任务"
    PROJECT = "project", "项目"


class EvaluatorGrant(models.Model):
    """The DRC's commission of an outside evaluator for one campaign (定向委托或公开招标)."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="evaluator_grants",
                                 verbose_name="评估工作")
    organisation = models.CharField("评估机构", max_length=120)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="evaluator_grants", verbose_name="评估账户",
                             help_text="机构没有账户时留空，由发改委代为上传其评估结论表")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="授权人")
    granted_at = models.DateTimeField("授权时间")
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="撤销人")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "第三方评估授权"
        verbose_name_plural = "第三方评估授权"
        ordering = ["campaign_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation"], name="one_grant_per_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}（{self.campaign}）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Conclusion(models.Model):
    """An outside evaluator's conclusion and comment on one indicator, task or project."""

    grant = models.ForeignKey(EvaluatorGrant, on_delete=models.CASCADE, related_name="conclusions",
                              verbose_name="评估机构")
    item_type = models.CharField("事项类型", max_length=10, choices=ItemType.choices)
    item_id = models.PositiveBigIntegerField("事项编号")
    rating = models.CharField("第三方评估结论", max_length=1, choices=RATING_CHOICES, blank=True)
    comment = models.TextField("评估意见", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="最后修改人")
    updated_at = models.DateTimeField("最后修改时间", null=True, blank=True)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "第三方评估结论"
        verbose_name_plural = "第三方评估结论"
        ordering = ["grant_id", "item_type", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "item_type", "item_id"], name="one_conclusion_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.grant.organisation} {self.get_item_type_display()}#{self.item_id}：{self.rating or '未评'}"


class Case(models.Model):
    """A typical case (典型案例) a unit writes up: a measure, activity, policy or event and its results."""

    class Kind(models.TextChoices):
        MEASURE = "measure", "举措"
        ACTIVITY = "activity", "活动"
        POLICY = "policy", "政策"
        EVENT = "event", "事件"

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="cases",
                                 verbose_name="评估工作")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="cases",
                             verbose_name="报送单位")
    title = models.CharField("案例标题", max_length=120)
    area = models.CharField("所属领域", max_length=120, blank=True, help_text="规划纲要的领域或本单位所在领域")
    kind = models.CharField("案例类型", max_length=10, choices=Kind.choices)
    summary = models.TextField("基本情况")
    measures = models.TextField("主要做法")
    results = models.TextField("取得成效")
    attachment = models.FileField("附件", upload_to="cases/%Y/%m/", blank=True)
    attachment_name = models.CharField("附件名", max_length=200, blank=True)
    attachment_size = models.PositiveIntegerField("附件大小（字节）", null=True, blank=True)
    selected = models.BooleanField("选入评估报告", default=False)
    position = models.PositiveSmallIntegerField("报告中的次序", null=True, blank=True)
    selected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="选用人")
    selected_at = models.DateTimeField("选用时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="报送人")
    created_at = models.DateTimeField("报送时间")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="最后修改人")
    updated_at = models.DateTimeField("最后修改时间", null=True, blank=True)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "典型案例"
        verbose_name_plural = "典型案例"
        ordering = ["campaign_id", "id"]

    def __str__(self) -> str:
        return f"{self.unit.name}：{self.title}"


class ConclusionUpload(models.Model):
    """An evaluator's spreadsheet of conclusions, kept between the dry run and the commit.

    The commit reads the very bytes the preview showed (their SHA-256 is checked); the row stays
    as the record of who uploaded which file and when it was imported.
    """

    grant = models.ForeignKey(EvaluatorGrant, on_delete=models.CASCADE, related_name="uploads",
                              verbose_name="评估机构")
    filename = models.CharField("文件名", max_length=200)
    file = models.FileField("文件", upload_to="review-imports/%Y/%m/")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间")
    committed_at = models.DateTimeField("导入时间", null=True, blank=True)
    summary = models.CharField("结果", max_length=200, blank=True)

    class Meta:
        verbose_name = "第三方评估结论表"
        verbose_name_plural = "第三方评估结论表"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.filename


class ReviewRevision(models.Model):
    """One changed field of a grant, conclusion or case: old → new, who, when. Append-only."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="review_revisions",
                                 verbose_name="评估工作")
    object_type = models.CharField("对象类型", max_length=20)   # grant | conclusion | case
    object_id = models.PositiveBigIntegerField("对象编号")
    field = models.CharField("字段", max_length=40)
    old_value = models.TextField("原值", blank=True)
    new_value = models.TextField("新值", blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="修改人")
    changed_at = models.DateTimeField("修改时间")

    class Meta:
        verbose_name = "第三方评估与典型案例修改记录"
        verbose_name_plural = "第三方评估与典型案例修改记录"
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="review_revision_object")]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id}.{self.field}"

    @property
    def field_label(self) -> str:
        model = {"grant": EvaluatorGrant, "conclusion": Conclusion, "case": Case}.get(self.object_type)
        if model is None:
            return self.field
        try:
            return str(model._meta.get_field(self.field).verbose_name)
        except FieldDoesNotExist:   # a field since renamed or removed: show what was stored
            return self.field
