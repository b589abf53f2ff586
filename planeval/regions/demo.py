"""The demo's breakdown: Ordos' accident count by the four dimensions its work plan names.

Ordos' plan (seed ``ordos.json``) asks that safety indicators be analysed by 事故类型, 发生时间,
行业领域 and 地区分布, but names none of its 11 indicators and gives no figures. So the demo adds
one indicator, 生产安全事故起数, with invented figures: every row is marked 示例数据 (``is_sample``,
source 示例数据) and the indicator's note says why it exists. Idempotent, like ``load-demo``.
"""
from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from planeval.domain.breakdown import Dimension
from planeval.domain.periods import Period
from planeval.monitoring.models import Observation
from planeval.monitoring.services import observation_record
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Plan
from planeval.planning.services import indicator_apply_target, indicator_target_record

from .models import Breakdown, BreakdownPart

SAMPLE = "示例数据"
NAME = "生产安全事故起数"
NOTE = "示例：种子工作方案只给出指标数量，未列指标名称和数值；本指标及其数值、分项均为示例数据，用于演示分项分析。"
TOTALS = {2020: 48, 2021: 41, 2022: 37}
PARTS = {
    2021: {
        Dimension.TYPE: [("道路运输", 17), ("建筑施工", 8), ("煤矿", 6), ("危险化学品", 4), ("其他", 6)],
        Dimension.TIME: [("第一季度", 9), ("第二季度", 11), ("第三季度", 13), ("第四季度", 8)],
        Dimension.INDUSTRY: [("煤炭", 10), ("化工", 6), ("建筑业", 8), ("交通运输", 12), ("其他", 5)],
        Dimension.REGION: [("东胜区", 9), ("准格尔旗", 10), ("伊金霍洛旗", 8), ("达拉特旗", 6), ("其他旗区", 8)],
    },
    2022: {
        Dimension.TYPE: [("道路运输", 15), ("建筑施工", 7), ("煤矿", 5), ("危险化学品", 3), ("其他", 7)],
        Dimension.TIME: [("第一季度", 7), ("第二季度", 10), ("第三季度", 12), ("第四季度", 8)],
        Dimension.INDUSTRY: [("煤炭", 8), ("化工", 5), ("建筑业", 7), ("交通运输", 11), ("其他", 6)],
        Dimension.REGION: [("东胜区", 8), ("准格尔旗", 9), ("伊金霍洛旗", 7), ("达拉特旗", 5), ("其他旗区", 8)],
    },
}


def ordos_breakdown_sample_load() -> Indicator | None:
    """The sample indicator, its yearly totals and its breakdowns; None when Ordos is not loaded."""
    plan = Plan.objects.filter(jurisdiction__name="鄂尔多斯市", kind=Plan.Kind.SPECIAL,
                               name__contains="应急体系").first()
    if plan is None:
        return None
    indicator = Indicator.objects.filter(plan=plan, parent=None, name=NAME).first()
    if indicator is None:
        indicator = Indicator(plan=plan, name=NAME, category="安全生产", number="示例", measure_unit="起",
                              lead_unit=Unit.objects.filter(jurisdiction=plan.jurisdiction, name="市应急管理局").first(),
                              note=NOTE, baseline=Decimal(TOTALS[2020]), baseline_is_sample=True)
        indicator_apply_target(indicator)
        indicator.save()
        indicator_target_record(indicator=indicator)
    for year, total in TOTALS.items():
        if year != 2020:
            observation_record(indicator=indicator, period=Period(year), kind=Observation.Kind.ACTUAL,
                               value=Decimal(total), source=SAMPLE, is_sample=True)
    now = timezone.now()
    for year, dimensions in PARTS.items():
        for dimension, parts in dimensions.items():
            breakdown, created = Breakdown.objects.get_or_create(
                indicator=indicator, year=year, dimension=dimension,
                defaults={"total": Decimal(TOTALS[year]), "is_sample": True, "recorded_at": now})
            if created:
                BreakdownPart.objects.bulk_create([
                    BreakdownPart(breakdown=breakdown, position=n, category=c, value=Decimal(v))
                    for n, (c, v) in enumerate(parts, start=1)])
    return indicator


