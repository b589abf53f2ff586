"""Forms of the list pages: they parse input; the services and the rules decide."""
from django import forms

from planeval.domain import problem_list as rules

from .models import Problem


class ProblemForm(forms.Form):
    problem = forms.CharField(label="问题", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    causes = forms.CharField(label="原因", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(label="措施", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NewProblemForm(ProblemForm):
    related = forms.ChoiceField(label="关联事项（可选）", required=False)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["related"].choices = [("", "无")] + list(items)


class ProposalForm(ProblemForm):
    """Confirming (and possibly editing) an entry proposed from a C/D-rated item."""

    key = forms.CharField(widget=forms.HiddenInput)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="新状态", choices=list(rules.STATUS_LABELS.items()))
    note = forms.CharField(label="说明", required=False, max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class SupportForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=list(rules.SUPPORT_KIND_LABELS.items()))
    item = forms.CharField(label="事项", required=False, max_length=500)
    need = forms.CharField(label="需要上级支持的内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    level = forms.ChoiceField(label="争取支持的层级", choices=[(v, v) for v in rules.LEVELS])
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SupportStepForm(forms.Form):
    answer = forms.CharField(label="上级答复", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    answered_on = forms.DateField(label="答复日期", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProblemFilterForm(forms.Form):
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + list(rules.STATUS_LABELS.items()))
    item_type = forms.ChoiceField(label="关联事项", required=False,
                                  choices=[("", "全部")] + [c for c in Problem.ItemType.choices if c[0]])
    origin = forms.ChoiceField(label="来源", required=False, choices=[("", "全部")] + list(Problem.Origin.choices))
    unit = forms.TypedChoiceField(label="责任单位", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "全部")] + [(u.id, u.name) for u in units]


class SupportFilterForm(forms.Form):
    kind = forms.ChoiceField(label="类别", required=False,
                             choices=[("", "全部")] + list(rules.SUPPORT_KIND_LABELS.items()))
    status = forms.ChoiceField(label="状态", required=False,
                               choices=[("", "全部")] + list(rules.SUPPORT_STATUS_LABELS.items()))
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "全部")] + [(v, v) for v in rules.LEVELS])
    unit = forms.TypedChoiceField(label="提出单位", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "全部")] + [(u.id, u.name) for u in units]
