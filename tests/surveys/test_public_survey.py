"""The anonymous questionnaire over HTTP: CSRF, one answer per device, rate limit, refusals store nothing."""
import pytest
from django.test import Client
from django.urls import reverse

from planeval.surveys import services, views_public
from planeval.surveys.models import Answer, RateCounter, Response


def url(q):
    return reverse("surveys:public_survey", args=[q.public_id])


def answer_sheet(q, score="4", text="河道水质明显改善"):
    questions = list(q.questions.order_by("position"))
    return {f"q{questions[1].id}": score, f"q{questions[2].id}": text,
            f"q{questions[0].id}": str(questions[0].options.first().id)}


def open_page(client, q):
    page = client.get(url(q))
    assert page.status_code == 200
    return page


def test_anonymous_answer_is_stored_without_address(open_questionnaire, public):
    client = public()
    page = open_page(client, open_questionnaire)
    assert "您对生态环境的满意程度" in page.content.decode()
    assert views_public.DEVICE_COOKIE in page.cookies
    reply = client.post(url(open_questionnaire), answer_sheet(open_questionnaire))
    assert reply.status_code == 302 and reply["Location"].endswith("/thanks/")
    response = Response.objects.get(questionnaire=open_questionnaire)
    assert len(response.device_key) == 40   # a keyed hash of the cookie, not the cookie
    assert Answer.objects.get(response=response, score__isnull=False).score == 4
    # Nothing stored holds the address, neither the response nor the counter.
    counter = RateCounter.objects.get()
    assert "198.51.100.7" not in counter.key and counter.count == 1
    assert client.get(reply["Location"]).content.decode().count(views_public.THANKS) == 1


def test_csrf_token_is_required(open_questionnaire):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.8")
    open_page(client, open_questionnaire)
    refused = client.post(url(open_questionnaire), answer_sheet(open_questionnaire))
    assert refused.status_code == 403
    assert not Response.objects.filter(questionnaire=open_questionnaire).exists()


def test_second_answer_from_the_same_device_is_refused(open_questionnaire, public):
    client = public()
    open_page(client, open_questionnaire)
    client.post(url(open_questionnaire), answer_sheet(open_questionnaire))
    again = client.post(url(open_questionnaire), answer_sheet(open_questionnaire, score="1"))
    assert again.status_code == 409
    assert services.ALREADY_ANSWERED in again.content.decode()
    assert Response.objects.filter(questionnaire=open_questionnaire).count() == 1
    assert RateCounter.objects.get().count == 1   # the refusal consumed nothing


def test_post_without_device_cookie_is_refused(open_questionnaire):
    client = Client(REMOTE_ADDR="198.51.100.9")
    refused = client.post(url(open_questionnaire), answer_sheet(open_questionnaire))
    assert refused.status_code == 400 and services.NO_DEVICE in refused.content.decode()
    assert not Response.objects.exists() or not Response.objects.filter(questionnaire=open_questionnaire).exists()


def test_flood_from_one_address_is_refused_after_the_limit(open_questionnaire, public, settings):
    settings.SURVEY_RATE_LIMIT = 3
    for _ in range(3):
        device = public("203.0.113.50")
        open_page(device, open_questionnaire)
        assert device.post(url(open_questionnaire), answer_sheet(open_questionnaire)).status_code == 302
    flood = public("203.0.113.50")
    open_page(flood, open_questionnaire)
    refused = flood.post(url(open_questionnaire), answer_sheet(open_questionnaire))
    assert refused.status_code == 429
    assert services.RATE_LIMITED.format(minutes=60, limit=3) in refused.content.decode()
    assert Response.objects.filter(questionnaire=open_questionnaire).count() == 3
    # Another address is not affected.
    other = public("203.0.113.51")
    open_page(other, open_questionnaire)
    assert other.post(url(open_questionnaire), answer_sheet(open_questionnaire)).status_code == 302


def test_invalid_answers_store_nothing_and_keep_what_was_typed(open_questionnaire, public):
    client = public()
    open_page(client, open_questionnaire)
    refused = client.post(url(open_questionnaire), answer_sheet(open_questionnaire, score="9", text="我的意见"))
    page = refused.content.decode()
    assert refused.status_code == 400
    assert services.ANSWERS_INVALID in page and "请选择1至5分。" in page and "我的意见" in page
    assert not Response.objects.filter(questionnaire=open_questionnaire).exists()
    assert not RateCounter.objects.exists()   # the counter's increment was rolled back too


def test_required_question_left_blank(open_questionnaire, public):
    client = public()
    open_page(client, open_questionnaire)
    sheet = answer_sheet(open_questionnaire)
    sheet = {k: v for k, v in sheet.items() if v != "4"}
    refused = client.post(url(open_questionnaire), sheet)
    assert refused.status_code == 400 and "此题为必答题。" in refused.content.decode()


def test_draft_is_not_public_and_closed_questionnaire_takes_no_answers(open_questionnaire, public, fgw):
    client = public()
    open_page(client, open_questionnaire)
    services.questionnaire_transition(questionnaire=open_questionnaire, action="close", user=fgw)
    refused = client.post(url(open_questionnaire), answer_sheet(open_questionnaire))
    assert refused.status_code == 400 and services.NOT_ACCEPTING in refused.content.decode()
    draft = services.questionnaire_new_version(questionnaire=open_questionnaire, user=fgw)
    assert public().get(url(draft)).status_code == 404


def test_old_rate_windows_are_deleted(open_questionnaire, public):
    import datetime

    from django.utils import timezone

    RateCounter.objects.create(key="x" * 64, window_start=timezone.now() - datetime.timedelta(hours=3), count=5)
    client = public()
    open_page(client, open_questionnaire)
    client.post(url(open_questionnaire), answer_sheet(open_questionnaire))
    assert RateCounter.objects.count() == 1 and RateCounter.objects.get().count == 1


@pytest.mark.parametrize("address", ["2001:db8:aa:bb::1", "2001:db8:aa:bb::2"])
def test_ipv6_addresses_of_one_network_share_a_count(open_questionnaire, public, settings, address):
    settings.SURVEY_RATE_LIMIT = 1
    first = public("2001:db8:aa:bb::99")
    open_page(first, open_questionnaire)
    assert first.post(url(open_questionnaire), answer_sheet(open_questionnaire)).status_code == 302
    second = public(address)
    open_page(second, open_questionnaire)
    assert second.post(url(open_questionnaire), answer_sheet(open_questionnaire)).status_code == 429
