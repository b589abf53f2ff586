"""The indicator figure draws official figures, estimates and forecasts differently, and the
chart builders say 暂无数据 rather than draw an empty frame."""
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from planeval.accounts.models import User
from planeval.dashboards.charts import (
    Point,
    Stack,
    bar_chart,
    pie_chart,
    stacked_bar_chart,
)
from planeval.dashboards.indicator_chart import indicator_figure
from planeval.monitoring.models import Observation
from tests.factories import IndicatorFactory


def observe(indicator, year, kind, value, sample=False):
    Observation.objects.create(indicator=indicator, year=year, kind=kind, value=Decimal(value), is_sample=sample,
                               recorded_by=User.objects.get(username="fgw"), recorded_at=timezone.now())


def series(chart, name):
    return next(s for s in chart.option["series"] if s["name"] == name)


def test_actual_estimate_and_forecast_are_drawn_differently_and_joined(demo):
    indicator = IndicatorFactory(target_text="200", measure_unit="家", baseline=Decimal(100))
    observe(indicator, 2021, "actual", 120)
    observe(indicator, 2022, "estimate", 140, sample=True)
    observe(indicator, 2025, "forecast", 190)
    figure = indicator_figure(indicator)
    chart = figure.chart
    assert chart.option["xAxis"]["data"] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    actual, estimate, forecast = (series(chart, n) for n in ("统计数", "预计数", "预测数"))
    assert actual["data"] == [100.0, 120.0, None, None, None, None]
    assert actual["lineStyle"]["type"] == "solid" and actual["symbol"] == "circle"
    assert estimate["data"] == [None, 120.0, 140.0, None, None, None]   # starts at the last official figure
    assert estimate["lineStyle"]["type"] == "dashed" and estimate["symbol"] == "emptyCircle"
    assert forecast["data"] == [None, None, 140.0, None, None, 190.0]
    assert forecast["lineStyle"]["type"] == "dotted"
    assert series(chart, "目标")["data"] == [200.0] * 6
    assert series(chart, "序时进度（时间过半、任务过半）")["data"] == [100.0, 120.0, 140.0, 160.0, 180.0, 200.0]
    assert figure.is_sample   # the estimate is sample data, and the figure says so
    assert "示例数据" in chart.note


def test_a_cumulative_target_is_drawn_as_running_totals_against_its_path(demo):
    indicator = IndicatorFactory(target_text="累计1000", measure_unit="亿元")
    observe(indicator, 2021, "actual", 150)
    observe(indicator, 2022, "actual", 250)
    chart = indicator_figure(indicator).chart
    assert chart.option["xAxis"]["data"] == ["2021", "2022", "2023", "2024", "2025"]
    assert series(chart, "统计数")["data"][:2] == [150.0, 400.0]
    assert series(chart, "累计目标路径")["data"] == [200.0, 400.0, 600.0, 800.0, 1000.0]


def test_a_range_is_a_band(demo):
    indicator = IndicatorFactory(target_text="3-5", measure_unit="%", baseline=Decimal(2))
    observe(indicator, 2021, "actual", 2.5)
    band = series(indicator_figure(indicator).chart, "目标区间")
    assert band["markArea"]["data"] == [[{"yAxis": 3.0}, {"yAxis": 5.0}]]


def test_an_indicator_without_values_is_an_empty_chart_that_says_so(demo):
    chart = indicator_figure(IndicatorFactory(target_text="全覆盖")).chart
    assert chart.empty
    html = render_to_string("web/_chart.html", {"chart": chart})
    assert "暂无数据" in html and "data-chart" not in html


@pytest.mark.parametrize("chart", [
    bar_chart(id="a", title="空", points=[Point("甲", 0), Point("乙", None)]),
    stacked_bar_chart(id="b", title="空", categories=["甲"], stacks=[Stack("A", [0])]),
    pie_chart(id="c", title="空", points=[]),
])
def test_builders_with_nothing_to_draw_are_empty(chart):
    assert chart.empty
    assert "暂无数据" in render_to_string("web/_chart.html", {"chart": chart})


def test_a_drawn_chart_writes_its_option_as_json_script():
    chart = bar_chart(id="x", title="图", points=[Point("甲", 3, url="/c/1/overview/items/?rating=A")])
    html = render_to_string("web/_chart.html", {"chart": chart})
    assert 'data-chart="x"' in html and 'id="chart-option-x"' in html and "/c/1/overview/items/" in html


def test_the_engines_projection_of_a_total_is_the_total_itself(demo):
    """For 累计 targets the stored forecast is the five-year total: it is drawn as is, not added on."""
    from planeval.assessment.models import IndicatorAssessment
    from planeval.campaigns.models import Campaign

    indicator = IndicatorFactory(target_text="累计1000", measure_unit="亿元")
    observe(indicator, 2021, "actual", 150)
    observe(indicator, 2022, "actual", 250)
    assessment = IndicatorAssessment(campaign=Campaign.objects.first(), indicator=indicator,
                                     computed_at=timezone.now(), target_kind="cumulative", forecast=Decimal(900))
    figure = indicator_figure(indicator, assessment=assessment)
    assert series(figure.chart, "预测数")["data"] == [None, 400.0, None, None, 900.0]
    assert figure.rows[-1] == (2025, "预测数（系统推算）", 900.0, False)
