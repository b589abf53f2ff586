"""The DRC's questionnaire builder, results, export and the indicator value taken from a survey."""
import io

import openpyxl
import pytest
from django.urls import reverse

from planeval.audit.models import AuditEvent
from planeval.core.errors import ApplicationError
from planeval.domain import workflow
from planeval.domain.periods import Granularity
from planeval.domain.satisfaction import satisfaction_index
from planeval.monitoring.models import Observation, ObservationRevision
from planeval.planning.models import Indicator
from planeval.submissions.models import Submission
from planeval.surveys import services
from planeval.surveys.models import (
    Answer,
    Question,
    Questionnaire,
    QuestionnaireEvent,
    Response,
)
from planeval.surveys.selectors import campaign_areas, results
from tests.conftest import client_for


def test_build_publish_and_freeze_over_http(campaign):
    drc = client_for("fgw")
    created = drc.post(reverse("surveys:index", args=[campaign.id]), {"title": "市民满意度调查"})
    q = Questionnaire.objects.get(campaign=campaign, title="市民满意度调查")
    assert created["Location"] == reverse("surveys:questionnaire", args=[q.id])
    area = campaign_areas(campaign).get(number="六")
    add = reverse("surveys:question_add", args=[q.id])
    drc.post(add, {"kind": "scale", "text": "您对生态环境的满意程度", "area": area.id, "required": "on"})
    drc.post(add, {"kind": "single", "text": "您的出行方式", "options": "地铁\n公交\n自驾\n地铁"})
    page = drc.post(add, {"kind": "single", "text": "只有一个选项", "options": "是"}, follow=True).content.decode()
    assert services.OPTIONS_NEEDED in page
    questions = list(q.questions.order_by("position"))
    assert [x.text for x in questions] == ["您对生态环境的满意程度", "您的出行方式"]
    assert [o.label for o in questions[1].options.all()] == ["地铁", "公交", "自驾"]   # duplicate dropped
    drc.post(reverse("surveys:question_move", args=[q.id, questions[1].id]), {"direction": "up"})
    assert list(q.questions.order_by("position").values_list("text", flat=True))[0] == "您的出行方式"
    drc.post(reverse("surveys:questionnaire_transition", args=[q.id]), {"action": "open"})
    q.refresh_from_db()
    assert q.status == "open"
    # Frozen: adding, removing, rewording are refused with the message, and nothing changes.
    page = drc.post(add, {"kind": "text", "text": "新问题"}, follow=True).content.decode()
    assert services.QUESTIONS_FROZEN in page
    drc.post(reverse("surveys:question_remove", args=[q.id, questions[0].id]))
    page = drc.post(reverse("surveys:questionnaire_settings", args=[q.id]),
                    {"title": "改过的标题", "intro": ""}, follow=True).content.decode()
    assert services.QUESTIONS_FROZEN in page
    q.refresh_from_db()
    assert q.title == "市民满意度调查" and q.questions.count() == 2
    # A new version copies the questions into a new draft with its own link.
    drc.post(reverse("surveys:questionnaire_version", args=[q.id]))
    copy = Questionnaire.objects.get(campaign=campaign, title="市民满意度调查", version=2)
    assert copy.status == "draft" and copy.previous == q and copy.public_id != q.public_id
    assert copy.questions.count() == 2
    actions = list(QuestionnaireEvent.objects.filter(questionnaire=q).values_list("action", flat=True))
    assert {"创建", "新增题目", "调整顺序", "发布"} <= set(actions)
    assert AuditEvent.objects.filter(target_type="surveys.questionnaire", target_id=str(q.id),
                                     action="transition").exists()


def test_publishing_an_empty_questionnaire_is_refused(campaign, fgw):
    q = services.questionnaire_create(campaign=campaign, title="空问卷", user=fgw)
    with pytest.raises(ApplicationError, match=services.NO_QUESTIONS):
        services.questionnaire_transition(questionnaire=q, action="open", user=fgw)
    q.refresh_from_db()
    assert q.status == "draft"


def test_results_page_shows_index_interval_and_keywords(sample_questionnaire):
    page = client_for("fgw").get(reverse("surveys:results", args=[sample_questionnaire.id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "示例数据" in html and 'data-chart="satisfaction"' in html and 'data-chart="responses"' in html
    data = results(sample_questionnaire)
    assert data.responses == 120
    green = next(row for row in data.satisfaction if row.label.startswith("六、"))
    assert green.result.n > 100 and green.result.low < green.result.index < green.result.high
    assert f"{green.result.index:.1f}" in html
    words = {k.word for area in data.texts for k in area.summary.keywords}
    assert {"河道", "垃圾分类"} <= words
    themes = {t.name for area in data.texts for t in area.summary.themes}
    assert {"生态环境", "垃圾分类", "交通出行", "养老托育"} <= themes


def test_results_query_count_does_not_grow_with_answers(sample_questionnaire, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        results(sample_questionnaire)


def test_export_of_raw_answers_is_formula_safe(open_questionnaire, public):
    from tests.surveys.test_public_survey import answer_sheet, open_page, url

    client = public()
    open_page(client, open_questionnaire)
    client.post(url(open_questionnaire), answer_sheet(open_questionnaire, text="=HYPERLINK(\"http://x\")"))
    download = client_for("fgw").get(reverse("surveys:results_export", args=[open_questionnaire.id, "xlsx"]))
    assert download.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3:] == ("1. 您住在哪里", "2. 您对生态环境的满意程度", "3. 意见建议")
    assert rows[1][3:] == ("普陀", 4, "=HYPERLINK(\"http://x\")")
    assert sheet.cell(2, 6).data_type == "s"   # text, not a live formula
    csv = client_for("fgw").get(reverse("surveys:results_export", args=[open_questionnaire.id, "csv"]))
    assert "'=HYPERLINK" in csv.content.decode("utf-8-sig")


def test_survey_result_becomes_the_indicator_value(sample_questionnaire):
    indicator = Indicator.objects.get(plan__jurisdiction__name="普陀区", name="生态环境满意度")
    Submission.objects.filter(unit_id=indicator.lead_unit_id).update(state=workflow.State.DRAFT)
    reply = client_for("fgw").post(reverse("surveys:indicator_record", args=[sample_questionnaire.id]),
                                   {"indicator": indicator.id, "year": "2023"}, follow=True)
    assert "已记为指标" in reply.content.decode()
    observation = Observation.objects.get(indicator=indicator, year=2023, granularity=Granularity.YEAR.value, kind="actual")
    # Only the scale question tied to the indicator counts, not the whole area.
    scores = Answer.objects.filter(question__questionnaire=sample_questionnaire, question__indicator=indicator) \
        .values_list("score", flat=True)
    expected = satisfaction_index(list(scores))
    assert expected.n > 100
    assert float(observation.value) == round(expected.index, 1)
    assert "问卷调查" in observation.source and "置信区间" in observation.note
    assert ObservationRevision.objects.filter(indicator=indicator, period="2023").exists()


def test_locked_submission_refuses_the_indicator_value(sample_questionnaire):
    indicator = Indicator.objects.get(plan__jurisdiction__name="普陀区", name="生态环境满意度")
    submission = Submission.objects.filter(unit_id=indicator.lead_unit_id, campaign=sample_questionnaire.campaign).first()
    if submission is None:
        pytest.skip("the demo has no submission for the indicator's lead unit")
    Submission.objects.filter(id=submission.id).update(state=workflow.State.SIGNED)
    before = Observation.objects.filter(indicator=indicator).count()
    reply = client_for("fgw").post(reverse("surveys:indicator_record", args=[sample_questionnaire.id]),
                                   {"indicator": indicator.id, "year": "2023"}, follow=True)
    assert workflow.LOCKED in reply.content.decode()
    assert Observation.objects.filter(indicator=indicator).count() == before


def test_sample_answers_are_marked(sample_questionnaire):
    assert sample_questionnaire.is_sample
    assert not Response.objects.filter(questionnaire=sample_questionnaire, is_sample=False).exists()
    assert Answer.objects.filter(response__questionnaire=sample_questionnaire, question__kind=Question.Kind.TEXT).exists()
