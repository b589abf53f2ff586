"""A comment walked in Debian's Chromium from posted to adopted.

The expert invited to the demo's 征求意见稿 round opens the personal link (no account), comments
on a section it was asked to read; fgw opens the round from the navigation and answers 采纳 with
a reason; the expert's page and the consultation record then show the comment adopted.
Screenshots go to test-output/.
"""
import pytest

from planeval.consultations.models import Comment, Invitation

from .conftest import OUTPUT
from .test_campaign_loop import login

pytestmark = pytest.mark.browser

TEXT = "建议在对策建议中补充加快城市更新的具体举措。"
REASON = "已在第三部分补充城市更新举措。"


def test_comment_from_link_to_adopted(live_demo, page, screenshot):
    base = live_demo.url
    expert = Invitation.objects.get(kind="expert", round__is_sample=True)

    page.goto(f"{base}/p/c/{expert.token}/")
    page.wait_for_selector("h1:has-text('征求意见稿')")
    asked = [s["title"] for s in expert.round.draft.sections if s["key"] in expert.sections]
    page.select_option("select[name=section]", label=asked[-1])
    page.fill("textarea[name=text]", TEXT)
    page.click("button:has-text('提交意见')")
    page.wait_for_selector("text=意见已提交，感谢您的意见！")
    page.wait_for_selector(f".comment.mine:has-text('{TEXT}') >> text=待答复")
    screenshot("consultation-1-posted")
    comment = Comment.objects.get(text=TEXT)

    context = page.context.browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    drc = context.new_page()
    drc.set_default_timeout(15_000)
    login(drc, base, "fgw")
    drc.click("nav >> text=征求意见")
    drc.wait_for_selector("h1:has-text('征求意见')")
    drc.click("a:has-text('《中期评估报告》（征求意见稿）征求意见')")
    form = f"#comment-{comment.id} form.answer-form"
    drc.select_option(f"{form} select[name=decision]", "adopted")
    drc.fill(f"{form} input[name=reason]", REASON)
    drc.click(f"{form} button")
    drc.wait_for_selector("text=已答复：采纳。")
    drc.wait_for_selector(f"#comment-{comment.id} .reply:has-text('{REASON}')")
    drc.screenshot(path=str(OUTPUT / "consultation-2-answered.png"), full_page=True)
    drc.click("nav.crumbs >> a:text-is('征求意见')")
    drc.wait_for_selector("text=其中采纳3条")
    context.close()

    page.reload()
    page.wait_for_selector(f".comment.mine:has-text('{TEXT}') >> .decision:text-is('采纳')")
    page.wait_for_selector(f".comment.mine:has-text('{TEXT}') >> text={REASON}")
    screenshot("consultation-3-adopted")
    comment.refresh_from_db()
    assert comment.decision == "adopted" and comment.answered_by.username == "fgw"
