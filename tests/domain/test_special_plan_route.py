"""The special-plan evaluation route as a table: who may take which step from which state."""
import pytest

from planeval.domain import special_plan_route as route
from planeval.domain.special_plan_route import Action, State
from planeval.domain.workflow import DRC, FILLER, LEADER, UNIT_HEAD

UNIT = {FILLER}


@pytest.mark.parametrize("state, action, roles, comment, expected", [
    (State.DRAFTING, Action.CONSULT, UNIT, "", State.CONSULTING),
    (State.CONSULTING, Action.SUBMIT, {UNIT_HEAD}, "", State.SUBMITTED),
    (State.SUBMITTED, Action.FEEDBACK, {DRC}, "请补充数据来源。", State.REVISING),
    (State.REVISING, Action.SEND, UNIT, "", State.REVIEWING),
    (State.REVIEWING, Action.APPROVE, {LEADER}, "", State.APPROVED),
    (State.REVIEWING, Action.RETURN, {LEADER}, "请补充举措。", State.REVISING),
    (State.APPROVED, Action.FILE, UNIT, "", State.FILED),
])
def test_each_step_of_the_route(state, action, roles, comment, expected):
    assert route.advance(state, action, roles, comment) is expected


@pytest.mark.parametrize("state, action, roles, comment, message", [
    (State.DRAFTING, Action.SUBMIT, UNIT, "", "当前状态（起草中）下不能执行“报送发改委”。"),
    (State.DRAFTING, Action.CONSULT, {DRC}, "", "您的角色不能执行“征求意见”。"),
    (State.SUBMITTED, Action.FEEDBACK, {DRC}, "  ", "“出具反馈意见”须填写意见。"),
    (State.SUBMITTED, Action.FEEDBACK, {LEADER}, "意见", "您的角色不能执行“出具反馈意见”。"),
    (State.REVIEWING, Action.APPROVE, {DRC}, "", "您的角色不能执行“审定”。"),
    (State.REVIEWING, Action.APPROVE, UNIT, "", "您的角色不能执行“审定”。"),
    (State.REVISING, Action.APPROVE, {LEADER}, "", "当前状态（修改完善中）下不能执行“审定”。"),
    (State.REVIEWING, Action.RETURN, {LEADER}, "", "“退回修改”须填写意见。"),
    (State.FILED, Action.FILE, UNIT, "", "当前状态（已报发改委备案）下不能执行“报发改委备案”。"),
    (State.APPROVED, Action.FILE, {LEADER}, "", "您的角色不能执行“报发改委备案”。"),
])
def test_refusals_say_why(state, action, roles, comment, message):
    with pytest.raises(route.RouteError) as refused:
        route.advance(state, action, roles, comment)
    assert refused.value.message == message


def test_nobody_approves_what_they_sent():
    with pytest.raises(route.RouteError) as refused:
        route.assert_not_self_approval(Action.APPROVE, 7, 7)
    assert refused.value.message == route.SELF_APPROVAL.format(action="审定")
    route.assert_not_self_approval(Action.APPROVE, 7, 8)
    route.assert_not_self_approval(Action.FILE, 7, 7)   # filing is not an approval


def test_buttons_follow_the_table():
    assert route.actions_for(State.DRAFTING, UNIT) == [Action.CONSULT]
    assert route.actions_for(State.REVIEWING, {LEADER}) == [Action.APPROVE, Action.RETURN]
    # A leader who also sent the evaluation (holding both roles) sees no 审定 button.
    assert route.actions_for(State.REVIEWING, {LEADER, FILLER}, actor_id=3, sender_id=3) == [Action.RETURN]
    assert route.actions_for(State.FILED, {DRC, LEADER, FILLER}) == []


def test_editable_only_while_drafting_or_revising():
    editable = {s for s in State if route.is_editable(s)}
    assert editable == {State.DRAFTING, State.CONSULTING, State.REVISING}


def test_every_state_and_action_has_a_chinese_label():
    assert all(s.label for s in State) and all(a.label for a in Action)
    assert {r.target for r in route.RULES.values()} | {State.DRAFTING} == set(State)
