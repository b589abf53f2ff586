"""The whole campaign loop in Debian's Chromium, with the demo accounts, as the issue walks it.

kewei fills an indicator with a C and is refused until it explains, submits; fgw returns it with
a comment; kewei fixes and resubmits; fgw accepts; leader signs; kewei can no longer edit;
observer can read but not edit. Screenshots of the workspace, the indicator form and the DRC
board are saved under test-output/.
"""
import pytest

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.submissions import services
from planeval.submissions.access import standing
from planeval.submissions.models import Submission
from planeval.submissions.selectors import work_items
from tests.browser.conftest import wait_for_js

pytestmark = pytest.mark.browser

INDICATOR = "新增高新技术企业数"


def login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "planeval-demo-2023")
    page.click("button:has-text('登录')")
    page.wait_for_selector("text=退出")


def logout(page):
    page.click("text=退出")
    page.wait_for_selector("h1:has-text('登录')")


def judge_the_rest(submission):
    """Arrange: every other item of 区科委 already judged B, so the test walks the one that matters."""
    kewei = User.objects.get(username="kewei")
    who = standing(kewei, submission)
    items = work_items(submission)
    for item in items["indicator"]:
        if item.obj.name != INDICATOR:
            services.indicator_report_save(
                submission=submission, who=who, indicator=item.obj, user=kewei, values=[], rating="B",
                explanation="", recovery_measures="继续推进。", adjustment=("", "", "", ""), expected_version=0)
    for item in items["task"][1:]:
        services.task_report_save(submission=submission, who=who, task=item.obj, user=kewei,
                                  progress="按计划推进。", rating="B", expected_completion="如期完成", explanation="",
                                  next_steps="", expected_version=0)


def test_campaign_loop(live_demo, page, screenshot):
    base = live_demo.url
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")

    # kewei opens 我的工作.
    login(page, base, "kewei")
    page.click("nav >> text=我的工作")
    page.wait_for_selector("h1:has-text('区科委')")
    submission = Submission.objects.get(campaign=campaign, unit__name="区科委")
    judge_the_rest(submission)
    page.reload()
    screenshot("loop-1-workspace")

    # The first task, through its form.
    page.click("tr:has-text('深入推进武宁轴协同创新') >> a:text-is('填报')")
    page.fill("#id_progress", "已争取2家市级工程技术研究中心落户武宁路沿线。")
    page.check("input[name=rating][value=B]")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=已保存。")
    page.click("nav.crumbs >> text=区科委")

    # The indicator: values typed, the suggestion follows, a C without explanation is refused.
    page.click(f"tr:has-text('{INDICATOR}') >> a:text-is('填报')")
    page.wait_for_selector(f"h1:has-text('{INDICATOR}')")
    before = page.inner_text("#suggestion")
    page.fill("input[name='v-2023H1-value']", "2")
    wait_for_js(page, "(b) => document.querySelector('#suggestion').innerText !== b", arg=before)
    assert "按当前填写内容试算" in page.inner_text("#suggestion")
    page.fill("input[name='v-2023H1-source']", "区科委统计")
    page.check("input[name=rating][value=C]")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=本指标评为C，须说明原因。")
    assert page.input_value("input[name='v-2023H1-value']") == "2"  # nothing typed is lost
    screenshot("loop-2-indicator-refused")
    page.fill("#id_explanation", "受宏观环境影响，企业申报高企意愿下降。")
    page.fill("#id_recovery_measures", "实施高新技术企业倍增计划，开展“一企一策”培育。")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=已保存。")
    screenshot("loop-3-indicator-form")

    # Submit, confirmed by the unit head.
    page.click("nav.crumbs >> text=区科委")
    page.fill("#confirmed_by", "王主任")
    page.click("button:has-text('提交')")
    page.wait_for_selector("text=已提交。")
    logout(page)

    # fgw returns it with a comment, from the board.
    login(page, base, "fgw")
    page.click("nav >> text=审核工作台")
    page.wait_for_selector("table.board")
    screenshot("loop-4-drc-board")
    page.click("tr:has-text('区科委') >> a:text-is('审核')")
    page.fill("#comment-return", "请补充2023年上半年高企认定数据来源。")
    page.click("button:has-text('退回修改')")
    page.wait_for_selector("text=已退回修改。")
    logout(page)

    # kewei sees the comment, fixes and resubmits.
    login(page, base, "kewei")
    page.click("nav >> text=我的工作")
    page.wait_for_selector("text=请补充2023年上半年高企认定数据来源。")
    page.click(f"tr:has-text('{INDICATOR}') >> a:text-is('填报')")
    page.fill("input[name='v-2023H1-source']", "区科委高企认定名单（2023年6月）")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=已保存。")
    page.click("nav.crumbs >> text=区科委")
    page.fill("#confirmed_by", "王主任")
    page.click("button:has-text('提交')")
    page.wait_for_selector("text=已提交。")
    logout(page)

    # fgw accepts, leader signs.
    login(page, base, "fgw")
    page.goto(f"{base}/s/{submission.id}/")
    page.click("button:has-text('审核通过')")
    page.wait_for_selector("text=已审核通过。")
    logout(page)
    login(page, base, "leader")
    page.goto(f"{base}/s/{submission.id}/")
    page.click("button:has-text('审定签发')")
    page.wait_for_selector("text=已审定签发。")
    logout(page)
    assert Submission.objects.get(id=submission.id).state == "signed"

    # kewei can no longer edit.
    login(page, base, "kewei")
    page.click("nav >> text=我的工作")
    page.click(f"tr:has-text('{INDICATOR}') >> a:text-is('查看')")
    page.wait_for_selector("text=该报告已经分管领导审定并锁定，不能修改。")
    assert page.locator("button:has-text('保存')").count() == 0
    assert page.locator("input[name='v-2023H1-value']").is_disabled()
    logout(page)

    # observer reads but cannot edit or act.
    login(page, base, "observer")
    page.click("nav >> text=审核工作台")
    page.click("tr:has-text('区科委') >> a:text-is('查看')")
    page.wait_for_selector("text=流转记录")
    assert page.locator("section.actions").count() == 0
    page.click(f"tr:has-text('{INDICATOR}') >> a:text-is('查看')")
    assert page.locator("button:has-text('保存')").count() == 0
    assert "受宏观环境影响" in page.content()
