"""征求意见 on the compiled mid-term report: kept draft versions, rounds, invitations, comments, answers.

``DraftVersion`` is a snapshot (sections as text plus the generated .docx) taken when the DRC
records a version or promotes the stage; it is never changed afterwards. A ``Round`` invites
readers to a version; each ``Invitation`` names the sections the reader is asked to read, a
deadline and — for readers without an account — an unguessable personal link. ``Comment`` rows
carry the DRC's current answer with a ``version`` for optimistic locking; every answer given is
also an ``Answer`` row (who, when, what), so a changed answer never erases the earlier one.
"""
from django.conf import settings
from django.db import models

from planeval.domain.consultation import DECISION_LABELS, READER_LABELS, STAGE_LABELS


class DraftVersion(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="draft_versions",
                                 verbose_name="评估工作")
    number = models.PositiveIntegerField("版本号")
    stage = models.CharField("阶段", max_length=10, choices=list(STAGE_LABELS.items()))
    title = models.CharField("标题", max_length=200)
    sections = models.JSONField("章节（快照）", default=list)   # [{"key", "title", "level", "paragraphs"}]
    docx = models.BinaryField("Word文件")
    note = models.CharField("说明", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="形成人")
    created_at = models.DateTimeField("形成时间")
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "报告版本"
        verbose_name_plural = "报告版本"
        ordering = ["campaign_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["campaign", "number"], name="one_draft_version_number")]

    def __str__(self) -> str:
        return f"第{self.number}版 {self.get_stage_display()}"

    def section_titles(self) -> dict[str, str]:
        return {s["key"]: s["title"] for s in self.sections}


class Round(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="consultation_rounds",
                                 verbose_name="评估工作")
    draft = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="rounds", verbose_name="报告版本")
    title = models.CharField("名称", max_length=120)
    deadline = models.DateField("反馈截止日期")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="发起人")
    created_at = models.DateTimeField("发起时间")
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["campaign_id", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations", verbose_name="征求意见")
    kind = models.CharField("读者类别", max_length=12, choices=list(READER_LABELS.items()))
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="部门")
    name = models.CharField("姓名或单位", max_length=100)
    affiliation = models.CharField("工作单位/职务", max_length=200, blank=True)
    # Only outside readers get a link; department users read with their own login.
    token = models.CharField("个人链接标识", max_length=64, null=True, blank=True, unique=True)
    sections = models.JSONField("请阅章节", default=list)   # keys of the version's sections
    deadline = models.DateField("反馈截止日期")
    no_comment = models.BooleanField("无意见", default=False)
    answered_at = models.DateTimeField("反馈时间", null=True, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="邀请人")
    invited_at = models.DateTimeField("邀请时间")
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "征求意见对象"
        verbose_name_plural = "征求意见对象"
        ordering = ["round_id", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="one_invitation_per_unit_and_round")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    @property
    def is_outsider(self) -> bool:
        return self.unit_id is None


class Comment(models.Model):
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="comments",
                                   verbose_name="征求意见对象")
    section_key = models.CharField("章节", max_length=12)
    section_title = models.CharField("章节标题", max_length=200)
    quote = models.TextField("引用原文", blank=True)
    text = models.TextField("意见")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name="提出人账户")   # None: an outside reader's link
    created_at = models.DateTimeField("提出时间")
    decision = models.CharField("处理", max_length=10, blank=True, choices=list(DECISION_LABELS.items()))
    reason = models.TextField("理由", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="答复人")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["invitation_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.section_title}：{self.text[:20]}"


class Answer(models.Model):
    """One answer the DRC gave to a comment. Append-only: a revised answer is a new row."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="answers", verbose_name="意见")
    decision = models.CharField("处理", max_length=10, choices=list(DECISION_LABELS.items()))
    reason = models.TextField("理由", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="答复人")
    answered_at = models.DateTimeField("答复时间")

    class Meta:
        verbose_name = "意见答复记录"
        verbose_name_plural = "意见答复记录"
        ordering = ["comment_id", "answered_at", "id"]
