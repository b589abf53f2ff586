"""Indicator values: one row per indicator × period × kind, and the append-only history of each."""
from django.conf import settings
from django.db import models

from planeval.domain.periods import Granularity, Period


class Observation(models.Model):
    class Kind(models.TextChoices):
        ACTUAL = "actual", "统计数"
        ESTIMATE = "estimate", "预计数"
        FORECAST = "forecast", "预测数"
        # The higher level's figure a relative target is judged against (市级增速, 市下达目标).
        REFERENCE = "reference", "参照值"

    indicator = models.ForeignKey(
        "planning.Indicator", on_delete=models.CASCADE, related_name="observations", verbose_name="指标"
    )
    year = models.PositiveSmallIntegerField("年份")
    granularity = models.CharField(
        "期间类型", max_length=5,
        choices=[(Granularity.YEAR.value, "年度"), (Granularity.HALF.value, "半年"),
                 (Granularity.MONTH.value, "月度")],
        default=Granularity.YEAR,
    )
    period_index = models.PositiveSmallIntegerField("期间序号", default=0, help_text="半年 1–2，月份 1–12，年度为 0")
    kind = models.CharField("数据类型", max_length=9, choices=Kind.choices)
    value = models.DecimalField("数值", max_digits=20, decimal_places=6)
    source = models.CharField("来源", max_length=120, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    is_sample = models.BooleanField("示例数据", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name="填报人",
    )
    recorded_at = models.DateTimeField("填报时间")
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "指标数据"
        verbose_name_plural = "指标数据"
        ordering = ["indicator_id", "year", "granularity", "period_index", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "granularity", "period_index", "kind"],
                name="unique_observation_per_period_and_kind",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "kind"], name="observation_indicator_kind")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period.label} {self.get_kind_display()} {self.value}"

    @property
    def period(self) -> Period:
        return Period(self.year, Granularity(self.granularity), self.period_index)


class ObservationRevision(models.Model):
    """One change to one observation, never updated or deleted: the value's history."""

    class Action(models.TextChoices):
        CREATED = "created", "新增"
        UPDATED = "updated", "修改"
        DELETED = "deleted", "删除"

    indicator = models.ForeignKey(
        "planning.Indicator", on_delete=models.CASCADE, related_name="observation_revisions",
        verbose_name="指标",
    )
    period = models.CharField("期间", max_length=8)
    kind = models.CharField("数据类型", max_length=9, choices=Observation.Kind.choices)
    action = models.CharField("操作", max_length=8, choices=Action.choices)
    old_value = models.DecimalField("原值", max_digits=20, decimal_places=6, null=True, blank=True)
    new_value = models.DecimalField("新值", max_digits=20, decimal_places=6, null=True, blank=True)
    source = models.CharField("来源", max_length=120, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name="操作人",
    )
    changed_at = models.DateTimeField("操作时间")

    class Meta:
        verbose_name = "数据修改记录"
        verbose_name_plural = "数据修改记录"
        ordering = ["indicator_id", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.get_action_display()}"
