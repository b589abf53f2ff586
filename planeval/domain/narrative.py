"""Official-style sentences of the compiled report, from plain values.

The compiled 中期评估报告 is a draft a writer edits, so each sentence follows the wording
the seeds use: "截至2022年底，…完成…，为目标的…%，评估结论为进展良好、可以如期完成。"
"""
from __future__ import annotations

from dataclasses import dataclass

CONCLUSIONS = {
    "A": "进展超前、可以提前完成",
    "B": "进展良好、可以如期完成",
    "C": "进展较慢、需要加快推进",
    "D": "情况变化、难以完成",
}


@dataclass(frozen=True)
class IndicatorFacts:
    name: str
    unit: str
    target_text: str
    cutoff_phrase: str          # "截至2022年底" / "截至2023年6月底"
    current: str                # formatted value, "" when unknown
    progress: float | None      # share of the target reached
    expected: float | None      # share of time elapsed
    rating: str                 # the unit's conclusion, else the engine's suggestion
    rating_is_suggestion: bool  # True when the unit has not decided yet
    forecast: str = ""
    binding: bool = False


def percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.0f}%"


def indicator_sentence(f: IndicatorFacts) -> str:
    """One paragraph for one indicator, in the seeds' wording; says plainly what is missing."""
    label = f"“{f.name}”" + ("（约束性）" if f.binding else "")
    unit = f.unit if f.unit not in ("", "%") else ""
    pct = "%" if f.unit == "%" else ""
    rate = f.unit == "%" and any(word in f.name for word in ("增长率", "增速", "降低率"))
    verb = ("年均降低" if "降低" in f.name else "年均增长") if rate else "完成"
    if not f.current:
        head = f"{f.cutoff_phrase}，{label}暂无统计数据"
    else:
        head = f"{f.cutoff_phrase}，{label}{verb}{f.current}{pct}{unit}"
        if f.progress is not None:
            head += f"，为目标（{f.target_text}）的{percent(f.progress)}"
            if f.expected is not None:
                head += f"，时间进度{percent(f.expected)}"
    tail = ""
    if f.forecast:
        tail = f"，预计到规划期末可达{f.forecast}{pct}{unit}"
    if f.rating in CONCLUSIONS:
        who = "平台建议评估结论为" if f.rating_is_suggestion else "评估结论为"
        return f"{head}{tail}，{who}{CONCLUSIONS[f.rating]}。"
    return f"{head}{tail}，尚未形成评估结论。"


def overview_sentence(*, total: int, counts: dict[str, int], binding_at_risk: list[str]) -> str:
    """The opening figures: how many indicators in each conclusion, and binding ones at risk."""
    parts = [f"{CONCLUSIONS[r].split('、')[0]}的{counts.get(r, 0)}项" for r in "ABCD"]
    undecided = total - sum(counts.get(r, 0) for r in "ABCD")
    text = f"规划纲要确定的{total}项主要指标中，" + "，".join(parts)
    if undecided:
        text += f"，尚未形成结论的{undecided}项"
    text += "。"
    if binding_at_risk:
        text += f"约束性指标中，{'、'.join('“' + n + '”' for n in binding_at_risk)}预计完成存在困难，需重点关注。"
    else:
        text += "约束性指标均预计可以完成。"
    return text


def task_sentence(*, number: str, title: str, progress: str, rating: str) -> str:
    body = progress.strip().rstrip("。") if progress.strip() else "尚未报送推进情况"
    conclusion = f"评估结论为{CONCLUSIONS[rating]}" if rating in CONCLUSIONS else "尚未形成评估结论"
    return f"{number}. {title.rstrip('。')}：{body}，{conclusion}。"


def breakdown_sentence(*, group: str, total: int, counts: dict[str, int]) -> str:
    """One line of the overview by category or attribute: 高质量发展领域10项指标中，A类1项，B类5项…"""
    parts = "，".join(f"{r}类{counts.get(r, 0)}项" for r in "ABCD" if counts.get(r, 0))
    return f"{group}{total}项指标中，{parts or '尚未形成结论'}。"
