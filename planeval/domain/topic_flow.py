"""The route of a special-topic evaluation (专题评估) as a table, its deadline, and its report paragraph.

The seeds pair the comprehensive evaluation with topic studies (综合评估和专题评估相结合): the DRC
picks topics, names a lead unit and supporting units, and the lead unit writes the report::

    assigned ─start→ researching ─submit→ submitted ─accept→ accepted
     (已布置)   (lead)   (研究中)   (lead)   (已提交)   (DRC)    (已验收)
                           ▲                  │
                           └──submit── returned ←return (DRC, with a reason)
                                      (退回修改)

A deadline is either a date or "N working days after an event" (Rongshui: 批复后15个工作日内),
counted with the public-holiday calendar of ``working_days``. Pure Python: roles are the
workflow's role strings.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from .workflow import DRC, FILLER, UNIT_HEAD
from .working_days import add_working_days

LEAD = "lead"          # filler or head of the topic's lead unit
UNIT_ROLES = frozenset({FILLER, UNIT_HEAD})


class State(StrEnum):
    ASSIGNED = "assigned"
    RESEARCHING = "researching"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.ASSIGNED: "已布置",
    State.RESEARCHING: "研究中",
    State.SUBMITTED: "已提交",
    State.RETURNED: "退回修改",
    State.ACCEPTED: "已验收",
}


class Action(StrEnum):
    START = "start"
    SUBMIT = "submit"
    RETURN = "return"
    ACCEPT = "accept"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {Action.START: "开始研究", Action.SUBMIT: "提交报告", Action.RETURN: "退回修改",
                 Action.ACCEPT: "验收"}

# (from state, action) → (to state, who may take it)
TABLE: dict[tuple[State, Action], tuple[State, str]] = {
    (State.ASSIGNED, Action.START): (State.RESEARCHING, LEAD),
    (State.RESEARCHING, Action.SUBMIT): (State.SUBMITTED, LEAD),
    (State.RETURNED, Action.SUBMIT): (State.SUBMITTED, LEAD),
    (State.SUBMITTED, Action.RETURN): (State.RETURNED, DRC),
    (State.SUBMITTED, Action.ACCEPT): (State.ACCEPTED, DRC),
}
# The lead unit writes the report while it researches or revises; supporting units add their
# input until the report goes in; the DRC may redefine a topic until it is accepted.
REPORT_EDITABLE = frozenset({State.ASSIGNED, State.RESEARCHING, State.RETURNED})
CONTRIBUTION_OPEN = frozenset({State.ASSIGNED, State.RESEARCHING, State.RETURNED})
DEFINITION_EDITABLE = frozenset({State.ASSIGNED, State.RESEARCHING, State.SUBMITTED, State.RETURNED})

WRONG_STATE = "专题当前为“{state}”，不能{action}。"
WRONG_ROLE = "只有{who}可以{action}。"
NEEDS_REASON = "退回修改须写明理由。"
REPORT_EMPTY = "专题报告的“主要结论”尚未填写，不能提交。"
WHO_LABELS = {LEAD: "牵头单位的填报人或单位负责人", DRC: "发改委统筹人员"}


class FlowError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def advance(state: State, action: Action, roles: frozenset[str], *, comment: str = "",
            summary: str = "") -> State:
    """The state after ``action``, or FlowError with the Chinese reason it is refused.

    ``roles`` holds ``LEAD`` for the lead unit's users and the workflow role strings otherwise.
    """
    step = TABLE.get((state, action))
    if step is None:
        raise FlowError(WRONG_STATE.format(state=state.label, action=action.label))
    to_state, who = step
    if who not in roles:
        raise FlowError(WRONG_ROLE.format(who=WHO_LABELS[who], action=action.label))
    if action is Action.RETURN and not comment.strip():
        raise FlowError(NEEDS_REASON)
    if action is Action.SUBMIT and not summary.strip():
        raise FlowError(REPORT_EMPTY)
    return to_state


def allowed_actions(state: State, roles: frozenset[str]) -> list[Action]:
    return [action for (s, action), (_to, who) in TABLE.items() if s is state and who in roles]


# --- deadlines -----------------------------------------------------------------------------------

DEADLINE_MISSING = "请填写报送期限：具体日期，或“某事项后N个工作日”（事项名称、事项日期和天数）。"
DEADLINE_BOTH = "报送期限只能选择一种：具体日期，或某事项后N个工作日。"
DAYS_RANGE = "工作日天数应为1至250之间的整数。"


@dataclass(frozen=True)
class Deadline:
    """When the topic report is due: ``on`` a date, or ``days`` working days after ``event`` on ``event_on``."""

    on: datetime.date | None = None
    event: str = ""
    event_on: datetime.date | None = None
    days: int | None = None

    @property
    def is_relative(self) -> bool:
        return self.days is not None

    def describe(self) -> str:
        """As the seeds write it: 2023年7月31日前, or 专题布置后15个工作日内（2023年8月4日）."""
        due = due_date(self)
        if self.is_relative:
            return f"{self.event}后{self.days}个工作日内（{_cn(due)}前）"
        return f"{_cn(due)}前"


def _cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def deadline_problems(deadline: Deadline) -> list[str]:
    relative = any((deadline.event.strip(), deadline.event_on, deadline.days is not None))
    if deadline.on and relative:
        return [DEADLINE_BOTH]
    if deadline.on:
        return []
    if not (deadline.event.strip() and deadline.event_on and deadline.days is not None):
        return [DEADLINE_MISSING]
    if not 1 <= deadline.days <= 250:
        return [DAYS_RANGE]
    return []


def due_date(deadline: Deadline) -> datetime.date:
    """The last day for the report. Raises ``working_days.CalendarNotCovered`` for a year the
    holiday calendar does not know (a clear message, never a guess)."""
    if not deadline.is_relative:
        return deadline.on
    return add_working_days(deadline.event_on, deadline.days)


# --- the compiled report ---------------------------------------------------------------------------

@dataclass(frozen=True)
class TopicFacts:
    title: str
    lead_unit: str
    supporting_units: tuple[str, ...]
    summary: str
    findings: str = ""


def topic_paragraph(facts: TopicFacts) -> str:
    """One paragraph of the midterm report per accepted topic: who studied it and what it found."""
    who = f"由{facts.lead_unit}牵头"
    if facts.supporting_units:
        who += f"、{'、'.join(facts.supporting_units)}配合"
    text = f"围绕“{facts.title}”开展专题评估（{who}）。{_sentence(facts.summary)}"
    if facts.findings.strip():
        text += f"主要发现：{_sentence(facts.findings)}"
    return text


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith(("。", "！", "？", "；")) else text + "。"


def topics_overview(*, total: int, accepted: int) -> str:
    """The opening sentence of the topics section."""
    if total == accepted:
        return f"本次评估共部署专题评估{total}项，均已完成并通过验收。"
    return f"本次评估共部署专题评估{total}项，已验收{accepted}项，其余{total - accepted}项正在推进。"
