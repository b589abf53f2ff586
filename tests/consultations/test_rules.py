"""The rules of 征求意见 (planeval.domain.consultation), without a database."""
import pytest

from planeval.domain import consultation as rules
from planeval.domain.consultation import ConsultationError, Stage


@pytest.mark.parametrize("stage, open_comments, expected", [
    (Stage.DRAFT, 3, Stage.CONSULT),          # comments on a 初稿 do not hold up the 征求意见稿
    (Stage.CONSULT, 0, Stage.REVIEW),
    (Stage.REVIEW, 0, Stage.FINAL),
])
def test_next_stage(stage, open_comments, expected):
    assert rules.next_stage(stage, open_comments=open_comments) is expected


def test_review_needs_every_comment_answered():
    with pytest.raises(ConsultationError) as refused:
        rules.next_stage(Stage.CONSULT, open_comments=2)
    assert refused.value.message == rules.OPEN_COMMENTS.format(count=2)
    assert "尚有2条意见未答复" in refused.value.message


def test_final_is_the_last_stage():
    with pytest.raises(ConsultationError, match=rules.FINAL_STAGE):
        rules.next_stage(Stage.FINAL, open_comments=0)


@pytest.mark.parametrize("decision, reason, ok", [
    ("adopted", "", True), ("adopted", "已修改", True), ("partly", "部分补充", True), ("rejected", "不属本报告", True),
    ("partly", "", False), ("rejected", "   ", False), ("", "理由", False), ("maybe", "理由", False),
])
def test_checked_answer(decision, reason, ok):
    if ok:
        assert rules.checked_answer(decision, reason) == (rules.Decision(decision), reason.strip())
    else:
        with pytest.raises(ConsultationError):
            rules.checked_answer(decision, reason)


def test_reason_message_names_the_decision():
    with pytest.raises(ConsultationError) as refused:
        rules.checked_answer("rejected", "")
    assert refused.value.message == "“不采纳”须填写理由。"


def test_only_drafts_and_consultation_drafts_are_consulted():
    rules.assert_consultable(Stage.DRAFT)
    rules.assert_consultable(Stage.CONSULT)
    with pytest.raises(ConsultationError, match="送审稿已不能再发起征求意见"):
        rules.assert_consultable(Stage.REVIEW)


def test_adoption_counts_and_sentence():
    counts = rules.adoption_counts(["adopted", "adopted", "partly", "rejected", ""])
    assert counts == {"采纳": 2, "部分采纳": 1, "不采纳": 1, "未答复": 1, "合计": 5}
    assert rules.adoption_sentence(counts, asked=7, answered=5) == (
        "共征求7位（家）读者意见，5位（家）反馈，收到意见5条，其中采纳2条、部分采纳1条、不采纳1条，尚未答复1条。")
