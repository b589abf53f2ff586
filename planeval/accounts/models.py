"""Users and what each may do: a role, held in a jurisdiction and optionally for one unit."""
from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"
    DRC = "drc", "发改委统筹"
    LEADER = "leader", "分管领导"
    UNIT_HEAD = "unit_head", "单位负责人"
    FILLER = "filler", "填报人"
    OBSERVER = "observer", "观察员"


# Roles whose holder works for one unit and must name it.
UNIT_ROLES = frozenset({Role.UNIT_HEAD, Role.FILLER})


class User(AbstractUser):
    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    # Identity controls (issue 9): a password set by an administrator must be replaced by its
    # owner, and every password expires under the 等保 policy (planeval.domain.passwords).
    must_change_password = models.BooleanField(
        "下次登录须修改密码", default=False,
        help_text="管理员新建账户或重置密码后自动勾选；用户修改密码后清除。",
    )
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return f"{self.full_name}（{self.username}）" if self.full_name else self.username


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles", verbose_name="用户")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    jurisdiction = models.ForeignKey(
        "organizations.Jurisdiction", on_delete=models.PROTECT, related_name="role_assignments",
        verbose_name="行政区划",
    )
    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="role_assignments", verbose_name="单位",
        help_text="填报人和单位负责人须指定所在单位",
    )
    note = models.CharField("说明", max_length=100, blank=True, help_text="如：人大、政协、第三方机构")
    created_at = models.DateTimeField("授权时间", auto_now_add=True)

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints = [
            # Two partial constraints because SQLite cannot treat NULLs as equal.
            models.UniqueConstraint(
                fields=["user", "role", "jurisdiction", "unit"], name="unique_unit_role_assignment",
                condition=models.Q(unit__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "jurisdiction"], name="unique_jurisdiction_role_assignment",
                condition=models.Q(unit__isnull=True),
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=sorted(UNIT_ROLES)) | models.Q(unit__isnull=False),
                name="unit_role_names_unit",
            ),
        ]

    def __str__(self) -> str:
        where = self.unit.name if self.unit_id else self.jurisdiction.name
        return f"{self.user.username}：{where}{self.get_role_display()}"


class PasswordHistory(models.Model):
    """Hashes of a user's recent passwords, so that an old one is not chosen again (等保 policy)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history",
                             verbose_name="用户")
    password = models.CharField("密码摘要", max_length=128)
    created_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user.username} @ {self.created_at:%Y-%m-%d %H:%M}"
