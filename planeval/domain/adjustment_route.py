"""The route of a plan adjustment (规划调整) as a table, and the checks on a proposal's content.

Two routes, chosen by the kind of plan the item belongs to:

Outline (规划纲要, Putuo's 指标调整方案; Hongqiao's 纲要 route)::

    draft ─submit→ submitted ─pass→ reviewed ─approve→ approved ─report→ reported ─apply→ applied
      ▲               │  ╲                 ╲                  ╲_____________apply_______↗
      └──submit── returned ╲refuse→ refused  ╲refuse→ refused    (report only where the campaign
                                                                   sends outline changes to 人大常委会)

Special plans (专项规划, Hongqiao: 牵头部门提出 → 分管区领导同意 → 送区发展改革委备案)::

    draft ─submit→ submitted ─agree→ agreed ─file→ filed ─apply→ applied

The unit (填报人/单位负责人 of the item's lead unit) drafts, submits and withdraws; the DRC
reviews, records the government's decision and the report to the people's congress, files
and applies; the responsible leader (分管领导) agrees to special-plan changes. Nobody approves
a proposal they submitted themselves. Pure Python: roles are the workflow's role strings.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .targets import REASON_EMPTY, REASON_UNREADABLE, Target, TargetKind, parse_target
from .workflow import DRC, FILLER, LEADER, UNIT_HEAD

UNIT_ROLES = frozenset({FILLER, UNIT_HEAD})


class Route(StrEnum):
    OUTLINE = "outline"
    SPECIAL = "special"

    @property
    def label(self) -> str:
        return {Route.OUTLINE: "规划纲要调整（政府审定）", Route.SPECIAL: "专项规划调整（分管领导同意、发改委备案）"}[self]


class Kind(StrEnum):
    TARGET = "target"
    WORDING = "wording"
    ADD = "add"
    CANCEL = "cancel"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {Kind.TARGET: "目标值调整", Kind.WORDING: "表述调整", Kind.ADD: "新增", Kind.CANCEL: "取消"}

ITEM_LABELS = {"indicator": "指标", "task": "任务", "project": "项目"}


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    REPORTED = "reported"
    AGREED = "agreed"
    FILED = "filed"
    APPLIED = "applied"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.DRAFT: "起草中",
    State.SUBMITTED: "单位已提交",
    State.RETURNED: "已退回",
    State.REVIEWED: "发改委审核通过",
    State.APPROVED: "区政府已审定",
    State.REPORTED: "已报人大常委会",
    State.AGREED: "分管领导已同意",
    State.FILED: "发改委已备案",
    State.APPLIED: "已生效",
    State.REFUSED: "不予调整",
    State.WITHDRAWN: "已撤回",
}


class Action(StrEnum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    RETURN = "return"
    PASS = "pass"
    REFUSE = "refuse"
    APPROVE = "approve"
    REPORT = "report"
    AGREE = "agree"
    FILE = "file"
    APPLY = "apply"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.SUBMIT: "提交",
    Action.WITHDRAW: "撤回",
    Action.RETURN: "退回修改",
    Action.PASS: "审核通过",
    Action.REFUSE: "不予调整",
    Action.APPROVE: "登记政府审定",
    Action.REPORT: "登记报人大常委会",
    Action.AGREE: "分管领导同意",
    Action.FILE: "备案",
    Action.APPLY: "生效执行",
}

EDITABLE = frozenset({State.DRAFT, State.RETURNED})
CLOSED = frozenset({State.APPLIED, State.REFUSED, State.WITHDRAWN})
# Steps that approve someone's proposal: never by the person who submitted it.
APPROVALS = frozenset({Action.PASS, Action.APPROVE, Action.AGREE, Action.FILE, Action.APPLY})
# Steps that count as "approved" for the adjustment plan document.
APPROVED_STATES = frozenset({State.APPROVED, State.REPORTED, State.FILED, State.APPLIED})


@dataclass(frozen=True)
class Rule:
    sources: frozenset[State]
    target: State
    roles: frozenset[str]
    needs_comment: bool = False


_UNIT_RULES = {
    Action.SUBMIT: Rule(EDITABLE, State.SUBMITTED, UNIT_ROLES),
    Action.WITHDRAW: Rule(frozenset({State.DRAFT, State.SUBMITTED, State.RETURNED}), State.WITHDRAWN, UNIT_ROLES),
}

RULES: dict[Route, dict[Action, Rule]] = {
    Route.OUTLINE: {
        **_UNIT_RULES,
        Action.RETURN: Rule(frozenset({State.SUBMITTED}), State.RETURNED, frozenset({DRC}), needs_comment=True),
        Action.PASS: Rule(frozenset({State.SUBMITTED}), State.REVIEWED, frozenset({DRC})),
        Action.REFUSE: Rule(frozenset({State.SUBMITTED, State.REVIEWED}), State.REFUSED, frozenset({DRC}),
                            needs_comment=True),
        Action.APPROVE: Rule(frozenset({State.REVIEWED}), State.APPROVED, frozenset({DRC})),
        Action.REPORT: Rule(frozenset({State.APPROVED}), State.REPORTED, frozenset({DRC})),
        Action.APPLY: Rule(frozenset({State.APPROVED, State.REPORTED}), State.APPLIED, frozenset({DRC})),
    },
    Route.SPECIAL: {
        **_UNIT_RULES,
        Action.RETURN: Rule(frozenset({State.SUBMITTED, State.AGREED}), State.RETURNED, frozenset({LEADER, DRC}),
                            needs_comment=True),
        Action.AGREE: Rule(frozenset({State.SUBMITTED}), State.AGREED, frozenset({LEADER})),
        Action.REFUSE: Rule(frozenset({State.SUBMITTED}), State.REFUSED, frozenset({LEADER}), needs_comment=True),
        Action.FILE: Rule(frozenset({State.AGREED}), State.FILED, frozenset({DRC})),
        Action.APPLY: Rule(frozenset({State.FILED}), State.APPLIED, frozenset({DRC})),
    },
}

NOT_ON_ROUTE = "“{action}”不属于{route}的程序。"
NOT_ALLOWED = "当前状态（{state}）下不能执行“{action}”。"
WRONG_ROLE = "您的角色不能执行“{action}”。"
COMMENT_REQUIRED = "“{action}”须填写意见或理由。"
SELF_APPROVAL = "不能{action}本人提交的调整建议，请由其他有权限的人员办理。"
DECISION_REQUIRED = "登记政府审定须填写审定会议（如区政府常务会议）和审定日期。"
CONGRESS_DATE_REQUIRED = "登记报人大常委会须填写报送日期。"
CONGRESS_FIRST = "本次评估工作要求规划纲要的调整报区人大常委会，登记报送后方可生效执行。"
CONGRESS_NOT_NEEDED = "本次评估工作未要求该调整报人大常委会。"


@dataclass(frozen=True)
class StepInput:
    """What the person taking a step wrote: a comment, and for 政府审定 / 报人大 the record."""

    comment: str = ""
    meeting: str = ""
    decided_on: object = None       # a date; any truthy value counts here
    document: str = ""


NO_STEP = StepInput()


def refusal(route: Route, state: State, action: Action, roles, step: StepInput = NO_STEP, *,
            congress: bool = False) -> str | None:
    """Why ``action`` cannot be taken now by someone holding ``roles``; None when it can.

    ``congress``: the campaign sends this (outline) adjustment to the people's congress
    before it takes effect.
    """
    rule = RULES[route].get(action)
    if rule is None:
        return NOT_ON_ROUTE.format(action=action.label, route=route.label)
    if not (set(roles) & rule.roles):
        return WRONG_ROLE.format(action=action.label)
    if state not in rule.sources:
        return NOT_ALLOWED.format(state=state.label, action=action.label)
    if action is Action.REPORT and not congress:
        return CONGRESS_NOT_NEEDED
    if action is Action.APPLY and route is Route.OUTLINE and congress and state is State.APPROVED:
        return CONGRESS_FIRST
    if rule.needs_comment and not step.comment.strip():
        return COMMENT_REQUIRED.format(action=action.label)
    if action is Action.APPROVE and not (step.meeting.strip() and step.decided_on):
        return DECISION_REQUIRED
    if action is Action.REPORT and not step.decided_on:
        return CONGRESS_DATE_REQUIRED
    return None


class RouteError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def advance(route: Route, state: State, action: Action, roles, step: StepInput = NO_STEP, *,
            congress: bool = False) -> State:
    """The state after ``action``; raises RouteError with the Chinese reason when refused."""
    reason = refusal(route, state, action, frozenset(roles), step, congress=congress)
    if reason:
        raise RouteError(reason)
    return RULES[route][action].target


def allowed_actions(route: Route, state: State, roles, *, congress: bool = False) -> list[Action]:
    """Actions the holder of ``roles`` can take now (form contents aside), for the buttons."""
    filled = StepInput(comment="-", meeting="-", decided_on=True)
    return [a for a in RULES[route] if refusal(route, state, a, frozenset(roles), filled, congress=congress) is None]


def assert_not_self_approval(action: Action, actor_id, submitter_id) -> None:
    """The workflow's separation of duties, for adjustments: the submitter approves nothing of theirs."""
    if action in APPROVALS and submitter_id is not None and actor_id == submitter_id:
        raise RouteError(SELF_APPROVAL.format(action=action.label))


def route_for(plan_kind: str) -> Route:
    """Special plans follow Hongqiao's route; the outline and every other plan the government's."""
    return Route.SPECIAL if plan_kind == "special" else Route.OUTLINE


# ------------------------------------------------------------------ the content of a proposal

REASON_REQUIRED = "请填写调整理由。"
BASIS_REQUIRED = "目标值调整须填写测算依据。"
AFTER_REQUIRED = "请填写调整后的内容。"
SAME_AS_BEFORE = "调整后的内容与调整前相同，无需调整。"
UNREADABLE_TARGET = ("调整后目标值“{text}”无法识别。请按规划表格的写法填写，如“16”“3-5”“累计1400”“>84”"
                     "“85左右”“与市保持同步”，或填写定性目标（如“全覆盖”）。")
KIND_NOT_FOR_ITEM = "{item}不能进行“{kind}”。"
TEXT_TOO_LONG = "调整后的内容不能超过{limit}字。"

KINDS_FOR_ITEM = {
    # A new indicator needs its baseline, unit and target as well: it is added in the plan tables
    # (数据导入), not through a proposal.
    "indicator": frozenset({Kind.TARGET, Kind.WORDING, Kind.CANCEL}),
    "task": frozenset({Kind.WORDING, Kind.ADD, Kind.CANCEL}),
    "project": frozenset({Kind.WORDING, Kind.ADD, Kind.CANCEL}),
}
AFTER_LIMIT = 200


@dataclass(frozen=True)
class Proposal:
    item_type: str
    kind: Kind
    before: str
    after: str
    reason: str
    basis: str
    indicator_name: str = ""
    unit: str = ""


def proposal_target(proposal: Proposal) -> Target | None:
    """The new target a target-value change (or a new indicator) would publish, parsed."""
    if proposal.item_type != "indicator" or proposal.kind not in (Kind.TARGET,):
        return None
    return parse_target(proposal.after, indicator_name=proposal.indicator_name, unit=proposal.unit)


def proposal_problems(proposal: Proposal) -> list[str]:
    """What keeps a proposal from being submitted, in Chinese; empty when it is complete.

    A new target the grammar cannot read is refused (the reason ``未能识别的目标表述`` of
    docs/targets.md); a qualitative one (全覆盖, 持续改善) is accepted and kept as qualitative.
    """
    problems = []
    if proposal.kind not in KINDS_FOR_ITEM.get(proposal.item_type, ()):
        return [KIND_NOT_FOR_ITEM.format(item=ITEM_LABELS.get(proposal.item_type, proposal.item_type),
                                         kind=proposal.kind.label)]
    after = proposal.after.strip()
    if proposal.kind is not Kind.CANCEL:
        if not after:
            problems.append(AFTER_REQUIRED)
        elif len(after) > AFTER_LIMIT:
            problems.append(TEXT_TOO_LONG.format(limit=AFTER_LIMIT))
        elif after == proposal.before.strip():
            problems.append(SAME_AS_BEFORE)
    target = proposal_target(proposal)
    if target is not None and after and not problems and target.reason in (REASON_UNREADABLE, REASON_EMPTY):
        problems.append(UNREADABLE_TARGET.format(text=after))
    if not proposal.reason.strip():
        problems.append(REASON_REQUIRED)
    if proposal.kind is Kind.TARGET and not proposal.basis.strip():
        problems.append(BASIS_REQUIRED)
    return problems


def version_phrase(number: int, valid_from) -> str:
    """How a judgement names the target it was made against: "按调整后目标（第2版，2023-11-08生效）研判"."""
    if number <= 1:
        return "按规划纲要发布的目标研判"
    when = f"，{valid_from.isoformat()}生效" if valid_from else ""
    return f"按调整后目标（第{number}版{when}）研判"


def is_quantitative(target: Target) -> bool:
    return target.kind is not TargetKind.QUALITATIVE
