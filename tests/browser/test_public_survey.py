"""Issue 8, "done when": the public questionnaire answered anonymously on a phone-sized screen, and a
flood of answers from one address refused after the limit. Also the DRC's results page with its charts.
Screenshots: test-output/public-survey-*.png."""
import pytest

from planeval.surveys import services
from planeval.surveys.models import Questionnaire, Response
from tests.browser.test_dashboards import assert_charts_drawn, login

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "locale": "zh-CN"}


def answer_required_questions(page, questionnaire):
    """Tap through the questionnaire as a person would: a score on each scale, one choice, some text."""
    for question in questionnaire.questions.order_by("position"):
        block = page.locator(f"#question-{question.position}")
        if question.kind == "scale":
            block.locator("label.point").nth(3).click()            # 4 满意
        elif question.kind in ("single", "multiple"):
            block.locator("label.choice").first.click()
        elif question.kind == "text":
            block.locator("textarea").fill("希望苏州河滨河步道继续延伸，河道再干净一些。")


def submit(page):
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("button.submit").click()
    page.wait_for_load_state()
    return posted.value.status


def test_phone_answer_then_flood_refused(live_demo, browser, settings):
    settings.SURVEY_RATE_LIMIT = 3
    questionnaire = Questionnaire.objects.get(is_sample=True)
    url = f"{live_demo.url}/p/s/{questionnaire.public_id}/"
    before = Response.objects.filter(questionnaire=questionnaire).count()

    phone = browser.new_context(**PHONE)
    page = phone.new_page()
    page.goto(url)
    assert page.locator("h1").inner_text() == questionnaire.title
    assert page.locator("text=示例数据").first.is_visible()
    # Mobile first: nothing wider than the phone, tap targets of a usable size.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#question-2 label.point").first.bounding_box()["height"] >= 44
    page.screenshot(path="test-output/public-survey-phone.png", full_page=True)
    answer_required_questions(page, questionnaire)
    assert submit(page) == 302 or page.url.endswith("/thanks/")
    assert page.locator("text=提交成功，感谢您的参与！").is_visible()
    assert Response.objects.filter(questionnaire=questionnaire).count() == before + 1
    stored = Response.objects.filter(questionnaire=questionnaire).latest("id")
    assert stored.answers.filter(score=4).count() == questionnaire.questions.filter(kind="scale").count()
    assert not stored.is_sample and stored.answers.filter(text__contains="苏州河").count() == 2

    # The same phone again: one answer per device.
    page.goto(url)
    answer_required_questions(page, questionnaire)
    assert submit(page) == 409
    assert page.locator(f"text={services.ALREADY_ANSWERED}").is_visible()
    phone.close()

    # New devices (fresh cookies) from the same address: two more are taken, then the limit refuses.
    statuses = []
    for _ in range(3):
        device = browser.new_context(**PHONE)
        flood = device.new_page()
        flood.goto(url)
        answer_required_questions(flood, questionnaire)
        statuses.append(submit(flood))
        if statuses[-1] == 429:
            message = services.RATE_LIMITED.format(minutes=60, limit=3)
            assert flood.locator(".refusal").inner_text() == message
            flood.screenshot(path="test-output/public-survey-refused.png", full_page=True)
        device.close()
    assert statuses == [302, 302, 429]
    assert Response.objects.filter(questionnaire=questionnaire).count() == before + 3


def test_drc_results_page_draws_its_charts(live_demo, page, screenshot):
    page.emulate_media(reduced_motion="reduce")
    login(page, live_demo.url, "fgw")
    questionnaire = Questionnaire.objects.get(is_sample=True)
    # The first keyword summary of a process loads jieba's dictionary (seconds on a busy machine).
    page.goto(f"{live_demo.url}/voice/q/{questionnaire.id}/results/", timeout=120_000)
    assert assert_charts_drawn(page) >= 3
    assert page.locator("#satisfaction-table").is_visible()
    screenshot("public-survey-results")
