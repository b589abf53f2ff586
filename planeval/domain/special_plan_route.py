"""The route of a special plan's mid-term evaluation (专项规划评估) as a table.

The seeds spell it out (Hongqiao, Jiangbei, Putuo): the lead department drafts the evaluation
and consults on it, sends it to the DRC, the DRC gives written feedback, the department revises,
the responsible district leader approves, and a copy goes to the DRC for the record::

    drafting ─consult→ consulting ─submit→ submitted ─feedback→ revising ─send→ reviewing ─approve→ approved ─file→ filed
                                                                   ▲                      │
                                                                   └──────return──────────┘

The lead department (填报人/单位负责人 of the plan's lead unit) drafts, consults, submits,
revises, sends to the leader and files; the DRC (发改委统筹) gives feedback; the responsible
leader (分管区领导) approves or returns. Nobody approves an evaluation they sent for approval.
Pure Python: roles are the workflow's role strings.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .workflow import DRC, FILLER, LEADER, UNIT_HEAD

UNIT_ROLES = frozenset({FILLER, UNIT_HEAD})


class State(StrEnum):
    DRAFTING = "drafting"
    CONSULTING = "consulting"
    SUBMITTED = "submitted"
    REVISING = "revising"
    REVIEWING = "reviewing"
    APPROVED = "approved"
    FILED = "filed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.DRAFTING: "起草中",
    State.CONSULTING: "征求意见中",
    State.SUBMITTED: "已报发改委",
    State.REVISING: "修改完善中",
    State.REVIEWING: "报分管区领导审定中",
    State.APPROVED: "分管区领导已审定",
    State.FILED: "已报发改委备案",
}


class Action(StrEnum):
    CONSULT = "consult"
    SUBMIT = "submit"
    FEEDBACK = "feedback"
    SEND = "send"
    APPROVE = "approve"
    RETURN = "return"
    FILE = "file"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.CONSULT: "征求意见",
    Action.SUBMIT: "报送发改委",
    Action.FEEDBACK: "出具反馈意见",
    Action.SEND: "报分管区领导审定",
    Action.APPROVE: "审定",
    Action.RETURN: "退回修改",
    Action.FILE: "报发改委备案",
}

# The lead unit writes the report in these states (起草, 征求意见 and 修改完善).
EDITABLE = frozenset({State.DRAFTING, State.CONSULTING, State.REVISING})
# The evaluation's result counts in the compiled report from here on.
APPROVED_STATES = frozenset({State.APPROVED, State.FILED})
# Steps that approve someone's work: never by the person who sent it.
APPROVALS = frozenset({Action.APPROVE})


@dataclass(frozen=True)
class Rule:
    sources: frozenset[State]
    target: State
    roles: frozenset[str]
    needs_comment: bool = False


RULES: dict[Action, Rule] = {
    Action.CONSULT: Rule(frozenset({State.DRAFTING}), State.CONSULTING, UNIT_ROLES),
    # The seeds send the draft to the DRC after consultation (征求意见后报区发展改革委).
    Action.SUBMIT: Rule(frozenset({State.CONSULTING}), State.SUBMITTED, UNIT_ROLES),
    Action.FEEDBACK: Rule(frozenset({State.SUBMITTED}), State.REVISING, frozenset({DRC}), needs_comment=True),
    Action.SEND: Rule(frozenset({State.REVISING}), State.REVIEWING, UNIT_ROLES),
    Action.APPROVE: Rule(frozenset({State.REVIEWING}), State.APPROVED, frozenset({LEADER})),
    Action.RETURN: Rule(frozenset({State.REVIEWING}), State.REVISING, frozenset({LEADER}), needs_comment=True),
    Action.FILE: Rule(frozenset({State.APPROVED}), State.FILED, UNIT_ROLES),
}

NOT_ALLOWED = "当前状态（{state}）下不能执行“{action}”。"
WRONG_ROLE = "您的角色不能执行“{action}”。"
COMMENT_REQUIRED = "“{action}”须填写意见。"
SELF_APPROVAL = "不能{action}本人报送的专项规划评估报告，请由其他分管区领导办理。"


class RouteError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def refusal(state: State, action: Action, roles, comment: str = "") -> str | None:
    """Why ``action`` cannot be taken now by someone holding ``roles``; None when it can."""
    rule = RULES[action]
    if not (set(roles) & rule.roles):
        return WRONG_ROLE.format(action=action.label)
    if state not in rule.sources:
        return NOT_ALLOWED.format(state=state.label, action=action.label)
    if rule.needs_comment and not comment.strip():
        return COMMENT_REQUIRED.format(action=action.label)
    return None


def advance(state: State, action: Action, roles, comment: str = "") -> State:
    """The state after ``action``; raises RouteError with the Chinese reason when refused."""
    reason = refusal(state, action, frozenset(roles), comment)
    if reason:
        raise RouteError(reason)
    return RULES[action].target


def assert_not_self_approval(action: Action, actor_id, sender_id) -> None:
    """Separation of duties: whoever sent the evaluation for approval does not approve it."""
    if action in APPROVALS and sender_id is not None and actor_id == sender_id:
        raise RouteError(SELF_APPROVAL.format(action=action.label))


def actions_for(state: State, roles, *, actor_id=None, sender_id=None) -> list[Action]:
    """The buttons a person sees: what their roles allow now, without approving their own work."""
    actions = [a for a in Action if refusal(state, a, frozenset(roles), "-") is None]
    if sender_id is None or actor_id != sender_id:
        return actions
    return [a for a in actions if a not in APPROVALS]


def is_editable(state: State) -> bool:
    return state in EDITABLE
