"""The campaign workflow of one unit's submission, as a table.

    not_started ─save→ draft ─submit→ submitted ─accept→ accepted ─sign→ signed (locked)
                         ▲   ╲             │                  │             │
                         │    ╲──submit────┼──────────────────┼─────────────┤
                         │                return             reopen        reopen
                         └──save── returned ◄─┴──────────────────┴─────────────┘

Who may do what is part of the table: the unit (填报人 or 单位负责人) saves and submits,
the DRC (发改委统筹) returns, accepts and reopens, the responsible leader (分管领导) signs.
Pure Python: roles are plain strings so the web layer, the admin, imports and the API
all ask this one table.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    SIGNED = "signed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.NOT_STARTED: "未开始",
    State.DRAFT: "填报中",
    State.SUBMITTED: "已提交",
    State.RETURNED: "已退回",
    State.ACCEPTED: "已审核",
    State.SIGNED: "已审定",
}


class Action(StrEnum):
    SAVE = "save"
    SUBMIT = "submit"
    RETURN = "return"
    ACCEPT = "accept"
    SIGN = "sign"
    REOPEN = "reopen"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.SAVE: "保存",
    Action.SUBMIT: "提交",
    Action.RETURN: "退回修改",
    Action.ACCEPT: "审核通过",
    Action.SIGN: "审定签发",
    Action.REOPEN: "重新打开",
}

# Role codes, as stored by accounts.Role.
FILLER, UNIT_HEAD, DRC, LEADER = "filler", "unit_head", "drc", "leader"
UNIT_ROLES = frozenset({FILLER, UNIT_HEAD})


@dataclass(frozen=True)
class Rule:
    sources: frozenset[State]
    target: State | None  # None: stay where you are (a save in draft stays draft)
    roles: frozenset[str]
    needs_comment: bool = False


EDITABLE = frozenset({State.NOT_STARTED, State.DRAFT, State.RETURNED})

RULES: dict[Action, Rule] = {
    Action.SAVE: Rule(EDITABLE, None, UNIT_ROLES),
    Action.SUBMIT: Rule(EDITABLE, State.SUBMITTED, UNIT_ROLES),
    Action.RETURN: Rule(frozenset({State.SUBMITTED}), State.RETURNED, frozenset({DRC}), needs_comment=True),
    Action.ACCEPT: Rule(frozenset({State.SUBMITTED}), State.ACCEPTED, frozenset({DRC})),
    Action.SIGN: Rule(frozenset({State.ACCEPTED}), State.SIGNED, frozenset({LEADER})),
    Action.REOPEN: Rule(frozenset({State.ACCEPTED, State.SIGNED}), State.RETURNED, frozenset({DRC}),
                        needs_comment=True),
}

LOCKED = "该报告已经分管领导审定并锁定，不能修改。如确需修改，请联系区发改委重新打开。"
UNDER_REVIEW = "该报告已提交，正在审核中，暂不能修改。"
NOT_ALLOWED = "当前状态（{state}）下不能执行“{action}”。"
WRONG_ROLE = "您的角色不能执行“{action}”。"
COMMENT_REQUIRED = "“{action}”须填写意见或理由。"
SELF_APPROVAL = "不能{action}本人提交的报告，请由其他有权限的人员办理。"

# Approving a report is someone else's job: whoever submitted it may not accept or sign it,
# even when they also hold a reviewer's role (separation of duties, GB/T 22239 and ASVS 1.4).
APPROVALS = frozenset({Action.ACCEPT, Action.SIGN})


class WorkflowError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def refusal(state: State, action: Action, roles: frozenset[str] | set[str], comment: str = "") -> str | None:
    """Why ``action`` cannot be done now by someone holding ``roles``; None when it can."""
    rule = RULES[action]
    if not (set(roles) & rule.roles):
        return WRONG_ROLE.format(action=action.label)
    if state not in rule.sources:
        if action is Action.SAVE or action is Action.SUBMIT:
            if state is State.SIGNED:
                return LOCKED
            if state in (State.SUBMITTED, State.ACCEPTED):
                return UNDER_REVIEW
        return NOT_ALLOWED.format(state=state.label, action=action.label)
    if rule.needs_comment and not comment.strip():
        return COMMENT_REQUIRED.format(action=action.label)
    return None


def advance(state: State, action: Action, roles, comment: str = "") -> State:
    """The state after ``action``; raises WorkflowError with the Chinese reason when refused."""
    reason = refusal(state, action, frozenset(roles), comment)
    if reason:
        raise WorkflowError(reason)
    rule = RULES[action]
    if rule.target is None:
        return State.DRAFT if state is State.NOT_STARTED else state
    return rule.target


def allowed_actions(state: State, roles) -> list[Action]:
    """Actions the holder of ``roles`` can take now (comment requirements aside), for buttons."""
    return [a for a in Action if a is not Action.SAVE and refusal(state, a, frozenset(roles), "-") is None]


def actions_for(state: State, roles, *, actor_id, submitter_id) -> list[Action]:
    """The buttons a person sees: ``allowed_actions`` without the approvals they may not give on a
    report they submitted themselves (see ``assert_not_self_approval``)."""
    actions = allowed_actions(state, roles)
    if submitter_id is None or actor_id != submitter_id:
        return actions
    return [a for a in actions if a not in APPROVALS]


def is_editable(state: State) -> bool:
    return state in EDITABLE


def assert_not_self_approval(action: Action, actor_id, submitter_id) -> None:
    """Refuse ``action`` when it approves a report the same person submitted."""
    if action in APPROVALS and submitter_id is not None and actor_id == submitter_id:
        raise WorkflowError(SELF_APPROVAL.format(action=action.label))
