"""Forms of the topic pages: they parse input; the services and the route table decide."""
from django import forms

from planeval.domain import topic_flow as flow


class TopicForm(forms.Form):
    title = forms.CharField(label="专题名称", max_length=100, required=False)
    scope = forms.CharField(label="评估内容和范围", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    lead_unit = forms.TypedChoiceField(label="牵头单位", coerce=int, empty_value=None, required=False)
    supporting_units = forms.TypedMultipleChoiceField(label="配合单位", coerce=int, required=False,
                                                      widget=forms.SelectMultiple(attrs={"size": 8}))
    deadline_on = forms.DateField(label="报送日期", required=False, help_text="如2023-07-31；或填写下方的工作日期限。")
    deadline_event = forms.CharField(label="起算事项", max_length=50, required=False,
                                     help_text="如“专题布置”“方案批复”")
    deadline_event_on = forms.DateField(label="起算事项日期", required=False)
    deadline_days = forms.IntegerField(label="工作日天数", required=False, min_value=1, max_value=250)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(u.id, u.name) for u in units]
        self.fields["lead_unit"].choices = [("", "请选择")] + choices
        self.fields["supporting_units"].choices = choices

    def deadline(self) -> flow.Deadline:
        data = self.cleaned_data
        return flow.Deadline(on=data.get("deadline_on"), event=data.get("deadline_event") or "",
                             event_on=data.get("deadline_event_on"), days=data.get("deadline_days"))


class ReportForm(forms.Form):
    summary = forms.CharField(label="主要结论", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="写入中期评估报告的专题摘要。")
    findings = forms.CharField(label="主要发现", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    suggestions = forms.CharField(label="对策建议", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label="报告全文（PDF或Word，可选）", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ContributionForm(forms.Form):
    text = forms.CharField(label="提供的材料", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class StepForm(forms.Form):
    comment = forms.CharField(label="意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class FilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + list(flow.STATE_LABELS.items()))
