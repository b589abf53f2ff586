"""Forms of the workspace. They parse and validate; services decide and write."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms

from planeval.domain.periods import Period
from planeval.domain.submission_checks import ItemDecision, item_problems
from planeval.planning.models import Project

from .models import RATING_CHOICES
from .services import ValueInput

ACTUAL_PERIODS = (Period(2021), Period(2022), Period.parse("2023H1"))
FORECAST_YEARS = (2023, 2024, 2025)
NOT_A_NUMBER = "{label}“{text}”不是有效的数字。"

RATING_FIELD = dict(label="本单位评估结论", choices=[("", "暂不评定")] + RATING_CHOICES, required=False,
                    widget=forms.RadioSelect)


def parse_number(text: str, label: str, errors: list[str]) -> Decimal | None:
    text = (text or "").strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors.append(NOT_A_NUMBER.format(label=label, text=text))
        return None
    if not value.is_finite() or abs(value) >= Decimal("1e14"):
        errors.append(NOT_A_NUMBER.format(label=label, text=text))
        return None
    return value


def parse_version(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def value_cells(data) -> tuple[list[ValueInput], list[str]]:
    """The value grid of the indicator form: actuals (统计数/预计数) and the unit's forecasts."""
    cells, errors = [], []
    for period in ACTUAL_PERIODS:
        key = f"v-{period}"
        if f"{key}-value" not in data:
            continue
        kind = data.get(f"{key}-kind") if data.get(f"{key}-kind") in ("actual", "estimate") else "actual"
        value = parse_number(data.get(f"{key}-value", ""), f"{period.label}数值", errors)
        cells.append(ValueInput(period=period, kind=kind, value=value, source=data.get(f"{key}-source", "").strip(),
                                expected_version=parse_version(data.get(f"{key}-version"))))
    for year in FORECAST_YEARS:
        key = f"f-{year}"
        if f"{key}-value" not in data:
            continue
        value = parse_number(data.get(f"{key}-value", ""), f"{year}年预测数", errors)
        cells.append(ValueInput(period=Period(year), kind="forecast", value=value,
                                source=data.get(f"{key}-source", "").strip(),
                                expected_version=parse_version(data.get(f"{key}-version"))))
    return cells, errors


class IndicatorJudgementForm(forms.Form):
    rating = forms.ChoiceField(**RATING_FIELD)
    explanation = forms.CharField(label="原因说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    recovery_measures = forms.CharField(label="赶超措施", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    adjustment_before = forms.CharField(label="调整前", required=False, max_length=200)
    adjustment_after = forms.CharField(label="调整后", required=False, max_length=200)
    adjustment_reason = forms.CharField(label="调整理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    adjustment_basis = forms.CharField(label="测算依据", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, projected_shortfall: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.projected_shortfall = projected_shortfall

    def clean(self):
        data = super().clean()
        if data.get("rating"):
            decision = ItemDecision(
                label="本指标", rating=data["rating"], explanation=data.get("explanation", ""),
                projected_shortfall=self.projected_shortfall,
                recovery_measures=data.get("recovery_measures", ""),
                adjustment=self.adjustment_from(data),
            )
            for problem in item_problems(decision):
                self.add_error(None, problem)
        return data

    @staticmethod
    def adjustment_from(data) -> tuple[str, str, str, str]:
        return tuple(data.get(f"adjustment_{k}", "") or "" for k in ("before", "after", "reason", "basis"))


class TaskJudgementForm(forms.Form):
    progress = forms.CharField(label="推进情况（截至2023年6月30日）", required=False,
                               widget=forms.Textarea(attrs={"rows": 5}))
    rating = forms.ChoiceField(**RATING_FIELD)
    expected_completion = forms.CharField(label="预计到规划期末完成情况", required=False, max_length=300)
    explanation = forms.CharField(label="原因说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label="下一步工作思路", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("rating"):
            decision = ItemDecision(label="本任务", rating=data["rating"], explanation=data.get("explanation", ""),
                                    recovery_measures=data.get("next_steps", ""))
            for problem in item_problems(decision):
                self.add_error(None, problem)
        return data


class ProjectJudgementForm(forms.Form):
    status = forms.ChoiceField(label="项目状态", choices=[("", "请选择")] + list(Project.Status.choices), required=False)
    completed_investment = forms.DecimalField(label="已完成投资（亿元）", required=False, max_digits=14,
                                              decimal_places=4, min_value=0)
    progress = forms.CharField(label="进展情况", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    not_started_reason = forms.CharField(label="未开工原因", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    next_steps = forms.CharField(label="下一步工作计划", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    rating = forms.ChoiceField(**RATING_FIELD)
    explanation = forms.CharField(label="原因说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("status") in (Project.Status.PREPARING, Project.Status.ABOUT_TO_START) \
                and not (data.get("not_started_reason") or "").strip():
            self.add_error("not_started_reason", "项目尚未开工，须说明未开工原因。")
        if data.get("rating"):
            decision = ItemDecision(label="本项目", rating=data["rating"], explanation=data.get("explanation", ""),
                                    recovery_measures=data.get("next_steps", ""))
            for problem in item_problems(decision):
                self.add_error(None, problem)
        return data


class TransitionForm(forms.Form):
    comment = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    confirmed_by = forms.CharField(label="单位负责人（确认人）", required=False, max_length=50)


class NoticeForm(forms.Form):
    subject = forms.CharField(label="事由", max_length=200)
    body = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 6}))


class ContactForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    post = forms.CharField(label="职务", max_length=60, required=False)
    phone = forms.CharField(label="联系电话", max_length=40)
    email = forms.EmailField(label="电子邮箱", required=False)


class CommentForm(forms.Form):
    text = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
