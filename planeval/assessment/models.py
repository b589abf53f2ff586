"""The engine's latest suggestion per item and campaign, stored so lists and reports read it cheaply.

Rows are rewritten by ``services.campaign_assess``; they are derived data, never typed by a user.
"""
from django.db import models


class Suggestion(models.TextChoices):
    A = "A", "A 进展超前、可以提前完成"
    B = "B", "B 进展良好、可以如期完成"
    C = "C", "C 进展较慢、需要加快推进"
    D = "D", "D 情况变化、难以完成"


class Warning(models.TextChoices):
    GREEN = "green", "绿"
    YELLOW = "yellow", "黄"
    RED = "red", "红"


class IndicatorAssessment(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE,
                                 related_name="indicator_assessments", verbose_name="评估工作")
    indicator = models.ForeignKey("planning.Indicator", on_delete=models.CASCADE,
                                  related_name="assessments", verbose_name="指标")
    computed_at = models.DateTimeField("研判时间")
    target_kind = models.CharField("目标类型", max_length=16)
    # Which version of the target this judgement was made against (planning.IndicatorTarget).
    target_version = models.PositiveSmallIntegerField("目标版本", default=1)
    target_text = models.CharField("研判所依据的目标值", max_length=200, blank=True)
    target_valid_from = models.DateField("目标生效日期", null=True, blank=True)
    current = models.DecimalField("中期完成数", max_digits=20, decimal_places=6, null=True, blank=True)
    progress = models.FloatField("目标进度", null=True, blank=True)
    expected = models.FloatField("时间进度", null=True, blank=True)
    forecast = models.DecimalField("预计期末完成数", max_digits=20, decimal_places=6, null=True, blank=True)
    forecast_source = models.CharField("预测来源", max_length=8, blank=True)
    anticipated = models.FloatField("预计完成程度", null=True, blank=True)
    suggestion = models.CharField("建议结论", max_length=1, choices=Suggestion.choices, blank=True)
    warning = models.CharField("预警", max_length=6, choices=Warning.choices, blank=True)
    reasons = models.JSONField("研判理由", default=list)
    checks = models.JSONField("数据核查", default=list)

    class Meta:
        verbose_name = "指标研判"
        verbose_name_plural = "指标研判"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "indicator"], name="one_assessment_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}：{self.suggestion or '暂不研判'}"

    @property
    def target_phrase(self) -> str:
        """按规划纲要发布的目标研判 / 按调整后目标（第2版，2023-11-08生效）研判."""
        from planeval.domain.adjustment_route import version_phrase

        return version_phrase(self.target_version, self.target_valid_from)


class ProjectAssessment(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE,
                                 related_name="project_assessments", verbose_name="评估工作")
    project = models.ForeignKey("planning.Project", on_delete=models.CASCADE,
                                related_name="assessments", verbose_name="项目")
    computed_at = models.DateTimeField("研判时间")
    schedule_elapsed = models.FloatField("序时进度", null=True, blank=True)
    investment_progress = models.FloatField("投资完成进度", null=True, blank=True)
    gap_points = models.FloatField("落后序时进度（百分点）", null=True, blank=True)
    suggestion = models.CharField("建议结论", max_length=1, choices=Suggestion.choices, blank=True)
    warning = models.CharField("预警", max_length=6, choices=Warning.choices, blank=True)
    reasons = models.JSONField("研判理由", default=list)
    checks = models.JSONField("数据核查", default=list)

    class Meta:
        verbose_name = "项目研判"
        verbose_name_plural = "项目研判"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "project"], name="one_assessment_per_project"),
        ]

    def __str__(self) -> str:
        return f"{self.project}：{self.get_warning_display() or '—'}"
