"""The DRC's side-by-side page: self-assessment beside third-party conclusions, disagreements marked."""
import io

from django.urls import reverse
from openpyxl import load_workbook

from planeval.domain.review_compare import LETTERS
from planeval.reviews import selectors, services
from planeval.reviews.models import ItemType

from .conftest import client_as


def _judge(grant, item, letter, comment="第三方意见"):
    services.conclusion_save(grant=grant, item_type=item.item_type, item_id=item.item_id, rating=letter,
                             comment=comment, user=grant.user, expected_version=None)


def _shift(letter, by):
    """A letter ``by`` steps away from ``letter`` (downwards when upwards runs out of letters)."""
    index = LETTERS.index(letter)
    return LETTERS[index + by] if index + by < len(LETTERS) else LETTERS[index - by]


def test_rows_are_marked_by_how_far_the_letters_lie_apart(campaign, grant):
    indicators = [i for i in selectors.campaign_items(campaign) if i.item_type == ItemType.INDICATOR and i.self_rating]
    same, one_off, two_off = indicators[10], indicators[11], indicators[12]
    _judge(grant, same, same.self_rating, "一致的意见")
    _judge(grant, one_off, _shift(one_off.self_rating, 1), "差一级的意见")
    _judge(grant, two_off, _shift(two_off.self_rating, 2), "差两级的意见")

    html = client_as("fgw").get(reverse("reviews:comparison", args=[campaign.id])).content.decode()

    def row(text):
        return html[html.rindex("<tr", 0, html.index(text)):html.index("</tr>", html.index(text))]

    assert 'class="agreement-same"' in row("一致的意见")
    assert "disagree" not in row("一致的意见")
    assert 'agreement-different disagree"' in row("差一级的意见") and "不一致" in row("差一级的意见")
    assert 'agreement-strong disagree-strong"' in row("差两级的意见") and "相差两级及以上" in row("差两级的意见")
    assert f'<span class="rating-{two_off.self_rating}">{two_off.self_rating}</span>' in row("差两级的意见")

    strong_only = client_as("fgw").get(reverse("reviews:comparison", args=[campaign.id]),
                                       {"agreement": "strong"}).content.decode()
    assert "差两级的意见" in strong_only and "差一级的意见" not in strong_only and "一致的意见" not in strong_only
    different = client_as("fgw").get(reverse("reviews:comparison", args=[campaign.id]),
                                     {"agreement": "different", "type": "indicator"}).content.decode()
    assert "差两级的意见" in different and "差一级的意见" in different and "一致的意见" not in different


def test_self_assessment_is_the_units_rating_else_the_suggestion(campaign):
    """The same rule as the dashboards and the compiled report (dashboards.selectors.decided_rating)."""
    from planeval.dashboards.selectors import indicators

    decided = {i.id: i.decided for i in indicators(campaign)}
    items = [i for i in selectors.campaign_items(campaign) if i.item_type == ItemType.INDICATOR]
    assert {i.item_id: i.self_rating for i in items} == decided
    from planeval.submissions.models import IndicatorReport

    rated = set(IndicatorReport.objects.filter(submission__campaign=campaign).exclude(rating="")
                .values_list("indicator_id", flat=True))
    suggested = {i.item_id for i in items if i.is_suggestion}
    assert suggested and suggested == {i.item_id for i in items if i.self_rating and i.item_id not in rated}


def test_the_demo_shows_sample_disagreements_labelled_as_sample(campaign):
    html = client_as("fgw").get(reverse("reviews:comparison", args=[campaign.id]),
                                {"agreement": "different"}).content.decode()
    assert html.count("agreement-different disagree") == 1 and html.count("agreement-strong disagree-strong") == 1
    assert "示例数据" in html


def test_the_export_holds_the_filtered_rows(campaign):
    response = client_as("fgw").get(reverse("reviews:comparison_export", args=[campaign.id, "xlsx"]),
                                    {"agreement": "different"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == ("事项类型", "序号", "事项名称", "牵头单位", "自评结论", "评估机构", "第三方评估结论", "比较")
    assert sorted(r[7] for r in rows[1:]) == ["不一致", "相差两级及以上"]
    assert all(r[9] == "示例数据" for r in rows[1:])


def test_the_comparison_page_issues_the_same_queries_whatever_the_conclusions(campaign, grant):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("fgw")
    url = reverse("reviews:comparison", args=[campaign.id])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for item in selectors.campaign_items(campaign)[20:60]:
        if item.self_rating:
            _judge(grant, item, item.self_rating)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
