from django import forms

from planeval.domain.congress_route import STEP_LABELS


class StepForm(forms.Form):
    step = forms.ChoiceField(label="程序", choices=[(s.value, label) for s, label in STEP_LABELS.items()])
    held_on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    body = forms.CharField(label="会议或机关", max_length=120)
    document_number = forms.CharField(label="文号", max_length=60, required=False)
    outcome = forms.CharField(label="结果", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    document = forms.TypedChoiceField(label="附件", coerce=int, required=False, empty_value=None, choices=())
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [("", "（无）")] + [(d.id, d.title) for d in documents]


class UploadForm(forms.Form):
    title = forms.CharField(label="文件标题", max_length=200)
    file = forms.FileField(label="文件（.docx、.pdf、.xlsx、.ofd）")
    version = forms.IntegerField(widget=forms.HiddenInput)
