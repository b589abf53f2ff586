from django import forms

from planeval.domain.ratings import DEFAULT_THRESHOLDS

from .frameworks import framework_choices

THRESHOLD_LABELS = {
    "ahead_margin": "A类：目标进度快于时间进度（比例）",
    "on_track": "B类：预计完成程度不低于（比例）",
    "on_track_anticipatory": "预期性指标B类容差下限（比例）",
    "slow": "C类：预计完成程度不低于（比例），低于为D类",
    "approx_relative": "“左右”目标的容差（相对比例）",
    "approx_points": "“左右”百分比目标的容差（百分点）",
    "approx_rate_points": "“左右”年均增速目标的容差（百分点）",
    "jump_bound": "同比变动超过该比例时提示核查",
    "parts_tolerance": "分项之和与总数的允许差异（比例）",
    "lag_yellow_points": "落后序时进度（百分点）黄色预警",
    "lag_red_points": "落后序时进度（百分点）超过即红色预警",
}


class CampaignSettingsForm(forms.Form):
    annual_cutoff = forms.DateField(label="年度数据截止时点", widget=forms.DateInput(attrs={"type": "date"}))
    monthly_cutoff = forms.DateField(label="月度数据截止时点", widget=forms.DateInput(attrs={"type": "date"}))
    task_cutoff = forms.DateField(label="任务进展截止时点", widget=forms.DateInput(attrs={"type": "date"}))
    framework_key = forms.ChoiceField(label="自评报告框架", choices=framework_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, default in DEFAULT_THRESHOLDS.to_dict().items():
            self.fields[f"t_{name}"] = forms.FloatField(label=THRESHOLD_LABELS[name], min_value=0,
                                                        initial=default)

    def thresholds(self) -> dict[str, float]:
        return {name: self.cleaned_data[f"t_{name}"] for name in DEFAULT_THRESHOLDS.to_dict()}


class PhaseForm(forms.Form):
    stage = forms.CharField(label="主要阶段", max_length=40)
    name = forms.CharField(label="时间", max_length=40, required=False)
    starts_on = forms.DateField(label="开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    work = forms.CharField(label="工作安排", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.CharField(label="负责单位", max_length=120, required=False)


class DeadlineForm(forms.Form):
    name = forms.CharField(label="事项", max_length=120)
    due_on = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    working_days_after = forms.IntegerField(label="事件后工作日数", required=False, min_value=1)
    after_event = forms.CharField(label="起算事件", max_length=60, required=False)
    event_on = forms.DateField(label="发生日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))


PhaseFormSet = forms.formset_factory(PhaseForm, extra=1, can_delete=True)
DeadlineFormSet = forms.formset_factory(DeadlineForm, extra=1, can_delete=True)
