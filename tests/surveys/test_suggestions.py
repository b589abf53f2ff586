"""人民建议征集 over HTTP: the public submits, the DRC moderates and routes, the unit answers; refusals change nothing."""
import pytest
from django.urls import reverse

from planeval.audit.models import AuditEvent
from planeval.organizations.models import Unit
from planeval.surveys import access, services
from planeval.surveys.models import Suggestion, SuggestionStep
from planeval.surveys.selectors import campaign_areas
from tests.conftest import client_for

CONTENT = "建议在桃浦中央绿地周边增加公共停车位，周末停车难问题很突出。"


def submit(public, campaign, *, address="198.51.100.20", content=CONTENT, title="增加停车位", area=None):
    client = public(address)
    page_url = reverse("surveys:public_suggest", args=[campaign.id])
    assert client.get(page_url).status_code == 200
    return client, client.post(page_url, {"title": title, "content": content, "area": area.id if area else ""})


def test_the_whole_route(campaign, public):
    area = campaign_areas(campaign).get(number="七")
    _, reply = submit(public, campaign, area=area)
    assert reply.status_code == 302 and reply["Location"].endswith("?sent=1")
    suggestion = Suggestion.objects.get(content=CONTENT)
    assert suggestion.state == "pending" and suggestion.area == area and not suggestion.is_sample
    # Not public before moderation.
    page = public().get(reverse("surveys:public_suggest", args=[campaign.id])).content.decode()
    assert "增加停车位" not in page

    drc = client_for("fgw")
    detail = reverse("surveys:suggestion", args=[suggestion.id])
    assert drc.get(detail).status_code == 200
    drc.post(reverse("surveys:suggestion_moderate", args=[suggestion.id]), {"decision": "publish", "version": 1})
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    drc.post(reverse("surveys:suggestion_route", args=[suggestion.id]), {"unit": unit.id, "note": "请研究", "version": 2})
    suggestion.refresh_from_db()
    assert suggestion.state == "routed" and suggestion.unit == unit

    kewei = client_for("kewei")
    assert "增加停车位" in kewei.get(reverse("surveys:inbox")).content.decode()
    kewei.post(reverse("surveys:suggestion_answer", args=[suggestion.id]),
               {"outcome": "adopted", "reply": "已纳入明年停车场建设计划。", "version": 3})
    suggestion.refresh_from_db()
    assert suggestion.state == "answered" and suggestion.outcome == "adopted"
    steps = list(SuggestionStep.objects.filter(suggestion=suggestion).values_list("action", "by__username"))
    assert steps == [("submit", None), ("publish", "fgw"), ("route", "fgw"), ("answer", "kewei")]
    assert AuditEvent.objects.filter(target_type="surveys.suggestion", target_id=str(suggestion.id),
                                     action="transition").count() == 3
    public_page = public().get(reverse("surveys:public_suggest", args=[campaign.id])).content.decode()
    assert "增加停车位" in public_page and "已纳入明年停车场建设计划。" in public_page


def test_rejection_needs_a_reason_and_a_refusal_changes_nothing(campaign, public):
    submit(public, campaign, content="加微信低价出售二手手机，质量保证，欢迎咨询。", title="出售手机")
    suggestion = Suggestion.objects.get(title="出售手机")
    drc = client_for("fgw")
    moderate = reverse("surveys:suggestion_moderate", args=[suggestion.id])
    page = drc.post(moderate, {"decision": "reject", "reason": "", "version": 1}, follow=True).content.decode()
    assert services.REASON_REQUIRED in page
    suggestion.refresh_from_db()
    assert suggestion.state == "pending" and suggestion.version == 1
    assert SuggestionStep.objects.filter(suggestion=suggestion).count() == 1
    drc.post(moderate, {"decision": "reject", "reason": "广告", "version": 1})
    suggestion.refresh_from_db()
    assert suggestion.state == "rejected" and suggestion.reject_reason == "广告"
    # A stale form (version 1 again) is refused, and so is routing a rejected suggestion.
    page = drc.post(moderate, {"decision": "publish", "version": 1}, follow=True).content.decode()
    assert services.STALE_SUGGESTION in page
    page = drc.post(reverse("surveys:suggestion_route", args=[suggestion.id]),
                    {"unit": Unit.objects.filter(jurisdiction=campaign.jurisdiction).first().id}, follow=True)
    assert "不能转办" in page.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == "rejected" and suggestion.unit is None


def test_only_the_routed_unit_answers(campaign):
    routed = Suggestion.objects.get(campaign=campaign, is_sample=True, unit__name="区建管委", state="routed")
    refused = client_for("kewei").post(reverse("surveys:suggestion_answer", args=[routed.id]),
                                       {"outcome": "adopted", "reply": "好", "version": routed.version})
    assert refused.status_code == 403
    assert access.NOT_YOUR_SUGGESTION in refused.content.decode()
    routed.refresh_from_db()
    assert routed.state == "routed" and routed.outcome == ""


def test_public_refusals_store_nothing(campaign, public, settings):
    before = Suggestion.objects.count()
    _, short = submit(public, campaign, content="太短")
    assert short.status_code == 400 and services.SUGGESTION_TOO_SHORT in short.content.decode()
    client, _ = submit(public, campaign)
    again = client.post(reverse("surveys:public_suggest", args=[campaign.id]), {"title": "增加停车位", "content": CONTENT})
    assert again.status_code == 400 and services.SUGGESTION_DUPLICATE in again.content.decode()
    assert Suggestion.objects.count() == before + 1
    settings.SUGGESTION_RATE_LIMIT = 1
    _, flooded = submit(public, campaign, content=CONTENT + "另外建议增加充电桩。")
    assert flooded.status_code == 429
    assert Suggestion.objects.count() == before + 1


@pytest.mark.parametrize("username", ["leader", "observer"])
def test_readers_cannot_moderate(campaign, username):
    pending = Suggestion.objects.get(campaign=campaign, is_sample=True, state="pending")
    refused = client_for(username).post(reverse("surveys:suggestion_moderate", args=[pending.id]),
                                        {"decision": "publish"})
    assert refused.status_code == 403
    pending.refresh_from_db()
    assert pending.state == "pending"
