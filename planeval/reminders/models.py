"""Reminders: the inbox a user reads (Notification) and the log that makes sending idempotent."""
from django.db import models

from planeval.domain.reminders import ReminderKind

KIND_CHOICES = [(ReminderKind.UPCOMING.value, "即将到期"), (ReminderKind.OVERDUE.value, "已逾期")]


class Notification(models.Model):
    """One message in a user's inbox (the bell in the navigation)."""

    recipient = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="notifications",
                                  verbose_name="接收人")
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="+", verbose_name="评估工作")
    key = models.CharField("事项标识", max_length=120)
    kind = models.CharField("类型", max_length=10, choices=KIND_CHOICES)
    title = models.CharField("事项", max_length=200)
    body = models.TextField("内容")
    url = models.CharField("办理链接", max_length=300, blank=True)
    due_on = models.DateField("截止日期")
    created_at = models.DateTimeField("提醒时间")
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "提醒"
        verbose_name_plural = "提醒"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class ReminderLog(models.Model):
    """One reminder sent: at most one per (item, recipient, kind, day), so re-runs send nothing twice."""

    class Email(models.TextChoices):
        OFF = "off", "未启用邮件"
        NO_ADDRESS = "no_address", "无邮箱地址"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"

    key = models.CharField("事项标识", max_length=120)
    recipient = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+",
                                  verbose_name="接收人")
    kind = models.CharField("类型", max_length=10, choices=KIND_CHOICES)
    day = models.DateField("提醒日")
    sent_at = models.DateTimeField("发送时间")
    notification = models.OneToOneField(Notification, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="log", verbose_name="站内提醒")
    email = models.CharField("邮件", max_length=12, choices=Email.choices, default=Email.OFF)
    email_error = models.CharField("邮件错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "提醒发送记录"
        verbose_name_plural = "提醒发送记录"
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient", "kind", "day"], name="unique_reminder_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.kind} {self.day}"
