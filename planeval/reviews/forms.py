"""Forms of third-party evaluation and typical cases. They parse and validate; services decide and write."""
from __future__ import annotations

from django import forms

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.submissions.models import RATING_CHOICES

from .models import Case


class ConclusionForm(forms.Form):
    rating = forms.ChoiceField(label="第三方评估结论", choices=[("", "暂不评定")] + RATING_CHOICES, required=False,
                               widget=forms.RadioSelect)
    comment = forms.CharField(label="评估意见", required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class GrantForm(forms.Form):
    organisation = forms.CharField(label="评估机构", max_length=120,
                                   help_text="如：某某大学公共管理学院、某某咨询有限公司")
    account = forms.ModelChoiceField(label="评估账户（观察员）", queryset=User.objects.none(), required=False,
                                     empty_label="（无账户，由发改委代为上传结论表）")

    def __init__(self, *args, jurisdiction_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        observers = RoleAssignment.objects.filter(role=Role.OBSERVER, jurisdiction_id__in=list(jurisdiction_ids))
        self.fields["account"].queryset = User.objects.filter(id__in=observers.values("user_id")).order_by("username")


class CaseForm(forms.Form):
    title = forms.CharField(label="案例标题", max_length=120)
    area = forms.CharField(label="所属领域", max_length=120, required=False,
                           widget=forms.TextInput(attrs={"list": "case-areas"}))
    kind = forms.ChoiceField(label="案例类型", choices=[("", "请选择")] + list(Case.Kind.choices))
    summary = forms.CharField(label="基本情况", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    measures = forms.CharField(label="主要做法", widget=forms.Textarea(attrs={"rows": 5}), max_length=8000)
    results = forms.CharField(label="取得成效", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    attachment = forms.FileField(label="附件（可选：PDF、Word、Excel、JPG、PNG）", required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class SelectForm(forms.Form):
    selected = forms.BooleanField(label="选入评估报告附件", required=False)
    position = forms.IntegerField(label="次序", required=False, min_value=1, max_value=999)


class UploadForm(forms.Form):
    file = forms.FileField(label="评估结论表（.xlsx 或 .csv）")
