"""The compiled report's sentences follow the seeds' wording and say plainly what is missing."""
from planeval.domain.narrative import IndicatorFacts, indicator_sentence, overview_sentence, task_sentence


def facts(**kw):
    base = dict(name="新增高新技术企业数", unit="家", target_text="累计 150", cutoff_phrase="截至2023年6月底",
                current="77", progress=0.513, expected=0.5, rating="B", rating_is_suggestion=False, forecast="159")
    base.update(kw)
    return IndicatorFacts(**base)


def test_official_sentence_for_a_decided_indicator():
    assert indicator_sentence(facts()) == (
        "截至2023年6月底，“新增高新技术企业数”完成77家，为目标（累计 150）的51%，时间进度50%，"
        "预计到规划期末可达159家，评估结论为进展良好、可以如期完成。")


def test_growth_rates_read_as_annual_growth_and_suggestions_say_so():
    text = indicator_sentence(facts(name="区级一般公共预算收入年均增长率", unit="%", target_text="3-5",
                                    cutoff_phrase="截至2022年底", current="2.1", progress=0.27, expected=0.4,
                                    rating="D", rating_is_suggestion=True, forecast="2.1"))
    assert text == ("截至2022年底，“区级一般公共预算收入年均增长率”年均增长2.1%，为目标（3-5）的27%，时间进度40%，"
                    "预计到规划期末可达2.1%，平台建议评估结论为情况变化、难以完成。")


def test_missing_data_and_missing_conclusion_are_said_plainly():
    text = indicator_sentence(facts(current="", progress=None, rating="", forecast=""))
    assert text == "截至2023年6月底，“新增高新技术企业数”暂无统计数据，尚未形成评估结论。"


def test_overview_counts_and_binding_at_risk():
    text = overview_sentence(total=25, counts={"A": 5, "B": 7, "C": 6, "D": 6}, binding_at_risk=["旧住房综合修缮改造面积"])
    assert text.startswith("规划纲要确定的25项主要指标中，进展超前的5项，进展良好的7项，进展较慢的6项，情况变化的6项，尚未形成结论的1项。")
    assert "“旧住房综合修缮改造面积”预计完成存在困难" in text


def test_task_sentence():
    assert task_sentence(number="1", title="深入推进武宁轴协同创新。", progress="已引进2家市级平台。", rating="B") == \
        "1. 深入推进武宁轴协同创新：已引进2家市级平台，评估结论为进展良好、可以如期完成。"


def test_breakdown_by_category_or_attribute():
    from planeval.domain.narrative import breakdown_sentence

    assert breakdown_sentence(group="高质量发展领域", total=10, counts={"A": 1, "B": 5, "D": 4}) == \
        "高质量发展领域10项指标中，A类1项，B类5项，D类4项。"
