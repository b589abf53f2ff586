"""The topic route, its deadlines in working days (across holidays), and the report paragraph — no database."""
import datetime

import pytest

from planeval.domain import topic_flow as flow
from planeval.domain.workflow import DRC, LEADER
from planeval.domain.working_days import CalendarNotCovered

LEAD = frozenset({flow.LEAD})
S, A = flow.State, flow.Action


@pytest.mark.parametrize("state, action, roles, expected", [
    (S.ASSIGNED, A.START, LEAD, S.RESEARCHING),
    (S.RESEARCHING, A.SUBMIT, LEAD, S.SUBMITTED),
    (S.RETURNED, A.SUBMIT, LEAD, S.SUBMITTED),
    (S.SUBMITTED, A.ACCEPT, frozenset({DRC}), S.ACCEPTED),
    (S.SUBMITTED, A.RETURN, frozenset({DRC}), S.RETURNED),
])
def test_route_table(state, action, roles, expected):
    assert flow.advance(state, action, roles, comment="理由", summary="结论") is expected


@pytest.mark.parametrize("state, action, roles, message", [
    (S.ASSIGNED, A.SUBMIT, LEAD, "专题当前为“已布置”，不能提交报告。"),
    (S.ACCEPTED, A.RETURN, frozenset({DRC}), "专题当前为“已验收”，不能退回修改。"),
    (S.SUBMITTED, A.ACCEPT, LEAD, "只有发改委统筹人员可以验收。"),
    (S.SUBMITTED, A.ACCEPT, frozenset({LEADER}), "只有发改委统筹人员可以验收。"),
    (S.ASSIGNED, A.START, frozenset({DRC}), "只有牵头单位的填报人或单位负责人可以开始研究。"),
])
def test_refusals_name_the_reason(state, action, roles, message):
    with pytest.raises(flow.FlowError) as refused:
        flow.advance(state, action, roles, comment="理由", summary="结论")
    assert refused.value.message == message


def test_return_needs_a_reason_and_submit_needs_a_summary():
    with pytest.raises(flow.FlowError, match=flow.NEEDS_REASON):
        flow.advance(S.SUBMITTED, A.RETURN, frozenset({DRC}), comment="  ")
    with pytest.raises(flow.FlowError, match=flow.REPORT_EMPTY):
        flow.advance(S.RESEARCHING, A.SUBMIT, LEAD, summary="")


def test_allowed_actions_by_role():
    assert flow.allowed_actions(S.SUBMITTED, frozenset({DRC})) == [A.RETURN, A.ACCEPT]
    assert flow.allowed_actions(S.SUBMITTED, LEAD) == []
    assert flow.allowed_actions(S.RETURNED, LEAD) == [A.SUBMIT]


@pytest.mark.parametrize("event_on, days, due", [
    # Spring Festival 2024: 10–17 February off; Sunday 18 February is a make-up workday.
    (datetime.date(2024, 2, 7), 3, datetime.date(2024, 2, 18)),
    # Mid-Autumn and National Day 2023: 29 September – 6 October off; Saturday 7 October works.
    (datetime.date(2023, 9, 27), 2, datetime.date(2023, 10, 7)),
    # An ordinary July: 15 working days are three weeks.
    (datetime.date(2023, 7, 3), 15, datetime.date(2023, 7, 24)),
])
def test_deadline_in_working_days_across_holidays(event_on, days, due):
    deadline = flow.Deadline(event="专题布置", event_on=event_on, days=days)
    assert flow.deadline_problems(deadline) == []
    assert flow.due_date(deadline) == due
    assert deadline.describe() == f"专题布置后{days}个工作日内（{due.year}年{due.month}月{due.day}日前）"


def test_deadline_on_a_date():
    deadline = flow.Deadline(on=datetime.date(2023, 10, 13))
    assert flow.due_date(deadline) == datetime.date(2023, 10, 13)
    assert deadline.describe() == "2023年10月13日前"


@pytest.mark.parametrize("deadline, message", [
    (flow.Deadline(), flow.DEADLINE_MISSING),
    (flow.Deadline(event="批复", event_on=datetime.date(2023, 7, 3)), flow.DEADLINE_MISSING),
    (flow.Deadline(on=datetime.date(2023, 7, 3), event="批复", event_on=datetime.date(2023, 7, 3), days=5),
     flow.DEADLINE_BOTH),
    (flow.Deadline(event="批复", event_on=datetime.date(2023, 7, 3), days=0), flow.DAYS_RANGE),
])
def test_deadline_problems(deadline, message):
    assert flow.deadline_problems(deadline) == [message]


def test_a_year_the_calendar_does_not_cover_is_refused_not_guessed():
    with pytest.raises(CalendarNotCovered) as uncovered:
        flow.due_date(flow.Deadline(event="批复", event_on=datetime.date(2099, 3, 1), days=5))
    assert "2099" in str(uncovered.value)


def test_topic_paragraph_and_overview():
    text = flow.topic_paragraph(flow.TopicFacts(title="优化营商环境", lead_unit="区发改委",
                                                supporting_units=("区政府办", "区市场监管局"),
                                                summary="改革举措落实到位", findings="审批时限仍有差距。"))
    assert text == ("围绕“优化营商环境”开展专题评估（由区发改委牵头、区政府办、区市场监管局配合）。"
                    "改革举措落实到位。主要发现：审批时限仍有差距。")
    assert flow.topics_overview(total=2, accepted=1) == "本次评估共部署专题评估2项，已验收1项，其余1项正在推进。"
    assert flow.topics_overview(total=1, accepted=1) == "本次评估共部署专题评估1项，均已完成并通过验收。"
