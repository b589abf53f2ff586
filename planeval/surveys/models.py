"""The public's voice: questionnaires (问卷调查) with their answers, and suggestions (人民建议征集).

No model holds a client address. Answers and suggestions carry only the keyed hash of a random
device cookie (one answer per device); the rate limit keeps a keyed hash of the address for the
current window only (``RateCounter``). docs/surveys.md.
"""
import uuid

from django.conf import settings
from django.db import models


class Questionnaire(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        OPEN = "open", "收集中"
        CLOSED = "closed", "已结束"

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="questionnaires",
                                 verbose_name="评估工作")
    public_id = models.UUIDField("公开链接标识", default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("问卷标题", max_length=120)
    intro = models.TextField("问卷说明", blank=True)
    version = models.PositiveSmallIntegerField("版本", default=1)
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name="上一版本")
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField("开始时间", null=True, blank=True)
    closes_at = models.DateTimeField("截止时间", null=True, blank=True)
    is_sample = models.BooleanField("示例数据", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="创建人")
    created_at = models.DateTimeField("创建时间")

    class Meta:
        verbose_name = "问卷"
        verbose_name_plural = "问卷"
        ordering = ["campaign_id", "-id"]

    def __str__(self) -> str:
        return f"{self.title}（第{self.version}版）"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "单选题"
        MULTIPLE = "multiple", "多选题"
        SCALE = "scale", "满意度（1–5分）"
        TEXT = "text", "文字题"

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions",
                                      verbose_name="问卷")
    position = models.PositiveSmallIntegerField("排序", default=0)
    kind = models.CharField("题型", max_length=8, choices=Kind.choices)
    text = models.CharField("题目", max_length=300)
    required = models.BooleanField("必答", default=True)
    area = models.ForeignKey("planning.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name="规划领域", help_text="规划纲要的一级任务（领域）")
    indicator = models.ForeignKey("planning.Indicator", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name="关联指标")

    class Meta:
        verbose_name = "问卷题目"
        verbose_name_plural = "问卷题目"
        ordering = ["questionnaire_id", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options", verbose_name="题目")
    position = models.PositiveSmallIntegerField("排序", default=0)
    label = models.CharField("选项", max_length=120)

    class Meta:
        verbose_name = "选项"
        verbose_name_plural = "选项"
        ordering = ["question_id", "position", "id"]

    def __str__(self) -> str:
        return self.label


class QuestionnaireEvent(models.Model):
    """One change to a questionnaire (built, question added, opened, closed …): who, when, what. Append-only."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="events",
                                      verbose_name="问卷")
    action = models.CharField("操作", max_length=30)
    detail = models.TextField("内容", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name="操作人")
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "问卷操作记录"
        verbose_name_plural = "问卷操作记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.questionnaire} {self.action}"


class Response(models.Model):
    """One anonymous submission of a questionnaire."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses",
                                      verbose_name="问卷")
    submitted_at = models.DateTimeField("提交时间", db_index=True)
    device_key = models.CharField("设备标识（摘要）", max_length=64, blank=True)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "问卷答卷"
        verbose_name_plural = "问卷答卷"
        ordering = ["questionnaire_id", "submitted_at", "id"]
        constraints = [
            # The one-answer-per-device rule holds under concurrent posts too. Sample answers have no key.
            models.UniqueConstraint(fields=["questionnaire", "device_key"], name="one_response_per_device",
                                    condition=~models.Q(device_key="")),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} #{self.id}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", verbose_name="答卷")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", verbose_name="题目")
    score = models.PositiveSmallIntegerField("评分", null=True, blank=True)
    text = models.TextField("文字回答", blank=True)
    options = models.ManyToManyField(Option, blank=True, related_name="answers", verbose_name="所选选项")

    class Meta:
        verbose_name = "回答"
        verbose_name_plural = "回答"
        ordering = ["response_id", "question__position", "id"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.response_id}:{self.question_id}"


class RateCounter(models.Model):
    """Accepted public submissions of one client in one fixed window. ``key`` is an HMAC of the scope,
    the client's address and the window, so it cannot be linked across windows; rows of ended
    windows are deleted by the next submission."""

    key = models.CharField("客户端摘要", max_length=64)
    window_start = models.DateTimeField("时间窗起点", db_index=True)
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "提交频率计数"
        verbose_name_plural = "提交频率计数"
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="one_counter_per_window")]


class Suggestion(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "待审核"
        PUBLISHED = "published", "已公开"
        REJECTED = "rejected", "未采用（不予公开）"
        ROUTED = "routed", "已转办"
        ANSWERED = "answered", "已答复"

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "不采纳"
        REPLIED = "replied", "已答复"

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="suggestions",
                                 verbose_name="评估工作")
    area = models.ForeignKey("planning.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name="规划领域")
    title = models.CharField("标题", max_length=60)
    content = models.TextField("建议内容")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="承办单位")
    outcome = models.CharField("办理结果", max_length=12, choices=Outcome.choices, blank=True)
    reply = models.TextField("答复内容", blank=True)
    reject_reason = models.CharField("不予公开的理由", max_length=200, blank=True)
    device_key = models.CharField("设备标识（摘要）", max_length=64, blank=True)
    submitted_at = models.DateTimeField("提交时间", db_index=True)
    version = models.PositiveIntegerField("版本", default=1)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "人民建议"
        verbose_name_plural = "人民建议"
        ordering = ["campaign_id", "-submitted_at", "-id"]

    def __str__(self) -> str:
        return self.title


class SuggestionStep(models.Model):
    """One step of a suggestion's route (submitted, published, rejected, routed, answered). Append-only."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="steps",
                                   verbose_name="人民建议")
    action = models.CharField("操作", max_length=12)
    from_state = models.CharField("原状态", max_length=10, blank=True)
    to_state = models.CharField("新状态", max_length=10)
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="承办单位")
    note = models.TextField("说明", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                           related_name="+", verbose_name="操作人", help_text="公众提交时为空")
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "人民建议办理记录"
        verbose_name_plural = "人民建议办理记录"
        ordering = ["suggestion_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.suggestion} {self.action}"
