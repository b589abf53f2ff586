"""Special-plan evaluations (专项规划评估): one per (campaign, plan) outside the outline, owned by
the plan's lead unit, moving along ``planeval.domain.special_plan_route``.

Every step is a ``Step`` row (who, when, what was said, an optional document) and an audit
event; every edit of the report text is an ``edit`` step listing the changed sections.
Rows carry a ``version`` for optimistic locking like every editable row.
"""
from django.conf import settings
from django.db import models

from planeval.domain.special_plan_route import ACTION_LABELS, STATE_LABELS, State

CONCLUSIONS = [("A", "A 进展超前"), ("B", "B 进展良好"), ("C", "C 进展较慢"), ("D", "D 情况变化、难以完成")]


class SpecialPlanEvaluation(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE,
                                 related_name="special_plan_evaluations", verbose_name="评估工作")
    plan = models.ForeignKey("planning.Plan", on_delete=models.PROTECT, related_name="special_evaluations",
                             verbose_name="规划")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="special_evaluations",
                             verbose_name="牵头部门")
    state = models.CharField("状态", max_length=12, choices=list(STATE_LABELS.items()), default=State.DRAFTING)
    sections = models.JSONField("报告正文", default=dict, blank=True,
                                help_text="按评估工作的报告框架分节保存：{节编号: 正文}")
    conclusion = models.CharField("总体评估结论", max_length=1, choices=CONCLUSIONS, blank=True)
    in_package = models.BooleanField("随中期评估报告报送", default=False)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="报审人")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="审定人")
    approved_at = models.DateTimeField("审定时间", null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="最后修改人")
    updated_at = models.DateTimeField("最后修改时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "专项规划评估"
        verbose_name_plural = "专项规划评估"
        ordering = ["campaign_id", "plan_id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "plan"], name="unique_special_plan_evaluation")]
        indexes = [models.Index(fields=["campaign", "state"], name="special_eval_campaign_state")]

    def __str__(self) -> str:
        return f"{self.plan.name}中期评估"


class Step(models.Model):
    """One step of an evaluation's route, or an edit of its report. Never changed."""

    evaluation = models.ForeignKey(SpecialPlanEvaluation, on_delete=models.CASCADE, related_name="steps",
                                   verbose_name="专项规划评估")
    action = models.CharField("操作", max_length=10,
                              choices=list(ACTION_LABELS.items()) + [("edit", "修改报告"), ("package", "报送设置")])
    from_state = models.CharField("原状态", max_length=12, choices=list(STATE_LABELS.items()))
    to_state = models.CharField("新状态", max_length=12, choices=list(STATE_LABELS.items()))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="操作人")
    comment = models.TextField("意见", blank=True)
    detail = models.JSONField("修改内容", default=dict, blank=True)
    document = models.FileField("附件", upload_to="specialplans/%Y/%m/", blank=True)
    document_name = models.CharField("附件名", max_length=200, blank=True)
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "专项规划评估流转记录"
        verbose_name_plural = "专项规划评估流转记录"
        ordering = ["evaluation_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.evaluation_id} {self.get_action_display()}"
