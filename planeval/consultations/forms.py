"""Forms of 征求意见: they parse; the services decide (their refusals are the messages users see)."""
from django import forms

from planeval.domain.consultation import DECISION_LABELS, READER_LABELS


class VersionForm(forms.Form):
    expected_number = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    note = forms.CharField(label="说明", max_length=300, required=False)


class RoundForm(forms.Form):
    title = forms.CharField(label="名称", max_length=120, required=False)
    deadline = forms.DateField(label="反馈截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class InviteForm(forms.Form):
    kind = forms.ChoiceField(label="读者类别", choices=list(READER_LABELS.items()))
    unit = forms.TypedChoiceField(label="部门", coerce=int, required=False, empty_value=None)
    name = forms.CharField(label="姓名或单位", max_length=100, required=False)
    affiliation = forms.CharField(label="工作单位/职务", max_length=200, required=False)
    sections = forms.MultipleChoiceField(label="请阅章节", required=False, widget=forms.CheckboxSelectMultiple)
    deadline = forms.DateField(label="反馈截止日期（留空同本轮）", required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units=(), sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—")] + [(u.id, u.name) for u in units]
        self.fields["sections"].choices = [(s["key"], s["title"]) for s in sections]


class CommentForm(forms.Form):
    # A plain field: a section outside the invitation reaches the service, which refuses it by name.
    section = forms.CharField(label="章节", max_length=12, required=False)
    quote = forms.CharField(label="引用原文（可选）", required=False)
    text = forms.CharField(label="意见", required=False)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label="处理", choices=[("", "请选择")] + list(DECISION_LABELS.items()), required=False)
    reason = forms.CharField(label="理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
