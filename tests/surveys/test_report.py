"""The compiled report's section on the public's voice, read back from the generated .docx."""
import io

from docx import Document

from planeval.domain import voice_text
from planeval.reports import builders
from planeval.reports.docx import midterm_report_docx
from planeval.surveys.models import Suggestion
from planeval.surveys.selectors import results, suggestion_summary


def test_report_docx_carries_satisfaction_and_suggestion_figures(campaign, sample_questionnaire):
    report = builders.midterm_report(campaign)
    document = Document(io.BytesIO(midterm_report_docx(report, {})))
    paragraphs = [p.text for p in document.paragraphs]
    heading = next(i for i, text in enumerate(paragraphs) if text.endswith("社会公众参与评估情况"))
    section = "\n".join(paragraphs[heading:heading + 8])
    data = results(sample_questionnaire)
    green = next(row for row in data.satisfaction if row.label.startswith("六、"))
    assert f"开展问卷调查1项，共回收答卷{data.responses}份。" in section
    assert f"六、坚持绿色发展{green.result.index:.1f}（95%置信区间{green.result.low:.1f}–{green.result.high:.1f}" in section
    total = Suggestion.objects.filter(campaign=campaign).count()
    assert f"共收到建议{total}条" in section and "部分采纳1条" in section
    assert "生态环境" in section and "交通出行" in section
    assert voice_text.SAMPLE_NOTE in section          # the demo's figures are marked 示例数据


def test_rejected_suggestions_do_not_shape_the_themes(campaign):
    rows = {a.label: a for a in suggestion_summary(campaign)}
    spam = rows["综合（未关联领域）"]
    assert spam.total == 1 and spam.themes == () and spam.keywords == ()


def test_no_section_without_any_public_voice():
    assert voice_text.survey_sentences(questionnaires=0, responses=0, areas=[], themes=[], keywords=[]) == []
    assert voice_text.suggestion_sentences(counts={}, outcomes={}, areas=[]) == []
