"""Every Chinese sentence the assessment engine writes, and how it writes numbers.

Messages are written once here so that the engine, the sheet, the web pages and the
tests all agree on the wording. Templates use ``str.format`` fields; the helpers at the
bottom turn floats into the short forms the evaluation forms use (54%, 3.1%, 12.4件).
"""
from __future__ import annotations

import math
from decimal import Decimal

from .periods import Granularity, Period

# --- ratings ---------------------------------------------------------------------------
RATING_LABELS = {
    "A": "进展超前、可以提前完成",
    "B": "进展良好、可以如期完成",
    "C": "进展较慢、需要加快推进",
    "D": "情况变化、难以完成",
}
WARNING_LABELS = {"green": "绿", "yellow": "黄", "red": "红"}
KIND_LABELS = {
    "level": "目标值", "range": "区间", "at_least": "下限", "at_most": "上限",
    "approximately": "左右", "growth_rate": "年均增速", "cumulative": "累计值",
    "reduction": "降低率", "relative": "相对目标", "qualitative": "定性", "composite": "分项合计",
}
FORECAST_SOURCE_LABELS = {"unit": "单位预测", "trend": "趋势推算"}

RATING_A = "预计期末完成目标的{anticipated}，且目标进度快于时间进度{lead}，建议评为A（进展超前、可以提前完成）"
RATING_B = "预计期末完成目标的{anticipated}，建议评为B（进展良好、可以如期完成）"
RATING_B_TOLERANCE = (
    "预计期末完成目标的{anticipated}，略低于目标但在预期性指标的容差（{tolerance}）以内，"
    "建议评为B（进展良好、可以如期完成）"
)
RATING_C = "预计期末仅完成目标的{anticipated}，建议评为C（进展较慢、需要加快推进）"
RATING_D = "预计期末仅完成目标的{anticipated}，低于{slow}，建议评为D（情况变化、难以完成）"
BINDING_STRICT = "约束性指标从严研判：预计期末未能完成目标，不评为A或B"
NOT_AHEAD_RANGE = "预计未达到目标区间的较优一端（{high}），不评为A"
LAGGING_TIME = "目标进度落后时间进度{gap}，需关注"
WORST_PART = "分项“{label}”建议评为{rating}，总体建议按最差分项确定为{rating}"
PART_NOT_JUDGED = "分项“{label}”暂无法研判"

# --- cannot judge -----------------------------------------------------------------------
QUALITATIVE = "定性目标，由责任单位研判"
UNPARSED_TARGET = "目标值“{raw}”未能识别为定量目标（{why}）"
REFERENCE_NEEDED = "需录入参照值（市级增速/市下达目标）后方可研判"
NO_VALUES = "截至{period}尚无实际值，暂无法研判"
NO_BASELINE = "缺少基期值，无法计算目标进度"
NO_TARGET_VALUE = "目标值缺失，无法计算目标进度"
TARGET_NOT_POSITIVE = "目标值须大于零，无法计算完成比例"
BASELINE_EQUALS_TARGET = "目标值与基期值相同，按保持目标水平研判"
RATE_BELOW_MINUS_100 = "增速或降低率数据超出−100%～100%的合理范围，无法研判"
NOT_COMPUTABLE = "数据异常（{detail}），无法研判"
NO_FORECAST = "数据不足，无法推算规划期末值"

# --- progress and forecast sentences ------------------------------------------------
PROGRESS_LEVEL = "截至{period}完成目标进度的{progress}，时间进度{expected}"
PROGRESS_CUMULATIVE = "截至{period}累计完成{current}，完成目标进度的{progress}，时间进度{expected}"
PROGRESS_GROWTH = "{years}年均增长{rate}，完成目标进度的{progress}（按五年累计增幅计），时间进度{expected}"
PROGRESS_REDUCTION = "{years}累计降低{cut}，完成目标（{target}）的{progress}，时间进度{expected}"
THRESHOLD_MET = "{period}为{current}，已达到目标（{op}{target}）"
THRESHOLD_NOT_MET = "{period}为{current}，尚未达到目标（{op}{target}）"
THRESHOLD_GAP_PROGRESS = "，已缩小与目标差距的{progress}，时间进度{expected}"
APPROX_BAND = "目标“{raw}”按{band}的容差视为达到，即{op}{edge}"
MISSING_PERIOD_USED = "缺少{period}数据，按最近一期（{used}）研判"
MISSING_YEARS_IN_SUM = "缺少{years}年数据，累计数可能偏低"

FORECAST_COMPOUND = "按近{n}年年均增速{rate}推算，预计{end}年可达{forecast}"
FORECAST_LINEAR = "按近{n}年年均变化{delta}推算，预计{end}年可达{forecast}"
FORECAST_FINAL = "规划期末实际为{forecast}"
FORECAST_CUMULATIVE_FINAL = "规划期末实际累计{forecast}"
FORECAST_HOLD = "按最近一期数值保持不变推算，预计{end}年为{forecast}"
FORECAST_UNIT = "根据单位预测，预计{end}年可达{forecast}"
FORECAST_UNIT_EXTENDED = "在单位预测{year}年值基础上按趋势外推，预计{end}年可达{forecast}"
FORECAST_CUMULATIVE_TREND = "按年均新增{avg}推算，预计{end}年累计可达{forecast}"
FORECAST_CUMULATIVE_UNIT = "根据单位预测，预计{end}年累计可达{forecast}"
FORECAST_CUMULATIVE_MIXED = "根据单位预测（{trend_years}年按年均新增{avg}补足），预计{end}年累计可达{forecast}"
FORECAST_GROWTH_TREND = "按{years}年均增速保持不变推算，预计{span}年均增长{forecast}"
FORECAST_GROWTH_UNIT = "根据单位预测，预计{span}年均增长{forecast}"
FORECAST_REDUCTION_TREND = "按年均降低{rate}推算，预计{span}累计降低{forecast}"
FORECAST_REDUCTION_UNIT = "根据单位预测，预计{span}累计降低{forecast}"
REQUIRED_GROWTH = "实现年均增长{target}的目标，后{m}年需年均增长{required}"
REQUIRED_REDUCTION = "实现累计降低{target}的目标，后{m}年需年均降低{required}"
IMPLIED_LEVEL = "对应{end}年目标水平约为{level}（基期值{baseline}×(1+{target})^{years}）"

COMPARE_ABOVE = "，超过目标{target}"
COMPARE_BETTER = "，优于目标{target}"
COMPARE_REACH = "，达到目标{target}"
COMPARE_SHORT = "，距目标{target}尚差{gap}"
COMPARE_RATE_ABOVE = "，不低于目标{target}"
COMPARE_RATE_BELOW = "，低于目标{target}"
COMPARE_CAP_WITHIN = "，未超过目标上限{target}"
COMPARE_CAP_ABOVE = "，高于目标上限{target}"
FORECAST_MEETS = "，可达到目标"
FORECAST_MISSES = "，仍未达到目标"

RELATIVE_IN_STEP = "以{ref}{years}年均{what}{value}作为同步目标"
RELATIVE_QUOTA = "以上级下达目标{value}（{period}参照值）作为研判依据"
RELATIVE_LEVEL = "以{ref}{period}数值{value}作为研判依据"
REFERENCE_DEFAULT = "参照值"

HOLD_TARGET = "目标为保持{target}的水平"

# --- data checks ------------------------------------------------------------------------
CHECK_INVALID_NUMBER = "{what}“{raw}”不是有效数字，已忽略"
CHECK_MISSING_AT_CUTOFF = "缺少{period}数据（评估截止时点）"
CHECK_MISSING_YEAR = "缺少{year}年数据"
CHECK_ESTIMATE_PENDING = "{period}数值为预计数，待统计数据发布后替换为统计数"
CHECK_CUMULATIVE_DECREASE = "{period}新增{value}为负，累计数较上期下降（{before}→{after}），请核实"
CHECK_YOY_JUMP = "{period}数值{value}较上年{previous}变动{change}，超过±{bound}，请核实"
CHECK_PARTS_SUM = "{period}分项合计{total_parts}与总数{total}不一致（相差{diff}）"
CHECK_PARTS_TARGET = "分项目标合计{total_parts}与总目标{total}不一致"
CHECK_MISSING_BASELINE = "缺少基期值（{year}年）"
CHECK_EXPLANATION_MISSING = "评估结论为{rating}（{label}），须说明原因并提出下一步工作思路"

WHAT_VALUE = "{period}数值"
WHAT_BASELINE = "基期值"
WHAT_FORECAST = "{year}年预测值"
WHAT_REFERENCE = "参照值（{period}）"

# --- projects and tasks -----------------------------------------------------------------
PROJECT_CANCELLED = "项目已取消，建议评为D（情况变化、难以完成）"
PROJECT_COMPLETED_EARLY = "项目已建成，早于计划竣工时间（{finish}），建议评为A（进展超前、可以提前完成）"
PROJECT_COMPLETED = "项目已建成，建议评为B（进展良好、可以如期完成）"
PROJECT_SCHEDULE = "截至{as_of}序时进度{schedule}，累计完成投资{completed}，占总投资{total}的{progress}"
PROJECT_AHEAD = "投资完成进度快于序时进度{gap}，建议评为A（进展超前、可以提前完成）"
PROJECT_ON_TRACK = "投资完成进度与序时进度基本同步（落后不足{yellow}），建议评为B（进展良好、可以如期完成）"
PROJECT_BEHIND = "投资完成进度落后序时进度{gap}，黄色预警，建议评为C（进展较慢、需要加快推进）"
PROJECT_FAR_BEHIND = "投资完成进度落后序时进度{gap}，超过{red}，红色预警，建议评为D（情况变化、难以完成）"
PROJECT_NOT_DUE = "尚未到计划开工时间（{start}）"
PROJECT_NO_INVESTMENT = "缺少总投资或累计完成投资，无法计算投资完成进度"
PROJECT_NO_SCHEDULE = "缺少计划开工或竣工日期，无法计算序时进度"
PROJECT_UNKNOWN_STATUS = "项目状态“{status}”无法识别，应为前期论证、即将开工、开工在建、已建成或已取消"
CHECK_PROJECT_NOT_STARTED = "计划于{start}开工，截至{as_of}仍为“{status}”，尚未开工"
CHECK_PROJECT_OVERDUE = "计划于{finish}建成，截至{as_of}尚未建成"
CHECK_PROJECT_DATES = "计划竣工日期（{finish}）不晚于计划开工日期（{start}）"
CHECK_PROJECT_OVERSPENT = "累计完成投资{completed}超过总投资{total}，请核实"
PROJECT_AT_LEAST_YELLOW = "逾期未开工，至少为黄色预警"
PROJECT_OVERDUE_RED = "逾期未建成，红色预警，建议评为D（情况变化、难以完成）"

TASK_SHARE = "单位填报完成{share}，时间进度{expected}"
TASK_SHARE_VERDICT = "建议评为{rating}（{label}）"
TASK_DONE = "任务已完成，建议评为A（进展超前、可以提前完成）"
TASK_STATUS = "单位填报推进情况为“{status}”，建议评为{rating}（{label}）"
TASK_UNKNOWN = "未填报完成比例或推进状态，由责任单位研判"


# --- number formatting ---------------------------------------------------------------------
def _strip(text: str) -> str:
    """Drop trailing zeros of a fixed-point string: 12.40 -> 12.4, 3.0 -> 3."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_number(x: float | Decimal | None) -> str:
    """A value as the forms write it: 1405.2, 12.4, 0.0085 (three significant digits below 1)."""
    if x is None:
        return "—"
    x = float(x)
    if not math.isfinite(x):
        return "—"
    magnitude = abs(x)
    if magnitude >= 100:
        return _strip(f"{x:.1f}")
    if magnitude >= 1:
        return _strip(f"{x:.2f}")
    if magnitude == 0:
        return "0"
    digits = min(10, 2 - math.floor(math.log10(magnitude)))
    return _strip(f"{x:.{digits}f}")


def fmt_value(x: float | Decimal | None, unit: str = "") -> str:
    """A value with its unit: 12.4件, 85.3%, 1400亿元."""
    return f"{fmt_number(x)}{unit}" if x is not None else "—"


def fmt_share(x: float | None) -> str:
    """A ratio as a percentage: 0.5417 -> 54%, 0.075 -> 7.5%, 1.0312 -> 103%."""
    if x is None or not math.isfinite(x):
        return "—"
    pct = x * 100
    if abs(pct) >= 10 or round(pct, 1) == round(pct):
        return f"{round(pct):.0f}%"
    return f"{_strip(f'{pct:.1f}')}%"


def fmt_rate(pct: float | Decimal | None) -> str:
    """A rate already in percent: 3.14 -> 3.1%, 0.05 -> 0.05%."""
    if pct is None:
        return "—"
    pct = float(pct)
    if not math.isfinite(pct):
        return "—"
    if pct != 0 and abs(pct) < 0.1:
        return f"{_strip(f'{pct:.2f}')}%"
    return f"{_strip(f'{pct:.1f}')}%"


def fmt_points(x: float) -> str:
    """A difference of two ratios in percentage points: 0.14 -> 14个百分点."""
    return f"{_strip(f'{abs(x) * 100:.1f}')}个百分点"


def fmt_rate_points(pct: float) -> str:
    """A difference of two rates already in percent: 0.5 -> 0.5个百分点."""
    return f"{_strip(f'{abs(pct):.2f}')}个百分点"


_NUMERALS = "零一两三四五六七八九十"


def fmt_count_years(n: float) -> str:
    """近两年, 近2.5年: whole counts up to ten in Chinese numerals."""
    if float(n).is_integer() and 0 < n <= 10:
        return _NUMERALS[int(n)]
    return _strip(f"{n:.1f}")


def period_end_phrase(period: Period) -> str:
    """截至… phrase for a period: 2022年底, 2023年上半年, 2023年6月底."""
    if period.granularity is Granularity.YEAR:
        return f"{period.year}年底"
    if period.granularity is Granularity.HALF:
        return period.label if period.index == 1 else f"{period.year}年底"
    return f"{period.year}年{period.index}月底"


def year_span(first: int, last: int) -> str:
    """2021—2022年, or 2022年 for a single year."""
    return f"{first}年" if first == last else f"{first}—{last}年"
