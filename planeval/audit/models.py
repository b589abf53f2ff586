"""The audit log: one append-only, hash-chained row per security-relevant event (docs/audit.md)."""
from django.conf import settings
from django.db import models

from planeval.audit.actions import Action, Outcome

APPEND_ONLY = "审计记录只能追加，不能修改或删除。"


class AppendOnlyError(Exception):
    """Raised by any ORM path that would change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(APPEND_ONLY)

    def delete(self):
        raise AppendOnlyError(APPEND_ONLY)

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(APPEND_ONLY)

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError(APPEND_ONLY)

    def bulk_create(self, *args, **kwargs):
        # Every event must be chained by audit_record; a bulk insert would skip the chain.
        raise AppendOnlyError(APPEND_ONLY)


class AuditEvent(models.Model):
    # The id is assigned by audit_record (previous id + 1) under the chain lock, so the ids of a
    # whole chain are 1..N with no gaps and a missing id means a deleted event.
    id = models.BigIntegerField("序号", primary_key=True)
    at = models.DateTimeField("时间")
    # No database constraint and no cascade: the log must outlive the accounts it names, and
    # deleting a user must not try to update its events. The username is stored as well.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False,
        null=True, blank=True, related_name="+", verbose_name="用户",
    )
    username = models.CharField("用户名", max_length=150, blank=True)
    address = models.CharField("地址", max_length=45, blank=True)
    action = models.CharField("事件", max_length=20, choices=Action.choices)
    target_type = models.CharField("对象类型", max_length=100, blank=True)
    target_id = models.CharField("对象编号", max_length=64, blank=True)
    target_repr = models.CharField("对象", max_length=200, blank=True)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    detail = models.JSONField("详情", default=dict, blank=True)
    prev_hash = models.CharField("前一条哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-id"]
        # Deletion collectors and related managers use the base manager: it must refuse too.
        base_manager_name = "objects"
        indexes = [
            models.Index(fields=["at"], name="audit_event_at"),
            models.Index(fields=["action", "at"], name="audit_event_action_at"),
            models.Index(fields=["username", "at"], name="audit_event_username_at"),
        ]

    def __str__(self) -> str:
        return f"#{self.id} {self.get_action_display()} {self.username}"

    def save(self, *args, **kwargs):
        # Not a business rule: a guard so that no ORM path rewrites a stored event.
        if not self._state.adding:
            raise AppendOnlyError(APPEND_ONLY)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(APPEND_ONLY)
