"""Problem-list rules: proposals from C/D items, status moves, support requests, report text — no database."""
import pytest

from planeval.domain import problem_list as rules

ITEMS = [
    rules.RatedItem("indicator", 1, "新增高新技术企业数", "C", "认定放缓。", "加强培育。"),
    rules.RatedItem("indicator", 2, "研发投入强度", "B", "", ""),
    rules.RatedItem("task", 3, "打造新型基础设施", "D", "", "加快建设"),
    rules.RatedItem("project", 4, "智创城一期", "", "", ""),
]


def test_proposals_come_from_c_and_d_items_only_and_skip_listed_ones():
    proposals = rules.proposals_from_report(ITEMS, taken={"task:3"})
    assert [p.key for p in proposals] == ["indicator:1"]
    text = proposals[0].text
    assert text.problem == "指标“新增高新技术企业数”进展较慢、需要加快推进（自评C）"
    assert (text.causes, text.measures) == ("认定放缓。", "加强培育。")


def test_a_proposal_with_empty_causes_cannot_be_saved_as_is():
    proposal = rules.proposals_from_report(ITEMS, taken=set())[1]
    assert proposal.key == "task:3"
    assert rules.problem_problems(proposal.text) == [rules.CAUSES_EMPTY]


@pytest.mark.parametrize("now, new, allowed", [
    (rules.Status.OPEN, rules.Status.IN_PROGRESS, True),
    (rules.Status.OPEN, rules.Status.SOLVED, True),
    (rules.Status.IN_PROGRESS, rules.Status.SOLVED, True),
    (rules.Status.SOLVED, rules.Status.IN_PROGRESS, True),
    (rules.Status.IN_PROGRESS, rules.Status.OPEN, False),
    (rules.Status.SOLVED, rules.Status.OPEN, False),
    (rules.Status.OPEN, rules.Status.OPEN, False),
])
def test_status_moves(now, new, allowed):
    refusal = rules.status_move_problem(now, new)
    assert (refusal == "") is allowed
    if not allowed:
        assert refusal == f"问题当前为“{now.label}”，不能改为“{new.label}”。"


def test_support_route():
    S, A = rules.SupportStatus, rules.SupportAction
    assert rules.support_move(S.RAISED, A.COMPILE) is S.COMPILED
    assert rules.support_move(S.COMPILED, A.ANSWER, answer="同意") is S.ANSWERED
    with pytest.raises(ValueError, match=rules.ANSWER_EMPTY):
        rules.support_move(S.COMPILED, A.ANSWER, answer=" ")
    with pytest.raises(ValueError, match="该事项当前为“已提出”，不能登记上级答复。"):
        rules.support_move(S.RAISED, A.ANSWER, answer="同意")


def test_support_problems():
    assert rules.support_problems(rules.SupportText("policy", "用地政策", "支持", "市级")) == []
    assert rules.support_problems(rules.SupportText("policy", "", "", "区级")) == [
        rules.SUPPORT_ITEM_EMPTY, rules.SUPPORT_NEED_EMPTY, rules.SUPPORT_LEVEL]


def test_overview_and_line():
    text = rules.problems_overview(problems={"open": 2, "in_progress": 1}, supports={"policy": 1, "indicator": 2})
    assert text == "各单位梳理形成问题清单3项，其中待解决2项、推进中1项、已解决0项；梳理需上级支持事项3项（指标2项、政策1项）。"
    assert rules.problem_line(unit="区科委", problem="载体不足。", causes="供给有限", measures="盘活存量；") == \
        "区科委：载体不足。原因：供给有限。措施：盘活存量。"
