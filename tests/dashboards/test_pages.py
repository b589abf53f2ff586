"""Every dashboard page renders for the roles that may see it, with charts or an honest 暂无数据."""
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from planeval.campaigns.models import Campaign
from planeval.planning.models import Indicator


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


def chart_ids(html: str) -> list[str]:
    return [part.split('"')[0] for part in html.split('data-chart="')[1:]]


@pytest.mark.parametrize("role", ["fgw", "leader", "observer"])
def test_overview_shows_every_figure_to_the_jurisdiction_roles(as_user, campaign, role):
    response = as_user(role).get(reverse("dashboards:overview", args=[campaign.id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert set(chart_ids(html)) >= {"by-category", "by-attribute", "warnings", "task-ratings", "project-statuses",
                                    "submission-progress", "by-unit"}
    assert "echarts.min.js" in html and "charts.js" in html
    assert "单位已填报的评估结论优先，未填报的取系统建议结论" in html
    assert "示例数据" in html   # the demo's values are sample data


def test_filler_sees_only_the_own_unit(as_user, campaign):
    response = as_user("kewei").get(reverse("dashboards:overview", args=[campaign.id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "（区科委）" in html
    assert "by-unit" not in chart_ids(html) and "submission-progress" not in chart_ids(html)
    screen = as_user("kewei").get(reverse("dashboards:screen", args=[campaign.id]))
    assert screen.status_code == 403


def test_a_user_without_a_role_in_the_campaign_is_refused_with_the_message(demo, campaign):
    from planeval.accounts.models import Role, RoleAssignment, User

    stranger = User.objects.create(username="stranger")
    RoleAssignment.objects.create(user=stranger, role=Role.SYSTEM_ADMIN, jurisdiction=campaign.jurisdiction)
    client = Client()
    client.force_login(stranger)
    response = client.get(reverse("dashboards:overview", args=[campaign.id]))
    assert response.status_code == 403


def test_chart_options_carry_drill_down_urls_that_open_the_list(as_user, campaign):
    client = as_user("fgw")
    html = client.get(reverse("dashboards:overview", args=[campaign.id])).content.decode()
    start = html.index('id="chart-option-by-category"')
    option = json.loads(html[html.index(">", start) + 1:html.index("</script>", start)])
    url = next(item["url"] for series in option["series"] for item in series["data"] if item.get("url"))
    page = client.get(url)
    assert page.status_code == 200
    assert "主要指标明细" in page.content.decode()


def test_screen_mode_is_dark_refreshes_and_has_no_navigation(as_user, campaign):
    html = as_user("leader").get(reverse("dashboards:screen", args=[campaign.id])).content.decode()
    assert 'class="screen"' in html
    assert 'http-equiv="refresh" content="300"' in html
    assert "mainnav" not in html


def test_indicator_page_draws_series_target_and_pace(as_user, campaign):
    indicator = Indicator.objects.filter(plan__jurisdiction=campaign.jurisdiction, plan__kind="outline",
                                         target_kind="level", baseline__isnull=False).first()
    html = as_user("observer").get(reverse("dashboards:indicator", args=[indicator.id])).content.decode()
    start = html.index(f'id="chart-option-indicator-{indicator.id}"')
    option = json.loads(html[html.index(">", start) + 1:html.index("</script>", start)])
    names = [s["name"] for s in option["series"]]
    assert "统计数" in names and "目标" in names and "序时进度（时间过半、任务过半）" in names


@pytest.mark.parametrize("page", ["tasks", "projects"])
def test_task_and_project_views_render(as_user, campaign, page):
    response = as_user("fgw").get(reverse(f"dashboards:{page}", args=[campaign.id]))
    assert response.status_code == 200
    assert chart_ids(response.content.decode())


def test_refusals_say_why(demo, campaign):
    from django.core.exceptions import PermissionDenied

    from planeval.accounts.models import User
    from planeval.dashboards.access import NO_DASHBOARD, NO_SCREEN, access_dashboard, access_screen

    # Sees every jurisdiction (a superuser) but holds no role in the campaign. An administrator
    # *role* no longer reaches plan data at all (docs/audit.md), so it is refused one step earlier.
    stranger = User.objects.create(username="nobody", is_superuser=True)
    with pytest.raises(PermissionDenied, match=NO_DASHBOARD):
        access_dashboard(stranger, campaign.id)
    with pytest.raises(PermissionDenied, match=NO_SCREEN):
        access_screen(User.objects.get(username="kewei"), campaign.id)


@pytest.mark.parametrize("query, expected_header", [
    ("kind=indicator&rating=D", "指标"), ("kind=task", "任务"), ("kind=project&status=in_progress", "项目")])
def test_drill_down_exports_the_rows_of_the_page(as_user, query, expected_header):
    """导出 Excel / 导出 CSV under a drill-down list: the same filters, the same rows as on screen."""
    import csv
    import io

    from openpyxl import load_workbook

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    client = as_user("fgw")
    page = client.get(reverse("dashboards:items", args=[campaign.id]) + "?" + query).content.decode()
    count = int(re.search(r"共 (\d+) 项", page).group(1))
    assert "导出 Excel" in page
    text = client.get(reverse("dashboards:items_export", args=[campaign.id, "csv"]) + "?" + query).content
    table = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert table[0][1 if expected_header != "项目" else 0] == expected_header and len(table) - 1 == count
    workbook = client.get(reverse("dashboards:items_export", args=[campaign.id, "xlsx"]) + "?" + query).content
    sheet = load_workbook(io.BytesIO(workbook)).active
    assert sheet.max_row - 1 == count
    if "rating=D" in query:
        assert count > 0 and {row[5] for row in table[1:]} == {"D"}
