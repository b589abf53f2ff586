"""What the DRC has made public: whole figures of the overview and single indicators.

A row means "public"; removing the mark deletes the row, and every change (who, when, old →
new) is kept in the campaign's revision log (campaigns.CampaignRevision, setting "public").
"""
from django.conf import settings
from django.db import models

# The overview figures that may be published. By-unit counts and submission progress are
# internal working figures (they name units) and are never offered for the public page.
PUBLIC_FIGURES = {
    "by_category": "主要指标评估结论（按领域）",
    "by_attribute": "主要指标评估结论（按指标属性）",
    "warnings": "预警情况",
    "task_ratings": "主要任务评估结论",
    "project_statuses": "重大项目建设状态",
}


class PublicItem(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="public_items",
                                 verbose_name="评估工作")
    figure = models.CharField("公开的图表", max_length=20, blank=True, choices=list(PUBLIC_FIGURES.items()))
    indicator = models.ForeignKey("planning.Indicator", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+", verbose_name="公开的指标")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="设置人")
    marked_at = models.DateTimeField("设置时间")

    class Meta:
        verbose_name = "公开内容"
        verbose_name_plural = "公开内容"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "figure"], condition=models.Q(indicator__isnull=True),
                                    name="one_public_mark_per_figure"),
            models.UniqueConstraint(fields=["campaign", "indicator"], condition=models.Q(indicator__isnull=False),
                                    name="one_public_mark_per_indicator"),
            models.CheckConstraint(condition=(models.Q(indicator__isnull=True) & ~models.Q(figure=""))
                                   | (models.Q(indicator__isnull=False) & models.Q(figure="")),
                                   name="public_item_is_a_figure_or_an_indicator"),
        ]

    def __str__(self) -> str:
        return PUBLIC_FIGURES.get(self.figure, "") or f"指标 {self.indicator_id}"
