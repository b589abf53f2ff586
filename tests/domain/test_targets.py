"""The target grammar, by the table: every Putuo target, every published form, any text."""
import json
import re
import shlex
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from planeval.domain.targets import (
    REASON_EMPTY,
    REASON_QUALITATIVE,
    REASON_UNREADABLE,
    Direction,
    Target,
    TargetKind,
    parse_target,
)

K = TargetKind
LOWER = Direction.LOWER


def assert_reads(target: Target, kind: TargetKind, low=None, high=..., **fields) -> None:
    """Check kind, bounds (``high`` defaults to ``low``) and any other named field."""
    assert target.kind is kind, target
    expected_high = low if high is ... else high
    assert target.low == (None if low is None else Decimal(low)), target
    assert target.high == (None if expected_high is None else Decimal(expected_high)), target
    for name, value in fields.items():
        assert getattr(target, name) == value, (name, target)


# Shanghai Putuo, 附件2: all 25 indicators, as (target text, indicator name, unit).
PUTUO = [
    ("与市保持同步", "地区生产总值年均增长率", "%",
     dict(kind=K.RELATIVE, relative_to="市", relation="in_step", annual_rate=True)),
    ("3-5", "区级一般公共预算收入年均增长率", "%",
     dict(kind=K.GROWTH_RATE, low="3", high="5", annual_rate=True)),
    ("累计 1400", "新增固定资产投资总额", "亿元", dict(kind=K.CUMULATIVE, low="1400", cumulative=True)),
    ("40 智能软件 12 研发服务 8 科技金融 12 生命健康 8", "重点培育产业税收占比", "%",
     dict(kind=K.COMPOSITE, low="40")),
    ("16", "每万人口高价值发明专利拥有量", "件", dict(kind=K.LEVEL, low="16")),
    ("累计 150", "新增高新技术企业数", "家", dict(kind=K.CUMULATIVE, low="150", cumulative=True)),
    ("累计 10-20", "新增企业上市数", "家", dict(kind=K.CUMULATIVE, low="10", high="20", cumulative=True)),
    ("4000", "重点楼宇单位面积税收产出", "元/平方米", dict(kind=K.LEVEL, low="4000")),
    ("完成市下达目标", "单位生产总值能耗降低率", "%",
     dict(kind=K.RELATIVE, relative_to="市下达目标", relation="quota", direction=LOWER)),
    ("累计 15", "新增跨国公司地区总部数", "个", dict(kind=K.CUMULATIVE, low="15", cumulative=True)),
    ("累计 350", "旧住房综合修缮改造面积", "万平方米", dict(kind=K.CUMULATIVE, low="350", cumulative=True)),
    ("累计 36", "旧住房成套改造面积", "万平方米", dict(kind=K.CUMULATIVE, low="36", cumulative=True)),
    ("累计 10", "新增文化设施面积", "万平方米", dict(kind=K.CUMULATIVE, low="10", cumulative=True)),
    ("1.1", "人均体育场地面积", "平方米/人", dict(kind=K.LEVEL, low="1.1")),
    ("累计 857", "新增养老床位数", "张", dict(kind=K.CUMULATIVE, low="857", cumulative=True)),
    ("累计 1000", "新增病床数", "张", dict(kind=K.CUMULATIVE, low="1000", cumulative=True)),
    (">84", "居民平均预期寿命", "岁", dict(kind=K.AT_LEAST, low="84", strict=True)),
    ("完成市下达目标", "城镇登记失业人数", "人",
     dict(kind=K.RELATIVE, relative_to="市下达目标", relation="quota", direction=LOWER)),
    ("85 左右", "空气质量优良率 AQI", "%", dict(kind=K.APPROXIMATELY, low="85")),
    ("50", "主要河道水质断面优于 III 类 (含 III 类) 水体比例", "%", dict(kind=K.LEVEL, low="50")),
    ("累计 75", "新建绿地面积", "万平方米", dict(kind=K.CUMULATIVE, low="75", cumulative=True)),
    (">45", "生活垃圾回收利用率", "%", dict(kind=K.AT_LEAST, low="45", strict=True)),
    ("50", "新增景观特色道路", "条(段)", dict(kind=K.CUMULATIVE, low="50", cumulative=True)),
    ("0.01", "单位生产总值生产安全事故死亡率", "人/亿元",
     dict(kind=K.AT_MOST, low="0.01", direction=LOWER)),
    ("80 左右", "生态环境满意度", "%", dict(kind=K.APPROXIMATELY, low="80")),
]


@pytest.mark.parametrize("text, name, unit, expected", PUTUO, ids=[row[1] for row in PUTUO])
def test_every_putuo_target(text, name, unit, expected):
    target = parse_target(text, indicator_name=name, unit=unit)
    assert_reads(target, **expected)
    assert target.raw == text
    assert target.reason == ""


def test_putuo_has_25_indicators():
    assert len(PUTUO) == 25


def test_putuo_directions_not_named_lower_are_higher():
    lower = {name for text, name, unit, expected in PUTUO if expected.get("direction") == LOWER}
    for text, name, unit, _ in PUTUO:
        expected = LOWER if name in lower else Direction.HIGHER
        assert parse_target(text, indicator_name=name, unit=unit).direction is expected, name


# One row per published form: (text, indicator name, unit, expected fields).
FORMS = [
    # symbols, full-width and half-width
    ("≥45", "", "", dict(kind=K.AT_LEAST, low="45", strict=False)),
    ("≤2", "", "", dict(kind=K.AT_MOST, low="2", direction=LOWER)),
    ("<3", "", "", dict(kind=K.AT_MOST, low="3", strict=True)),
    (">=90", "", "", dict(kind=K.AT_LEAST, low="90", strict=False)),
    ("＞８４", "", "", dict(kind=K.AT_LEAST, low="84", strict=True)),
    ("６５％", "", "", dict(kind=K.LEVEL, low="65", unit="%")),
    ("３～５", "", "", dict(kind=K.RANGE, low="3", high="5")),
    # ranges with every separator; units on one or both ends; reversed ends are put in order
    ("3-5", "", "", dict(kind=K.RANGE, low="3", high="5")),
    ("3~5", "", "", dict(kind=K.RANGE, low="3", high="5")),
    ("3至5", "", "", dict(kind=K.RANGE, low="3", high="5")),
    ("3到5", "", "", dict(kind=K.RANGE, low="3", high="5")),
    ("3—5", "", "", dict(kind=K.RANGE, low="3", high="5")),
    ("3–5", "", "", dict(kind=K.RANGE, low="3", high="5")),
    ("3%～5%", "", "", dict(kind=K.RANGE, low="3", high="5", unit="%")),
    ("6.5-7%", "", "", dict(kind=K.RANGE, low="6.5", high="7", unit="%")),
    ("5-3", "", "", dict(kind=K.RANGE, low="3", high="5")),
    ("控制在3-5", "", "", dict(kind=K.RANGE, low="3", high="5")),
    # words before and after the figure
    ("不低于95", "", "", dict(kind=K.AT_LEAST, low="95", strict=False)),
    ("不少于200", "", "", dict(kind=K.AT_LEAST, low="200")),
    ("85以上", "", "", dict(kind=K.AT_LEAST, low="85", strict=False)),
    ("5%以内", "城镇调查失业率", "%", dict(kind=K.AT_MOST, low="5", unit="%", direction=LOWER)),
    ("3以下", "", "", dict(kind=K.AT_MOST, low="3", direction=LOWER)),
    ("不超过2", "", "", dict(kind=K.AT_MOST, low="2", strict=False)),
    ("控制在5.5%以内", "城镇调查失业率", "%", dict(kind=K.AT_MOST, low="5.5", direction=LOWER)),
    ("控制在4.5", "", "", dict(kind=K.AT_MOST, low="4.5", direction=LOWER)),
    ("降至5%以下", "", "", dict(kind=K.AT_MOST, low="5", direction=LOWER)),
    ("6%左右", "", "", dict(kind=K.APPROXIMATELY, low="6", unit="%")),
    ("约6%", "", "", dict(kind=K.APPROXIMATELY, low="6", unit="%")),
    ("控制在5.5%左右", "", "", dict(kind=K.APPROXIMATELY, low="5.5")),
    ("力争达到90", "", "", dict(kind=K.LEVEL, low="90", aspirational=True)),
    ("力争6%以上", "", "", dict(kind=K.AT_LEAST, low="6", aspirational=True)),
    ("达到98", "", "", dict(kind=K.LEVEL, low="98")),
    ("突破1000亿元", "", "", dict(kind=K.AT_LEAST, low="1000", unit="亿元", strict=False)),
    ("超过80", "", "", dict(kind=K.AT_LEAST, low="80", strict=True)),
    ("高于84", "", "", dict(kind=K.AT_LEAST, low="84", strict=True)),
    ("提高到85", "", "", dict(kind=K.LEVEL, low="85")),
    ("保持在85以上", "", "", dict(kind=K.AT_LEAST, low="85")),
    ("提高2个百分点", "", "", dict(kind=K.LEVEL, low="2", unit="个百分点",
                              extras={"change": "increase_by"})),
    # units written inside the text
    ("6.5亿吨以上", "粮食综合生产能力", "", dict(kind=K.AT_LEAST, low="6.5", unit="亿吨")),
    ("3.5万亿元", "", "", dict(kind=K.LEVEL, low="3.5", unit="万亿元")),
    ("4000元/平方米", "", "", dict(kind=K.LEVEL, low="4000", unit="元/平方米")),
    # numbers: thousands separators, trailing zeros, signs
    ("1,400", "", "", dict(kind=K.LEVEL, low="1400")),
    ("1，400亿元", "", "", dict(kind=K.LEVEL, low="1400", unit="亿元")),
    ("12,345,678", "", "", dict(kind=K.LEVEL, low="12345678")),
    ("85.0", "", "", dict(kind=K.LEVEL, low="85")),
    ("-2", "", "", dict(kind=K.LEVEL, low="-2")),
    # traditional characters
    ("累計 10-20", "", "", dict(kind=K.CUMULATIVE, low="10", high="20", cumulative=True)),
    ("85左右", "", "", dict(kind=K.APPROXIMATELY, low="85")),
    ("5%以內", "", "", dict(kind=K.AT_MOST, low="5")),
    ("達到90", "", "", dict(kind=K.LEVEL, low="90")),
    ("與市保持同步", "地區生產總值年均增長率", "%",
     dict(kind=K.RELATIVE, relative_to="市", relation="in_step", annual_rate=True)),
    ("約6%", "", "", dict(kind=K.APPROXIMATELY, low="6")),
    # the name makes a figure a growth rate
    ("6", "地区生产总值年均增速", "%", dict(kind=K.GROWTH_RATE, low="6", annual_rate=True)),
    ("7-8", "研发经费增长率", "%", dict(kind=K.GROWTH_RATE, low="7", high="8", annual_rate=True)),
    ("6左右", "地区生产总值年均增长率", "%",
     dict(kind=K.APPROXIMATELY, low="6", annual_rate=True)),
    ("≥6", "地区生产总值年均增长率", "%", dict(kind=K.AT_LEAST, low="6", annual_rate=True)),
    ("年均增长6%", "", "", dict(kind=K.GROWTH_RATE, low="6", annual_rate=True, unit="%")),
    ("3-5", "居民人均可支配收入增长", "%", dict(kind=K.GROWTH_RATE, low="3", high="5")),
    # the name or the text makes a figure a five-year sum
    ("50", "新增景观特色道路", "条(段)", dict(kind=K.CUMULATIVE, low="50", cumulative=True)),
    ("新增1400", "", "", dict(kind=K.CUMULATIVE, low="1400", cumulative=True)),
    ("累计1400以上", "", "", dict(kind=K.AT_LEAST, low="1400", cumulative=True)),
    ("[5]", "城镇新增就业人数", "万人", dict(kind=K.CUMULATIVE, low="5", cumulative=True)),
    ("[13.5]", "", "", dict(kind=K.CUMULATIVE, low="13.5", cumulative=True)),
    # cuts of a lower-is-better quantity
    ("[13.5]", "单位地区生产总值能源消耗降低", "%",
     dict(kind=K.REDUCTION, low="13.5", cumulative=True, annual_rate=False, direction=LOWER)),
    ("〔18〕", "单位地区生产总值二氧化碳排放降低", "%",
     dict(kind=K.REDUCTION, low="18", cumulative=True, direction=LOWER)),
    ("【13.5】", "单位地区生产总值能源消耗降低", "%", dict(kind=K.REDUCTION, cumulative=True, low="13.5")),
    ("3", "单位生产总值能耗降低率", "%",
     dict(kind=K.REDUCTION, low="3", annual_rate=True, cumulative=False, direction=LOWER)),
    ("≥3", "单位生产总值能耗降低率", "%",
     dict(kind=K.REDUCTION, low="3", annual_rate=True, extras={"bound": "at_least"})),
    ("下降13.5%", "单位地区生产总值能耗", "",
     dict(kind=K.REDUCTION, low="13.5", cumulative=True, unit="%", direction=LOWER)),
    ("年均下降3%", "单位地区生产总值能耗", "",
     dict(kind=K.REDUCTION, low="3", annual_rate=True, direction=LOWER)),
    # lower-is-better names: a bare figure is a ceiling
    ("0.01", "单位生产总值生产安全事故死亡率", "人/亿元", dict(kind=K.AT_MOST, direction=LOWER, low="0.01")),
    ("5.5", "城镇调查失业率", "%", dict(kind=K.AT_MOST, low="5.5", direction=LOWER)),
    ("35", "PM2.5年均浓度", "微克/立方米", dict(kind=K.AT_MOST, low="35", direction=LOWER)),
    ("2.5", "研究与试验发展经费投入强度", "%", dict(kind=K.LEVEL, low="2.5", direction=Direction.HIGHER)),
    ("30", "失业人员再就业人数", "万人", dict(kind=K.LEVEL, low="30", direction=Direction.HIGHER)),
    # relative targets
    ("高于全省平均水平", "", "", dict(kind=K.RELATIVE, relative_to="全省平均水平", relation="above")),
    ("快于全市平均", "", "", dict(kind=K.RELATIVE, relative_to="全市平均", relation="above")),
    ("不低于全市平均水平", "", "", dict(kind=K.RELATIVE, relative_to="全市平均水平", relation="not_below")),
    ("低于全市平均水平", "城镇调查失业率", "%",
     dict(kind=K.RELATIVE, relative_to="全市平均水平", relation="below", direction=LOWER)),
    ("与经济增长基本同步", "居民人均可支配收入增长", "%",
     dict(kind=K.RELATIVE, relative_to="经济增长", relation="in_step", annual_rate=True)),
    ("完成省下达任务", "", "", dict(kind=K.RELATIVE, relative_to="省下达任务", relation="quota")),
    ("确保完成市下达的目标任务", "", "", dict(kind=K.RELATIVE, relative_to="市下达目标任务", relation="quota")),
    ("控制在市下达指标以内", "能源消费总量", "万吨标准煤",
     dict(kind=K.RELATIVE, relative_to="市下达指标", relation="quota", direction=LOWER)),
    ("力争高于全省平均水平", "", "", dict(kind=K.RELATIVE, relation="above", aspirational=True)),
    # a stretch goal beside the target
    ("6左右(力争7)", "", "", dict(kind=K.APPROXIMATELY, low="6")),
]


@pytest.mark.parametrize("text, name, unit, expected", FORMS, ids=[f"{r[0]}|{r[1]}" for r in FORMS])
def test_published_forms(text, name, unit, expected):
    assert_reads(parse_target(text, indicator_name=name, unit=unit), **expected)


def test_stretch_goal_is_kept_beside_the_target():
    target = parse_target("6%左右（力争7%）", indicator_name="地区生产总值年均增长率", unit="%")
    assert (target.kind, target.low, target.annual_rate) == (K.APPROXIMATELY, Decimal("6"), True)
    stretch = Target.from_dict(target.extras["stretch"])
    assert_reads(stretch, K.GROWTH_RATE, "7", aspirational=True, annual_rate=True)


QUALITATIVE = [
    ("全覆盖", REASON_QUALITATIVE),
    ("持续改善", REASON_QUALITATIVE),
    ("稳步提升", REASON_QUALITATIVE),
    ("达到国家要求", REASON_QUALITATIVE),
    ("达到国家二级标准", REASON_QUALITATIVE),
    ("達到國家二級標準", REASON_QUALITATIVE),
    ("", REASON_EMPTY),
    ("   \u3000\n", REASON_EMPTY),
    ("—", REASON_UNREADABLE),
    ("暂无", REASON_UNREADABLE),
    ("🎉🎉", REASON_UNREADABLE),
    ("NaN", REASON_UNREADABLE),
    ("Infinity", REASON_UNREADABLE),
    ("1e999999", REASON_UNREADABLE),
    ("2025年达到85", REASON_UNREADABLE),
    ("3-5以上", REASON_UNREADABLE),
    ("≥85左右", REASON_UNREADABLE),
    ("3万-5亿", REASON_UNREADABLE),
    ("高于全省平均水平1个百分点", REASON_UNREADABLE),
]


@pytest.mark.parametrize("text, reason", QUALITATIVE)
def test_words_and_unreadable_text_stay_qualitative_with_a_reason(text, reason):
    target = parse_target(text, indicator_name="任意指标", unit="%")
    assert_reads(target, K.QUALITATIVE, None, reason=reason, raw=text)


def test_none_is_an_empty_target():
    assert_reads(parse_target(None), K.QUALITATIVE, None, raw="", reason=REASON_EMPTY)


def test_qualitative_keeps_the_direction_of_its_name():
    assert parse_target("持续下降", indicator_name="生产安全事故死亡人数").direction is LOWER


def test_huge_numbers_are_kept_exactly():
    digits = "9" * 80
    assert parse_target(digits).low == Decimal(digits)


def test_decimals_are_tidy():
    assert str(parse_target("1400").low) == "1400"
    assert str(parse_target("0.010").low) == "0.01"
    assert str(parse_target("85.50").low) == "85.5"
    assert parse_target("累计 1400").to_dict()["low"] == "1400"


COMPOSITES = [
    "40（智能软件12、研发服务8、科技金融12、生命健康8）",
    "40 智能软件 12 研发服务 8 科技金融 12 生命健康 8",
    "40(其中:智能软件12,研发服务8,科技金融12,生命健康8)",
    "40%（智能软件12%、研发服务8%、科技金融12%、生命健康8%）",
]


@pytest.mark.parametrize("text", COMPOSITES)
def test_composite_total_with_labelled_parts(text):
    target = parse_target(text, indicator_name="重点培育产业税收占比", unit="%")
    assert_reads(target, K.COMPOSITE, "40", raw=text)
    assert [(p.label, p.target.kind, p.target.value) for p in target.parts] == [
        ("智能软件", K.LEVEL, Decimal("12")),
        ("研发服务", K.LEVEL, Decimal("8")),
        ("科技金融", K.LEVEL, Decimal("12")),
        ("生命健康", K.LEVEL, Decimal("8")),
    ]
    assert Target.from_dict(json.loads(json.dumps(target.to_dict()))) == target


@pytest.mark.parametrize("text", ["3至5至7", "85 左右 90", "2025年 85"])
def test_operator_words_are_not_composite_labels(text):
    assert parse_target(text).kind is not K.COMPOSITE


def test_to_dict_shape_for_the_cli():
    data = parse_target("累计 10-20", indicator_name="新增企业上市数", unit="家").to_dict()
    assert data == {
        "kind": "cumulative", "raw": "累计 10-20", "low": "10", "high": "20",
        "direction": "higher", "cumulative": True, "annual_rate": False, "strict": False,
        "aspirational": False, "relative_to": None, "relation": None, "parts": [],
        "unit": "", "reason": "", "extras": {},
    }


DOC = Path(__file__).resolve().parents[2] / "docs" / "targets.md"
# A console block with the command, then a json block with what it prints.
_DOC_EXAMPLE = re.compile(
    r"```console\n\$ (?P<command>.+?)\n```\n```json\n(?P<json>.+?)\n```", re.S
)


def doc_examples() -> list[tuple[str, dict]]:
    text = DOC.read_text(encoding="utf-8")
    return [(m["command"], json.loads(m["json"])) for m in _DOC_EXAMPLE.finditer(text)]


def test_doc_examples_are_what_the_parser_prints():
    examples = doc_examples()
    assert len(examples) >= len(TargetKind)
    for command, shown in examples:
        program, subcommand, text, *options = shlex.split(command)
        assert (program, subcommand) == ("planeval", "parse-target")
        named = dict(zip(options[::2], options[1::2]))
        target = parse_target(
            text, indicator_name=named.get("--name", ""), unit=named.get("--unit", "")
        )
        assert target.to_dict() == shown, command


def test_doc_shows_every_kind_relation_reason_and_key():
    doc = DOC.read_text(encoding="utf-8")
    shown_kinds = {example["kind"] for _, example in doc_examples()}
    assert shown_kinds == {str(kind) for kind in TargetKind}
    for word in ("in_step", "quota", "above", "not_below", "below", "not_above",
                 REASON_EMPTY, REASON_QUALITATIVE, REASON_UNREADABLE,
                 *parse_target("1").to_dict()):
        assert f"`{word}`" in doc, word


# Text shaped like targets reaches deeper into the grammar than arbitrary unicode does.
_TARGET_PIECES = st.sampled_from([
    *"0123456789.-~%‰[]()（）〔〕【】、,， ≥≤><＞％～—", "至", "到", "左右", "以上", "以下",
    "以内", "累计", "新增", "力争", "年均", "增长", "下降", "约", "不低于", "超过", "控制在",
    "智能软件", "其中", "与市保持同步", "完成市下达目标", "高于", "全省平均水平", "全覆盖",
    "亿元", "个百分点", "NaN", "1e999999", "9" * 40, "累計", "以內",
])
_TEXT = st.one_of(st.text(), st.lists(_TARGET_PIECES, max_size=20).map("".join))


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, name=_TEXT, unit=_TEXT)
def test_never_raises_and_always_round_trips(text, name, unit):
    target = parse_target(text, indicator_name=name, unit=unit)
    assert isinstance(target, Target)
    assert target.raw == text
    data = json.loads(json.dumps(target.to_dict(), ensure_ascii=False))
    assert Target.from_dict(data) == target
    if target.kind is K.QUALITATIVE:
        assert target.reason
