"""Services of 征求意见 on the real database: what they write, and that refusals change nothing."""
import datetime

import pytest
from django.test import Client

from planeval.audit.models import AuditEvent
from planeval.consultations import selectors, services
from planeval.consultations.models import (
    Answer,
    Comment,
    DraftVersion,
    Invitation,
    Round,
)
from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.domain import consultation as rules
from planeval.organizations.models import Unit


def _state():
    """Everything a refused write must leave as it was."""
    return (DraftVersion.objects.count(), Round.objects.count(), Invitation.objects.count(),
            list(Comment.objects.values_list("id", "decision", "reason", "version").order_by("id")),
            Answer.objects.count(), list(Invitation.objects.values_list("id", "answered_at", "no_comment")))


def test_demo_round_is_pending(campaign, sample_round, latest):
    assert latest.stage == "consult" and latest.is_sample
    assert [v.stage for v in selectors.versions(campaign)] == ["consult", "draft"]
    assert selectors.open_comment_count(campaign) == 1
    kinds = set(sample_round.invitations.values_list("kind", flat=True))
    assert kinds == {"department", "deputy", "cppcc", "expert", "enterprise"}
    decisions = sorted(Comment.objects.filter(invitation__round=sample_round).values_list("decision", flat=True))
    assert decisions == ["", "adopted", "adopted", "partly", "rejected"]


def test_promotion_to_review_refused_while_a_comment_is_open(campaign, fgw, latest):
    before = _state()
    with pytest.raises(ApplicationError) as refused:
        services.version_promote(campaign=campaign, user=fgw, expected_number=latest.number)
    assert refused.value.message == rules.OPEN_COMMENTS.format(count=1)
    assert _state() == before


def test_answering_the_last_comment_opens_the_way_to_review(campaign, fgw, latest):
    open_comment = Comment.objects.get(invitation__round__campaign=campaign, decision="")
    services.comment_answer(comment=open_comment, user=fgw, decision="partly", reason="纳入数字化转型专题。",
                            expected_version=open_comment.version)
    review = services.version_promote(campaign=campaign, user=fgw, expected_number=latest.number)
    assert (review.stage, review.number) == ("review", latest.number + 1)
    assert "（送审稿）" in review.title and bytes(review.docx)[:2] == b"PK"
    # Older versions stay as they were, readable.
    older = DraftVersion.objects.get(campaign=campaign, number=latest.number)
    assert older.stage == "consult" and older.sections == latest.sections
    assert AuditEvent.objects.filter(action="transition", target_type="consultations.draftversion",
                                     target_id=str(review.id)).exists()
    # Once the 送审稿 exists, the consultation is closed: no comment, no answer change, no round.
    invitation = Invitation.objects.filter(round__campaign=campaign, unit__isnull=True).first()
    before = _state()
    with pytest.raises(ApplicationError, match="本轮征求意见已结束"):
        services.comment_post(invitation=invitation, section_key=invitation.sections[0], text="迟到的意见",
                              address="198.51.100.1")
    answered = Comment.objects.filter(invitation__round__campaign=campaign).exclude(decision="").first()
    with pytest.raises(ApplicationError, match="意见答复不能再修改"):
        services.comment_answer(comment=answered, user=fgw, decision="rejected", reason="改主意",
                                expected_version=answered.version)
    with pytest.raises(ApplicationError, match="送审稿已不能再发起征求意见"):
        services.round_open(version=review, user=fgw, title="再征求一次", deadline=datetime.date(2023, 10, 1))
    assert _state() == before


def test_stale_version_number_is_refused(campaign, fgw, latest):
    before = _state()
    with pytest.raises(StaleVersionError, match="现为第2版"):
        services.version_record(campaign=campaign, user=fgw, expected_number=latest.number - 1)
    assert _state() == before


def test_reason_required_and_stale_answer_refused(campaign, fgw):
    comment = Comment.objects.get(invitation__round__campaign=campaign, decision="")
    before = _state()
    with pytest.raises(ApplicationError, match="“部分采纳”须填写理由。"):
        services.comment_answer(comment=comment, user=fgw, decision="partly", reason=" ",
                                expected_version=comment.version)
    with pytest.raises(ApplicationError, match=rules.BAD_DECISION):
        services.comment_answer(comment=comment, user=fgw, decision="", reason="x", expected_version=comment.version)
    assert _state() == before
    services.comment_answer(comment=comment, user=fgw, decision="adopted", reason="", expected_version=comment.version)
    with pytest.raises(StaleVersionError) as stale:   # a second form opened before the first answer
        services.comment_answer(comment=comment, user=fgw, decision="rejected", reason="不属本报告",
                                expected_version=1)
    assert "您的保存未生效" in stale.value.message
    comment.refresh_from_db()
    assert (comment.decision, comment.version) == ("adopted", 2)


def test_changed_answer_keeps_the_earlier_one(campaign, fgw):
    comment = Comment.objects.filter(invitation__round__campaign=campaign, decision="rejected").get()
    services.comment_answer(comment=comment, user=fgw, decision="partly", reason="保障措施列入附表。",
                            expected_version=comment.version)
    history = list(comment.answers.values_list("decision", flat=True))
    assert history == ["rejected", "partly"]
    assert AuditEvent.objects.filter(action="value_change", target_type="consultations.comment",
                                     target_id=str(comment.id)).count() >= 2


def test_comment_outside_the_asked_sections_is_refused(kewei_invitation, kewei):
    not_asked = next(s["key"] for s in kewei_invitation.round.draft.sections if s["key"] not in kewei_invitation.sections)
    before = _state()
    with pytest.raises(ApplicationError, match=services.NOT_ASKED):
        services.comment_post(invitation=kewei_invitation, user=kewei, section_key=not_asked, text="越权意见")
    with pytest.raises(ApplicationError, match=services.TEXT_REQUIRED):
        services.comment_post(invitation=kewei_invitation, user=kewei, section_key=kewei_invitation.sections[0],
                              text="  ")
    with pytest.raises(ApplicationError, match=services.TEXT_TOO_LONG):
        services.comment_post(invitation=kewei_invitation, user=kewei, section_key=kewei_invitation.sections[0],
                              text="长" * 2001)
    assert _state() == before


def test_invitation_refusals(sample_round, fgw, campaign):
    before = _state()
    key = sample_round.draft.sections[0]["key"]
    with pytest.raises(ApplicationError, match="区科委已在本轮征求意见的对象中"):
        services.invitation_add(round_=sample_round, user=fgw, kind="department", sections=[key],
                                unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委"))
    with pytest.raises(ApplicationError, match=services.FOREIGN_UNIT):
        services.invitation_add(round_=sample_round, user=fgw, kind="department", sections=[key],
                                unit=Unit.objects.exclude(jurisdiction=campaign.jurisdiction).first())
    with pytest.raises(ApplicationError, match=services.NAME_REQUIRED):
        services.invitation_add(round_=sample_round, user=fgw, kind="expert", sections=[key], name=" ")
    with pytest.raises(ApplicationError, match=services.SECTIONS_REQUIRED):
        services.invitation_add(round_=sample_round, user=fgw, kind="expert", sections=[], name="赵专家")
    with pytest.raises(ApplicationError, match=services.UNKNOWN_SECTION):
        services.invitation_add(round_=sample_round, user=fgw, kind="expert", sections=["999"], name="赵专家")
    assert _state() == before
    expert = services.invitation_add(round_=sample_round, user=fgw, kind="expert", sections=[key], name="赵专家")
    assert len(expert.token) >= 40 and expert.unit is None and expert.deadline == sample_round.deadline
    department = services.invitation_add(round_=sample_round, user=fgw, kind="department", sections=[key],
                                         unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区教育局"))
    assert department.token is None


def test_outsider_comments_are_rate_limited(deputy_invitation, settings):
    settings.CONSULTATION_RATE_LIMIT = 2
    key = deputy_invitation.sections[0]
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = f"/p/c/{deputy_invitation.token}/"
    for n in range(2):
        assert client.post(url, {"section": key, "text": f"意见{n}"}).status_code == 302
    count = Comment.objects.filter(invitation=deputy_invitation).count()
    response = client.post(url, {"section": key, "text": "第三条"})
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert Comment.objects.filter(invitation=deputy_invitation).count() == count


def test_due_items_for_departments_only(campaign, sample_round):
    items = {i.key: i for i in selectors.due_items(campaign)}
    departments = Invitation.objects.filter(round=sample_round, unit__isnull=False)
    assert set(items) == {f"consultation:{i.id}" for i in departments}
    jinrong = departments.get(unit__name="区金融办")
    item = items[f"consultation:{jinrong.id}"]
    assert not item.done and item.unit_ids == (jinrong.unit_id,) and item.due_on == datetime.date(2023, 7, 31)
    assert item.url == f"/consultation/invitations/{jinrong.id}/"
    assert items[f"consultation:{departments.get(unit__name='区科委').id}"].done


def test_no_comment_counts_as_answered(campaign, fgw, sample_round):
    key = sample_round.draft.sections[0]["key"]
    invitation = services.invitation_add(round_=sample_round, user=fgw, kind="department", sections=[key],
                                         unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区教育局"))
    assert not next(i for i in selectors.due_items(campaign) if i.key == f"consultation:{invitation.id}").done
    services.invitation_no_comment(invitation=invitation, user=fgw)
    assert next(i for i in selectors.due_items(campaign) if i.key == f"consultation:{invitation.id}").done


def test_round_and_answer_refusals(consult_version, campaign, fgw):
    before = _state()
    with pytest.raises(ApplicationError, match=services.TITLE_REQUIRED):
        services.round_open(version=consult_version, user=fgw, title=" ", deadline=datetime.date(2023, 8, 15))
    with pytest.raises(ApplicationError, match=services.DEADLINE_REQUIRED):
        services.round_open(version=consult_version, user=fgw, title="第二轮", deadline=None)
    with pytest.raises(ApplicationError, match=services.UNIT_REQUIRED):
        services.invitation_add(round_=Round.objects.get(campaign=campaign, is_sample=True), user=fgw,
                                kind="department", sections=["1"])
    answered = Comment.objects.filter(invitation__round__campaign=campaign, decision="partly").get()
    with pytest.raises(ApplicationError, match=services.UNCHANGED):
        services.comment_answer(comment=answered, user=fgw, decision="partly", reason=answered.reason,
                                expected_version=answered.version)
    assert _state() == before


def test_the_round_page_refuses_a_missing_reason_with_its_message(campaign):
    from tests.conftest import client_for

    comment = Comment.objects.get(invitation__round__campaign=campaign, decision="")
    response = client_for("fgw").post(f"/consultation/comments/{comment.id}/answer/",
                                      {"decision": "rejected", "reason": "", "version": comment.version}, follow=True)
    assert "“不采纳”须填写理由。" in response.content.decode()
    comment.refresh_from_db()
    assert comment.decision == "" and comment.version == 1
