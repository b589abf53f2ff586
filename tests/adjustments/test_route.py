"""The route table and the proposal checks, with no database (planeval.domain.adjustment_route)."""
import datetime

import pytest

from planeval.domain import adjustment_route as r
from planeval.domain.workflow import DRC, FILLER, LEADER

A, S, R = r.Action, r.State, r.Route
DECISION = r.StepInput(meeting="区政府常务会议", decided_on=datetime.date(2023, 9, 12), document="普府〔2023〕1号")


@pytest.mark.parametrize("route, state, action, roles, step, congress, expected", [
    (R.OUTLINE, S.DRAFT, A.SUBMIT, {FILLER}, r.StepInput(), False, S.SUBMITTED),
    (R.OUTLINE, S.RETURNED, A.SUBMIT, {FILLER}, r.StepInput(), False, S.SUBMITTED),
    (R.OUTLINE, S.SUBMITTED, A.RETURN, {DRC}, r.StepInput(comment="请补充测算依据"), False, S.RETURNED),
    (R.OUTLINE, S.SUBMITTED, A.PASS, {DRC}, r.StepInput(), False, S.REVIEWED),
    (R.OUTLINE, S.REVIEWED, A.APPROVE, {DRC}, DECISION, False, S.APPROVED),
    (R.OUTLINE, S.APPROVED, A.APPLY, {DRC}, r.StepInput(), False, S.APPLIED),
    (R.OUTLINE, S.APPROVED, A.REPORT, {DRC}, DECISION, True, S.REPORTED),
    (R.OUTLINE, S.REPORTED, A.APPLY, {DRC}, r.StepInput(), True, S.APPLIED),
    (R.SPECIAL, S.SUBMITTED, A.AGREE, {LEADER}, r.StepInput(), False, S.AGREED),
    (R.SPECIAL, S.AGREED, A.FILE, {DRC}, r.StepInput(), False, S.FILED),
    (R.SPECIAL, S.FILED, A.APPLY, {DRC}, r.StepInput(), False, S.APPLIED),
    (R.SPECIAL, S.SUBMITTED, A.WITHDRAW, {FILLER}, r.StepInput(), False, S.WITHDRAWN),
])
def test_each_step_of_both_routes(route, state, action, roles, step, congress, expected):
    assert r.advance(route, state, action, roles, step, congress=congress) is expected


@pytest.mark.parametrize("route, state, action, roles, step, congress, message", [
    (R.OUTLINE, S.SUBMITTED, A.PASS, {FILLER}, r.StepInput(), False, r.WRONG_ROLE.format(action="审核通过")),
    (R.OUTLINE, S.SUBMITTED, A.RETURN, {DRC}, r.StepInput(), False, r.COMMENT_REQUIRED.format(action="退回修改")),
    (R.OUTLINE, S.REVIEWED, A.APPROVE, {DRC}, r.StepInput(), False, r.DECISION_REQUIRED),
    (R.OUTLINE, S.APPROVED, A.APPLY, {DRC}, r.StepInput(), True, r.CONGRESS_FIRST),
    (R.OUTLINE, S.APPROVED, A.REPORT, {DRC}, DECISION, False, r.CONGRESS_NOT_NEEDED),
    (R.OUTLINE, S.APPROVED, A.REPORT, {DRC}, r.StepInput(), True, r.CONGRESS_DATE_REQUIRED),
    (R.OUTLINE, S.DRAFT, A.PASS, {DRC}, r.StepInput(), False,
     r.NOT_ALLOWED.format(state="起草中", action="审核通过")),
    (R.OUTLINE, S.SUBMITTED, A.AGREE, {LEADER}, r.StepInput(), False,
     r.NOT_ON_ROUTE.format(action="分管领导同意", route=R.OUTLINE.label)),
    (R.SPECIAL, S.SUBMITTED, A.AGREE, {DRC}, r.StepInput(), False, r.WRONG_ROLE.format(action="分管领导同意")),
    (R.SPECIAL, S.SUBMITTED, A.APPROVE, {DRC}, DECISION, False,
     r.NOT_ON_ROUTE.format(action="登记政府审定", route=R.SPECIAL.label)),
    (R.OUTLINE, S.APPLIED, A.WITHDRAW, {FILLER}, r.StepInput(), False,
     r.NOT_ALLOWED.format(state="已生效", action="撤回")),
])
def test_refusals_say_why_in_chinese(route, state, action, roles, step, congress, message):
    with pytest.raises(r.RouteError) as refused:
        r.advance(route, state, action, roles, step, congress=congress)
    assert refused.value.message == message


def test_nobody_approves_their_own_proposal():
    with pytest.raises(r.RouteError, match="不能审核通过本人提交的调整建议"):
        r.assert_not_self_approval(A.PASS, 7, 7)
    r.assert_not_self_approval(A.PASS, 7, 8)
    r.assert_not_self_approval(A.WITHDRAW, 7, 7)   # withdrawing one's own is not an approval


def test_buttons_follow_the_table():
    assert r.allowed_actions(R.OUTLINE, S.SUBMITTED, {DRC}) == [A.RETURN, A.PASS, A.REFUSE]
    assert r.allowed_actions(R.OUTLINE, S.APPROVED, {DRC}, congress=True) == [A.REPORT]
    assert r.allowed_actions(R.OUTLINE, S.APPROVED, {DRC}, congress=False) == [A.APPLY]
    assert r.allowed_actions(R.SPECIAL, S.SUBMITTED, {LEADER}) == [A.RETURN, A.AGREE, A.REFUSE]


def test_route_follows_the_plan_kind():
    assert r.route_for("special") is R.SPECIAL
    assert r.route_for("outline") is R.OUTLINE and r.route_for("regional") is R.OUTLINE


def proposal(**changes):
    base = dict(item_type="indicator", kind=r.Kind.TARGET, before="累计 150", after="累计 120",
                reason="认定标准提高", basis="按近三年年均认定24家测算", indicator_name="新增高新技术企业数", unit="家")
    return r.Proposal(**{**base, **changes})


@pytest.mark.parametrize("changes, problems", [
    ({}, []),
    ({"after": "全覆盖"}, []),                                   # qualitative: kept, not refused
    ({"after": "2025年达到85"}, [r.UNREADABLE_TARGET.format(text="2025年达到85")]),
    ({"after": "累计 150"}, [r.SAME_AS_BEFORE]),
    ({"after": ""}, [r.AFTER_REQUIRED]),
    ({"reason": " ", "basis": ""}, [r.REASON_REQUIRED, r.BASIS_REQUIRED]),
    ({"kind": r.Kind.ADD}, [r.KIND_NOT_FOR_ITEM.format(item="指标", kind="新增")]),
    ({"item_type": "task", "kind": r.Kind.CANCEL, "after": "", "basis": ""}, []),
])
def test_proposal_checks(changes, problems):
    assert r.proposal_problems(proposal(**changes)) == problems


def test_a_qualitative_new_target_stays_qualitative():
    target = r.proposal_target(proposal(after="全覆盖"))
    assert target.kind.value == "qualitative" and target.reason == "定性目标"
    assert r.proposal_target(proposal(after="累计 120")).kind.value == "cumulative"


def test_version_phrase():
    assert r.version_phrase(1, None) == "按规划纲要发布的目标研判"
    assert r.version_phrase(2, datetime.date(2023, 11, 8)) == "按调整后目标（第2版，2023-11-08生效）研判"
