"""A topic walked in Debian's Chromium from research to 已验收, and a support request answered.

kewei (区科委, lead of the sample topic 城区数字化转型) writes the report and submits it; fgw tries to
return it without a reason (refused, nothing changes), then accepts it; the compiled report's
section 专题评估情况 then carries its summary. Screenshots go to test-output/.
"""
import pytest

from planeval.campaigns.models import Campaign
from planeval.reports.builders import midterm_report
from planeval.topics.models import Topic

from .test_campaign_loop import login, logout

pytestmark = pytest.mark.browser

TOPIC = "城区数字化转型"


def test_topic_from_research_to_accepted(live_demo, page, screenshot):
    base = live_demo.url

    login(page, base, "kewei")
    page.click("nav >> text=专题评估")
    page.wait_for_selector("h1:has-text('专题评估')")
    assert "优化营商环境" not in page.inner_text("table.topics")     # a topic 区科委 has no part in
    page.click(f"tr:has-text('{TOPIC}') >> a:text-is('查看')")
    page.wait_for_selector(f"h1:has-text('{TOPIC}')")
    page.click("form.step-submit button")                           # no summary yet: refused
    page.wait_for_selector("text=专题报告的“主要结论”尚未填写，不能提交。")
    page.fill("#id_summary", "数字化转型整体进展良好，城市运行“一网统管”成效明显。")
    page.fill("#id_findings", "数字经济规模稳步扩大；教育、卫生信息化应用持续深化。")
    page.click("#report-form button")
    page.wait_for_selector("text=已保存。")
    screenshot("topic-1-report")
    page.click("form.step-submit button")
    page.wait_for_selector("text=已提交报告。")
    logout(page)

    login(page, base, "fgw")
    page.click("nav >> text=专题评估")
    page.click(f"tr:has-text('{TOPIC}') >> a:text-is('查看')")
    page.click("form.step-return button")
    page.wait_for_selector("text=退回修改须写明理由。")
    page.fill("form.step-accept input[name=comment]", "同意验收。")
    page.click("form.step-accept button")
    page.wait_for_selector("text=已验收。")
    assert "已验收" in page.inner_text("p.sub")
    screenshot("topic-2-accepted")

    page.click("nav >> text=问题清单")
    page.click("text=需上级支持事项")
    page.click("tr:has-text('已提出') >> a:text-is('办理')")
    page.click("button:has-text('汇总上报')")
    page.wait_for_selector("text=已汇总上报。")
    page.fill("#id_answer", "已纳入市级年度支持计划。")
    page.fill("#id_answered_on", "2023-12-20")
    page.click("button:has-text('登记上级答复')")
    page.wait_for_selector("text=已登记上级答复。")
    screenshot("topic-3-support-answered")

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    assert Topic.objects.get(campaign=campaign, title=TOPIC).state == "accepted"
    section = next(s for s in midterm_report(campaign).sections if s.title.endswith("专题评估情况"))
    assert any("数字化转型整体进展良好" in p for p in section.paragraphs)
