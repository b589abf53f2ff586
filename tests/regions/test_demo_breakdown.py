"""The demo's Ordos accident count: invented, marked 示例数据, and every breakdown adds up."""
from django.db.models import Sum

from planeval.regions.demo import NAME, ordos_breakdown_sample_load
from planeval.regions.models import Breakdown, BreakdownPart


def test_ordos_accidents_are_broken_down_four_ways_and_each_adds_up(demo, as_user):
    breakdowns = Breakdown.objects.filter(indicator__plan__jurisdiction__name="鄂尔多斯市", indicator__name=NAME)
    assert sorted({b.dimension for b in breakdowns}) == ["industry", "region", "time", "type"]
    assert breakdowns.count() == 8 and all(b.is_sample for b in breakdowns)
    for breakdown in breakdowns:
        assert breakdown.parts.aggregate(s=Sum("value"))["s"] == breakdown.total
    indicator = breakdowns[0].indicator
    html = as_user("admin").get(f"/i/{indicator.id}/breakdown/").content.decode()
    assert "按事故类型" in html and "按地区分布" in html and "示例数据" in html


def test_loading_it_again_changes_nothing(demo):
    before = (Breakdown.objects.count(), BreakdownPart.objects.count())
    ordos_breakdown_sample_load()
    assert (Breakdown.objects.count(), BreakdownPart.objects.count()) == before
