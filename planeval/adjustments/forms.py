"""Forms of the adjustment pages: they parse input; the services and the route table decide."""
from django import forms

from planeval.domain.adjustment_route import KIND_LABELS, STATE_LABELS, StepInput

from .models import Adjustment


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label="调整类型", choices=list(KIND_LABELS.items()))
    after = forms.CharField(label="调整后", required=False, max_length=300,
                            help_text="目标值调整填写新的目标值（如“累计120”“3-5”“>84”）；表述调整填写新的表述；取消可不填。")
    reason = forms.CharField(label="调整理由", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    basis = forms.CharField(label="测算依据", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [(k.value, k.label) for k in kinds]


class NewItemForm(forms.Form):
    """新增: a task or project that the plan does not have yet."""

    item_type = forms.ChoiceField(label="新增事项", choices=[("task", "任务"), ("project", "项目")])
    plan = forms.TypedChoiceField(label="所属规划", coerce=int)
    after = forms.CharField(label="名称或表述", max_length=300)
    reason = forms.CharField(label="调整理由", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    basis = forms.CharField(label="测算依据", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.id, p.name) for p in plans]


class StepForm(forms.Form):
    comment = forms.CharField(label="意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    meeting = forms.CharField(label="审定会议", required=False, max_length=100)
    decided_on = forms.DateField(label="日期", required=False)
    document = forms.CharField(label="文号", required=False, max_length=100)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def step(self) -> StepInput:
        data = self.cleaned_data
        return StepInput(comment=data.get("comment") or "", meeting=data.get("meeting") or "",
                         decided_on=data.get("decided_on"), document=data.get("document") or "")


class FilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + list(STATE_LABELS.items()))
    kind = forms.ChoiceField(label="调整类型", required=False, choices=[("", "全部")] + list(KIND_LABELS.items()))
    item_type = forms.ChoiceField(label="对象", required=False,
                                  choices=[("", "全部")] + list(Adjustment.ItemType.choices))
    unit = forms.TypedChoiceField(label="提出单位", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "全部")] + [(u.id, u.name) for u in units]


class SettingForm(forms.Form):
    outline_to_congress = forms.BooleanField(label="规划纲要的调整须报人大常委会后生效", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
