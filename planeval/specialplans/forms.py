"""Forms of the special-plan pages: they parse input; the services and the route table decide."""
from django import forms

from planeval.domain.special_plan_route import STATE_LABELS
from planeval.planning.models import Plan

from .models import CONCLUSIONS


class ReportForm(forms.Form):
    """The report in the campaign's framework: one text area per section, plus the overall conclusion."""

    conclusion = forms.ChoiceField(label="总体评估结论", required=False, choices=[("", "（未选择）")] + CONCLUSIONS)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        for s in self.sections:
            self.fields[f"section-{s.key}"] = forms.CharField(
                label=s.title, required=False, widget=forms.Textarea(attrs={"rows": 5}), help_text=s.guidance)

    def section_texts(self) -> dict[str, str]:
        return {s.key: self.cleaned_data.get(f"section-{s.key}") or "" for s in self.sections}

    def bound_sections(self):
        return [(s, self[f"section-{s.key}"]) for s in self.sections]


class StepForm(forms.Form):
    comment = forms.CharField(label="意见", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.FileField(label="附件（可选）", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PackageForm(forms.Form):
    in_package = forms.BooleanField(label="随中期评估报告报送", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


KIND_CHOICES = [(k.value, k.label) for k in (Plan.Kind.SPECIAL, Plan.Kind.REGIONAL, Plan.Kind.SPATIAL)]


class FilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + list(STATE_LABELS.items()))
    kind = forms.ChoiceField(label="规划类型", required=False, choices=[("", "全部")] + KIND_CHOICES)
    unit = forms.TypedChoiceField(label="牵头部门", required=False, coerce=int, empty_value=None)
    package = forms.BooleanField(label="仅看随中期评估报告报送的", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "全部")] + [(u.id, u.name) for u in units]
