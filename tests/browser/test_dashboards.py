"""Every dashboard in Chromium, as each role: the charts draw into canvases, an empty chart says
暂无数据, a click on a bar lands on the list of its items. Screenshots go to test-output/
(dashboard-<page>-<role>.png). Animation is off (reduced motion), so screenshots are final frames."""
import pytest

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.dashboards.models import PublicItem
from planeval.planning.models import Indicator, Plan
from tests.factories import IndicatorFactory
from tests.browser.conftest import wait_for_js

pytestmark = pytest.mark.browser


def login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "planeval-demo-2023")
    page.click("button:has-text('登录')")
    page.wait_for_selector("text=退出")


def logout(page):
    page.click("text=退出")
    page.wait_for_selector("h1:has-text('登录')")


def assert_charts_drawn(page):
    """Every chart frame holds a canvas; every figure is either a chart or says 暂无数据."""
    wait_for_js(page, "document.querySelectorAll('[data-chart]').length === "
                      "document.querySelectorAll('[data-chart][data-chart-ready]').length")
    frames = page.locator("[data-chart]")
    for index in range(frames.count()):
        assert frames.nth(index).locator("canvas").count() >= 1
    figures = page.locator("figure.chart-figure")
    assert figures.count() == frames.count() + page.locator("figure.chart-figure .no-data").count()
    return frames.count()


def click_first_bar(page, chart_id):
    """Click the first data item of a chart through ECharts' own event, as a mouse click would."""
    page.evaluate("""(id) => {
        const chart = echarts.getInstanceByDom(document.querySelector(`[data-chart="${id}"]`));
        const option = chart.getOption();
        for (const [seriesIndex, series] of option.series.entries()) {
            for (const [dataIndex, item] of series.data.entries()) {
                if (item && item.url) {
                    chart.dispatchAction({type: 'highlight', seriesIndex, dataIndex});
                    chart.trigger('click', {data: item, seriesIndex, dataIndex});
                    return;
                }
            }
        }
    }""", chart_id)


def test_dashboards_for_every_role(live_demo, page, screenshot):
    base = live_demo.url
    page.emulate_media(reduced_motion="reduce")
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    outline = Plan.objects.get(jurisdiction=campaign.jurisdiction, kind=Plan.Kind.OUTLINE)
    empty = IndicatorFactory(plan=outline, name="尚无数据的测试指标", target_text="全覆盖", category="高质量发展")
    shown = Indicator.objects.filter(plan=outline, observations__kind="actual", target_kind="level").first()
    fgw = User.objects.get(username="fgw")

    # fgw: overview, click-through, indicator, tasks, projects, 大屏, public settings.
    login(page, base, "fgw")
    page.click("nav >> text=形势总览")
    page.wait_for_selector("h1:has-text('形势总览')")
    assert assert_charts_drawn(page) >= 7
    screenshot("dashboard-overview-fgw")
    click_first_bar(page, "by-category")
    page.wait_for_selector("h1:has-text('主要指标明细')")
    assert page.locator("table.grid tbody tr").count() >= 1
    screenshot("dashboard-drilldown-fgw")

    page.goto(f"{base}/indicators/{shown.id}/")
    assert assert_charts_drawn(page) == 1
    screenshot("dashboard-indicator-fgw")
    for kind in ("cumulative", "range", "approximately", "growth_rate"):   # each target geometry, for a person to look at
        other = Indicator.objects.filter(plan=outline, observations__isnull=False, target_kind=kind).first()
        if other is not None:
            page.goto(f"{base}/indicators/{other.id}/")
            assert assert_charts_drawn(page) == 1
            screenshot(f"dashboard-indicator-{kind}-fgw")
    page.goto(f"{base}/indicators/{empty.id}/")
    page.wait_for_selector("figure.chart-figure .no-data:has-text('暂无数据')")
    assert page.locator("[data-chart]").count() == 0
    screenshot("dashboard-indicator-empty-fgw")

    page.goto(f"{base}/c/{campaign.id}/overview/tasks/")
    assert assert_charts_drawn(page) == 1
    screenshot("dashboard-tasks-fgw")
    click_first_bar(page, "task-areas")
    page.wait_for_selector("h1:has-text('主要任务明细')")
    page.goto(f"{base}/c/{campaign.id}/overview/projects/")
    assert assert_charts_drawn(page) == 1
    screenshot("dashboard-projects-fgw")

    page.goto(f"{base}/c/{campaign.id}/overview/screen/")
    assert page.locator("body.screen").count() == 1 and page.locator(".mainnav").count() == 0
    assert_charts_drawn(page)
    page.set_viewport_size({"width": 1920, "height": 1080})
    screenshot("dashboard-screen-fgw")
    page.set_viewport_size({"width": 1366, "height": 768})

    page.goto(f"{base}/c/{campaign.id}/public-settings/")
    page.check("input[name=figure][value=by_category]")
    page.check("input[name=figure][value=warnings]")
    page.check(f"input[name=indicator][value='{shown.id}']")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=公开内容已保存。")
    assert PublicItem.objects.filter(campaign=campaign, marked_by=fgw).count() == 3
    logout(page)

    # leader and observer: the same overview.
    for role in ("leader", "observer"):
        login(page, base, role)
        page.goto(f"{base}/c/{campaign.id}/overview/")
        assert assert_charts_drawn(page) >= 7
        screenshot(f"dashboard-overview-{role}")
        logout(page)

    # kewei: the own unit's figures.
    login(page, base, "kewei")
    page.click("nav >> text=形势总览")
    page.wait_for_selector("h1:has-text('（区科委）')")
    assert_charts_drawn(page)
    assert page.locator("[data-chart='by-unit']").count() == 0
    screenshot("dashboard-overview-kewei")
    page.goto(f"{base}/c/{campaign.id}/overview/tasks/")
    assert_charts_drawn(page)
    screenshot("dashboard-tasks-kewei")
    logout(page)

    # anonymous: only what fgw made public.
    page.goto(f"{base}/public/{campaign.id}/")
    assert assert_charts_drawn(page) == 3
    assert page.locator("[data-chart='by-unit']").count() == 0
    assert page.locator("text=示例数据").count() >= 1
    screenshot("dashboard-public-anonymous")
