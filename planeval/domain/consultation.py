"""The rules of 征求意见 on the compiled report, free of Django.

The draft goes 初稿 → 征求意见稿 → 送审稿 → 正式稿 (Putuo's work plan: 6月 征求意见稿, 9月 送审稿
to the government's executive meeting); each stage is a kept version. Readers comment on the
sections they were asked to read; the DRC answers every comment 采纳 / 部分采纳 / 不采纳, with a
reason unless it adopts the comment as it stands. A draft with unanswered comments cannot
become the 送审稿: the record sent on with it must say what became of every comment.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import StrEnum


class Stage(StrEnum):
    DRAFT = "draft"
    CONSULT = "consult"
    REVIEW = "review"
    FINAL = "final"


STAGE_LABELS = {Stage.DRAFT: "初稿", Stage.CONSULT: "征求意见稿", Stage.REVIEW: "送审稿", Stage.FINAL: "正式稿"}
STAGE_ORDER = (Stage.DRAFT, Stage.CONSULT, Stage.REVIEW, Stage.FINAL)
# Stages a consultation round may be opened on: once the draft goes to the executive meeting
# (送审稿) the circle of readers is closed.
CONSULTABLE = frozenset({Stage.DRAFT, Stage.CONSULT})


class ReaderKind(StrEnum):
    DEPARTMENT = "department"
    DEPUTY = "deputy"
    CPPCC = "cppcc"
    EXPERT = "expert"
    ENTERPRISE = "enterprise"


READER_LABELS = {ReaderKind.DEPARTMENT: "部门", ReaderKind.DEPUTY: "人大代表", ReaderKind.CPPCC: "政协委员",
                 ReaderKind.EXPERT: "专家", ReaderKind.ENTERPRISE: "企业代表"}
OUTSIDERS = frozenset(set(ReaderKind) - {ReaderKind.DEPARTMENT})


class Decision(StrEnum):
    ADOPTED = "adopted"
    PARTLY = "partly"
    REJECTED = "rejected"


DECISION_LABELS = {Decision.ADOPTED: "采纳", Decision.PARTLY: "部分采纳", Decision.REJECTED: "不采纳"}
NEEDS_REASON = frozenset({Decision.PARTLY, Decision.REJECTED})

FINAL_STAGE = "正式稿已是最后一个阶段，不能再推进。"
OPEN_COMMENTS = "尚有{count}条意见未答复，请对每条意见作出采纳、部分采纳或不采纳的答复后再形成送审稿。"
NOT_CONSULTABLE = "{stage}已不能再发起征求意见，征求意见只能针对初稿或征求意见稿。"
BAD_DECISION = "请选择处理意见：采纳、部分采纳或不采纳。"
REASON_REQUIRED = "“{decision}”须填写理由。"


class ConsultationError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def next_stage(stage: Stage, *, open_comments: int) -> Stage:
    """The stage a promotion leads to; refused at 正式稿 and, towards 送审稿, while comments are open."""
    stage = Stage(stage)
    if stage is Stage.FINAL:
        raise ConsultationError(FINAL_STAGE)
    target = STAGE_ORDER[STAGE_ORDER.index(stage) + 1]
    if target in (Stage.REVIEW, Stage.FINAL) and open_comments:
        raise ConsultationError(OPEN_COMMENTS.format(count=open_comments))
    return target


def assert_consultable(stage: Stage) -> None:
    if Stage(stage) not in CONSULTABLE:
        raise ConsultationError(NOT_CONSULTABLE.format(stage=STAGE_LABELS[Stage(stage)]))


def checked_answer(decision: str, reason: str) -> tuple[Decision, str]:
    """The decision and trimmed reason, or a refusal: a reason is required unless fully adopted."""
    try:
        decision = Decision(decision)
    except ValueError:
        raise ConsultationError(BAD_DECISION) from None
    reason = (reason or "").strip()
    if decision in NEEDS_REASON and not reason:
        raise ConsultationError(REASON_REQUIRED.format(decision=DECISION_LABELS[decision]))
    return decision, reason


def adoption_counts(decisions: Iterable[str]) -> dict[str, int]:
    """Counts of 采纳 / 部分采纳 / 不采纳 / 未答复 ("" is unanswered), in that order, plus 合计."""
    counted = Counter(decisions)
    counts = {DECISION_LABELS[d]: counted.get(d.value, 0) for d in Decision}
    counts["未答复"] = sum(n for d, n in counted.items() if d not in {x.value for x in Decision})
    counts["合计"] = sum(counted.values())
    return counts


def adoption_sentence(counts: dict[str, int], *, asked: int, answered: int) -> str:
    """The record's summary line, as the seeds' 征求意见情况 would write it."""
    text = (f"共征求{asked}位（家）读者意见，{answered}位（家）反馈，收到意见{counts['合计']}条，"
            f"其中采纳{counts['采纳']}条、部分采纳{counts['部分采纳']}条、不采纳{counts['不采纳']}条")
    if counts["未答复"]:
        text += f"，尚未答复{counts['未答复']}条"
    return text + "。"
