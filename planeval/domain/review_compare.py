"""Comparing a self-assessment with a third party's conclusion (第三方评估 beside 自评).

Conclusions are the four letters A (ahead) to D (hard to finish). Two conclusions disagree
when their letters differ; a gap of two letters or more (A against C, B against D) is a
strong disagreement: one side thinks the item on track, the other that it is in trouble.
"""
from __future__ import annotations

from enum import Enum

LETTERS = ("A", "B", "C", "D")


class Agreement(str, Enum):
    NONE = ""            # one side has no conclusion: nothing to compare
    SAME = "same"
    DIFFERENT = "different"
    STRONG = "strong"    # two letters or more apart

    @property
    def label(self) -> str:
        return AGREEMENT_LABELS[self]


AGREEMENT_LABELS = {
    Agreement.NONE: "无法比较",
    Agreement.SAME: "一致",
    Agreement.DIFFERENT: "不一致",
    Agreement.STRONG: "相差两级及以上",
}


def rating_letter(text: str | None) -> str:
    """The letter of a conclusion as people write it ("B", "b", "B 进展良好…", "Ｂ"); "" if none."""
    text = (text or "").strip().upper().replace("Ａ", "A").replace("Ｂ", "B").replace("Ｃ", "C").replace("Ｄ", "D")
    if not text or text[0] not in LETTERS:
        return ""
    if len(text) > 1 and text[1].isascii() and text[1].isalnum():
        return ""   # "AB", "A1": not a conclusion
    return text[0]


def compare(self_rating: str, outside_rating: str) -> Agreement:
    """How far the third party's conclusion lies from the self-assessment."""
    if self_rating not in LETTERS or outside_rating not in LETTERS:
        return Agreement.NONE
    gap = abs(LETTERS.index(self_rating) - LETTERS.index(outside_rating))
    if gap == 0:
        return Agreement.SAME
    return Agreement.STRONG if gap >= 2 else Agreement.DIFFERENT


def third_party_sentence(*, organisations: list[str], judged: int, same: int, different: int, strong: int) -> str:
    """The compiled report's paragraph on third-party evaluation (第三方评估作为自评估的重要参考).

    ``judged`` counts every conclusion given, ``different`` every disagreement (``strong`` among
    them those two letters or more apart); the rest had no self-assessment to compare with.
    """
    if not organisations:
        return ""
    names = "、".join(organisations)
    if judged == 0:
        return f"委托{names}开展第三方评估，第三方评估结论尚未报送。"
    text = (f"委托{names}开展第三方评估，共对{judged}项（次）指标、任务和项目作出评估结论，"
            f"其中与自评结论一致{same}项、不一致{different}项")
    if strong:
        text += f"（相差两级及以上{strong}项）"
    if judged - same - different:
        text += f"，另有{judged - same - different}项尚无自评结论可供比较"
    text += "。"
    if different:
        text += "不一致的事项、双方结论和第三方评估意见见下表，有关单位应逐项核实，作为自评估的重要参考。"
    return text
