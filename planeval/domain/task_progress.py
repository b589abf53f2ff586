"""Tasks (重点任务) have no numbers: a suggestion from the unit's own stated progress.

Either a share complete (0–1) compared with the time elapsed at the task cut-off (June 2023
at the mid-term, 50%) using the same 10/30-point bands as projects, or a plain status
phrase. Whatever the suggestion, a C or D the unit chooses needs a written explanation:
``ratings.check_explanation`` is the check the workflow runs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from . import assessment_text as text
from .ratings import DEFAULT_THRESHOLDS, Rating, Thresholds, WarningLevel, check_explanation, warning_for

__all__ = ["TaskSuggestion", "suggest_task_rating", "check_explanation"]

# Status phrases units write, most specific first (``已完成`` before ``完成``).
_STATUS_WORDS: tuple[tuple[Rating, tuple[str, ...]], ...] = (
    (Rating.D, ("难以完成", "情况变化", "暂停", "停滞", "取消", "终止")),
    (Rating.C, ("滞后", "较慢", "缓慢", "加快推进", "未启动")),
    (Rating.A, ("已完成", "提前完成", "超前", "全面完成")),
    (Rating.B, ("按计划", "正常推进", "推进中", "进展顺利", "有序推进", "良好", "如期")),
)


@dataclass(frozen=True)
class TaskSuggestion:
    suggestion: Rating | None
    warning: WarningLevel | None
    reasons: tuple[str, ...]


def suggest_task_rating(
    *,
    share_complete: float | None = None,
    status: str | None = None,
    expected: float = 0.5,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> TaskSuggestion:
    """Suggest A/B/C/D for a task from the unit's share complete, else from its status phrase.

    share >= 1 or >= expected + ahead_margin: A; behind by less than lag_yellow_points: B;
    up to lag_red_points: C; more: D.
    """
    if share_complete is not None:
        try:
            share = float(share_complete)
        except (TypeError, ValueError):
            share = math.nan
        if math.isfinite(share):
            return _from_share(share, expected, thresholds)
    if status:
        for rating, words in _STATUS_WORDS:
            if any(word in status for word in words):
                reason = text.TASK_STATUS.format(status=status.strip(), rating=rating.value, label=rating.label)
                return TaskSuggestion(rating, warning_for(rating), (reason,))
    return TaskSuggestion(None, None, (text.TASK_UNKNOWN,))


def _from_share(share: float, expected: float, thresholds: Thresholds) -> TaskSuggestion:
    reason = text.TASK_SHARE.format(share=text.fmt_share(share), expected=text.fmt_share(expected))
    if share >= 1:
        return TaskSuggestion(Rating.A, WarningLevel.GREEN, (reason, text.TASK_DONE))
    behind = round((expected - share) * 100, 6)  # 0.5 − 0.4 is 9.999… in binary
    if share >= expected + thresholds.ahead_margin:
        rating = Rating.A
    elif behind < thresholds.lag_yellow_points:
        rating = Rating.B
    elif behind <= thresholds.lag_red_points:
        rating = Rating.C
    else:
        rating = Rating.D
    verdict = text.TASK_SHARE_VERDICT.format(rating=rating.value, label=rating.label)
    return TaskSuggestion(rating, warning_for(rating), (reason, verdict))
