"""The engine, target kind by target kind: one row per case, numbers worked out by hand."""
from decimal import Decimal

import pytest

from planeval.domain import assessment_text as text
from planeval.domain.assessment import (
    EvaluationPoint,
    IndicatorInput,
    Rating,
    Thresholds,
    WarningLevel,
    assess_indicator,
)
from planeval.domain.targets import Direction, Target, TargetKind as K, TargetPart


def D(x) -> Decimal:
    return Decimal(str(x))


def target(kind, low=None, high=None, **kw) -> Target:
    low = None if low is None else D(low)
    high = low if high is None else D(high)
    return Target(kind, kw.pop("raw", ""), low=low, high=high, **kw)


def item(tgt, *, name="指标", unit="", baseline=None, values=None, forecasts=None, reference=None,
         binding=False, estimates=(), parts=()) -> IndicatorInput:
    return IndicatorInput(
        name=name, unit=unit, target=tgt, binding=binding,
        baseline=None if baseline is None else D(baseline),
        values={k: D(v) for k, v in (values or {}).items()},
        forecasts={k: D(v) for k, v in (forecasts or {}).items()},
        reference={k: D(v) for k, v in (reference or {}).items()},
        estimates=frozenset(estimates), parts=tuple(parts))


# (case, input, suggestion, progress, expected, anticipated, forecast_source)
CASES = [
    # level, higher is better: B=10 → T=20; 14 in 2022 is 40% at 40% of the time
    ("level on pace", item(target(K.LEVEL, 20), baseline=10, values={"2021": 12, "2022": 14}),
     "B", 0.40, 0.40, 1.3191, "trend"),
    ("level ahead", item(target(K.LEVEL, 20), baseline=10, values={"2022": 16}), "A", 0.60, 0.40, 2.2382, "trend"),
    ("level slow", item(target(K.LEVEL, 20), baseline=10, values={"2022": 13}), "C", 0.30, 0.40, 0.9269, "trend"),
    # level, lower is better: 10 → 6
    ("level down ahead", item(target(K.LEVEL, 6, direction=Direction.LOWER), baseline=10, values={"2022": 8}),
     "A", 0.50, 0.40, 1.0689, "trend"),
    ("level down hard", item(target(K.LEVEL, 6, direction=Direction.LOWER), baseline=10, values={"2022": 9.5}),
     "D", 0.125, 0.40, 0.3009, "trend"),
    # the unit's own forecast wins over the trend
    ("level unit forecast", item(target(K.LEVEL, 20), baseline=10, values={"2022": 14}, forecasts={2025: 19}),
     "C", 0.40, 0.40, 0.90, "unit"),
    ("level unit forecast 2024 extended",
     item(target(K.LEVEL, 20), baseline=10, values={"2022": 14}, forecasts={2024: 18}), "B", 0.40, 0.40, 1.0849, "unit"),
    ("level zero baseline, linear trend", item(target(K.LEVEL, 10), baseline=0, values={"2022": 5}),
     "A", 0.50, 0.40, 1.25, "trend"),
    # cumulative: 2021 + 2022 + 2023H1 against 1400, 2.5 of 5 years
    ("cumulative on pace", item(target(K.CUMULATIVE, 1400, cumulative=True), unit="亿元",
                                values={"2021": 290, "2022": 270, "2023H1": 140}), "B", 0.50, 0.50, 1.0, "trend"),
    ("cumulative unit forecasts", item(target(K.CUMULATIVE, 1400, cumulative=True), unit="亿元",
                                       values={"2021": 290, "2022": 270, "2023H1": 140},
                                       forecasts={2023: 300, 2024: 310, 2025: 320}), "B", 0.50, 0.50, 1.0643, "unit"),
    ("cumulative slow", item(target(K.CUMULATIVE, 150, cumulative=True), unit="家",
                             values={"2021": 25, "2022": 27, "2023H1": 13}), "C", 0.4333, 0.50, 0.8667, "trend"),
    ("cumulative far behind", item(target(K.CUMULATIVE, 150, cumulative=True), unit="家",
                                   values={"2021": 20, "2022": 18, "2023H1": 9}), "D", 0.3133, 0.50, 0.6267, "trend"),
    ("cumulative range, not the high end", item(target(K.CUMULATIVE, 10, 20, cumulative=True), unit="家",
                                                values={"2021": 3, "2022": 4, "2023H1": 2}), "B", 0.90, 0.50, 1.8, "trend"),
    ("cumulative range, high end reached", item(target(K.CUMULATIVE, 10, 20, cumulative=True), unit="家",
                                                values={"2021": 3, "2022": 6, "2023H1": 2}), "A", 1.10, 0.50, 2.2, "trend"),
    # growth_rate: index B·(1+g)^5; range 3-5 uses 3 for on track and 5 for ahead
    ("growth range ahead", item(target(K.GROWTH_RATE, 3, 5, annual_rate=True), unit="%",
                                values={"2021": 6, "2022": 6}), "A", 0.7760, 0.40, 2.1235, "trend"),
    ("growth range on track", item(target(K.GROWTH_RATE, 3, 5, annual_rate=True), unit="%",
                                   values={"2021": 6.1, "2022": 1.5}), "B", 0.4829, 0.40, 1.2778, "trend"),
    ("growth short", item(target(K.GROWTH_RATE, 6, annual_rate=True), unit="%", values={"2021": 3, "2022": 3}),
     "D", 0.1801, 0.40, 0.4709, "trend"),
    ("growth unit forecasts", item(target(K.GROWTH_RATE, 6, annual_rate=True), unit="%",
                                   values={"2021": 3, "2022": 3}, forecasts={2023: 9, 2024: 9, 2025: 9}),
     "B", 0.1801, 0.40, 1.1055, "unit"),
    # reduction: compounded cuts; [13.5] is a five-year total
    ("reduction annual 3%", item(target(K.REDUCTION, 3, annual_rate=True), unit="%", values={"2021": 3, "2022": 3}),
     "B", 0.4184, 0.40, 1.0, "trend"),
    ("reduction [13.5] five-year", item(target(K.REDUCTION, 13.5, cumulative=True), unit="%", binding=True,
                                         values={"2021": 3.5, "2022": 2.8}), "B", 0.4594, 0.40, 1.0957, "trend"),
    ("reduction [13.5] too slow", item(target(K.REDUCTION, 13.5, cumulative=True), unit="%", binding=True,
                                        values={"2021": 2, "2022": 1.5}), "D", 0.2570, 0.40, 0.6260, "trend"),
    # thresholds
    ("at_least closing the gap", item(target(K.AT_LEAST, 84, strict=True), unit="岁", baseline=83.66,
                                      values={"2022": 84.1}), "A", 1.0, 0.40, 1.0, "trend"),
    ("at_least met at baseline, slipping", item(target(K.AT_LEAST, 84), unit="岁", baseline=84.2,
                                                values={"2021": 84.0, "2022": 83.9}), "C", 0.9988, 0.40, 0.9935, "trend"),
    ("at_most reached", item(target(K.AT_MOST, 0.01, direction=Direction.LOWER), unit="人/亿元", binding=True,
                             baseline=0.012, values={"2022": 0.008}), "A", 1.0, 0.40, 1.0, "trend"),
    ("at_most slipping", item(target(K.AT_MOST, 0.01, direction=Direction.LOWER), unit="人/亿元", binding=True,
                              baseline=0.008, values={"2022": 0.011}), "D", 0.9091, 0.40, 0.5638, "trend"),
    ("approximately within the band", item(target(K.APPROXIMATELY, 85, raw="85左右"), unit="%", binding=True,
                                           baseline=87.7, values={"2021": 91.8, "2022": 87.1}), "A", 1.0, 0.40, 1.0, "trend"),
    ("approximately below the band", item(target(K.APPROXIMATELY, 85, raw="85左右"), unit="%", binding=True,
                                          baseline=87.7, values={"2022": 82}), "C", 0.9880, 0.40, 0.8932, "trend"),
    ("approximately, relative band", item(target(K.APPROXIMATELY, 80, raw="80左右"), unit="万人", baseline=70,
                                          values={"2022": 75}), "A", 0.5952, 0.40, 1.0, "trend"),
    ("range to the high end", item(target(K.RANGE, 5, 8), baseline=4, values={"2022": 6}), "A", 1.0, 0.40, 1.0, "trend"),
    ("range, low end only", item(target(K.RANGE, 5, 8), baseline=4, values={"2022": 5.2}), "B", 1.0, 0.40, 1.0, "trend"),
    # relative, once the reference is entered
    ("relative in step with the city", item(
        target(K.RELATIVE, relative_to="市", relation="in_step", annual_rate=True), name="地区生产总值年均增长率",
        unit="%", values={"2021": 8.6, "2022": -1.2}, reference={"2021": 8.1, "2022": -0.2}),
     "C", 0.3493, 0.40, 0.9216, "trend"),
    ("relative quota, a ceiling by name", item(
        target(K.RELATIVE, relative_to="市", relation="quota"), name="城镇登记失业人数", unit="人",
        values={"2021": 14500, "2022": 16800}, reference={"2022": 18000}), "A", 1.0, 0.40, 1.0, "trend"),
    ("relative quota of a cut", item(
        target(K.RELATIVE, relative_to="市", relation="quota"), name="单位生产总值能耗降低率", unit="%", binding=True,
        values={"2021": 3.2, "2022": 2.1}, reference={"2021": 3, "2022": 3}), "C", 0.3704, 0.40, 0.8900, "trend"),
]


@pytest.mark.parametrize("case,given,suggestion,progress,expected,anticipated,source", CASES,
                         ids=[c[0] for c in CASES])
def test_kind_table(case, given, suggestion, progress, expected, anticipated, source):
    result = assess_indicator(given)
    assert result.suggestion == Rating(suggestion)
    assert result.progress == pytest.approx(progress, abs=5e-4)
    assert result.expected == pytest.approx(expected)
    assert result.anticipated == pytest.approx(anticipated, abs=5e-4)
    assert result.forecast_source == source
    assert result.warning == {"A": WarningLevel.GREEN, "B": WarningLevel.GREEN,
                              "C": WarningLevel.YELLOW, "D": WarningLevel.RED}[suggestion]
    assert result.reasons, "every suggestion carries its reasons"


def test_reason_reads_like_the_forms():
    result = assess_indicator(item(target(K.LEVEL, 12), name="每万人口高价值发明专利拥有量", unit="件",
                                   baseline=5.5, values={"2021": 7.8, "2022": 9.0}))
    assert result.reasons[0] == (
        "截至2022年底完成目标进度的54%，时间进度40%，按近两年年均增速27.9%推算，"
        "预计2025年可达18.84件，超过目标12件")


def test_cumulative_current_is_the_total_to_june_2023():
    result = assess_indicator(item(target(K.CUMULATIVE, 1400, cumulative=True), unit="亿元",
                                   values={"2021": 290, "2022": 270, "2023H1": 140}))
    assert result.current == D(700)
    assert result.forecast == D(1400)
    assert result.reasons[0].startswith("截至2023年上半年累计完成700亿元，完成目标进度的50%，时间进度50%")


def test_cumulative_full_year_forecast_replaces_the_half_year():
    # 2023H1 added 140; the unit expects 300 for the whole of 2023, so 2023 counts 300, not 440.
    result = assess_indicator(item(target(K.CUMULATIVE, 1400, cumulative=True),
                                   values={"2021": 290, "2022": 270, "2023H1": 140}, forecasts={2023: 300}))
    assert result.forecast == D(290 + 270 + 300 + 280 + 280)
    assert result.forecast_source == "unit"
    assert "2024、2025年按年均新增280补足" in result.reasons[0]


def test_growth_explains_the_rate_still_required():
    result = assess_indicator(item(target(K.GROWTH_RATE, 6, annual_rate=True), unit="%", baseline=200,
                                   values={"2021": 3, "2022": 3}))
    assert "实现年均增长6%的目标，后三年需年均增长8%" in result.reasons
    assert result.current == D("3.0")
    assert any(r.startswith("对应2025年目标水平约为267.6") for r in result.reasons)


def test_growth_zero_target_and_broken_rates_degrade():
    zero = assess_indicator(item(target(K.GROWTH_RATE, 0, annual_rate=True), values={"2021": -1, "2022": -1}))
    assert zero.suggestion is Rating.C and zero.progress is None
    broken = assess_indicator(item(target(K.GROWTH_RATE, 3, annual_rate=True), values={"2021": -150, "2022": 3}))
    assert broken.suggestion is None
    assert broken.reasons == (text.RATE_BELOW_MINUS_100,)


def test_reduction_five_year_reason():
    result = assess_indicator(item(target(K.REDUCTION, 13.5, cumulative=True), unit="%",
                                   values={"2021": 3.5, "2022": 2.8}))
    assert result.reasons[0] == "2021—2022年累计降低6.2%，完成目标（累计降低13.5%）的46%，时间进度40%"
    assert result.current == D("6.202")


@pytest.mark.parametrize("reference", [{}, {"2021": None}])
def test_relative_without_reference_says_so(reference):
    result = assess_indicator(IndicatorInput(
        name="地区生产总值年均增长率", unit="%", target=target(K.RELATIVE, relative_to="市", relation="in_step"),
        values={"2021": D("8.6"), "2022": D("-1.2")}, reference=reference))
    assert result.suggestion is None and result.warning is None
    assert result.reasons == (text.REFERENCE_NEEDED,)
    assert text.REFERENCE_NEEDED == "需录入参照值（市级增速/市下达目标）后方可研判"


def test_qualitative_is_left_to_the_unit():
    result = assess_indicator(item(target(K.QUALITATIVE, raw="全覆盖")))
    assert result.suggestion is None
    assert result.reasons == ("定性目标，由责任单位研判",)
    unparsed = assess_indicator(item(Target(K.QUALITATIVE, raw="力争翻番", reason="无法识别")))
    assert unparsed.reasons[1] == "目标值“力争翻番”未能识别为定量目标（无法识别）"


def test_baseline_equal_to_target_is_a_hold():
    result = assess_indicator(item(target(K.LEVEL, 50), baseline=50, values={"2022": 52}))
    assert result.reasons[0] == text.BASELINE_EQUALS_TARGET
    assert result.suggestion is Rating.A
    fallen = assess_indicator(item(target(K.LEVEL, 50), baseline=50, values={"2021": 47, "2022": 45}))
    assert fallen.suggestion in (Rating.C, Rating.D)


def test_level_without_baseline_cannot_measure_progress():
    result = assess_indicator(item(target(K.LEVEL, 16), values={"2022": 12}))
    assert result.suggestion is None
    assert text.NO_BASELINE in result.reasons
    assert [c.code for c in result.checks] == ["missing_baseline"]


# --- binding strictness ------------------------------------------------------------------------
def test_binding_gets_no_tolerance():
    # 97% of the target by 2025: B for an anticipatory indicator, C for a binding one.
    given = dict(tgt=target(K.CUMULATIVE, 1400, cumulative=True), values={"2021": 270, "2022": 272, "2023H1": 137})
    anticipatory = assess_indicator(item(**given))
    binding = assess_indicator(item(**given, binding=True))
    assert anticipatory.anticipated == pytest.approx(0.97)
    assert anticipatory.suggestion is Rating.B
    assert binding.suggestion is Rating.C
    assert text.BINDING_STRICT in binding.reasons


def test_thresholds_can_be_tuned():
    given = item(target(K.CUMULATIVE, 1400, cumulative=True), values={"2021": 270, "2022": 272, "2023H1": 137})
    strict = Thresholds(on_track_anticipatory=0.99)
    assert assess_indicator(given, thresholds=strict).suggestion is Rating.C
    lenient = Thresholds(slow=0.5, on_track_anticipatory=0.9)
    slow = item(target(K.CUMULATIVE, 150, cumulative=True), values={"2021": 20, "2022": 18, "2023H1": 9})
    assert assess_indicator(slow, thresholds=lenient).suggestion is Rating.C
    assert assess_indicator(slow).suggestion is Rating.D


# --- composite ------------------------------------------------------------------------------------
def _tax_share(smart_2022: str) -> IndicatorInput:
    def part(name, goal, base, v21, v22):
        return item(target(K.LEVEL, goal), name=name, unit="%", baseline=base, values={"2021": v21, "2022": v22})

    parts = [part("智能软件", 12, 9.0, 9.8, smart_2022), part("研发服务", 8, 6.5, 7.0, 7.3),
             part("科技金融", 12, 10.2, 10.9, 11.2), part("生命健康", 8, 5.8, 6.1, 6.2)]
    parent = Target(K.COMPOSITE, "40", low=D(40), high=D(40),
                    parts=tuple(TargetPart(p.name, p.target) for p in parts))
    return IndicatorInput(name="重点培育产业税收占比", unit="%", target=parent, baseline=D("31.5"), parts=tuple(parts))


def test_composite_worst_part_drives_the_parent():
    result = assess_indicator(_tax_share("10.5"))
    assert [p.suggestion for p in result.parts] == [Rating.A, Rating.A, Rating.A, Rating.D]
    assert result.suggestion is Rating.D
    assert "分项“生命健康”建议评为D，总体建议按最差分项确定为D" in result.reasons
    # the total is judged too, from the parts' sum when the parent has no values of its own
    assert result.current == D("35.2")
    assert result.progress == pytest.approx((35.2 - 31.5) / (40 - 31.5))


def test_composite_total_can_be_the_worst():
    parts = (item(target(K.LEVEL, 5), name="甲", baseline=1, values={"2022": 4}),
             item(target(K.LEVEL, 5), name="乙", baseline=1, values={"2022": 4}))
    parent = IndicatorInput(name="合计", target=target(K.COMPOSITE, 10), baseline=D(2),
                            values={"2022": D("3")}, parts=parts)
    result = assess_indicator(parent)
    assert [p.suggestion for p in result.parts] == [Rating.A, Rating.A]
    assert result.suggestion is Rating.D  # the parent's own total (3 of 10) is far behind
    assert any(c.code == "parts_sum_mismatch" for c in result.checks)


def test_composite_to_dict_nests_parts():
    data = assess_indicator(_tax_share("10.5")).to_dict()
    assert [p["name"] for p in data["parts"]] == ["智能软件", "研发服务", "科技金融", "生命健康"]
    assert data["kind"] == "composite"


# --- evaluation points ------------------------------------------------------------------------------
def test_midterm_point_matches_the_seeds():
    point = EvaluationPoint.midterm_2023()
    assert str(point.annual_period) == "2022" and str(point.cumulative_period) == "2023H1"
    assert point.annual_elapsed == pytest.approx(0.4)
    assert point.cumulative_elapsed == pytest.approx(0.5)
    assert EvaluationPoint.as_of_year(2022) == point


def test_close_out_point_uses_the_same_engine():
    point = EvaluationPoint.as_of_year(2025)
    assert str(point.annual_period) == str(point.cumulative_period) == "2025"
    result = assess_indicator(item(target(K.CUMULATIVE, 150, cumulative=True),
                                   values={"2021": 30, "2022": 28, "2023": 32, "2024": 31, "2025": 33}), point=point)
    assert result.expected == 1.0
    assert result.progress == pytest.approx(154 / 150)
    assert result.anticipated == pytest.approx(result.progress)
    assert result.suggestion is Rating.B  # reached, but nothing left to finish early
    with pytest.raises(ValueError, match="评估年份应在2021—2025年之间"):
        EvaluationPoint.as_of_year(2030)


def test_to_dict_is_json_ready():
    import json

    data = assess_indicator(CASES[0][1]).to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert data["suggestion"] == "B" and data["warning"] == "green" and data["warning_label"] == "绿"
    assert data["progress"] == 0.4 and data["current"] == "14"
    assert isinstance(data["forecast"], str)
