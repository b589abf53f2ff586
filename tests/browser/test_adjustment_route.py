"""A target adjustment walked in Debian's Chromium from the unit's proposal to 已生效.

kewei proposes 累计 150 → 累计 120 for 新增高新技术企业数 from the 规划调整 page and submits;
fgw passes it, records the 区政府常务会议 decision and the report to 人大常委会, and applies
it; the indicator's adjustment history then shows both versions. Screenshots go to test-output/.
"""
import pytest

from planeval.adjustments.models import Adjustment
from planeval.planning.models import Indicator

from .test_campaign_loop import login, logout

pytestmark = pytest.mark.browser

INDICATOR = "新增高新技术企业数"


def test_adjustment_from_unit_to_applied(live_demo, page, screenshot):
    base = live_demo.url

    login(page, base, "kewei")
    page.click("nav >> text=规划调整")
    page.wait_for_selector("h1:has-text('规划调整')")
    page.click(f"tr:has-text('{INDICATOR}') >> a:text-is('提出调整')")
    page.wait_for_selector("h1:has-text('提出调整建议')")
    page.select_option("#id_kind", "target")
    page.fill("#id_after", "2025年达到85")           # unreadable: refused, nothing saved
    page.fill("#id_reason", "国家高新技术企业认定标准提高。")
    page.fill("#id_basis", "按近三年年均认定24家测算，期末累计约120家。")
    page.click("button:has-text('保存草稿')")
    page.wait_for_selector("text=无法识别")
    assert page.input_value("#id_reason") == "国家高新技术企业认定标准提高。"   # nothing typed is lost
    page.fill("#id_after", "累计 120")
    page.click("button:has-text('保存草稿')")
    page.wait_for_selector("text=调整建议已保存为草稿")
    screenshot("adjustment-1-draft")
    page.click("form.step-submit button")
    page.wait_for_selector("text=已提交。")
    logout(page)

    login(page, base, "fgw")
    page.click("nav >> text=规划调整")
    page.click(f"tr:has-text('{INDICATOR}') >> a:text-is('审核')")
    screenshot("adjustment-2-review")
    page.fill("form.step-pass input[name=comment]", "理由充分，测算依据清楚。")
    page.click("form.step-pass button")
    page.wait_for_selector("text=已审核通过。")
    page.fill("form.step-approve input[name=decided_on]", "2023-09-12")
    page.fill("form.step-approve input[name=document]", "普府常〔2023〕20号")
    page.click("form.step-approve button")
    page.wait_for_selector("text=已登记政府审定。")
    page.fill("form.step-report input[name=decided_on]", "2023-11-03")
    page.click("form.step-report button")
    page.wait_for_selector("text=已登记报人大常委会。")
    page.fill("form.step-apply input[name=decided_on]", "2023-11-08")
    page.click("form.step-apply button")
    page.wait_for_selector("text=已生效执行。")
    screenshot("adjustment-3-applied")

    page.click("text=调整记录")
    page.wait_for_selector("table.target-versions")
    versions = page.inner_text("table.target-versions")
    assert "第2版（现行）" in versions and "累计 120" in versions and "累计 150" in versions
    screenshot("adjustment-4-history")

    indicator = Indicator.objects.get(plan__jurisdiction__name="普陀区", name=INDICATOR)
    assert indicator.target_text == "累计 120"
    assert Adjustment.objects.get(indicator=indicator).state == "applied"
