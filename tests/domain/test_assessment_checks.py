"""Data checks a reviewer needs: each with its code and its Chinese message."""
from decimal import Decimal

import pytest

from planeval.domain import assessment_text as text
from planeval.domain.assessment import DataCheck, IndicatorInput, Rating, Thresholds, assess_indicator
from planeval.domain.ratings import check_explanation
from planeval.domain.targets import Target, TargetKind as K


def D(x) -> Decimal:
    return Decimal(str(x))


def level(goal=20, **kw) -> IndicatorInput:
    kw.setdefault("baseline", D(10))
    return IndicatorInput(name="指标", target=Target(K.LEVEL, str(goal), low=D(goal), high=D(goal)), **kw)


def cumulative(goal=150, **kw) -> IndicatorInput:
    return IndicatorInput(name="新增", unit="家", target=Target(K.CUMULATIVE, f"累计{goal}", low=D(goal), high=D(goal),
                                                             cumulative=True), **kw)


def checks(result) -> list[tuple[str, str]]:
    return [(c.code, c.message) for c in result.checks]


def test_cumulative_series_going_down():
    result = assess_indicator(cumulative(values={"2021": D(40), "2022": D(-5), "2023H1": D(10)}))
    assert ("cumulative_decrease", "2022年新增-5家为负，累计数较上期下降（40家→35家），请核实") in checks(result)


def test_year_on_year_jump_and_its_bound():
    given = level(values={"2021": D(10), "2022": D(16)})
    assert ("yoy_jump", "2022年数值16较上年10变动+60%，超过±50%，请核实") in checks(assess_indicator(given))
    assert not [c for c in assess_indicator(given, thresholds=Thresholds(jump_bound=0.7)).checks
                if c.code == "yoy_jump"]


def test_estimates_waiting_for_official_figures():
    result = assess_indicator(cumulative(values={"2021": D(30), "2022": D(30), "2023H1": D(15)},
                                         estimates=frozenset({"2023H1"})))
    assert checks(result) == [("estimate_pending", "2023年上半年数值为预计数，待统计数据发布后替换为统计数")]


def test_missing_value_at_the_cut_off_uses_the_latest_and_says_so():
    result = assess_indicator(level(values={"2021": D(12)}))
    assert ("missing_at_cutoff", "缺少2022年数据（评估截止时点）") in checks(result)
    assert result.expected == pytest.approx(0.2)  # judged at 2021: one year of five
    assert result.reasons[0] == "缺少2022年数据，按最近一期（2021年）研判"


def test_missing_year_in_a_sum():
    result = assess_indicator(cumulative(values={"2022": D(30), "2023H1": D(15)}))
    assert ("missing_year", "缺少2021年数据") in checks(result)
    assert "缺少2021年数据，累计数可能偏低" in result.reasons


def test_invalid_numbers_are_ignored_and_reported():
    result = assess_indicator(level(values={"2021": Decimal("NaN"), "2022": D(14)}, baseline=Decimal("Infinity")))
    codes = [c.code for c in result.checks]
    assert codes.count("invalid_number") == 2
    assert ("invalid_number", "2021年数值“NaN”不是有效数字，已忽略") in checks(result)
    assert result.suggestion is None  # no usable baseline


def test_parts_that_do_not_add_up():
    def part(name, goal, v):
        return IndicatorInput(name=name, unit="%", target=Target(K.LEVEL, str(goal), low=D(goal), high=D(goal)),
                              baseline=D(1), values={"2022": D(v)})

    parent = IndicatorInput(name="合计", unit="%", target=Target(K.COMPOSITE, "40", low=D(40), high=D(40)),
                            baseline=D(4), values={"2022": D("20")},
                            parts=(part("甲", 12, 6), part("乙", 8, 6), part("丙", 12, 6), part("丁", 9, 6)))
    found = checks(assess_indicator(parent))
    assert ("parts_sum_mismatch", "2022年分项合计24%与总数20%不一致（相差4%）") in found
    assert ("parts_target_mismatch", "分项目标合计41%与总目标40%不一致") in found


def test_parts_within_tolerance_pass():
    def part(name, v):
        return IndicatorInput(name=name, target=Target(K.LEVEL, "20", low=D(20), high=D(20)), baseline=D(1),
                              values={"2022": D(v)})

    parent = IndicatorInput(name="合计", target=Target(K.COMPOSITE, "40", low=D(40), high=D(40)), baseline=D(2),
                            values={"2022": D("20.1")}, parts=(part("甲", "10.0"), part("乙", "10.0")))
    assert not [c for c in assess_indicator(parent).checks if c.code.startswith("parts")]


@pytest.mark.parametrize("rating,explanation,expected", [
    ("C", "", [("explanation_missing", "评估结论为C（进展较慢、需要加快推进），须说明原因并提出下一步工作思路")]),
    (Rating.D, "  ", [("explanation_missing", "评估结论为D（情况变化、难以完成），须说明原因并提出下一步工作思路")]),
    ("C", "受疫情影响，项目推迟开工；下半年将加快推进。", []),
    ("B", "", []),
    (None, "", []),
    ("X", "", []),
])
def test_c_or_d_needs_an_explanation(rating, explanation, expected):
    assert [(c.code, c.message) for c in check_explanation(rating, explanation)] == expected


def test_message_constants_are_the_ones_shown():
    assert text.CHECK_EXPLANATION_MISSING.startswith("评估结论为")
    assert DataCheck("x", "y").to_dict() == {"code": "x", "message": "y"}
