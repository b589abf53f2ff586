"""Every URL of the consultations namespace × every demo role (anonymous included), and what each
kind of reader sees: a department only its invitation's sections, an outside reader only the
sections of its personal link, and neither another reader's comments.

The table is checked against the URL configuration, so a new URL without a row fails here.
"""
import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.consultations.models import Comment, Invitation
from tests.conftest import client_for

ROLES = ["anonymous", "admin", "fgw", "leader", "kewei", "observer", "pinggu", "shangwu", "security", "auditor"]
CONFINED = {"security", "auditor"}                    # separated administrators: their own pages only
READERS = {"admin", "fgw", "leader", "observer", "pinggu"}
DRC = {"admin", "fgw"}                                # the superuser may do what the DRC does
EVERYONE = set(ROLES) - CONFINED                      # the personal link: no account needed
STALE = {"expected_number": 999}

# url name: (method, allowed roles, kwargs builder, post data). Allowed roles get 200 (GET) or a redirect
# (POST; refused input is a message after the redirect); everyone else 403, the anonymous the login page.
MATRIX = {
    "index": ("get", READERS | {"kewei", "shangwu"}, lambda w: {"campaign_id": w["campaign"].id}, {}),
    "version_record": ("post", DRC, lambda w: {"campaign_id": w["campaign"].id}, STALE),
    "version_promote": ("post", DRC, lambda w: {"campaign_id": w["campaign"].id}, STALE),
    "record_export": ("get", READERS, lambda w: {"campaign_id": w["campaign"].id, "fmt": "xlsx"}, {}),
    "version": ("get", READERS, lambda w: {"version_id": w["version"].id}, {}),
    "version_docx": ("get", READERS, lambda w: {"version_id": w["version"].id}, {}),
    "round_open": ("post", DRC, lambda w: {"version_id": w["version"].id}, {"title": ""}),
    "round": ("get", READERS, lambda w: {"round_id": w["round"].id}, {}),
    "invite": ("post", DRC, lambda w: {"round_id": w["round"].id}, {"kind": "expert"}),
    "answer": ("post", DRC, lambda w: {"comment_id": w["open"].id}, {"decision": "", "version": 1}),
    "reading": ("get", {"kewei"}, lambda w: {"invitation_id": w["kewei"].id}, {}),
    "reading_no_comment": ("post", {"kewei"}, lambda w: {"invitation_id": w["kewei"].id}, {}),
    "public_reading": ("get", EVERYONE, lambda w: {"token": w["deputy"].token}, {}),
    "public_no_comment": ("post", EVERYONE, lambda w: {"token": w["deputy"].token}, {}),
}
PUBLIC = {"public_reading", "public_no_comment"}


@pytest.fixture
def world(campaign, sample_round, kewei_invitation, deputy_invitation):
    """The demo round, and 'shangwu', a filler of 区商务委 (invited to other sections than 区科委)."""
    shangwu = User.objects.create(username="shangwu")
    RoleAssignment.objects.create(user=shangwu, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                  unit=Invitation.objects.get(round=sample_round, unit__name="区商务委").unit)
    return {"campaign": campaign, "round": sample_round, "version": sample_round.draft, "kewei": kewei_invitation,
            "deputy": deputy_invitation, "open": Comment.objects.get(invitation__round=sample_round, decision="")}


def test_every_url_has_a_row():
    names = {p.name for p in get_resolver().namespace_dict["consultations"][1].url_patterns}
    assert names == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(world, name, role):
    method, allowed, kwargs, data = MATRIX[name]
    client = Client() if role == "anonymous" else client_for(role)
    url = reverse(f"consultations:{name}", kwargs=kwargs(world))
    response = client.post(url, data) if method == "post" else client.get(url)
    if role in allowed:
        assert response.status_code == (302 if method == "post" else 200), (name, role, response.status_code)
        if method == "post":
            assert not response["Location"].startswith("/accounts/login")
    elif role == "anonymous" and name not in PUBLIC:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login")
    else:
        assert response.status_code == 403, (name, role, response.status_code)


def _titles(invitation, asked: bool):
    return [s["title"] for s in invitation.round.draft.sections if (s["key"] in invitation.sections) == asked]


def test_department_reads_only_its_sections(world):
    page = client_for("kewei").get(reverse("consultations:reading", args=[world["kewei"].id])).content.decode()
    for title in _titles(world["kewei"], asked=True):
        assert title in page
    for title in _titles(world["kewei"], asked=False):
        assert f">{title}<" not in page
    assert "建议补充研发经费投入强度" in page           # its own comment, with the answer
    assert "已在主要目标指标进展中补充统计口径说明" in page
    assert "外贸进出口" not in page                     # 区商务委's comment on a shared section


def test_department_cannot_open_another_departments_invitation(world):
    other = Invitation.objects.get(round=world["round"], unit__name="区商务委")
    assert client_for("kewei").get(reverse("consultations:reading", args=[other.id])).status_code == 403
    assert client_for("shangwu").get(reverse("consultations:reading", args=[other.id])).status_code == 200
    # An outsider's invitation has no login page at all.
    assert client_for("kewei").get(reverse("consultations:reading", args=[world["deputy"].id])).status_code == 403


def test_personal_link_shows_only_the_readers_sections(world):
    deputy = world["deputy"]
    page = Client().get(reverse("consultations:public_reading", args=[deputy.token])).content.decode()
    for title in _titles(deputy, asked=True):
        assert title in page
    for title in _titles(deputy, asked=False):
        assert f">{title}<" not in page
    assert "建议增加对民生短板的分析" in page and "部分采纳" in page
    assert "约束性指标逐项提出保障措施" not in page       # the expert's comment on the same section
    assert "示例数据" in page


def test_unknown_or_department_token_is_not_found(world):
    assert Client().get("/p/c/not-a-token/").status_code == 404
    assert Client().get(f"/p/c/{world['deputy'].token[:-1]}/").status_code == 404
    assert world["kewei"].token is None


def test_department_comment_through_the_page(world):
    key = world["kewei"].sections[0]
    client = client_for("kewei")
    url = reverse("consultations:reading", args=[world["kewei"].id])
    not_asked = next(s["key"] for s in world["round"].draft.sections if s["key"] not in world["kewei"].sections)
    refused = client.post(url, {"section": not_asked, "text": "越权意见"})
    assert refused.status_code == 400 and "您没有被邀请阅读该章节" in refused.content.decode()
    assert "越权意见" in refused.content.decode()      # what was typed is shown again, not lost
    assert not Comment.objects.filter(text="越权意见").exists()
    assert client.post(url, {"section": key, "text": "建议补充一张表。", "quote": "原文"}).status_code == 302
    comment = Comment.objects.get(text="建议补充一张表。")
    assert comment.author.username == "kewei" and comment.quote == "原文"


def test_a_department_sees_only_its_invitations_on_the_overview(world):
    page = client_for("kewei").get(reverse("consultations:index", args=[world["campaign"].id])).content.decode()
    assert reverse("consultations:reading", args=[world["kewei"].id]) in page
    assert 'aria-label="报告版本"' not in page and 'aria-label="征求意见情况"' not in page and "/p/c/" not in page
    other = Invitation.objects.get(round=world["round"], unit__name="区商务委")
    assert reverse("consultations:reading", args=[other.id]) not in page


def test_only_the_drc_sees_the_personal_links(world):
    url = reverse("consultations:round", args=[world["round"].id])
    assert world["deputy"].token in client_for("fgw").get(url).content.decode()
    assert world["deputy"].token not in client_for("leader").get(url).content.decode()
    assert world["deputy"].token not in client_for("observer").get(url).content.decode()
