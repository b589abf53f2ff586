"""The state tables of questionnaires and suggestions (问卷调查, 人民建议征集; docs/surveys.md).

Questionnaire: draft → open → closed (→ open again). Questions may change only in the draft; an
opened questionnaire's questions are frozen, so every answer was given to the same wording, and a
change needs a new version (a new draft with its own public link).

Suggestion: pending → published (public, may be routed) or rejected (not shown; a reason is
required); published → routed to a unit → answered by that unit (采纳 / 部分采纳 / 不采纳 /
已答复). A routed suggestion may be routed again to another unit until it is answered.
"""
from __future__ import annotations

from dataclasses import dataclass

DRAFT, OPEN, CLOSED = "draft", "open", "closed"
PENDING, PUBLISHED, REJECTED, ROUTED, ANSWERED = "pending", "published", "rejected", "routed", "answered"

QUESTIONNAIRE_ACTIONS = {
    # action: (states it may start from, state it leads to, label)
    "open": ((DRAFT,), OPEN, "发布"),
    "close": ((OPEN,), CLOSED, "结束收集"),
    "reopen": ((CLOSED,), OPEN, "重新开放"),
}

SUGGESTION_ACTIONS = {
    "publish": ((PENDING,), PUBLISHED, "审核通过并公开"),
    "reject": ((PENDING,), REJECTED, "不予公开"),
    "route": ((PUBLISHED, ROUTED), ROUTED, "转办"),
    "answer": ((ROUTED,), ANSWERED, "答复"),
}

QUESTIONNAIRE_WRONG_STATE = "问卷当前状态为“{state}”，不能{action}。"
SUGGESTION_WRONG_STATE = "该建议当前状态为“{state}”，不能{action}。"


@dataclass(frozen=True)
class Move:
    action: str
    source: str
    target: str
    label: str


def questionnaire_move(state: str, action: str, *, state_label: str = "") -> Move:
    """The move ``action`` makes from ``state``; ValueError with the Chinese refusal if it may not."""
    return _move(QUESTIONNAIRE_ACTIONS, QUESTIONNAIRE_WRONG_STATE, state, action, state_label)


def suggestion_move(state: str, action: str, *, state_label: str = "") -> Move:
    return _move(SUGGESTION_ACTIONS, SUGGESTION_WRONG_STATE, state, action, state_label)


def _move(table, message, state, action, state_label) -> Move:
    if action not in table:
        raise ValueError(message.format(state=state_label or state, action="执行该操作"))
    sources, target, label = table[action]
    if state not in sources:
        raise ValueError(message.format(state=state_label or state, action=label))
    return Move(action, state, target, label)


def questions_editable(state: str) -> bool:
    """Only a draft's questions may change."""
    return state == DRAFT


def accepting_answers(state: str, now, opens_at, closes_at) -> bool:
    """Whether a questionnaire takes answers at ``now``: open, and inside its dates where set."""
    return state == OPEN and (opens_at is None or now >= opens_at) and (closes_at is None or now < closes_at)
