from django import forms

from planeval.audit.actions import Action, Outcome
from planeval.audit.selectors import AuditFilter

BAD_RANGE = "起始日期不能晚于截止日期。"


class AuditFilterForm(forms.Form):
    start = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    username = forms.CharField(label="用户名", required=False, max_length=150)
    action = forms.ChoiceField(label="事件", required=False)
    outcome = forms.ChoiceField(label="结果", required=False, choices=[("", "全部"), *Outcome.choices])

    def __init__(self, *args, actions: frozenset[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "全部"), *[(v, l) for v, l in Action.choices if v in actions]]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(BAD_RANGE)
        return data

    def filters(self) -> AuditFilter:
        if not self.is_valid():
            return AuditFilter()
        data = self.cleaned_data
        return AuditFilter(start=data["start"], end=data["end"], username=data["username"].strip(),
                           action=data["action"], outcome=data["outcome"])
