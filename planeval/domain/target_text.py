"""The words of the target grammar: spelling, indicator names, markers and references.

Published tables mix full-width and half-width characters, traditional and simplified
characters, three kinds of bracket and five kinds of dash. ``normalise`` folds them all
into one form so that the grammar in ``targets.py`` only has to know one spelling. The
rest of this module reads the words around a figure: what an indicator's name implies
(年均增长率, 新增, 死亡率), markers such as 力争 and 累计, and targets judged against a
reference (与市保持同步, 完成市下达目标). Nothing here builds a Target.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Traditional -> simplified for the characters that occur in target texts and indicator
# names (pairs written side by side). A full converter would be a dependency for a few
# dozen characters; tables from Hong Kong, Macao or Taiwan sources only need these.
_TRADITIONAL_PAIRS = (
    "計计 與与 達达 內内 約约 爭争 億亿 萬万 噸吨 標标 準准 級级 國国 蓋盖 "
    "於于 長长 額额 總总 數数 過过 務务 區区 縣县 續续 穩稳 進进 顯显 現现 "
    "實实 設设 對对 業业 發发 環环 質质 優优 強强 費费 資资 產产 經经 濟济 "
    "單单 積积 項项 體体 應应 節节 減减 勞劳 險险 傷伤 災灾 壽寿 歲岁 齡龄 "
    "醫医 療疗 衛卫 養养 稅税 張张 條条 個个 畝亩 場场 點点 護护 態态 滿满 "
    "價价 運运 輸输 線线 網网 電电 據据 專专 擁拥 創创 術术 為为 導导 層层 "
    "鎮镇 鄉乡 農农 糧粮 範范 圍围 聯联 規规 劃划 綱纲 較较 問问 報报 監监 "
    "測测 評评 調调 議议 門门 機机 構构 關关 處处 辦办 時时 間间 後后 氣气 "
    "綠绿 廢废 棄弃 淨净 潔洁 溫温 證证 識识 認认 讀读 還还 將将 確确 開开 "
    "齊齐 劑剂 藥药 車车 鐵铁 橋桥 碼码 漁渔 礦矿 煉炼 濃浓 顆颗 塵尘 聲声 "
    "織织 綜综 營营 銷销 貿贸 貨货 財财 幣币 銀银 負负 債债 樓楼 舊旧 戶户 "
    "屬属 兒儿 學学 師师 覺觉 壓压 縮缩 維维 佔占 裡里 裏里 汙污 臺台 並并 "
    "滯滞 緩缓"
)
_TRADITIONAL = {pair[0]: pair[1] for pair in _TRADITIONAL_PAIRS.split()}

# Characters NFKC leaves alone but tables use interchangeably.
_CHARACTERS = {
    **{c: "[" for c in "〔【〖［"},
    **{c: "]" for c in "〕】〗］"},
    **{c: "-" for c in "—–‒―−‐‑﹘━"},  # dashes: range separators or a minus sign
    **{c: "~" for c in "〜～∼"},
    "≧": "≥", "⩾": "≥", "≦": "≤", "⩽": "≤",
    "﹪": "%", "。": "",
}
_TRANSLATION = str.maketrans({**_TRADITIONAL, **_CHARACTERS})

# Units NFKC would turn into digits ("㎡" -> "m2"), which the grammar would read as numbers.
# Longer symbols first: "km²" contains "m²".
_UNIT_SYMBOLS = {"km²": "平方公里", "㎡": "平方米", "m²": "平方米", "m³": "立方米", "㎞": "公里"}

# "1,400" and "1，400" are thousands separators; "12,8" is a list and stays.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_SPACES = re.compile(r"\s+")


def as_text(value: object) -> str:
    """Any value as a string; ``None`` (an empty table cell) becomes ``""``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    try:
        return str(value)
    except Exception:  # a broken __str__ must not break an import of a whole table
        return ""


def normalise(value: object) -> str:
    """Fold a target text, indicator name or unit into the one spelling the grammar reads.

    NFKC (full-width ``＞％～０-９`` to ASCII), traditional to simplified characters,
    every bracket to ``[ ]``, every dash to ``-``, ``>=`` to ``≥``, thousands separators
    dropped and runs of whitespace collapsed to one space.
    """
    text = as_text(value)
    for symbol, word in _UNIT_SYMBOLS.items():
        text = text.replace(symbol, word)
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATION)
    text = text.replace(">=", "≥").replace("<=", "≤").replace("=>", "≥").replace("=<", "≤")
    text = _THOUSANDS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def to_decimal(digits: str) -> Decimal | None:
    """A plain decimal numeral (``"1400"``, ``"-0.010"``) as a tidy Decimal, or None.

    Works on the string rather than with ``Decimal.normalize`` so that 1400 stays
    ``Decimal("1400")`` (not ``1.4E+3``) and numbers longer than the context precision
    never raise.
    """
    sign = "-" if digits.startswith("-") else ""
    body = digits.lstrip("+-")
    if "." in body:
        body = body.rstrip("0").rstrip(".")
    body = body.lstrip("0") or "0"
    try:
        number = Decimal(sign + body)
    except (InvalidOperation, ValueError):
        return None
    return Decimal(0) if number.is_zero() else number


_GROWTH_WORDS = ("年均增长", "年均增速", "年均增幅", "增长率", "增速", "增幅")
_REDUCTION_WORDS = ("降低", "下降", "减少", "削减", "压减")
_TOTAL_WORDS = ("累计", "新增")
# Lower-is-better quantities, and the names that contain those words yet are not:
# 研发经费投入强度 is an intensity to raise, 失业人员再就业 a count to raise.
_LOWER_WORDS = (
    "死亡", "事故", "耗", "失业", "强度", "排放", "发生率", "发案率", "浓度", "负债率",
    "债务率", "空置率", "劣V类", "劣五类", "用水量", "近视率", "肥胖率", "超标", "拥堵",
    "火灾", "伤亡", "投诉", "贫困", "能源消费",
)
_NOT_LOWER_WORDS = ("再就业", "研发", "研究与试验发展", "投入强度", "达标", "处理率", "治理", "利用率", "优良")


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of ``words`` occurs in ``text``."""
    return any(word in text for word in words)


@dataclass(frozen=True)
class NameTraits:
    """What the indicator's name and unit say about any target given for it."""

    growth: bool = False      # an (average annual) growth rate
    reduction: bool = False   # a cut of a lower-is-better quantity (降低率)
    cumulative: bool = False  # a five-year sum (累计, 新增)
    annual: bool = False      # 年均 in the name
    lower: bool = False       # less is better

    @classmethod
    def of(cls, name: object, unit: object) -> "NameTraits":
        """Read the traits of an indicator from its name and unit, in any spelling."""
        name, unit = normalise(name).replace(" ", ""), normalise(unit).replace(" ", "")
        reduction = has_any(name, _REDUCTION_WORDS)
        # 居民人均可支配收入增长 (%) is a growth rate even without 率.
        growth = not reduction and (
            has_any(name, _GROWTH_WORDS) or (name.endswith("增长") and "%" in unit)
        )
        lower = reduction or (has_any(name, _LOWER_WORDS) and not has_any(name, _NOT_LOWER_WORDS))
        return cls(growth, reduction, has_any(name + unit, _TOTAL_WORDS), "年均" in name, lower)


@dataclass
class Marks:
    """What the words around the figure say (力争, 累计, 年均, 下降 …)."""

    aspirational: bool = False
    cumulative: bool = False
    annual: bool = False
    verb: str = ""            # "increase" (增长/提高 …, by an amount) or "reduction" (下降 …)


_ASPIRATION = re.compile(r"力争|争取|确保")
_TOTAL = re.compile(r"(?:“?十四五”?(?:期间|时期)?|五年|5年)?(?:累计|新增)")
_VERB = re.compile(r"(年均|平均每年|每年平均)?(增长|提高|增加|提升|下降|降低|减少|压减|削减)(?![到至])")


def take_aspiration(text: str, marks: Marks) -> str:
    """Note 力争/争取 in ``marks`` and return the text without them (and without 确保)."""
    # 确保 (make sure) is a word of emphasis, not an aspiration: drop it, note nothing.
    marks.aspirational = bool(re.search(r"力争|争取", text))
    return _ASPIRATION.sub("", text)


def take_totals(text: str, marks: Marks) -> str:
    """Note 累计/新增 (a five-year sum) in ``marks`` and return the text without them."""
    text, totals = _TOTAL.subn("", text)
    marks.cumulative = totals > 0
    return text


def take_verbs(text: str, marks: Marks) -> str:
    """Note a change verb (增长, 下降 …, with 年均) in ``marks``; return the text without it.

    Verbs followed by 到/至 (提高到85) name the level to reach and are left to the grammar.
    """
    verb = _VERB.search(text)
    if verb:
        marks.annual = bool(verb.group(1))
        marks.verb = "reduction" if verb.group(2) in _REDUCTION_WORDS else "increase"
        text = text[: verb.start()] + text[verb.end():]
    if "年均" in text:
        marks.annual = True
        text = text.replace("年均", "")
    return text


_QUALITATIVE_WORDS = (
    "覆盖", "改善", "提升", "提高", "增长", "下降", "降低", "减少", "稳步", "持续", "逐步",
    "不断", "进一步", "明显", "显著", "达到", "达标", "标准", "要求", "巩固", "保持", "稳定",
    "实现", "建成", "基本", "完成", "优化", "加强", "好转", "完善", "健全", "有效", "全面",
    "消除", "杜绝", "清零", "零", "不变", "控制",
)


def looks_qualitative(text: str) -> bool:
    """Words of intent with no figure (全覆盖, 持续改善), as opposed to text we cannot read."""
    return not re.search(r"\d", text) and has_any(text, _QUALITATIVE_WORDS)


_QUOTA = re.compile(
    r"(?:完成|达到|落实|满足|控制在|不超过)?(?P<ref>[^\d,;、]{0,15}?下达)的?"
    r"(?P<noun>目标任务|目标|任务|指标|计划)"
)
_IN_STEP = re.compile(r"与(?P<ref>[^,;、与]+?)(?:保持|基本|总体|大体|大致)*同步")
_COMPARED = re.compile(
    r"(?P<op>不低于|不慢于|不少于|不高于|不超过|高于|快于|超过|领先于|领先|低于|慢于)(?P<ref>[^\d]+)"
)
_RELATION_OF = {
    "不低于": "not_below", "不慢于": "not_below", "不少于": "not_below",
    "不高于": "not_above", "不超过": "not_above",
    "高于": "above", "快于": "above", "超过": "above", "领先于": "above", "领先": "above",
    "低于": "below", "慢于": "below",
}
_REACH_AVERAGE = re.compile(r"达到(?P<ref>[^\d]*平均[^\d]*)")


def read_relative(text: str) -> tuple[str, str] | None:
    """(relation, relative_to) for text judged against a reference, or None.

    Only text without figures: 高于84 is a floor, 高于全省平均水平 a comparison.
    """
    if re.search(r"\d", text):
        return None
    if quota := _QUOTA.search(text):
        return "quota", quota["ref"] + quota["noun"]
    if in_step := _IN_STEP.search(text):
        return "in_step", in_step["ref"]
    if compared := _COMPARED.fullmatch(text):
        return _RELATION_OF[compared["op"]], compared["ref"]
    if average := _REACH_AVERAGE.fullmatch(text):
        return "not_below", average["ref"]
    return None
