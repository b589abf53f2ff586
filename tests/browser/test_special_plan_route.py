"""A special plan's evaluation walked in Debian's Chromium from 起草 to 分管区领导审定.

kewei (区科委) writes the report of 《普陀区智能软件、研发服务产业“十四五”规划》 (saved through htmx),
consults and sends it to the DRC; fgw gives written feedback (refused while empty); kewei
revises and sends it to the leader; the leader approves. Each logs in as themselves; the
screenshots go to test-output/.
"""
import pytest

from planeval.specialplans.models import SpecialPlanEvaluation, Step

from .test_campaign_loop import login, logout

pytestmark = pytest.mark.browser

PLAN = "普陀区智能软件、研发服务产业“十四五”规划"


def open_plan(page):
    page.click("nav >> text=专项规划评估")
    page.wait_for_selector("h1:has-text('专项规划评估')")
    page.click(f"a:text-is('{PLAN}')")
    page.wait_for_selector(f"h1:has-text('{PLAN}')")


def test_special_plan_from_draft_to_approved(live_demo, page, screenshot):
    base = live_demo.url

    login(page, base, "kewei")
    open_plan(page)
    page.select_option("#id_conclusion", "B")
    page.fill("textarea[name='section-1.1']", "主要指标中期完成情况良好。")
    page.click("button:has-text('保存报告')")
    page.wait_for_selector("#sp-report >> text=评估报告已保存。")     # swapped in place by htmx
    assert page.input_value("textarea[name='section-1.1']") == "主要指标中期完成情况良好。"
    page.fill("form.step-consult textarea[name=comment]", "书面征求区相关部门意见。")
    page.click("form.step-consult button")
    page.wait_for_selector("text=已征求意见。")
    page.click("form.step-submit button")
    page.wait_for_selector("text=已报送发改委。")
    screenshot("special-plan-1-submitted")
    logout(page)

    login(page, base, "fgw")
    open_plan(page)
    page.click("form.step-feedback button")                     # no text: refused, nothing changes
    page.wait_for_selector("text=“出具反馈意见”须填写意见。")
    page.fill("form.step-feedback textarea[name=comment]", "请补充主要指标数据来源。")
    page.click("form.step-feedback button")
    page.wait_for_selector("text=已出具反馈意见。")
    screenshot("special-plan-2-feedback")
    logout(page)

    login(page, base, "kewei")
    open_plan(page)
    page.fill("textarea[name='section-1.1']", "主要指标中期完成情况良好，数据来源为区统计局。")
    page.click("button:has-text('保存报告')")
    page.wait_for_selector("#sp-report >> text=评估报告已保存。")
    page.click("form.step-send button")
    page.wait_for_selector("text=已报分管区领导审定。")
    logout(page)

    login(page, base, "leader")
    open_plan(page)
    assert page.locator("#sp-report textarea").count() == 0       # the leader reads, does not edit
    page.click("form.step-approve button")
    page.wait_for_selector("text=已审定。")
    page.wait_for_selector("text=分管区领导已审定")
    screenshot("special-plan-3-approved")

    evaluation = SpecialPlanEvaluation.objects.get(campaign__jurisdiction__name="普陀区", plan__name=PLAN)
    assert evaluation.state == "approved"
    assert evaluation.sections["1.1"] == "主要指标中期完成情况良好，数据来源为区统计局。"
    assert [(s.action, s.actor.username) for s in Step.objects.filter(evaluation=evaluation).order_by("id")
            .select_related("actor")] == [
        ("edit", "kewei"), ("consult", "kewei"), ("submit", "kewei"), ("feedback", "fgw"), ("edit", "kewei"),
        ("send", "kewei"), ("approve", "leader")]
