"""导出 Excel / 导出 CSV on every list page: the rows the user sees, safe cells, Chinese file names."""
import csv
import io
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from planeval.campaigns.models import Campaign
from planeval.organizations.models import Jurisdiction, Unit
from planeval.planning.models import Indicator
from planeval.submissions import services
from tests.submissions.test_query_counts import grow, report_everything

HOSTILE = '=HYPERLINK("http://x","y")'


def putuo():
    return Jurisdiction.objects.get(name="普陀区")


def kewei_submission():
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    return services.submission_get_or_create(campaign=campaign, unit=unit)


def url_of(page: str, fmt: str) -> str:
    if page in ("indicators", "tasks", "plans"):
        return reverse(f"web:{page}_export", args=[putuo().id, fmt])
    if page == "board":
        return reverse("submissions:board_export", args=[Campaign.objects.get(jurisdiction__name="普陀区").id, fmt])
    return reverse("submissions:work_export", args=[kewei_submission().id, fmt])


def sheet_rows(response) -> list[list]:
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("page, filename, first_header, rows", [
    ("indicators", "普陀区主要指标", "类别", 29),       # 25 indicators and 4 parts of indicator 4
    ("tasks", "普陀区主要任务", "规划", None),
    ("plans", "普陀区规划目录", "类别", 45),            # the outline and 44 special plans
    ("board", "审核工作台", "单位", None),
    ("work", "区科委评估事项", "类型", None),
])
def test_each_list_exports_what_its_page_shows(as_user, page, filename, first_header, rows, fmt):
    response = as_user("fgw").get(url_of(page, fmt))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    assert quote(filename) in response["Content-Disposition"] and response["Content-Disposition"].endswith(fmt)
    table = sheet_rows(response)
    assert table[0][0] == first_header
    if rows is not None:
        assert len(table) - 1 == rows


def test_indicator_export_matches_the_page_row_for_row(as_user):
    client = as_user("kewei")
    html = client.get(reverse("web:indicators", args=[putuo().id])).content.decode()
    table = sheet_rows(client.get(url_of("indicators", "xlsx")))
    names = [row[2].removeprefix("其中：") for row in table[1:]]
    assert all(name in html for name in names)
    assert html.count("<tr") - 1 == len(names)
    gdp = next(row for row in table if row[2] == "地区生产总值年均增长率")
    assert gdp[4] == "与市保持同步" and gdp[6] == "预期性"


def test_task_export_flattens_the_tree(as_user):
    table = sheet_rows(as_user("observer").get(url_of("tasks", "csv")))
    titles = [row[3] for row in table[1:]]
    assert "坚持创新驱动，全面打造高质量发展的新引擎" in titles
    assert any("推进市域社会治理现代化试点创建" in row[3] + row[4] for row in table[1:])
    assert {row[1] for row in table[1:]} >= {"1", "2", "3"}  # areas, sections, items


def test_board_export_has_one_row_per_unit_with_its_state(as_user):
    html = as_user("fgw").get(reverse("submissions:board", args=[kewei_submission().campaign_id])).content.decode()
    table = sheet_rows(as_user("fgw").get(url_of("board", "xlsx")))
    kewei = next(row for row in table if row[0] == "区科委")
    assert kewei[4] == "未开始" or kewei[4] in html
    assert len(table) - 1 == html.count('<tr class="')


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_user_text_in_an_export_stays_text(as_user, fmt):
    """A name typed as a formula comes out as the literal text, never as a live formula."""
    indicator = Indicator.objects.filter(plan__jurisdiction=putuo()).order_by("id").first()
    Indicator.objects.filter(id=indicator.id).update(name=HOSTILE)
    response = as_user("fgw").get(url_of("indicators", fmt))
    if fmt == "csv":
        assert ["'" + HOSTILE] == [row[2] for row in sheet_rows(response) if HOSTILE in row[2]]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        cell = next(c for row in sheet.iter_rows() for c in row if c.value == HOSTILE)
        assert cell.data_type == "s" and cell.quotePrefix
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_an_unknown_format_is_not_found(as_user):
    assert as_user("fgw").get(url_of("plans", "pdf")).status_code == 404


def test_a_user_cannot_export_another_jurisdictions_list(as_user):
    hongqiao = Jurisdiction.objects.get(name="红桥区").id
    assert as_user("observer").get(reverse("web:indicators_export", args=[hongqiao, "xlsx"])).status_code == 403


def test_list_pages_show_both_export_buttons(as_user):
    client = as_user("fgw")
    for page in ("indicators", "tasks", "plans"):
        html = client.get(reverse(f"web:{page}", args=[putuo().id])).content.decode()
        assert "导出 Excel" in html and "导出 CSV" in html and url_of(page, "csv") in html
    html = client.get(reverse("submissions:detail", args=[kewei_submission().id])).content.decode()
    assert url_of("work", "xlsx") in html
    html = client.get(reverse("submissions:board", args=[kewei_submission().campaign_id])).content.decode()
    assert url_of("board", "xlsx") in html


@pytest.mark.parametrize("page", ["indicators", "tasks", "plans", "board", "work"])
def test_exports_issue_the_same_queries_as_data_grows(as_user, page):
    client = as_user("fgw")
    submission = kewei_submission()
    url = url_of(page, "xlsx")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    report_everything(submission)
    before = count()
    grow(submission.campaign, submission.unit)
    report_everything(submission)
    assert count() == before
